"""Dates never break across lines: "12 March 1999" stays on one line, in tables and prose.

A narrow table column otherwise sets "12 March / 1999" or "17 / September / 1949". The
spaces inside a date (day month year, month year, day month) become no-break spaces in
the page's text; tags, scripts and code are left alone. Runs after the search plugin has
read the page (on_post_page), so the search index keeps plain spaces. Without this hook
(`zensical build`) dates may wrap, nothing else changes.
"""

import re

MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
DATE = re.compile(rf"\b\d{{1,2}}(?:[–-]\d{{1,2}})? {MONTH}(?: \d{{4}})?\b|\b{MONTH} \d{{4}}\b")
PARTS = re.compile(r"(<script\b.*?</script>|<style\b.*?</style>|<pre\b.*?</pre>|<code\b.*?</code>|<[^>]+>)",
                   re.S | re.I)
ARTICLE = re.compile(r"(<article\b.*?</article>)", re.S)


def keep_together(html: str) -> str:
    parts = PARTS.split(html)
    for i in range(0, len(parts), 2):        # even items are text between tags
        parts[i] = DATE.sub(lambda m: m.group(0).replace(" ", "&nbsp;"), parts[i])
    return "".join(parts)


def on_post_page(output: str, page, config) -> str:
    return ARTICLE.sub(lambda m: keep_together(m.group(1)), output)
