"""Tests for the checker's rules that keep pages honest as time passes (kb/check/freshness.py)
and for the form of cited addresses (kb/check/sources.py: nato.int in English, public host
names, labelled reprints).

Same method as tests/test_check.py, whose fixture project and helpers are reused: copy the small
valid project, inject ONE fault, run the real kb/check and assert the exact line(s).
The fixture pages are reviewed today, so past dates are fixed years and future ones are computed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from test_check import (AFGHAN_NOTE, ENV, ROOT, TIMELINE_EVENT, TODAY, assert_problems, cite,  # noqa: F401
                        edit, project, run_check, template)

BALKANS_BODY = "NATO led KFOR in Kosovo from 1999.[^1]"
NEXT_YEAR = dt.date.today().year + 1
HINT = "(say what happened, e.g. 'was held on ...', or leave it out)"


def say(project, sentence: str) -> None:
    """Add `sentence` after the Balkans page's first sentence (line 9)."""
    edit(project, "docs/operations/balkans.md", BALKANS_BODY, f"{BALKANS_BODY} {sentence}")


def assert_clean(project) -> None:
    code, lines, stderr = run_check(project)
    assert code == 0 and len(lines) == 1 and lines[0].startswith("check: no problems ("), (lines, stderr)


def register(project, *entries: str) -> None:
    with open(project / "data" / "publishers.yml", "a") as fh:
        fh.write("".join(f"{entry}\n" for entry in entries))


# --- future tense about a past date -------------------------------------------------------------


def test_future_tense_about_a_past_date(project):
    say(project, "The Ankara summit is scheduled for 7–8 July 2020.")
    assert_problems(project, f"docs/operations/balkans.md:9: 'is scheduled for 7–8 July 2020' presents an event of "
                             f"8 July 2020 as still to come, but the facts were reviewed on {TODAY} {HINT}")


def test_future_tense_participle_and_month(project):
    say(project, "NATO's summit, planned for July 2020, meets in Ankara.")
    assert_problems(project, f"docs/operations/balkans.md:9: 'planned for July 2020' presents an event of "
                             f"31 July 2020 as still to come, but the facts were reviewed on {TODAY} {HINT}")


def test_past_tense_future_dates_and_quoted_titles_are_not_flagged(project):
    say(project, "The Ankara summit was held on 7–8 July 2020. The next one will be held in July "
                 f"{NEXT_YEAR}. A meeting planned for 6 December 2017 had been vetoed. The summit is scheduled "
                 "for this year. A report was titled \"NATO to hold 2020 summit, scheduled for 7 July 2020\".")
    assert_clean(project)


def test_future_tense_in_a_timeline_event_is_reported_at_its_data_line(project):
    (project / "data" / "timeline.yml").write_text(
        TIMELINE_EVENT.replace("KFOR enters Kosovo.", "KFOR is scheduled to enter Kosovo."))
    subprocess.run([sys.executable, "-m", "kb.generate", "timeline"], cwd=project, env=ENV, check=True,
                   capture_output=True)
    code, lines, _ = run_check(project)     # the fixture's nav lacks the era pages: only this line matters
    assert code == 1
    assert [line for line in lines if line.startswith("data/")] == [
        f"data/timeline.yml:2: 'is scheduled' presents an event of 12 June 1999 as still to come, but the facts were "
        f"reviewed on {TODAY} {HINT}"]


# --- "as of" and ongoing_as_of --------------------------------------------------------------------


def test_old_as_of_date_is_a_warning(project):
    say(project, "As of March 2020, KFOR had about 3,500 troops.")
    code, lines, _ = run_check(project)
    assert lines[:-1] == [f"docs/operations/balkans.md:9: warning: 'As of March 2020' is more than 12 months before "
                          f"the review date {TODAY}: check the fact and give a newer date, or say when it held"]
    assert lines[-1].startswith("check: no problems, 1 warning (")
    assert code == 0


def test_recent_as_of_date_is_fine(project):
    today = dt.date.today()
    say(project, f"As of {today.day} {today.strftime('%B')} {today.year}, KFOR had about 4,500 troops.")
    assert_clean(project)


OPERATIONS = """\
operations:
  - name: KFOR
    ongoing_as_of: {date}
"""


