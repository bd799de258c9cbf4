"""The knowledge base's pipeline, one package, one folder per stage:

    data/*.yml ─▶ kb.model (loaders: file:line errors, one era scheme)
               ─▶ kb.render (pages, snippets, charts, downloads)   ─▶ docs/, includes/
               ─▶ kb.generate (the declared list of steps: `make generate`, `--check`)
    docs/ ─▶ MkDocs + hooks/ ─▶ site/ ─▶ kb.check (the authors' checker) ─▶ kb.export (zip, PDF)

Run as `python -m kb.generate`, `python -m kb.check`, `python -m kb.export` (the Makefile does).
The modules read and write paths relative to the project (data/, docs/, includes/, mkdocs.yml):
each command first moves to the project, found as git finds its repository.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent   # the project this package ships in


def project_root(start: Path | None = None) -> Path:
    """The nearest folder holding mkdocs.yml, from `start` (the current folder) up; else the current
    folder if it holds data/ or docs/ (a partial project: the tests' fixtures); else ROOT.
    So a command works from anywhere in the project, from outside it, and in a fixture project."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    if (here / "data").is_dir() or (here / "docs").is_dir():
        return here
    return ROOT


def enter_project() -> Path:
    """Move to the project (project_root) and return it: every command calls this first."""
    root = project_root()
    os.chdir(root)
    return root
