""""Edit this page" on a generated page opens the file to edit: its data file, not the output.

Generated pages (glossary, timeline, members and their profiles, operations, summits,
spending, data, sources) start with a notice naming what they are made from:
`<!-- Generated from data/members.yml by scripts/make_reference.py ... -->`. An edit to the
page itself would be overwritten by the next `make glossary` (and fail the `--check` in the
tests), so the edit link points at the first data file the notice names, or at the generator
when it names none. Without this hook (Zensical) the link opens the generated Markdown, whose
first line says where to edit instead.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

NOTICE = re.compile(r"<!-- Generated\b(?P<what>.*?)\bby (?P<script>scripts/[\w./-]+?\.py)")
DATA = re.compile(r"\bdata/[\w./-]+\.ya?ml\b")


def on_page_markdown(markdown: str, page, config, files) -> str:
    notice = NOTICE.search(markdown[:2000])
    src_uri = page.file.src_uri
    if notice and page.edit_url and page.edit_url.endswith(src_uri):
        data = DATA.search(notice.group("what"))
        source = data.group(0) if data else notice.group("script")
        # edit_url is <repo>/<edit_uri><docs path>; the docs folder's parent holds data/ and scripts/.
        docs_folder = page.edit_url[: -len(src_uri)]
        page.edit_url = urljoin(docs_folder, "../" + source)
    return markdown
