// Client-side search over every server and tool. The index is a script (search-index.js) rather than a
// JSON fetch, so search works from file:// too. Results are built with textContent: nothing is parsed as HTML.
(function () {
  "use strict";
  var index = window.MCPRISK_INDEX || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("status");
  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    var found = index.filter(function (e) {
      return words.every(function (w) { return e[3].indexOf(w) !== -1; });
    });
    status.textContent = found.length + " result" + (found.length === 1 ? "" : "s");
    found.slice(0, 100).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e[2];
      link.textContent = e[1];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + e[0] + (e[4] ? ", " + e[4] + " risk" : "") + ")"));
      list.appendChild(item);
    });
  }
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  input.addEventListener("input", run);
  document.getElementById("search").addEventListener("submit", function (event) { event.preventDefault(); run(); });
  run();
})();
