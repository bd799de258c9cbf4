"""Content-Security-Policy on every built page (the referrer policy is in overrides/main.html).

Why: the site takes pages and data from contributors, and the checker is the first line
of defence against injected scripts; this is the second. Each page gets a
`<meta http-equiv="Content-Security-Policy">` that lets the browser run only the site's
own script files and the inline scripts and styles that the project wrote, and load
nothing from another origin.

What the project wrote is known before any page is read: the inline <script> and <style>
bodies of the theme's templates (overrides/ and Material's own, where a template expression
may print only a plain value), the code the glightbox plugin adds (asked of the plugin
itself), the print-site plugin's numbering styles and start-up call (by their grammar) and
what other hooks declare in KNOWN_INLINE_CODE (hooks/page_assets.py's lazy lightbox loader).
Inline code found in a page that matches none of these is never hashed, so the browser
refuses it, and the hook logs a warning naming the page: `mkdocs build --strict` (make
build, the tests) fails. An existing policy is found by parsing <head>, never by a
substring of the page.

It runs after every plugin and the other hooks have written the pages (on_post_build, the
last hook in mkdocs.yml). Without this hook (a build with `zensical build`, which ignores
hooks) the site is the same, only without the policy.

The offline export (OFFLINE=true) is opened from file://, where the search runs in an
iframe made by the vendored iframe-worker shim: the iframe inherits the page's policy, so
its one inline bootstrap script (the shim's two helper functions and the worker's relative
address, both known at build time) is hashed too, and file: addresses are allowed.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import types
from html.parser import HTMLParser
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.csp")

INLINE_CODE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
NOT_CODE = re.compile(r"""\btype\s*=\s*["']?(?:application/(?:ld\+)?json|text/plain|text/template)""", re.I)
TEMPLATE_CODE = re.compile(r"<(script|style)\b([^<>]*)>(.*?)</\1\s*>", re.S | re.I)  # no "<" in attributes
HAS_SRC = re.compile(r"\ssrc\s*=", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# What a template expression may print inside known code: a plain value that cannot close a
# string, a tag or a statement (site addresses, paths, names).
PLAIN_VALUE = r"""[^"'`\\<>;\n{}]*"""
# The print-site plugin's code (mkdocs_print_site_plugin: plugin.py and renderer.py), by grammar.
PRINT_SITE_SCRIPT = re.compile(r"\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{\s*"
                               r"(?:[a-z_]+\(\);)*\s*\}\)\s*")
PRINT_SITE_STYLE_LINE = re.compile(
    r"\s*(?:\.print-site-enumerate-headings #[A-Za-z0-9_-]+ (?:> )?h[1-6](?::before)? \{\s*"
    r"(?:content: '[\d.]+ '|content: '[\d.]+' counter\([A-Za-z0-9_-]+\) ' '|counter-increment: [A-Za-z0-9_-]+)"
    r"\s*\})?\s*")


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def _template_pattern(body: str) -> re.Pattern | None:
    """A full-match pattern for one inline script or style of a template: its literal text,
    with each template expression standing for a plain value. None if it holds a statement."""
    if "{%" in body:
        return None
    parts = JINJA.split(body)
    return re.compile(PLAIN_VALUE.join(re.escape(part) for part in parts), re.S)


def template_code(dirs: list[str]) -> list[re.Pattern]:
    """The inline code of every template in the theme's folders (overrides/ first, then Material's)."""
    patterns = []
    for folder in dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8", errors="replace"), flags=re.S)
            for _tag, attrs, body in TEMPLATE_CODE.findall(text):
                if NOT_CODE.search(attrs) or HAS_SRC.search(attrs) or not body.strip():
                    continue
                pattern = _template_pattern(body)
                if pattern is not None:
                    patterns.append(pattern)
    return patterns


def glightbox_code(config) -> set[str]:
    """The script and style the glightbox plugin adds to a page, asked of the plugin itself."""
    plugin = config.plugins.get("glightbox")
    if plugin is None:
        return set()
    page = types.SimpleNamespace(meta={}, url="")
    try:
        html = plugin.on_post_page("<html><head></head><body></body></html>", page=page, config=config)
    except Exception as exc:  # a plugin version whose internals differ: its code is then unknown
        log.warning("csp: could not ask the glightbox plugin for its inline code (%s)", exc)
        return set()
    return {body for _tag, attrs, body in INLINE_CODE.findall(html) if not HAS_SRC.search(attrs)}


class Known:
    """The inline code the project wrote, for one build."""

    def __init__(self, config):
        self.patterns = template_code([str(d) for d in config.theme.dirs])
        self.exact = glightbox_code(config)
        for plugin in config.plugins.values():   # hooks declare the inline code they write
            self.patterns += list(getattr(plugin, "KNOWN_INLINE_CODE", ()))

    def allows(self, tag: str, body: str) -> bool:
        if body in self.exact or not body.strip():
            return True
        if tag == "script" and PRINT_SITE_SCRIPT.fullmatch(body):
            return True
        if tag == "style" and all(PRINT_SITE_STYLE_LINE.fullmatch(line) for line in body.split("\n")):
            return True
        return any(p.fullmatch(body) for p in self.patterns)


class _HeadPolicy(HTMLParser):
    """Does <head> already hold a Content-Security-Policy meta element?"""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.done = True
        elif not self.done and tag == "meta":
            equiv = dict(attrs).get("http-equiv") or ""
            if equiv.strip().lower() == "content-security-policy":
                self.found = True

    def handle_endtag(self, tag):
        if tag == "head":
            self.done = True


def has_policy(html: str) -> bool:
    end = re.search(r"</head\s*>|<body\b", html, re.I)
    parser = _HeadPolicy()
    parser.feed(html[:end.start()] if end else html)
    return parser.found


def shim_bootstrap(site_dir: Path, html: str) -> str | None:
    """The inline script the iframe-worker shim writes into its iframe for this page, exactly."""
    shim = site_dir / "assets" / "javascripts" / "iframe-worker-shim.js"
    config = re.search(r'"search":\s*"([^"]+)"', html)
    if not shim.is_file() or not config:
        return None
    code = shim.read_text(encoding="utf-8")
    post = re.search(r"function c\(s,n\)\{.*?\}(?=function d)", code)
    load = re.search(r"function d\(\.\.\.s\)\{.*?\}(?=var o=class)", code)
    if not post or not load:
        return None
    return (f"postMessage={post.group(0)};importScripts={load.group(0)};"
            'addEventListener("error",({error})=>{parent.dispatchEvent(new ErrorEvent("error",'
            f'{{filename:"{config.group(1)}",error}}))}})')


def policy(html: str, offline: bool, site_dir: Path, known: Known, page: str) -> str:
    own = "'self' file:" if offline else "'self'"
    scripts, styles = set(), set()
    for tag, attrs, body in INLINE_CODE.findall(html):
        tag = tag.lower()
        if (tag == "script" and (HAS_SRC.search(attrs) or NOT_CODE.search(attrs))) or not body.strip():
            continue
        if not known.allows(tag, body):
            snippet = " ".join(body.split())[:80]
            log.warning("csp: %s: inline <%s> that the project did not write is refused by the page's policy: "
                        "'%s' (remove it from the page or data file it came from)", page, tag, snippet)
            continue
        (scripts if tag == "script" else styles).add(body)
    bootstrap = shim_bootstrap(site_dir, html) if offline else None
    if bootstrap:
        scripts.add(bootstrap)
    return "; ".join([
        f"default-src {own}",
        f"script-src {' '.join([own, *sorted(_hash(code) for code in scripts)])}",
        f"style-src {' '.join([own, *sorted(_hash(code) for code in styles)])}",
        "style-src-attr 'unsafe-inline'",   # the theme positions tooltips and the lightbox with style=""
        f"img-src {own} data:",              # the theme's icons are data: SVGs in its CSS
        f"font-src {own} data:",
        f"connect-src {own}",
        f"worker-src {own} blob:",
        f"frame-src {own} about:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def on_post_build(config, **kwargs) -> None:
    offline = any(name.endswith("offline") and getattr(plugin.config, "enabled", False)
                  for name, plugin in config.plugins.items())
    known = Known(config)
    site = Path(config.site_dir)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        head = HEAD.search(html)
        if not head or has_policy(html):
            continue
        rule = policy(html, offline, site, known, path.relative_to(site).as_posix())
        meta = f'<meta http-equiv="Content-Security-Policy" content="{rule}">'
        html = html[:head.end()] + meta + html[head.end():]
        tmp = path.with_suffix(".html.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, path)
