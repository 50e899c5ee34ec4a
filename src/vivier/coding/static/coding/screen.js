// The coding screen, keyboard first. Progressive enhancement only: every action is a form
// or a link that works without this script; this adds the keys and turns a selection of the
// text into the start and end fields the forms already have.
//
// Keys (not while typing in a field, and never with Ctrl, Alt or Meta):
//   a code's shortcut (digit or letter): apply it to the selected passage, else to the text;
//   n or j: next text; p or k: previous text; u: undo my last action; m: write a memo.
//
// Offsets are counted in Unicode characters (code points), as the server and REFI-QDA count
// them. JavaScript strings count UTF-16 units, in which an emoji or a rare letter outside the
// Basic Multilingual Plane is two: Array.from splits a string into code points instead.
(function () {
  "use strict";
  var text = document.getElementById("screen-text");
  if (!text) { return; }
  var RESERVED = { n: "next", j: "next", p: "previous", k: "previous", u: "undo", m: "memo" };

  function codePoints(value) { return Array.from(value).length; }

  // Code points of the text from its beginning to (node, offset).
  function offsetAt(node, offset) {
    var range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  // [start, end) of the selection within the text, or null when nothing of it is selected.
  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      return null;
    }
    var start = offsetAt(range.startContainer, range.startOffset);
    var end = offsetAt(range.endContainer, range.endOffset);
    return end > start ? [start, end] : null;
  }

  function setSpan(span) {
    var start = document.getElementById("f-start");
    var end = document.getElementById("f-end");
    if (!start || !end) { return; }
    start.value = span ? String(span[0]) : "";
    end.value = span ? String(span[1]) : "";
  }

  // A code chosen with the mouse: the selection, if any, is the passage. Capture phase, so
  // that the fields are filled before htmx reads the form.
  document.addEventListener("submit", function (event) {
    if (event.target && event.target.id === "screen-apply") {
      var span = selectedSpan();
      if (span) { setSpan(span); }
    }
  }, true);

  function follow(id) {
    var link = document.getElementById(id);
    if (link && link.href) { window.location.assign(link.href); }
  }

  // Through the submit event, so that htmx (when it runs) sends the form itself.
  function submit(form) {
    if (!form) { return; }
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    // Typing in a field is typing, not a command (the span fields take digits).
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    if (!event.key || event.key.length !== 1) { return; }
    var key = event.key.toLowerCase();
    var action = RESERVED[key];
    if (action === "next") { follow("screen-next"); }
    else if (action === "previous") { follow("screen-previous"); }
    else if (action === "undo") { submit(document.getElementById("screen-undo")); }
    else if (action === "memo") {
      var memo = document.getElementById("f-text");
      if (memo) { memo.focus(); }
    } else {
      var button = document.querySelector(
        '#screen-codes button[data-shortcut="' + CSS.escape(key) + '"]'
      );
      if (!button) { return; }
      setSpan(selectedSpan());
      // A click, not requestSubmit(button): htmx learns which button sent the form from
      // its click, and the button's code is the value sent.
      button.click();
    }
    event.preventDefault();
  });

  // htmx leaves error answers unswapped by default: a refused span (400) is shown like any
  // other answer, with the error summary it carries.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail && event.detail.xhr && event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A code applied: the passage is done with.
  document.addEventListener("htmx:afterRequest", function (event) {
    var source = event.detail && event.detail.elt;
    if (source && source.id === "screen-apply" && event.detail.successful) {
      setSpan(null);
      var selection = window.getSelection();
      if (selection) { selection.removeAllRanges(); }
    }
  });
}());
