"""Take the README's screenshots: five pages at a 390 px phone and a 1440 px screen.

    python tools/screenshots.py          (make screenshots: builds the site first)

Builds the site into a temporary folder, serves it on localhost, opens each page in Debian's
Chromium (CHROMIUM, default /usr/bin/chromium) and writes screenshots/<page>-<width>.png: the
first screen of each page, as a reader sees it on arrival. PNGs are palette-quantised by
Chromium's own encoder only; they are small because the pages are mostly text.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
PAGES = {"home": "", "members": "reference/members/", "operations-catalogue": "reference/operations/1990-2000/",
         "command-structure": "structures/command-structure/", "print-page": "print_page/"}
WIDTHS = {"phone": (390, 844), "desktop": (1440, 900)}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", tmp], cwd=ROOT,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
        if built.returncode:
            print(built.stderr.strip().splitlines()[-1] if built.stderr.strip() else "build failed", file=sys.stderr)
            return 1
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         args=["--no-sandbox"])
            for width, (w, h) in WIDTHS.items():
                page = browser.new_page(viewport={"width": w, "height": h})
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="load")
                    if name in ("members", "command-structure"):      # the figure is what matters there
                        page.locator("article .kb-figure").first.scroll_into_view_if_needed()
                    if name == "operations-catalogue":
                        page.locator("article table").first.scroll_into_view_if_needed()
                    page.wait_for_timeout(300)
                    target = OUT / f"{name}-{width}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")
                page.close()
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
