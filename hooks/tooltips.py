"""Fewer tooltips for Material to set up on pages dense with footnotes and headings.

Why: Material's bundle, on every page load, sets up a tooltip (a set of event watchers) for
every element with a `title` when `content.tooltips` is on, and for every footnote mark when
`content.footnote.tooltips` is on. A timeline era page had over a hundred footnote marks and
as many "jump back" links, each with a title; the glossary has a heading per term, each with a
"Permanent link" title: that set-up is most of such a page's blocking time on a phone
(Lighthouse, the 98-event timeline page: total blocking time 260-350 ms; without either kind
of tooltip, 64 ms).

- Every page: a footnote's "jump back" link (↩) and a heading's permanent link (¶) keep their
  description as `aria-label` instead of `title`, so they are still announced ("Jump back to
  footnote 3 in the text", "Permanent link") but get no hover tooltip (which only repeated it).
- A page whose front matter says `footnote_tooltips: false` (the generated timeline and
  operations catalogue pages and the glossary, lists of entries with a source or two each)
  shows no footnote tooltip: its footnote marks are plain links to the numbered sources at
  the foot of the page, as without JavaScript.
- Every other page shows a footnote's source on hover and on keyboard focus of its mark
  through one small script (FOOTNOTE_SCRIPT, inline before </body>) that listens on the
  document, instead of Material's `content.footnote.tooltips`, which the hook leaves out of
  every page's features: Material sets up a tooltip per mark when the page starts (a history
  era page has about a hundred marks: that set-up was about half of the main-thread time of
  the task that starts Material, one of the page's long tasks on a phone). The script builds
  the same tooltip as Material (its `md-tooltip2` dialog with a copy of the footnote, placed
  above or below the mark by the same rule, `aria-controls` on the mark while it shows), but
  only when a reader points at or focuses a mark: no work per mark at start-up.

Without this hook (`zensical build`) the pages are the same, with every tooltip (Material's).
"""

import re

BACKREF_TITLE = re.compile(r'(<a class="(?:footnote-backref|headerlink)" href="[^"]*") title=')
FOOTNOTE_FEATURE = ', "content.footnote.tooltips"'
CONFIG = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.S)


# A footnote's source on hover or focus of its mark (a.footnote-ref), as Material's footnote
# tooltip shows it (components/content/_ and components/tooltip2 of its bundle, 9.x): the
# footnote's content in a `md-tooltip2` dialog appended to <body>, below the mark if the mark is
# in the top half of the viewport, else above it; it stays while the pointer is on the mark or
# on the tooltip (to follow the source's link) and goes 250 ms after it left both. Declared for
# the Content-Security-Policy (hooks/csp.py): the page gets exactly this text.
FOOTNOTE_CODE = """
(function () {
  var tip = null, host = null, over = false, focused = false, timer = 0, count = 0;
  function mark(node) { return node && node.closest ? node.closest("a.footnote-ref") : null; }
  function inside(node) { return !!tip && !!node && (mark(node) === host || tip.contains(node)); }
  function remove() {
    if (!tip) return;
    host.removeAttribute("aria-controls");
    host.removeAttribute("aria-haspopup");
    tip.remove();
    tip = host = null;
  }
  function settle() {
    clearTimeout(timer);
    if (!over && !focused) timer = setTimeout(remove, 250);
  }
  function show(el) {
    clearTimeout(timer);
    if (el === host) return;
    remove();
    over = focused = false;
    var note = document.getElementById(el.hash.slice(1));
    if (!note) return;
    var node = document.createElement("div"), inner = document.createElement("div");
    node.className = "md-tooltip2";
    node.setAttribute("role", "dialog");
    node.id = "kb-footnote-tip-" + count++;
    inner.className = "md-tooltip2__inner md-typeset";
    [].slice.call(note.cloneNode(true).children).forEach(function (child) { inner.appendChild(child); });
    node.appendChild(inner);
    document.body.appendChild(node);
    var rect = el.getBoundingClientRect();
    var y = rect.top >= window.innerHeight / 2 ? -16 - node.offsetHeight : 16 + rect.height;
    node.style.setProperty("--md-tooltip-host-x", rect.left + window.scrollX + "px");
    node.style.setProperty("--md-tooltip-host-y", rect.top + window.scrollY + "px");
    node.style.setProperty("--md-tooltip-x", rect.width / 2 + "px");
    node.style.setProperty("--md-tooltip-y", y + "px");
    node.classList.add(y < 0 ? "md-tooltip2--top" : "md-tooltip2--bottom");
    el.setAttribute("aria-controls", node.id);
    el.setAttribute("aria-haspopup", "dialog");
    tip = node;
    host = el;
    requestAnimationFrame(function () { node.classList.add("md-tooltip2--active"); });
  }
  document.addEventListener("mouseover", function (e) {
    var el = mark(e.target);
    if (el) show(el);
    if (inside(e.target)) { over = true; settle(); }
  });
  document.addEventListener("mouseout", function (e) {
    if (inside(e.target) && !inside(e.relatedTarget)) { over = false; settle(); }
  });
  document.addEventListener("focusin", function (e) {
    var el = mark(e.target);
    if (el) show(el);
    if (tip) { focused = inside(e.target); settle(); }
  });
  document.addEventListener("focusout", function (e) {
    if (inside(e.target) && !inside(e.relatedTarget)) { focused = false; settle(); }
  });
})();
"""
FOOTNOTE_SCRIPT = f'<script id="kb-footnote-tips">{FOOTNOTE_CODE}</script>'
KNOWN_INLINE_CODE = [re.compile(re.escape(FOOTNOTE_CODE))]
FOOTNOTE_MARK = 'class="footnote-ref"'


def on_post_page(output: str, page, config) -> str:
    output = BACKREF_TITLE.sub(r"\1 aria-label=", output)
    # Material's per-mark footnote tooltips are off on every page (the script below replaces them).
    output = CONFIG.sub(lambda m: m.group(0).replace(FOOTNOTE_FEATURE, ""), output, count=1)
    if page.meta.get("footnote_tooltips") is False or FOOTNOTE_MARK not in output:
        return output
    head, body_end, tail = output.rpartition("</body>")
    return head + FOOTNOTE_SCRIPT + "\n" + body_end + tail if body_end else output
