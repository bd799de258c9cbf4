"""Links and images in the page content, alt text, external links, nav and orphan pages."""

from __future__ import annotations

import difflib
import posixpath
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from .project import HOME, Page, Problem, Stats, find_line, nav_pages

EXTERNAL_TIMEOUT = 10
EXTERNAL_WORKERS = 16


def did_you_mean(wrong: str, choices: list[str], prefix: str = "") -> str:
    match = difflib.get_close_matches(wrong, choices, n=1, cutoff=0.6)
    return f" (did you mean {prefix}{match[0]}?)" if match else ""


def check_links(pages: list[Page], site: Path, docs: Path, site_url: str, stats: Stats) -> list[Problem]:
    """Internal links and images in the page content resolve, anchors exist, no absolute links."""
    problems = []
    by_dest = {p.dest: p for p in pages if p.dest}
    site_files = {f.relative_to(site).as_posix() for f in site.rglob("*") if f.is_file()}
    doc_files = sorted(f.relative_to(docs).as_posix() for f in docs.rglob("*") if f.is_file())
    extra_ids: dict[str, set[str]] = {}
    for page in pages:
        if page.content is None:
            continue
        base = posixpath.dirname(page.dest)
        src_dir = posixpath.dirname(page.src)
        seen: dict[str, int] = {}
        for tag in (t for t in page.tags if t.name in ("a", "img")):
            attr = "href" if tag.name == "a" else "src"
            ref = tag.get(attr)
            if ref is None or tag.name == "a" and _is_theme_link(tag):
                continue
            nth = seen.get(ref, 0)
            seen[ref] = nth + 1
            what = "link" if tag.name == "a" else "image"
            try:
                parts = urlsplit(ref)
            except ValueError:
                problems.append(Problem(page.path, find_line(page, [ref], nth),
                                        f"malformed {what} address '{ref}' (check the address)"))
                continue
            if parts.scheme in ("mailto", "tel", "javascript", "data"):
                continue
            if site_url and ref.startswith(site_url) or ref.startswith("/") and not ref.startswith("//"):
                own = ref[len(site_url):] if site_url and ref.startswith(site_url) else ref.lstrip("/")
                target = _resolve(posixpath.normpath("/" + unquote(urlsplit(own).path)).lstrip("/"), site_files)
                hint = ""
                if target in by_dest:
                    hint = f" (link the Markdown file: {posixpath.relpath(by_dest[target].src, src_dir or '.')})"
                problems.append(Problem(page.path, find_line(page, [ref], nth),
                                        f"absolute {what} '{ref}' to this site{hint or ' (use a relative link)'}"))
                continue
            if parts.scheme or ref.startswith("//"):
                stats.external.append((page, ref, nth))
                continue
            stats.internal += 1
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            if not path:  # same page
                if fragment and fragment not in page.ids:
                    problems.append(Problem(page.path, find_line(page, [f"#{fragment}"], nth),
                                            f"anchor '#{fragment}' not found on this page"
                                            f"{did_you_mean(fragment, sorted(page.ids), '#')}"))
                continue
            joined = posixpath.normpath(posixpath.join(base, path))
            target = None if joined.startswith("..") else _resolve(joined, site_files)
            if target is None:
                choices = [posixpath.relpath(f, src_dir or ".") for f in doc_files]
                hint = did_you_mean(path, choices)
                if path in choices:  # exists from the source's folder: a raw HTML address MkDocs left alone
                    hint = (f" (MkDocs does not rewrite addresses in raw HTML; write it in Markdown, "
                            f"{'![alt]' if tag.name == 'img' else '[text]'}({path}), so it works in both builds)")
                problems.append(Problem(page.path, find_line(page, [ref, path], nth),
                                        f"{what} target '{ref}' not found{hint}"))
                continue
            linked = by_dest.get(target)
            if linked is not None and linked is not page:
                stats.linked.add(linked.src)
            source_ref = posixpath.relpath(linked.src if linked else target, src_dir or ".")
            if fragment:
                if linked is not None:
                    ids, name = linked.ids, linked.src
                else:
                    if target not in extra_ids:
                        extra_ids[target] = _html_ids(site / target)
                    ids, name = extra_ids[target], target
                if fragment not in ids:
                    needles = [ref, f"{source_ref}#{fragment}", f"#{fragment}", source_ref]
                    problems.append(Problem(page.path, find_line(page, needles, nth),
                                            f"anchor '#{fragment}' not found on {name}"
                                            f"{did_you_mean(fragment, sorted(ids), '#')}"))
    return problems


