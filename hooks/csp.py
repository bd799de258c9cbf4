"""Content-Security-Policy on every built page (the referrer policy is in overrides/main.html).

Why: the site takes pages and data from contributors, and the checker is the first line
of defence against injected scripts; this is the second. Each page gets a
`<meta http-equiv="Content-Security-Policy">` that lets the browser run only the site's
own script files and the inline scripts and styles that are in the page at build time
(by their SHA-256 hash), and load nothing from another origin.

It runs after every plugin and the other hooks have written the pages (on_post_build, the
last hook in mkdocs.yml), hashing the final inline code. Without this hook (a build with
`zensical build`, which ignores hooks) the site is the same, only without the policy.

The offline export (OFFLINE=true) is opened from file://, where the search runs in an
iframe made by the vendored iframe-worker shim: the iframe inherits the page's policy, so
its one inline bootstrap script (the shim's two helper functions and the worker's relative
address, both known at build time) is hashed too, and file: addresses are allowed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)([^>]*)>(.*?)</script>", re.S | re.I)
INLINE_STYLE = re.compile(r"<style([^>]*)>(.*?)</style>", re.S | re.I)
NOT_CODE = re.compile(r"""type=["']?(?:application/(?:ld\+)?json|text/plain|text/template)""", re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


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


def policy(html: str, offline: bool, site_dir: Path) -> str:
    own = "'self' file:" if offline else "'self'"
    inline = {code for attrs, code in INLINE_SCRIPT.findall(html) if not NOT_CODE.search(attrs)}
    bootstrap = shim_bootstrap(site_dir, html) if offline else None
    if bootstrap:
        inline.add(bootstrap)
    scripts = " ".join([own, *sorted(_hash(code) for code in inline)])
    styles = sorted({_hash(code) for _, code in INLINE_STYLE.findall(html)})
    return "; ".join([
        f"default-src {own}",
        f"script-src {scripts}",
        f"style-src {' '.join([own, *styles])}",
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
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = HEAD.search(html)
        if not head or 'http-equiv="Content-Security-Policy"' in html:
            continue
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline, Path(config.site_dir))}">'
        html = html[:head.end()] + meta + html[head.end():]
        tmp = path.with_suffix(".html.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, path)
