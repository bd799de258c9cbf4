"""The mkdocs build (non-strict, so the HTML exists even with broken links) and its warnings."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

from .project import CannotRun, Page, Problem, find_line

class Capture(logging.Handler):
    """Keeps the WARNING and ERROR records logged during the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(site: Path, exclude: list[str] = ()) -> list[logging.LogRecord]:
    """Build NON-strict with the mkdocs API; return the WARNING (and ERROR) records it logged.
    `exclude`: pages (paths under docs/) left out of this build because MkDocs cannot read them."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    capture = Capture()
    root = logging.getLogger()
    root.addHandler(capture)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            overrides = {"exclude_docs": "\n".join("/" + src for src in exclude)} if exclude else {}
            config = load_config("mkdocs.yml", strict=False, site_dir=str(site), **overrides)
            build(config)
    except BaseException as exc:  # mkdocs raises SystemExit-like Abort too
        if isinstance(exc, KeyboardInterrupt):
            raise
        errors = [r.getMessage() for r in capture.records if r.levelno >= logging.ERROR]
        reason = errors[-1] if errors else (str(exc) or type(exc).__name__)
        raise CannotRun(f"mkdocs build failed: {' '.join(reason.split())}") from None
    finally:
        root.removeHandler(capture)
    return capture.records


# --- checks ---------------------------------------------------------------------------


def check_build_warnings(records: list[logging.LogRecord], by_src: dict[str, Page], docs: Path) -> list[Problem]:
    """Every warning of the build, on the file (and line) it names when it names one."""
    problems = []
    config_lines = Path("mkdocs.yml").read_text(encoding="utf-8").splitlines()
    for record in records:
        message = record.getMessage()
        if "footnote that is never referenced" in message:  # html_safety.check_unused_footnotes: at its line
            continue
        first = " ".join(message.split("\n", 1)[0].split())
        doc = re.search(r"Doc file '([^']+)'", message)
        omitted = re.findall(r"^\s*- (\S+\.md)\s*$", message, re.M)
        if doc and doc.group(1) in by_src:
            page = by_src[doc.group(1)]
            target = re.search(r"link '([^']*)'", message)
            line = find_line(page, [target.group(1)] if target else [])
            problems.append(Problem(page.path, line, f"mkdocs: {first}", from_build=True))
        elif omitted and "nav" in message:
            for src in omitted:
                problems.append(Problem((docs / src).as_posix(), 1, "mkdocs: page is not in the nav", True))
        else:
            quoted = re.findall(r"'([^']+)'", message)
            line = next((n + 1 for q in quoted for n, text in enumerate(config_lines) if q in text), 1)
            problems.append(Problem("mkdocs.yml", line, f"mkdocs: {first}", from_build=True))
    return problems


