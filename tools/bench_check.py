"""Time kb/check on the real site and on generated sites of growing size.

    python tools/bench_check.py            # real site + 250, 500, 1000 generated pages
    python tools/bench_check.py 100 200    # other generated sizes

For each site: the mkdocs build alone (`mkdocs build`), then the checker alone on
that build (`check.py --site DIR`), both as fresh processes, wall-clock time.
The per-page columns show whether the check grows linearly. Not a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}   # the package kb/
SECTION_SIZE = 25

MKDOCS_YML = """\
site_name: Generated KB
site_url: https://example.org/gen/
theme:
  name: material
plugins:
  - search
  - glightbox
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [includes]
      auto_append: [abbreviations.md]
      check_paths: true
"""

GLOSSARY = """\
- term: NATO
  expansion: North Atlantic Treaty Organization
  definition: The alliance founded in 1949.
  related: [index.md]
- term: KFOR
  expansion: Kosovo Force
  definition: The NATO-led force in Kosovo.
  related: [index.md]
- term: ISAF
  expansion: International Security Assistance Force
  definition: The NATO-led mission in Afghanistan.
  related: [index.md]
"""


def front(title: str) -> str:
    return f"---\ntitle: {title}\ndescription: {title}, a generated page.\n---\n\n# {title}\n\n"


def topic(section: int, i: int, count: int) -> str:
    prev_page, next_page = f"page{(i - 1) % count}.md", f"page{(i + 1) % count}.md"
    body = [front(f"Topic {section}.{i}")]
    for k in range(1, 4):
        body.append(f"## Part {k}\n\nNATO deployed KFOR and later ISAF; this paragraph {k} of topic "
                    f"{section}.{i} has enough prose to look like a real page.[^{k}] See "
                    f"[the next topic]({next_page}), [the previous one]({prev_page}#part-2) and "
                    f"[part {k}](#part-{k}).\n")
    body.append("Back to the [section](index.md) or the [home page](../index.md).\n")
    body += [f"[^{k}]: NATO, \"Source {k}\", <https://sources.example/{section}/{i}/{k}>" for k in range(1, 4)]
    return "\n".join(body) + "\n"


def generate(root: Path, pages: int) -> None:
    """A valid project of about `pages` pages: sections of 25 linked, footnoted topics."""
    files: dict[str, str] = {}
    nav = ["nav:", "  - Home: index.md"]
    sections = max(1, pages // SECTION_SIZE)
    for s in range(sections):
        names = [f"sec{s}/page{i}.md" for i in range(SECTION_SIZE - 1)]
        files[f"sec{s}/index.md"] = (front(f"Section {s}") + "NATO topics.[^1]\n\n"
                                     + "\n".join(f"- [Topic {n}](page{i}.md)" for i, n in enumerate(names))
                                     + "\n\n[^1]: NATO, <https://sources.example/s>\n")
        for i, name in enumerate(names):
            files[name] = topic(s, i, len(names))
        nav += [f"  - Section {s}:", f"      - sec{s}/index.md"] + [f"      - {n}" for n in names]
    fixed = {"reference/glossary.md": "", "reference/timeline.md": "Timeline",
             "reference/sources.md": "Sources", "structures/command-structure.md": "ACO and ACT",
             "partnerships/index.md": "Partnerships, EAPC and ICI"}
    for name, title in fixed.items():
        if title:
            files[name] = front(title) + "Generated.[^1]\n\n[^1]: NATO, <https://sources.example/x>\n"
    nav += ["  - Reference:"] + [f"      - {n}" for n in fixed]
    links = [f"- [Section {s}](sec{s}/index.md)" for s in range(sections)]
    links += [f"- [{n}]({n})" for n in fixed]
    files["index.md"] = front("Home") + "NATO, KFOR and ISAF.[^1]\n\n" + "\n".join(links) + \
        "\n\n[^1]: NATO, <https://sources.example/home>\n"
    for name, text in files.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML + "\n".join(nav) + "\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "glossary.yml").write_text(GLOSSARY, encoding="utf-8")
    (root / "data" / "acronym-allowlist.txt").write_text("ACO\nACT\nEAPC\nICI\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kb.generate", "glossary"], cwd=root, env=ENV,
                   check=True, capture_output=True)


def timed(args: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    return time.perf_counter() - start, done


def measure(name: str, root: Path, work: Path) -> None:
    site = work / f"site-{name}"
    build_s, built = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], root)
    if built.returncode != 0:
        print(f"{name:<14} build failed: {built.stderr.strip().splitlines()[-1:]}")
        return
    check_s, checked = timed([sys.executable, "-m", "kb.check", "--site", str(site)], root)
    summary = (checked.stdout.strip().splitlines() or checked.stderr.strip().splitlines() or ["?"])[-1]
    pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    print(f"{name:<14} {pages:>6} {build_s:>9.2f} {1000 * build_s / pages:>9.1f} "
          f"{check_s:>9.2f} {1000 * check_s / pages:>9.1f}   exit {checked.returncode}: {summary[:60]}")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [250, 500, 1000]
    print(f"{'site':<14} {'pages':>6} {'build s':>9} {'ms/page':>9} {'check s':>9} {'ms/page':>9}")
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        measure("real site", Path.cwd(), work)
        for size in sizes:
            root = work / f"gen{size}"
            root.mkdir()
            generate(root, size)
            measure(f"generated {size}", root, work)


if __name__ == "__main__":
    main()
