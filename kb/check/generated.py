"""Generated files: each one matches what `make generate` would write now, and none is left over.

The rule is kb.generate's (its declared steps, their outputs and the files they own): the checker
asks it, so `make check` and `python -m kb.generate --check` can never disagree. A step whose data
does not load is skipped here: the data checks report that error at its file and line.
The Sources pages are left to `python -m kb.generate --check` (`make test`): they are made from
every page's footnotes, so any page being edited makes them stale, and `make check` writes them
first (it runs `make generate`).
"""

from __future__ import annotations

from .project import Problem


def check_generated(skip: set[str] = frozenset()) -> list[Problem]:
    from kb import generate

    problems: list[Problem] = []
    for step in generate.STEPS:
        if step.name in skip or step.name == "sources" or not generate.runnable(step):
            continue
        try:
            problems += [Problem(path, 1, message) for path, message in generate.problems(step)]
        except generate.ERRORS as err:
            if getattr(err, "path", None) and getattr(err, "line", None):
                problems.append(Problem(str(err.path), err.line, getattr(err, "message", str(err))))
    return problems
