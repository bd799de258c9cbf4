"""Write every generated file from data/: the one list of steps, in the order they run.

    python -m kb.generate                 # (re)write what is out of date, remove what is no longer made
    python -m kb.generate --check         # exit 1, one `path:1: ...` line per stale or leftover file
    python -m kb.generate glossary nav    # only these steps (a fixture project has only some data)

`make generate` runs it; `make test` runs `--check` first. Each step names what it is made from,
what must exist for it to run (a partial project skips the steps it has no data for), the renderer
that returns {path: text}, and the files it alone owns (globs): an owned file that the renderer no
longer returns (a dropped spending year, an era after the eras changed) is removed, for every step
alike. A Markdown page is removed only if its front matter says it is generated (`generated_from`),
so a page an author puts in a generated folder by mistake is never deleted. Exit status: 0 done or
up to date, 1 stale files (--check), 2 bad data (one `file:line: message` line).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kb import enter_project
from kb.model.datafile import DataError
from kb.model.frontmatter import FrontMatterError, is_generated, read_front_matter
from kb.model.glossary import GlossaryError
from kb.model.publishers import RegistryError
from kb.model.timeline import TimelineError
from kb.render import make_charts, make_glossary, make_reference, make_sources, make_timeline, nav

REF = "docs/reference"


@dataclass(frozen=True)
class Step:
    name: str
    made_from: str                         # named in messages
    needs: tuple[str, ...]                 # all must exist, or the step is skipped
    render: Callable[[], dict[Path, str]]  # {path: text}, raising a data error with file:line
    owns: tuple[str, ...]                  # globs of the files only this step writes


STEPS: tuple[Step, ...] = (
    Step("glossary", "data/glossary.yml", ("data/glossary.yml",), make_glossary.outputs,
         (f"{REF}/glossary.md", "includes/abbreviations.md")),
    Step("timeline", "data/timeline.yml", ("data/timeline.yml",), make_timeline.outputs,
         (f"{REF}/timeline.md", f"{REF}/timeline-*.md")),
    Step("charts", "data/members.yml and data/spending.yml", ("data/members.yml", "data/spending.yml"),
         make_charts.outputs,
         ("docs/assets/charts/*.svg", "docs/assets/charts/members/*.svg", "includes/figures/*.md")),
    Step("reference", "data/", ("data/members.yml", "data/operations.yml", "data/summits.yml", "data/spending.yml"),
         make_reference.render_all,
         tuple(f"{REF}/{name}" for name in (
             "members.md", "members/*.md", "operations.md", "operations/*.md", "summits.md", "summits/*.md",
             "spending.md", "spending/*.md", "leaders.md", "centres-of-excellence.md", "exercises.md",
             "partners.md", "partners/*.md", "data.md")) + ("docs/assets/data/*.csv", "docs/assets/data/*.json")),
    Step("sources", "the pages' footnotes and data/publishers.yml", ("data/publishers.yml",),
         make_sources.render_all, (f"{REF}/sources.md", f"{REF}/sources/*.md")),
    # Last: the nav of the generated sections lists the pages the steps above wrote.
    Step("nav", "the generated pages", ("mkdocs.yml",), nav.outputs, ()),
)
ERRORS = (DataError, GlossaryError, TimelineError, RegistryError, FrontMatterError, OSError, UnicodeDecodeError)


def runnable(step: Step) -> bool:
    return all(Path(p).exists() for p in step.needs)


def leftovers(step: Step, outputs: dict[Path, str]) -> list[Path]:
    """Files the step owns that it no longer writes (a Markdown page only if it says it is generated)."""
    found = sorted({p for pattern in step.owns for p in Path().glob(pattern) if p.is_file()})
    return [p for p in found if p not in outputs and (p.suffix != ".md" or is_generated(read_front_matter(p)))]


def stale(step: Step) -> tuple[dict[Path, str], list[Path], list[Path]]:
    """(outputs, files out of date, leftovers) of one step; raises its data errors."""
    outputs = step.render()
    out_of_date = [p for p, text in outputs.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    return outputs, out_of_date, leftovers(step, outputs)


def problems(step: Step) -> list[tuple[str, str]]:
    """(path, message) for each stale or leftover file: what --check prints and the checker reports."""
    _, out_of_date, gone = stale(step)
    return problems_from(step, out_of_date, gone)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", nargs="*", metavar="STEP", help=f"steps to run ({', '.join(s.name for s in STEPS)})")
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file is out of date or left over")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.steps) - {s.name for s in STEPS})
    if unknown:
        print(f"generate: no step named {', '.join(unknown)} (steps: {', '.join(s.name for s in STEPS)})",
              file=sys.stderr)
        return 2
    found_stale = False
    for step in STEPS:
        if (args.steps and step.name not in args.steps) or not runnable(step):
            continue
        try:
            outputs, out_of_date, gone = stale(step)
        except ERRORS as err:
            print(err, file=sys.stderr)
            return 2
        if args.check:
            for path, message in problems_from(step, out_of_date, gone):
                print(f"{path}:1: {message}")
            found_stale |= bool(out_of_date or gone)
            continue
        for p in out_of_date:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(outputs[p], encoding="utf-8")
            print(f"wrote {p}")
        for p in gone:
            p.unlink()
            print(f"removed {p}")
    return 1 if found_stale else 0


def problems_from(step: Step, out_of_date: list[Path], gone: list[Path]) -> list[tuple[str, str]]:
    return ([(p.as_posix(), f"out of date with {step.made_from} (run: make generate)") for p in out_of_date]
            + [(p.as_posix(), f"no longer generated from {step.made_from} (run: make generate, which removes it)")
               for p in gone])


if __name__ == "__main__":
    enter_project()
    sys.exit(main())
