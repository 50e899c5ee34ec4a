// Marks the page as scripted before it is drawn, so that CSS may hide what scripts will show
// again (questions that do not apply yet). Loaded in the head, not deferred, for that reason.
document.documentElement.classList.add("js");
