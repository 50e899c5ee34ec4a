// Shows and hides the questions of a page as answers change. The server decides (the same
// evaluator as for submissions); this only applies its answer, sent by htmx as an event.
document.addEventListener("vivier:relevance", function (event) {
  var detail = event.detail || {};
  (detail.show || []).forEach(function (name) {
    var block = document.getElementById("q-" + name);
    if (block) { block.classList.remove("vivier-irrelevant"); }
  });
  (detail.hide || []).forEach(function (name) {
    var block = document.getElementById("q-" + name);
    if (block) { block.classList.add("vivier-irrelevant"); }
  });
});
