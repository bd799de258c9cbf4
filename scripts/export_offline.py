"""Build the offline export and zip it: dist/nato-kb-offline.zip, and print it: dist/nato-kb.pdf.

The same mkdocs.yml is built with OFFLINE=true (Material's offline plugin: search
index inlined, no web workers from URLs) and DIRECTORY_URLS=false (page.html links
that work from file://). Unzip anywhere and open index.html; nothing is fetched
from the network (the iframe-worker shim is vendored under assets/javascripts/).

The PDF is the export's print page (print_page.html: cover, contents, every page but the
web-only indexes) printed to A4 by Chromium (CHROMIUM, default Debian's /usr/bin/chromium,
driven by Playwright from the locked test dependencies: no other system package), with PDF
bookmarks for every page and its sections and page numbers (extra.css, @page).

    python scripts/export_offline.py [--out DIR] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "nato-kb"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder for the zip (default: dist)")
    parser.add_argument("--no-pdf", action="store_true", help="skip dist/nato-kb.pdf")
    args = parser.parse_args()
    env = dict(os.environ, OFFLINE="true", DIRECTORY_URLS="false", NO_MKDOCS_2_WARNING="1")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from kbcheck.cli import unreadable_pages  # pages MkDocs would crash on with a traceback
    unreadable = unreadable_pages(Path("docs")) if Path("docs").is_dir() else {}
    for problem in unreadable.values():
        print(problem, file=sys.stderr)
    if unreadable:
        print("export: fix the pages above first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / f"{NAME}-offline"
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr.strip() or "mkdocs build failed", file=sys.stderr)
            print("export: the offline build failed (see above)", file=sys.stderr)
            return 1
        target = args.out / f"{NAME}-offline.zip"
        try:
            if args.out.exists() and not args.out.is_dir():
                raise OSError(f"{args.out} is a file, not a folder (remove it or pass --out DIR)")
            if target.is_dir():
                raise OSError(f"{target} is a folder, not a zip file (remove it)")
            args.out.mkdir(parents=True, exist_ok=True)
            # Written next to its final place, then renamed: a reader never sees half a zip.
            partial = shutil.make_archive(str(Path(tmp) / f"{NAME}-offline"), "zip", root_dir=tmp, base_dir=site.name)
            handle, staged = tempfile.mkstemp(prefix=f".{NAME}-offline-", suffix=".zip.part", dir=args.out)
            os.close(handle)
            try:
                shutil.copyfile(partial, staged)
                os.chmod(staged, 0o644)
                os.replace(staged, target)
            finally:
                if os.path.exists(staged):
                    os.unlink(staged)
        except OSError as exc:
            reason = exc.strerror if exc.strerror and exc.filename else str(exc)
            where = f"{exc.filename}: " if exc.filename else ""
            print(f"export: cannot write the zip: {where}{reason}", file=sys.stderr)
            return 1
        print(f"export: wrote {target} ({target.stat().st_size // 1024} KiB); unzip it and open "
              f"{NAME}-offline/index.html")
        if not args.no_pdf:
            if not (site / "print_page.html").is_file():
                print("export: no print page (mkdocs-print-site-plugin is off): no PDF written", file=sys.stderr)
                return 0
            return write_pdf(site / "print_page.html", args.out / f"{NAME}.pdf")
    return 0


def write_pdf(print_page: Path, target: Path) -> int:
    """Print the print page to A4 with Chromium; written beside its place, then renamed."""
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        print(f"export: {chromium} not found: install Debian's chromium (make chromium) or set CHROMIUM",
              file=sys.stderr)
        return 1
    from playwright.sync_api import Error, sync_playwright
    staged = target.with_name(f".{target.name}.part")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(print_page.resolve().as_uri(), wait_until="load")
            page.pdf(path=str(staged), format="A4", outline=True, tagged=True, print_background=True)
            browser.close()
        os.replace(staged, target)
    except (Error, OSError) as exc:
        print(f"export: cannot write {target}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        if staged.exists():
            staged.unlink()
    print(f"export: wrote {target} ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
