"""Timeline: data/timeline.yml is valid, its sources follow the sourcing policy (reported at
their line in the data file); kb/check/generated.py checks the generated pages."""

from __future__ import annotations


from kb.model.timeline import TIMELINE_FILE, TimelineError, load_timeline

from kb.model.text import addresses

from .project import Problem
from .sources import source_problems

def check_timeline(registry) -> list[Problem]:
    if not TIMELINE_FILE.is_file():
        return []
    try:
        events = load_timeline()
    except TimelineError as err:
        return [Problem(str(err.path), err.line, err.message)]
    problems = []
    for event in events:
        for source, line in zip(event.sources, event.source_lines):
            urls = addresses(source)
            for message in source_problems(registry, source, urls):
                problems.append(Problem(str(TIMELINE_FILE), line, f"source {message}"))
    return problems
