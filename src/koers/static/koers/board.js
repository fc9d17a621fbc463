// The team board keeps itself up to date without a page reload (no flash, no meta refresh
// that nobody can stop): every data-refresh seconds it fetches its own address again and swaps
// the board in place. When the link stops working (revoked or expired: the server answers
// 404/410) the screen loads the page that says so. A network hiccup keeps the last board.
(function () {
  "use strict";
  var seconds = parseInt(document.body.getAttribute("data-refresh"), 10);
  if (!seconds) return;
  function update() {
    fetch(window.location.href, { cache: "no-store", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { window.location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null) return;
        var next = new DOMParser().parseFromString(html, "text/html");
        var main = next.querySelector("main");
        if (!main) { window.location.reload(); return; }
        document.querySelector("main").replaceWith(document.adoptNode(main));
        document.title = next.title;
      })
      .catch(function () { /* offline for a moment: keep showing the last board */ });
  }
  window.setInterval(update, seconds * 1000);
})();