def _is_theme_link(tag) -> bool:
    """Links added by the theme or extensions inside the content, not written by the author."""
    classes = set(tag.get("class") or [])
    return bool(classes & {"headerlink", "footnote-ref", "footnote-backref", "glightbox", "md-content__button"})


def _resolve(path: str, site_files: set[str]) -> str | None:
    """The built file a site path points to (a folder means its index.html)."""
    path = path.strip("/") if path not in ("", ".") else ""
    for candidate in (path, posixpath.join(path, "index.html")):
        if candidate in site_files:
            return candidate
    return None


def _html_ids(file: Path) -> set[str]:
    if file.suffix not in (".html", ".htm"):
        return set()
    soup = BeautifulSoup(file.read_text(encoding="utf-8", errors="replace"), "html.parser")
    return {tag["id"] for tag in soup.find_all(id=True)}


def check_alt_text(pages: list[Page]) -> list[Problem]:
    problems = []
    for page in pages:
        if page.content is None:
            continue
        seen: dict[str, int] = {}
        for img in (t for t in page.tags if t.name == "img"):
            src = img.get("src", "")
            nth = seen.get(src, 0)
            seen[src] = nth + 1
            if not (img.get("alt") or "").strip() and not {"twemoji", "emojione"} & set(img.get("class") or []):
                name = posixpath.basename(urlsplit(src).path)
                problems.append(Problem(page.path, find_line(page, [src, name], nth),
                                        f"image '{name}' has no alt text (write ![what it shows]({name}))"))
    return problems


def check_external(stats: Stats) -> list[Problem]:
    """Request every external URL once, in parallel; each failing link is a problem."""
    urls = sorted({url for _, url, _ in stats.external})
    with ThreadPoolExecutor(max_workers=EXTERNAL_WORKERS) as pool:
        failures = dict(zip(urls, pool.map(_fetch, urls)))
    return [Problem(page.path, find_line(page, [url], nth), f"external link '{url}' failed: {failures[url]}")
            for page, url, nth in stats.external if failures[url]]


def _fetch(url: str) -> str | None:
    """None if the URL answers, else why not. HEAD first, GET when HEAD is refused."""
    import urllib.error
    import urllib.request

    reason = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={
            "User-Agent": "Mozilla/5.0 (knowledge-base link checker)", "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=EXTERNAL_TIMEOUT) as response:
                if response.status < 400:
                    return None
                reason = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code}"
            if exc.code in (401, 403, 429):
                reason += " (may be bot protection: check it in a browser)"
        except Exception as exc:  # timeouts, DNS, TLS, refused...
            reason = " ".join(str(getattr(exc, "reason", exc) or type(exc).__name__).split())
    return reason


def check_nav(pages: list[Page], nav) -> list[Problem]:
    if not nav:  # no nav in mkdocs.yml: MkDocs lists every page itself
        return []
    listed = nav_pages(nav)
    return [Problem(p.path, 1, "page is not in the nav (add it to nav: in mkdocs.yml)")
            for p in pages if p.src not in listed]


def check_linked(pages: list[Page], stats: Stats) -> list[Problem]:
    return [Problem(p.path, 1, "no other page links to this page (link it from a related page or its section index)")
            for p in pages if p.src != HOME and p.src not in stats.linked and p.content is not None]

