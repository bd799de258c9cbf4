"""kb.generate, the one declared list of generation steps (issue 23): every step's files that are no
longer made are removed alike, a hand-written page never; the nav of the generated sections follows the
generated pages (kb/render/nav.py). Fast tier: small projects in tmp_path, no site build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb import generate, project_root
from kb.render import nav

ROOT = Path(__file__).resolve().parents[1]


def page(title: str, generated: bool = True) -> str:
    extra = "generated_from: [data/x.yml, kb/render/make_x.py]\n" if generated else ""
    return f"---\ntitle: {title}\n{extra}---\n\n# {title}\n"


def test_every_owned_file_no_longer_made_is_a_leftover_but_never_a_hand_written_page(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "docs" / "reference" / "x"
    folder.mkdir(parents=True)
    (folder / "kept.md").write_text(page("Kept"))
    (folder / "dropped.md").write_text(page("Dropped"))                  # an era the data no longer has
    (folder / "by-hand.md").write_text(page("By hand", generated=False))  # an author's page: never removed
    (folder / "old.csv").write_text("a,b\n")                               # a download no longer made
    step = generate.Step("x", "data/x.yml", (), lambda: {Path("docs/reference/x/kept.md"): page("Kept")},
                         ("docs/reference/x/*.md", "docs/reference/x/*.csv"))
    outputs, stale, gone = generate.stale(step)
    assert stale == [] and gone == [Path("docs/reference/x/dropped.md"), Path("docs/reference/x/old.csv")]
    assert generate.problems_from(step, stale, gone) == [
        ("docs/reference/x/dropped.md", "no longer generated from data/x.yml (run: make generate, which removes it)"),
        ("docs/reference/x/old.csv", "no longer generated from data/x.yml (run: make generate, which removes it)")]


def test_every_step_declares_what_it_owns_and_the_real_project_is_up_to_date():
    assert [s.name for s in generate.STEPS][-1] == "nav"          # the nav follows the pages written before it
    assert all(s.owns for s in generate.STEPS if s.name != "nav")
    done = subprocess.run([sys.executable, "-m", "kb.generate", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_unknown_step_is_one_clear_line():
    done = subprocess.run([sys.executable, "-m", "kb.generate", "glosary"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("generate: no step named glosary (steps: glossary, timeline,")


def test_nav_labels_are_the_titles_without_their_shared_words():
    assert nav.labels(["Timeline 1949–1965", "Timeline 2022–today"]) == ["1949–1965", "2022–today"]
    assert nav.labels(["Summits, 1957–1990", "Summits, 1991–2000"]) == ["1957–1990", "1991–2000"]
    assert nav.labels(["Defence spending by Ally, 2023", "Defence spending by Ally, 2022"]) == ["2023", "2022"]
    assert nav.labels(["Albania", "Belgium"]) == ["Albania", "Belgium"]
    assert nav.labels(["United Kingdom", "United States"]) == ["United Kingdom", "United States"]  # no bare "Kingdom"
    assert nav.quoted("Türkiye") == "Türkiye" and nav.quoted("2023") == "2023"
    assert nav.quoted("Bosnia: the case") == '"Bosnia: the case"'


def test_the_nav_block_follows_the_generated_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    years = tmp_path / "docs" / "reference" / "spending"
    years.mkdir(parents=True)
    for year in (2022, 2023, 2024):
        (years / f"{year}.md").write_text(page(f"Defence spending by Ally, {year}"))
    config = ("nav:\n  - Spending:\n      - reference/spending.md\n"
              "      # nav: reference/spending/*.md, newest first (written by make generate)\n"
              "      - 2019: reference/spending/2019.md\n"        # a year the data no longer has
              "      # end nav\n  - About: about.md\n")
    assert nav.render(config) == ("nav:\n  - Spending:\n      - reference/spending.md\n"
                                  "      # nav: reference/spending/*.md, newest first (written by make generate)\n"
                                  "      - 2024: reference/spending/2024.md\n"
                                  "      - 2023: reference/spending/2023.md\n"
                                  "      - 2022: reference/spending/2022.md\n"
                                  "      # end nav\n  - About: about.md\n")


def test_commands_find_the_project_from_inside_it_or_fall_back_to_the_package(tmp_path):
    assert project_root(ROOT / "docs" / "reference") == ROOT
    assert project_root(tmp_path) == ROOT                      # outside any project: the one kb/ ships in
    (tmp_path / "data").mkdir()
    assert project_root(tmp_path) == tmp_path                  # a partial project (the tests' fixtures)