def test_old_ongoing_as_of_is_a_problem(project):
    (project / "data" / "operations.yml").write_text(OPERATIONS.format(date="2020-01-31"))
    assert_problems(project, "data/operations.yml:3: 'KFOR' ongoing_as_of 2020-01-31 is more than 6 months before "
                             f"the data's review date {TODAY} (confirm it is still running, with a dated source, "
                             "and update the date; or give its 'end')")
    (project / "data" / "operations.yml").write_text(OPERATIONS.format(date=TODAY))
    assert_clean(project)


def test_ongoing_as_of_a_month_or_year_counts_from_its_first_day(project):
    """"2026" or "2026-06" is not evidence of the period's last day: a month whose first day is more
    than 6 months before the review date is a problem even if its last day is not."""
    today = dt.date.fromisoformat(TODAY)
    back = today.year * 12 + today.month - 1 - 6 - (today.day == 1)   # six months back (seven on the 1st)
    month = f"{back // 12}-{back % 12 + 1:02d}"
    (project / "data" / "operations.yml").write_text(OPERATIONS.format(date=month))
    assert_problems(project, f"data/operations.yml:3: 'KFOR' ongoing_as_of {month} is more than 6 months before "
                             f"the data's review date {TODAY} (confirm it is still running, with a dated source, "
                             "and update the date; or give its 'end')")


# --- reprints ------------------------------------------------------------------------------------

REPRINT = "- {host: reprints.example, name: Fixture Reprint Library, tier: reprint}"
OFFICIAL_TOO = "; NATO <https://sources.example/isaf>"


def test_reprint_without_original_publisher_and_label(project):
    register(project, REPRINT)
    message = ("docs/operations/afghanistan.md:13: footnote '[^1]' 'reprints.example' republishes other publishers' "
               "documents (Fixture Reprint Library): cite the original; if it is not online, name the original "
               "publisher first and say 'reprint' (e.g. 'NATO, press release \"...\", 27 September 2001; reprint by "
               "Fixture Reprint Library. <https://...>')")
    cite(project, "[^1]: Fixture Reprint Library, text of the ISAF page <https://reprints.example/isaf>" + OFFICIAL_TOO)
    assert_problems(project, message)
    cite(project, "[^1]: Fixture Reprint Library, reprint of the ISAF page <https://reprints.example/isaf>"
         + OFFICIAL_TOO)
    assert_problems(project, message)
    cite(project, "[^1]: NATO, ISAF page, 2010; reprint by Fixture Reprint Library <https://reprints.example/isaf>"
         + OFFICIAL_TOO)
    assert_clean(project)


# --- address form ----------------------------------------------------------------------------------


def test_nato_page_in_another_language(project):
    register(project, "- {host: nato.int, name: NATO, tier: official}")
    cite(project, "[^1]: NATO, topic page \"ISAF\". <https://www.nato.int/cps/fr/natohq/topics_69366.htm>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' "
                             "'https://www.nato.int/cps/fr/natohq/topics_69366.htm' is NATO's fr version of the page: "
                             "cite it in English (/cps/en/ instead of /cps/fr/)")
    cite(project, "[^1]: NATO, topic page \"ISAF\". "
                  "<https://www.nato.int/cps/fr/natohq/topics_69366.htm?selectedLocale=en>")
    assert_clean(project)
    cite(project, "[^1]: NATO, topic page \"ISAF\". <https://www.nato.int/cps/en/natohq/topics_69366.htm>")
    assert_clean(project)


def test_internal_server_name_and_trailing_dot(project):
    register(project, "- {host: internal.sources.example, tier: never, why: internal server name, "
                      "canonical: sources.example}")
    cite(project, "[^1]: NATO, \"Afghanistan\", <https://internal.sources.example/isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' 'internal.sources.example' is an "
                             "internal server name: cite the same page at sources.example")
    cite(project, "[^1]: NATO, \"Afghanistan\", <https://sources.example./isaf>")
    assert_problems(project, "docs/operations/afghanistan.md:13: footnote '[^1]' host 'sources.example.' ends with "
                             "a dot (write sources.example)")
    cite(project, AFGHAN_NOTE)
    assert_clean(project)
