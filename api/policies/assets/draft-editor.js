// The raw YAML editor of a draft's file: checks the text as it is typed (a pause of 0.7 s), without storing it,
// and lists the diagnostics by line beside the editor. Saving stores the text (even when invalid).
(function () {
  "use strict";
  var editor = document.getElementById("text");
  var list = document.getElementById("live-problems");
  var status = document.getElementById("live-status");
  var form = document.getElementById("raw-editor");
  if (!editor || !list || !status || !form || !editor.dataset.checkUrl) {
    return;
  }
  var timer = null;
  var sent = 0;

  function show(problems) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    problems.forEach(function (p) {
      var item = document.createElement("li");
      item.className = "problem";
      item.dataset.line = String(p.line);
      item.textContent = editor.dataset.path + ":" + p.line + ": " + p.code + ": " + p.message;
      list.appendChild(item);
    });
  }

  function check() {
    var mine = ++sent;
    var body = new URLSearchParams();
    body.set("csrf_token", form.elements.csrf_token.value);
    body.set("path", editor.dataset.path);
    body.set("text", editor.value);
    status.textContent = "checking…";
    fetch(editor.dataset.checkUrl, {method: "POST", body: body, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (mine !== sent) {
          return;  // a later check is under way
        }
        show(answer.problems || []);
        status.textContent = answer.problems && answer.problems.length
          ? "as typed (not saved): " + answer.problems.length + " problem(s)"
          : "as typed (not saved): no problem in this file";
        status.className = answer.problems && answer.problems.length ? "down" : "up";
      })
      .catch(function () { status.textContent = "could not check; saving checks too"; });
  }

  editor.addEventListener("input", function () {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(check, 700);
  });
}());
