"""Build the offline export and zip it: dist/nato-kb-offline.zip, and print it: dist/nato-kb.pdf.

The same mkdocs.yml is built with OFFLINE=true (Material's offline plugin: search
index inlined, no web workers from URLs) and DIRECTORY_URLS=false (page.html links
that work from file://). Unzip anywhere and open index.html; nothing is fetched
from the network (the iframe-worker shim is vendored under assets/javascripts/).

The PDF is the export's print page (print_page.html: cover, contents, every page but the
web-only indexes) printed to A4 by Chromium (CHROMIUM, default Debian's /usr/bin/chromium,
driven by Playwright from the locked test dependencies: no other system package), with page
numbers (extra.css, @page); kb/pdf_book.py prints it twice to write the contents' page numbers,
and nests the bookmarks section > page > h2. Both files name the published address, SITE_URL
(default in mkdocs.yml); with the local default they name none, and the export says so.

    python -m kb.export [--out DIR] [--no-pdf]

Interrupted (Ctrl+C, SIGTERM, SIGHUP), it stops its mkdocs build, removes its temporary files
and exits 130 or 128 + the signal. The zip and the PDF are written beside their place and renamed:
an interrupted run never replaces a finished file with part of one. A run stopped with SIGKILL
cannot clean up; the next run removes what it left (the .part files in --out, and temporary
folders of export runs that are no longer running).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from kb import enter_project

NAME = "nato-kb"
TEMP_PREFIX = f"{NAME}-export-"      # + the process id + "-": a leftover is known by its dead process


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwinds like Ctrl+C, so every `finally` and `with` cleans up."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum, frame):
    raise Stopped(signum)


def remove_leftovers(out: Path) -> None:
    """What runs killed with SIGKILL left: .part files in `out`, temporary folders of dead runs."""
    if out.is_dir():
        for part in list(out.glob(f".{NAME}-offline-*.zip.part")) + list(out.glob(f".{NAME}.pdf.part")):
            part.unlink(missing_ok=True)
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*-*"):
        pid = folder.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass


def address_note(config: Path = Path("mkdocs.yml")) -> str | None:
    """The line `make export` prints when the PDF and the zip would name no published address: the
    address is set in one place, SITE_URL, whose default in mkdocs.yml is the local loopback one
    (the cover then prints no address and the pages no "Cite this page")."""
    from mkdocs.utils.yaml import yaml_load     # resolves !ENV [SITE_URL, default] as MkDocs does
    with config.open(encoding="utf-8") as handle:
        site_url = str(yaml_load(handle).get("site_url") or "")
    if site_url and not any(host in site_url for host in ("//127.0.0.1", "//localhost", "//[::1]")):
        return None
    return (f"export: no published address (site_url is {site_url or 'unset'}): the PDF and the zip name "
            "none and carry no citations; set it with SITE_URL=https://your.address/ make export")


def build(site: Path, env: dict) -> subprocess.CompletedProcess:
    """mkdocs build into `site`; interrupted, the build is stopped (and waited for) first."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate()
    except BaseException:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        raise
    return subprocess.CompletedProcess(cmd, child.returncode, stdout, stderr)


def main() -> int:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _stop)
    try:
        return export()
    except KeyboardInterrupt:
        print("export: interrupted; temporary files removed", file=sys.stderr)
        return 130
    except Stopped as stop:
        print(f"export: stopped by signal {stop.signum}; temporary files removed", file=sys.stderr)
        return 128 + stop.signum


def export() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder for the zip (default: dist)")
    parser.add_argument("--no-pdf", action="store_true", help="skip dist/nato-kb.pdf")
    args = parser.parse_args()
    env = dict(os.environ, OFFLINE="true", DIRECTORY_URLS="false", NO_MKDOCS_2_WARNING="1")
    from kb.check.cli import unreadable_pages  # pages MkDocs would crash on with a traceback
    unreadable = unreadable_pages(Path("docs")) if Path("docs").is_dir() else {}
    for problem in unreadable.values():
        print(problem, file=sys.stderr)
    if unreadable:
        print("export: fix the pages above first", file=sys.stderr)
        return 1
    remove_leftovers(args.out)
    note = address_note() if Path("mkdocs.yml").is_file() else None
    if note:
        print(note)
    with tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-") as tmp:
        site = Path(tmp) / f"{NAME}-offline"
        result = build(site, env)
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

    from kb.pdf_book import print_book
    staged = target.with_name(f".{target.name}.part")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.goto(print_page.resolve().as_uri(), wait_until="load", timeout=300_000)
            print_book(page, staged)          # printed twice: the contents' page numbers, then nested bookmarks
            browser.close()
        os.replace(staged, target)
    except (Error, OSError, RuntimeError) as exc:
        print(f"export: cannot write {target}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        if staged.exists():
            staged.unlink()
    print(f"export: wrote {target} ({target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    enter_project()
    sys.exit(main())
