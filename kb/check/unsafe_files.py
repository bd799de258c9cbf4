"""Files under docs/ that MkDocs must not publish or cannot read, each at its line:

- a symbolic link (docs/x -> /etc/passwd, /proc/self/environ): MkDocs follows it and publishes
  what it points at;
- a page that cannot be read at all (permissions): MkDocs stops with a traceback;
- a snippet (`--8<-- "file"`, also inside a code fence) that pymdownx.snippets would not include
  from the snippet folders that mkdocs.yml allows (base_path, restrict_base_path: true):
  `--8<-- ".git/config"` or `--8<-- "/etc/passwd"`. With check_paths MkDocs stops on it.

Used by kbcheck.cli.unreadable_pages() (the checker leaves these files out of its build and reports
them) and so by kb/preflight.py (make build, make serve) and the export.
"""

from __future__ import annotations

import os
from pathlib import Path

from .project import Problem


def symlinks(docs: Path) -> dict[str, Problem]:
    """Every symbolic link under docs/ (a linked folder is not entered)."""
    found: dict[str, Problem] = {}
    for folder, dirs, files in os.walk(docs):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                target = os.readlink(path)
                found[path.relative_to(docs).as_posix()] = Problem(
                    path.as_posix(), 1, f"symbolic link to '{target}': MkDocs would publish what it points "
                    "at (remove it; copy the file into docs/ if it belongs on the site)")
        dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
    return found


def snippet_options() -> dict | None:
    """pymdownx.snippets' options in mkdocs.yml (None: the extension is not used)."""
    from .project import read_config

    try:
        config = read_config()
    except Exception:  # noqa: BLE001 - mkdocs.yml itself is reported by the checker
        return None
    for item in config.get("markdown_extensions") or []:
        if item == "pymdownx.snippets":
            return {}
        if isinstance(item, dict) and "pymdownx.snippets" in item:
            return dict(item["pymdownx.snippets"] or {})
    return None


def snippet_problems(path: Path, text: str, options: dict) -> list[Problem]:
    """The snippets of one page that pymdownx.snippets would not include (outside the allowed
    base paths, or missing), at their lines, found as the extension finds them."""
    import markdown
    from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

    allowed = {k: options[k] for k in ("base_path", "restrict_base_path", "encoding") if k in options}
    md = markdown.Markdown(extensions=[SnippetExtension(**allowed)])
    pre = md.preprocessors["snippet"]
    bases = options.get("base_path", ["."])
    where = ", ".join(f"{b}/" if os.path.isdir(b) else str(b) for b in (bases if isinstance(bases, list) else [bases]))
    problems, block = [], False
    for number, line in enumerate(text.splitlines(), 1):
        m = SnippetPreprocessor.RE_ALL_SNIPPETS.match(line)
        if m and m.group("escape"):
            continue
        if m and not m.group("inline_marker"):
            block = not block
            continue
        if m:
            name = m.group("snippet")[1:-1].strip()
        elif block and line.strip():
            name = line.strip()
        else:
            continue
        parts = pre.split_path(name)
        file = (parts[0] if parts else name).strip()
        if file and pre.get_snippet_path(file) is None:
            problems.append(Problem(path.as_posix(), number, f"snippet '{name}' is not in the snippet folders "
                                    f"({where}) or does not exist: only files there may be included"))
    return problems
