"""Timeline: data/timeline.yml is valid, its sources follow the sourcing policy (reported at
their line in the data file), and the generated timeline pages are up to date."""

from __future__ import annotations

import re

from timeline import TIMELINE_FILE, TimelineError, load_timeline

from .project import Problem
from .sources import source_problems

def check_timeline(registry) -> list[Problem]:
    import make_timeline

    if not TIMELINE_FILE.is_file():
        return []
    try:
        events = load_timeline()
    except TimelineError as err:
        return [Problem(str(err.path), err.line, err.message)]
    problems = []
    for event in events:
        for source, line in zip(event.sources, event.source_lines):
            urls = [u.rstrip(".,;:") for u in re.findall(r"<(https?://[^<>\s]+)>", source)]
            for message in source_problems(registry, source, urls):
                problems.append(Problem(str(TIMELINE_FILE), line, f"source {message}"))
    try:
        outputs = make_timeline.render_all(events)
    except Exception:  # a linked page's front matter: the front-matter check reports it
        return problems
    problems += [Problem(path.as_posix(), 1, f"out of date with {TIMELINE_FILE} (run: python scripts/make_timeline.py)")
                 for path, text in outputs.items()
                 if not path.is_file() or path.read_text(encoding="utf-8") != text]
    problems += [Problem(path.as_posix(), 1, f"no longer generated from {TIMELINE_FILE} (run: python "
                         "scripts/make_timeline.py, which removes it)") for path in make_timeline.leftovers(outputs)]
    return problems
