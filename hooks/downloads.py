"""The "Download" links on the home and About pages: the PDF and the offline copy, with sizes.

`make export` writes dist/nato-kb.pdf and dist/nato-kb-offline.zip; a build after it (the
publish workflow runs export, then build) copies them into site/downloads/ and lists them, with
their sizes, at the end of the home page and of the About page. DOWNLOADS_DIR names another
folder than dist/ (the tests). Nothing is listed when the files are not there (a plain local
build) or in the offline export itself (OFFLINE=true: the copy a reader has already downloaded).
"""

from __future__ import annotations

import os
import shutil
from html import escape
from pathlib import Path

FILES = [("nato-kb.pdf", "The whole knowledge base as a PDF (A4, with bookmarks)"),
         ("nato-kb-offline.zip", "The offline copy: unzip, open nato-kb-offline/index.html; search works without a network")]
PAGES = {"index.md", "reference/about.md"}


def _found() -> list[tuple[Path, str]]:
    if os.environ.get("OFFLINE", "").lower() == "true":
        return []
    folder = Path(os.environ.get("DOWNLOADS_DIR", "dist"))
    return [(folder / name, what) for name, what in FILES if (folder / name).is_file()]


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, size // 1024)} KB"


def on_page_content(html: str, page, config, files) -> str:
    found = _found()
    if page.file.src_uri not in PAGES or not found:
        return html
    if not config.get("use_directory_urls", True) or page.file.src_uri == "index.md":
        prefix = "../" * page.file.src_uri.count("/")
    else:
        prefix = "../" * (page.file.src_uri.count("/") + 1)
    items = "".join(f'<li><a href="{prefix}downloads/{escape(path.name)}" download>{escape(what)}</a> '
                    f'({escape(path.suffix[1:].upper())}, {_size(path)})</li>' for path, what in found)
    block = f'<h2 id="download">Download</h2><ul class="kb-downloads">{items}</ul>'
    at = html.find('<div class="footnote">')
    return html[:at] + block + html[at:] if at >= 0 else html + block


def on_post_build(config) -> None:
    found = _found()
    if not found:
        return
    target = Path(config["site_dir"]) / "downloads"
    target.mkdir(parents=True, exist_ok=True)
    for path, _ in found:
        shutil.copyfile(path, target / path.name)
