/* Search that forgives typos in any word (issue 26).

   Material's search worker appends `*` to every query word and never allows an edit, so
   "Partnreship" finds nothing. This script corrects the query in the search box itself: when
   the reader pauses typing (PAUSE ms), a word of five letters or more that no indexed word has
   or starts with is replaced by its nearest indexed word (one edit for 5 to 8 letters, two for
   longer ones; a swap of two neighbouring letters is one edit; ties go to the word the index
   uses most), the box's value is set and Material is told (it reads the box on keyup), and a
   note under the box says what was searched, with a button that searches what the reader typed
   instead. Words the index has are never touched.

   This script and the vocabulary (search/vocabulary.js, written by hooks/search_index.py) load
   when the reader first focuses the search box (forgiving-search-loader.js, the page script that
   mkdocs.yml lists), as scripts: they also load from file:// in the offline copy.
   The correction is a pure function, exported for Node (tests/test_search.py applies it to the
   reader queries before Material's own worker answers them). */
(function () {
  "use strict";
  var PAUSE = 300, SHORTEST = 5, ONE_EDIT_UP_TO = 8;

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();   // as the hook's folded()
  }

  /* {words: "0afghan6istan...", uses: "02..."} (hooks/search_index.py vocabulary_script) ->
     {words: [sorted], uses: Map word -> log2 count} */
  function parse(data) {
    var words = [], uses = new Map(), previous = "", part = /(\d)(\D*)/g, match, i = 0;
    while ((match = part.exec(data.words)) && match[0]) {
      previous = previous.slice(0, +match[1]) + match[2];
      words.push(previous);
      uses.set(previous, +(data.uses.charAt(i++) || 0));
    }
    return { words: words, uses: uses };
  }

  /* Optimal string alignment distance (Damerau: a swap of neighbours is one edit), or
     limit + 1 as soon as it must exceed limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], row, i, j, best;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
            a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2] + 1);
        row.push(d);
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* Is the word indexed, or the start of an indexed word (Material's `*` finds it)? */
  function known(word, vocabulary) {
    var words = vocabulary.words, low = 0, high = words.length;
    if (vocabulary.uses.has(word)) return true;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (words[middle] < word) low = middle + 1; else high = middle;
    }
    return low < words.length && words[low].lastIndexOf(word, 0) === 0;
  }

  /* The nearest indexed word to an unknown word, or null. */
  function nearest(word, vocabulary) {
    var limit = word.length <= ONE_EDIT_UP_TO ? 1 : 2, found = null, foundDistance = limit + 1, foundUses = -1;
    for (var i = 0; i < vocabulary.words.length; i++) {
      var candidate = vocabulary.words[i];
      if (Math.abs(candidate.length - word.length) > limit) continue;
      var d = distance(word, candidate, Math.min(limit, foundDistance));
      var uses = vocabulary.uses.get(candidate);
      if (d < foundDistance || (d === foundDistance && d <= limit && uses > foundUses)) {
        found = candidate;
        foundDistance = d;
        foundUses = uses;
      }
    }
    return foundDistance <= limit ? found : null;
  }

  /* The query with each unknown word of five letters or more replaced by its nearest indexed
     word: {query, changes: [[typed, replacement], ...]}. Pure: the same in the page and in Node. */
  function correct(query, vocabulary) {
    var changes = [];
    var corrected = query.replace(/[\p{L}\p{M}]+/gu, function (typed) {
      var word = fold(typed);
      if (word.length < SHORTEST || known(word, vocabulary)) return typed;
      var replacement = nearest(word, vocabulary);
      if (!replacement) return typed;
      if (typed.charAt(0) !== typed.charAt(0).toLowerCase()) {
        replacement = replacement.charAt(0).toUpperCase() + replacement.slice(1);
      }
      changes.push([typed, replacement]);
      return replacement;
    });
    return { query: corrected, changes: changes };
  }

  var api = { parse: parse, distance: distance, known: known, nearest: nearest, correct: correct, PAUSE: PAUSE };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* In the page. */
  var input = document.querySelector(".md-search__input");
  var wrap = document.querySelector(".md-search__scrollwrap");
  if (!input || !wrap) return;
  var source = document.currentScript && document.currentScript.src;
  var vocabulary = null, loading = false, timer = 0, declined = null;

  // The note: a polite live region, empty (and of no height) until a query is corrected.
  var note = document.createElement("div");
  note.className = "kb-search-note";
  note.setAttribute("role", "status");
  note.setAttribute("aria-live", "polite");
  wrap.insertBefore(note, wrap.firstChild);

  function tellMaterial() {
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function clearNote() {
    note.textContent = "";
    note.style.cssText = "";
  }

  function showNote(typed, corrected) {
    clearNote();
    note.style.cssText = "padding:.4rem .8rem;font-size:.64rem;line-height:1.5;" +
      "color:var(--md-default-fg-color--light);background-color:var(--md-default-fg-color--lightest)";
    var strong = document.createElement("strong");
    strong.textContent = corrected;
    var undo = document.createElement("button");
    undo.type = "button";
    undo.className = "kb-search-note__undo";
    undo.textContent = "Search for \u201c" + typed + "\u201d instead";
    undo.style.cssText = "color:var(--md-typeset-a-color);text-decoration:underline;cursor:pointer;font:inherit;padding:0";
    undo.addEventListener("click", function () {
      declined = typed;
      input.value = typed;
      clearNote();
      input.focus();
      tellMaterial();
      input.setAttribute("data-checked", typed);
    });
    note.append("Showing results for ", strong, ". ", undo);
  }

  function check() {
    timer = 0;
    if (!vocabulary) return;
    var typed = input.value;
    if (typed !== declined) {
      var result = correct(typed, vocabulary);
      if (result.changes.length) {
        input.value = result.query;
        tellMaterial();
        showNote(typed, result.query);
      }
    }
    input.setAttribute("data-checked", input.value);   // for tests: the query as the script left it
  }

  function load() {
    if (loading || !source) return;
    loading = true;
    var script = document.createElement("script");
    script.src = new URL("../../search/vocabulary.js", source).href;
    script.onload = function () {
      if (window.__kbVocabulary) vocabulary = parse(window.__kbVocabulary);
      if (input.value && !timer) check();
    };
    document.head.appendChild(script);
  }

  if (input.form) input.form.addEventListener("reset", clearNote);   // the box's Clear button
  load();                                         // the loader runs this script on the first focus
  input.addEventListener("input", function () {
    if (note.firstChild) clearNote();
    input.removeAttribute("data-checked");
    clearTimeout(timer);
    timer = setTimeout(check, PAUSE);
  });
})();
