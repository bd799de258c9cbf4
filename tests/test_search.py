"""Search that forgives (issue 26), at the level of the index: no browser. hooks/search_index.py
adds hidden words (other names, French names, accent-free forms, the data pages) and writes the
vocabulary that the page script docs/assets/javascripts/forgiving-search.js corrects typos to;
Material's own search worker, run in Node on the built index, answers the reader queries of
tests/test_browser.py as the search box does, after the page script's correction (the browser
test types them for real)."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
import search_index  # noqa: E402
from test_browser import CORRECTED, PASS_RATE, QUERIES  # noqa: E402

# Material's search worker in a Node VM: one JSON line [query, [pages in result order]] per query.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
const site = process.argv[process.argv.length - 1], dir = path.join(site, "assets/javascripts/workers");
const worker = fs.readdirSync(dir).find(f => /^search\..*\.min\.js$/.test(f));
const replies = [], ctx = { console, postMessage: m => replies.push(m), addEventListener: (t, fn) => { ctx.handler = fn } };
ctx.self = ctx; vm.createContext(ctx);
vm.runInContext(fs.readFileSync(path.join(dir, worker), "utf8"), ctx);
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
// The page script's correction (forgiving-search.js), as the search box applies it after a pause.
const forgiving = require(path.join(site, "assets/javascripts/forgiving-search.js")), words = {};
vm.runInNewContext(fs.readFileSync(path.join(site, "search/vocabulary.js"), "utf8"), words);
const vocabulary = forgiving.parse(words.__kbVocabulary), asTyped = process.argv.includes("--as-typed");
const correct = q => asTyped ? q : forgiving.correct(q, vocabulary).query;
(async () => {
  const send = async data => { ctx.handler({ data }); for (let i = 0; i < 100 && !replies.length; i++) await new Promise(r => setImmediate(r)); return replies.shift(); };
  await send({ type: 0, data: { ...index, options: { suggest: true } } });
  for (const q of JSON.parse(fs.readFileSync(0, "utf8"))) {
    const r = await send({ type: 2, data: correct(q) }), pages = [];
    for (const group of r.data.items) { const p = group[0].location.split("#")[0]; if (!pages.includes(p)) pages.push(p); }
    console.log(JSON.stringify([q, pages]));
  }
})();
"""


# The page script's correction (docs/assets/javascripts/forgiving-search.js, a pure function
# exported for Node) on a vocabulary written by the hook's own vocabulary_script.
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "forgiving-search.js"
CORRECT = r"""
const vm = require("vm"), forgiving = require(process.argv[process.argv.length - 2]), words = {};
vm.runInNewContext(require("fs").readFileSync(0, "utf8"), words);
const vocabulary = forgiving.parse(words.__kbVocabulary);
for (const q of JSON.parse(process.argv[process.argv.length - 1])) console.log(JSON.stringify(forgiving.correct(q, vocabulary)));
"""


def corrected(counts: dict[str, int], queries: list[str]) -> list[dict]:
    script = search_index.vocabulary_script(Counter(counts))
    out = subprocess.run(["node", "-e", CORRECT, "--", str(SCRIPT), json.dumps(queries)], input=script,
                         capture_output=True, text=True, check=True, timeout=60).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node")
def test_the_page_script_corrects_typos_in_any_word_and_leaves_known_words_alone():
    counts = {"partnership": 40, "peace": 30, "afghanistan": 20, "stoltenberg": 5, "nuclear": 9, "deterrence": 7,
              "sharing": 3, "satellites": 1, "ratification": 2, "sweden": 4, "norway": 4, "finland": 4,
              "interoperability": 6, "norvege": 1, "partners": 12, "parents": 1, "leaders": 8, "lenders": 2}
    cases = {
        "Partnreship for Peace": "Partnership for Peace",   # two letters swapped: one edit (Damerau)
        "Afghanistna": "Afghanistan",
        "nucelar sharing": "nuclear sharing",
        "deterence": "deterrence",                          # a letter missing
        "sweeden": "sweden",                                # a letter doubled
        "Norwya": "Norway",
        "satelites": "satellites",
        "ratifcaton": "ratification",                       # two edits in a word of nine letters or more
        "Stoltenbrg spending": "Stoltenberg spending",      # a word no indexed word is near (spending) stays
        "Norvège peace": "Norvège peace",                   # known once accents are folded
        "partner": "partner",                               # the start of an indexed word (Material's *)
        "Finlnd pace": "Finland pace",                      # words under five letters stay (peace is one edit away)
        "partnres": "partners",                             # one edit for eight letters...
        "partnrsp": "partnrsp",                             # ...not two
        "swedenn": "sweden",
        "leadres": "leaders",
    }
    results = corrected(counts, list(cases))
    assert {q: r["query"] for q, r in zip(cases, results)} == cases
    assert results[0]["changes"] == [["Partnreship", "Partnership"]]
    # ties (one edit from both): the word the index uses most
    assert [r["query"] for r in corrected({"leaders": 1, "lenders": 8}, ["leders", "leanders"])] == ["lenders"] * 2
    assert [r["query"] for r in corrected({"leaders": 8, "lenders": 1}, ["leders", "leanders"])] == ["leaders"] * 2


