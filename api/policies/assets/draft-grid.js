// The draft page's tables: each row, default and example has its own form and its own Save, and what is typed in a
// row is sent with that row only. A Save elsewhere (or leaving the page) would drop it without a word: the row is
// marked as not saved, and the person is asked before it is lost.
(function () {
  "use strict";
  var leaving = false;

  function changed(el) {
    return !el.readOnly && el.value !== el.defaultValue;
  }

  function rowName(el) {
    var row = el.closest("tr");
    return row && row.cells.length ? row.cells[0].innerText.split("\n")[0].trim() : el.form.id;
  }

  // the rows with typed text not saved, but the one `sending` sends (cells name their row's form: form="...")
  function unsaved(sending) {
    var names = [];
    document.querySelectorAll("input[form]").forEach(function (el) {
      if (el.form && el.form !== sending && changed(el) && names.indexOf(rowName(el)) < 0) {
        names.push(rowName(el));
      }
    });
    return names;
  }

  document.addEventListener("input", function (event) {
    var el = event.target;
    var row = el.closest && el.closest("tr");
    if (row && el.hasAttribute("form")) {
      var cells = row.querySelectorAll("input[form]");
      row.classList.toggle("unsaved", Array.prototype.some.call(cells, changed));
    }
  });

  document.addEventListener("submit", function (event) {
    var lost = unsaved(event.target);
    if (lost.length && !window.confirm("Not saved: " + lost.join(", ") + ". Each Save sends its own row only; " +
                                       "send this one and lose what was typed there?")) {
      event.preventDefault();
      return;
    }
    leaving = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (!leaving && unsaved(null).length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}());
