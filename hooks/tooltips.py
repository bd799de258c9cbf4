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
  leaves `content.footnote.tooltips` out of the features its copy of Material's configuration
  lists: its footnote marks are plain links to the numbered sources at the foot of the page,
  as without JavaScript. Every other page keeps the source on hover.

Without this hook (`zensical build`) the pages are the same, with every tooltip.
"""

import re

BACKREF_TITLE = re.compile(r'(<a class="(?:footnote-backref|headerlink)" href="[^"]*") title=')
FOOTNOTE_FEATURE = ', "content.footnote.tooltips"'
CONFIG = re.compile(r'<script id="__config" type="application/json">.*?</script>', re.S)


def on_post_page(output: str, page, config) -> str:
    output = BACKREF_TITLE.sub(r"\1 aria-label=", output)
    if page.meta.get("footnote_tooltips") is False:
        output = CONFIG.sub(lambda m: m.group(0).replace(FOOTNOTE_FEATURE, ""), output, count=1)
    return output