def test_vocabulary_script_spells_each_word_once_by_its_shared_start():
    script = search_index.vocabulary_script(Counter({"afghan": 1, "afghanistan": 9, "zealand": 300}))
    data = json.loads(script.removeprefix("var __kbVocabulary=").removesuffix(";\n"))
    assert data == {"words": "0afghan6istan0zealand", "uses": "038"}


def test_accent_free_forms():
    assert search_index.folded("Türkiye") == "Turkiye"
    assert search_index.folded("États-Unis") == "Etats-Unis"
    assert search_index.folded("Norvège") == "Norvege"


def test_page_stems_in_both_url_styles():
    assert search_index.stem("reference/members/turkiye/") == "reference/members/turkiye"
    assert search_index.stem("reference/members/turkiye.html#x") == "reference/members/turkiye"
    assert search_index.stem("reference/members/index.html") == "reference/members"
    assert search_index.stem("") == ""


def test_index_within_budget_with_names_and_data_pages(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 6)) <= 200 * 1024, "search index over 200 KB gzip (tools/bench.py measures it)"
    docs = {d["location"].split("#")[0]: d for d in json.loads(raw)["docs"] if "#" not in d["location"]}
    turkiye = next(d for loc, d in docs.items() if loc.startswith("reference/members/turkiye"))
    assert "Turkey" in turkiye["title"] and "Turkiye" in turkiye["title"]
    assert any(loc.startswith("reference/data") for loc in docs)
    assert any(loc.startswith("reference/spending/2019") for loc in docs)


def top_three(site_dir: Path, *flags: str) -> dict[str, list[str]]:
    """Each reader query's first three result pages in Material's worker (with the page script's
    correction, unless --as-typed)."""
    out = subprocess.run(["node", "-e", HARNESS, "--", *flags, str(site_dir)], input=json.dumps(list(QUERIES)),
                         capture_output=True, text=True, check=True, timeout=300).stdout
    results = {query: [p.removesuffix(".html").rstrip("/").removesuffix("/index") or "index" for p in pages][:3]
               for query, pages in map(json.loads, out.splitlines())}
    assert len(results) == len(QUERIES)
    return results


def found(query: str, top: list[str]) -> bool:
    return bool({a.removesuffix("/index") if a != "index" else a for a in QUERIES[query]} & set(top))


@pytest.mark.skipif(not shutil.which("node"), reason="needs Node")
def test_reader_queries_in_materials_own_search_worker(site_dir):
    results = top_three(site_dir)
    missed = [f"{query!r}: {top}" for query, top in results.items() if not found(query, top)]
    assert len(missed) <= (1 - PASS_RATE) * len(QUERIES), "\n".join(missed)
    assert not [m for m in missed if m.split("'")[1] in CORRECTED], "\n".join(missed)
    # As typed (no page script), Material's search misses every one of them: the script finds them.
    as_typed = top_three(site_dir, "--as-typed")
    assert [q for q in CORRECTED if found(q, as_typed[q])] == []
    # A yearly spending page and the topic page about spending, both among the first three.
    assert {"reference/spending/2019", "policies/defence-spending"} <= set(results["spending 2019"])
    assert results["defence spending"].count("policies/defence-spending") == 1


def test_vocabulary_holds_the_indexed_words_and_stays_small(site_dir):
    """search/vocabulary.js: the words the page script corrects to, hidden ones included, loaded
    from a script (file:// in the offline copy); small: it loads when the reader reaches for search."""
    script = (site_dir / "search" / "vocabulary.js").read_text(encoding="utf-8")
    assert len(gzip.compress(script.encode(), 6)) <= 16 * 1024, "vocabulary over 16 KB gzip"
    data = json.loads(script.removeprefix("var __kbVocabulary=").removesuffix(";\n"))
    words, previous = [], ""
    for shared, rest in re.findall(r"(\d)(\D+)", data["words"]):
        previous = previous[:int(shared)] + rest
        words.append(previous)
    assert words == sorted(set(words)) and len(words) == len(data["uses"]) > 3000
    assert min(map(len, words)) == 5 and all(w == w.lower() and w.isalpha() for w in words)
    assert {"partnership", "stoltenberg", "satellites", "allemagne", "turkiye", "chronology"} <= set(words)
    index = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "finlnd" not in words and "finlnd" not in index.lower()   # no typo forms: the script corrects
