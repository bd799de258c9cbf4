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
iframe (the vendored iframe-worker shim) whose inline bootstrap script names the worker's
absolute file address, which is only known on the reader's machine: there the policy
allows inline scripts ('unsafe-inline', which browsers ignore when hashes are listed,
hence no hashes) and file: addresses, and still blocks every other origin.
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


def policy(html: str, offline: bool) -> str:
    own = "'self' file:" if offline else "'self'"
    if offline:
        scripts = f"{own} 'unsafe-inline'"
    else:
        hashes = sorted({_hash(code) for attrs, code in INLINE_SCRIPT.findall(html) if not NOT_CODE.search(attrs)})
        scripts = " ".join([own, *hashes])
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
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, offline)}">'
        html = html[:head.end()] + meta + html[head.end():]
        tmp = path.with_suffix(".html.tmp")
        tmp.write_text(html, encoding="utf-8")
        os.replace(tmp, path)
