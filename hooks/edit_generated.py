""""Edit this page" on a generated page opens the file to edit: its data file, not the output.

Generated pages (glossary, timeline, members and their profiles, operations, summits,
spending, data, sources...) name what they are made from in their front matter:
`generated_from: [data/members.yml, kb/render/make_reference.py]` (written by the generators;
kb/model/frontmatter.py's generated_from reads it). An edit to the page itself would be
overwritten by the next `make generate` (and fail the `--check` in the tests), so the edit link
points at the first file named there: the data file, or the generator when the page has none.
Without this hook (Zensical) the link opens the generated Markdown, whose front matter and first
line say where to edit instead.
"""

from __future__ import annotations

from urllib.parse import urljoin


def on_page_markdown(markdown: str, page, config, files) -> str:
    value = (page.meta or {}).get("generated_from")   # as kb/model/frontmatter.py's generated_from
    sources = [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
    src_uri = page.file.src_uri
    if sources and page.edit_url and page.edit_url.endswith(src_uri):
        # edit_url is <repo>/<edit_uri><docs path>; the docs folder's parent holds data/ and scripts/.
        docs_folder = page.edit_url[: -len(src_uri)]
        page.edit_url = urljoin(docs_folder, "../" + sources[0])
    return markdown
