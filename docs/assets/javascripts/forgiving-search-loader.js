/* Loads forgiving-search.js (typos in the search box) on the box's first focus, not with the page */
(function () {
  var box = document.querySelector(".md-search__input"), me = document.currentScript;
  if (!box || !me) return;
  function load() {
    box.removeEventListener("focus", load);
    var script = document.createElement("script");
    script.src = new URL("forgiving-search.js", me.src).href;
    document.head.appendChild(script);
  }
  if (document.activeElement === box) load(); else box.addEventListener("focus", load);
})();
