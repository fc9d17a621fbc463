// Entry grid: Enter moves to the next cell (Shift+Enter to the previous one), like a
// spreadsheet. Each cell is saved by HTMX when it changes (see _cell.html).
(function () {
  "use strict";
  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll(".entry-grid .entry-input"));
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !target.classList || !target.classList.contains("entry-input")) {
      return;
    }
    event.preventDefault();
    var all = inputs();
    var next = all[all.indexOf(target) + (event.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      next.select();
    } else {
      var save = document.querySelector(".entry-grid .entry-save");
      if (save) save.focus();
    }
  });
})();
