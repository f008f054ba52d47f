// Search over every server and tool, from an index cut into chunks (catalog/publish/search_index.py): for each
// word of the query, the chunk of words sharing its first two letters; then the records of the results shown.
// Chunks are scripts, not fetch()es, so search works from file:// too. Results are built with textContent:
// nothing from the catalogue is parsed as HTML.
(function () {
  "use strict";
  var manifest = window.MCPRISK_SEARCH || { per: 64, total: 0, chunks: [] };
  var known = {}, common = {};
  manifest.chunks.forEach(function (k) { known[k] = true; });
  (manifest.common || []).forEach(function (w) { common[w] = true; }); // in most entries: they narrow nothing
  var wordChunks = {}, entryChunks = {}, loading = {};
  var SHOWN = 30;
  var STOP = " a an and are as at be by for from in is it of on or that the this to with ";
  window.MCPRISK_W = function (key, chunk) { wordChunks[key] = chunk; };
  window.MCPRISK_E = function (key, list) { entryChunks[key] = list; };

  var input = document.getElementById("q");
  var riskFilter = document.getElementById("risk");
  var categoryFilter = document.getElementById("category");
  var list = document.getElementById("results");
  var status = document.getElementById("status");

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = "search/" + name + ".js";
        script.onload = resolve;
        script.onerror = resolve; // a missing chunk means no such words
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  function chunkKey(word, length) {
    var head = Array.from(word).slice(0, length).join("");
    if (/^[a-z0-9]+$/.test(head)) { return head; }
    return "x" + Array.from(head).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  // The chunks that hold a word and the words it begins: the longest chunk the index has for it (a big chunk is
  // cut by more letters), and, for a word shorter than the cut, the few chunks under it.
  var keys = manifest.chunks;
  function chunksFor(word) {
    var n = Array.from(word).length, found = [];
    for (var length = Math.min(n, 12); length >= 1; length--) {
      if (known[chunkKey(word, length)]) { found.push(chunkKey(word, length)); break; }
    }
    var own = chunkKey(word, n);
    if (/^[a-z0-9]+$/.test(own)) {
      var under = keys.filter(function (k) { return k.length > own.length && k.indexOf(own) === 0; });
      if (under.length <= 8) { found = found.concat(under); }
    }
    return found;
  }

  function queryWords(text) {
    var spaced = text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return (spaced.match(/[\p{L}\p{N}]+/gu) || []).filter(function (w) { return STOP.indexOf(" " + w + " ") === -1; });
  }

  function distance(a, b, most) { // Levenshtein, giving up past `most`
    if (Math.abs(a.length - b.length) > most) { return most + 1; }
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev[j] = j; }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        best = Math.min(best, cur[j]);
      }
      if (best > most) { return most + 1; }
      prev = cur;
    }
    return prev[b.length];
  }

  function decode(gaps) {
    var ids = [], at = 0;
    gaps.forEach(function (g, i) { at = i === 0 ? g : at + g; ids.push(at); });
    return ids;
  }

  // The entries a word finds: the word itself, words it begins, else words a typo or two away.
  function idsFor(word, exactOnly) {
    var chunk = {};
    chunksFor(word).forEach(function (k) { Object.assign(chunk, wordChunks[k] || {}); });
    var found = {}, any = false, terms = Object.keys(chunk);
    function take(term) { decode(chunk[term]).forEach(function (id) { found[id] = true; }); any = true; }
    terms.forEach(function (term) {
      if (term === word || (!exactOnly && term.indexOf(word) === 0)) { take(term); }
    });
    if (!any && !exactOnly && word.length >= 4) {
      var most = word.length >= 8 ? 2 : 1;
      terms.forEach(function (term) { if (term.indexOf(":") === -1 && distance(word, term, most) <= most) { take(term); } });
    }
    return found;
  }

  function intersect(sets) {
    if (!sets.length) { return []; }
    return Object.keys(sets[0]).map(Number).filter(function (id) {
      return sets.every(function (s) { return s[id]; });
    }).sort(function (a, b) { return a - b; });
  }

  function badge(text, cls) {
    var span = document.createElement("span");
    span.className = "badge " + cls;
    span.textContent = text;
    return span;
  }

  function show(ids, generation) {
    var wanted = ids.slice(0, SHOWN);
    var chunks = {};
    wanted.forEach(function (id) { chunks[Math.floor(id / manifest.per)] = true; });
    return Promise.all(Object.keys(chunks).map(function (c) { return load("e-" + c); })).then(function () {
      if (generation !== current) { return; }
      list.textContent = "";
      wanted.forEach(function (id) {
        var e = (entryChunks[Math.floor(id / manifest.per)] || [])[id % manifest.per];
        if (!e) { return; }
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = e[2];
        link.textContent = e[1];
        item.appendChild(link);
        var badges = document.createElement("span");
        badges.className = "badges";
        badges.appendChild(badge(e[0] === "server" ? "Server" : "Tool", "kind"));
        if (e[5]) { badges.appendChild(badge("Poisoned", "poisoned")); }
        if (e[3]) { badges.appendChild(badge(e[3] + " risk", "risk-" + e[3].toLowerCase())); }
        if (e[4]) { badges.appendChild(badge(e[4], "cat cat-" + e[4].toLowerCase())); }
        if (e[0] === "server") { badges.appendChild(badge(e[7], "grade")); }
        item.appendChild(document.createTextNode(" "));
        item.appendChild(badges);
        var text = document.createElement("p");
        text.className = e[5] ? "withheld" : "snippet";
        text.textContent = e[5] && e[0] === "tool"
          ? "Description withheld: it addresses the agent, not you. Its page quotes it."
          : (e[6] || "") + (e[0] === "tool" ? " (" + e[7] + ")" : "");
        item.appendChild(text);
        list.appendChild(item);
      });
    });
  }

  var current = 0;
  function run() {
    var generation = ++current;
    var words = queryWords(input.value);
    var longWords = words.filter(function (w) { return w.length > 1; });
    if (longWords.length) { words = longWords; }
    var telling = words.filter(function (w) { return !common[w]; });
    if (words.length && !telling.length && !(riskFilter && riskFilter.value) && !(categoryFilter && categoryFilter.value)) {
      list.textContent = "";
      status.textContent = "Too common a word to search for: add another.";
      return Promise.resolve();
    }
    words = telling;
    var filters = [];
    if (riskFilter && riskFilter.value) { filters.push("risk:" + riskFilter.value); }
    if (categoryFilter && categoryFilter.value) { filters.push("category:" + categoryFilter.value); }
    if (!words.length && !filters.length) { list.textContent = ""; status.textContent = ""; return Promise.resolve(); }
    var all = words.concat(filters);
    var needed = {};
    all.forEach(function (w) { chunksFor(w).forEach(function (k) { needed[k] = true; }); });
    status.textContent = "Searching…";
    return Promise.all(Object.keys(needed).map(function (k) { return load("w-" + k); })).then(function () {
      if (generation !== current) { return; }
      var sets = words.map(function (w) { return idsFor(w, false); })
        .concat(filters.map(function (f) { return idsFor(f, true); }));
      var ids = intersect(sets);
      var said = ids.length + " result" + (ids.length === 1 ? "" : "s") +
        (ids.length > SHOWN ? ", the first " + SHOWN + " shown" : "");
      if (!ids.length) { list.textContent = ""; status.textContent = said; return; }
      return show(ids, generation).then(function () { // the count and the list change together
        if (generation === current) { status.textContent = said; }
      });
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); }
  if (params.get("risk") && riskFilter) { riskFilter.value = params.get("risk"); }
  if (params.get("category") && categoryFilter) { categoryFilter.value = params.get("category"); }
  input.addEventListener("input", run);
  [riskFilter, categoryFilter].forEach(function (f) { if (f) { f.addEventListener("change", run); } });
  document.getElementById("search").addEventListener("submit", function (event) { event.preventDefault(); run(); });
  window.MCPRISK_RUN = run;
  run();
})();
