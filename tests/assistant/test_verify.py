"""verify.check_answer and renumber on plain strings: citations, support, links, tables."""

from __future__ import annotations

import pytest

from assistant.verify import UNSUPPORTED, check_answer, renumber, safe_preview
from knowledge.schema import Passage

GROWTH = (
    "The role sits closer to software engineering than research. LinkedIn's 2026 Emerging Jobs "
    "Report listed AI engineer as the third-fastest-growing role globally, with median base "
    "salaries in the United States ranging from $140,000 to $185,000 (LinkedIn, 2026)."
)
ML_PAY = (
    "In comparing salaries, ML engineers generally earn more at the senior level. Senior ML "
    "engineers at top-tier tech companies regularly reach total compensation of $245,000 or more."
)
ML_WORK = (
    "A machine learning engineer operates deeper in the model development stack. The role "
    "involves designing, training, evaluating, and optimizing models."
)
LINKEDIN = "https://www.linkedin.com/pulse/jobs-rise-2026-linkedin-news/"
LEVELS = "https://www.levels.fyi/t/machine-learning-engineer"
ALLOWED = {LINKEDIN, LEVELS}


def passage(n: int, text: str) -> Passage:
    return Passage(f"c{n}", text, "article.txt", "AI vs ML", f"Section {n}", [], n)


PASSAGES = [passage(1, GROWTH), passage(2, ML_PAY), passage(3, ML_WORK)]


def check(text: str):
    return check_answer(text, PASSAGES, ALLOWED)


# -- citation markers ---------------------------------------------------------------------


def test_supported_sentence_is_kept_with_its_quote():
    out = check("AI engineer is the third-fastest-growing role globally [1].")
    assert out.text == "AI engineer is the third-fastest-growing role globally [1]."
    assert out.used == [1]
    assert out.unsupported == [] and out.removed_markers == []
    assert "third-fastest-growing" in out.quotes[1]
    assert out.quotes[1].startswith("LinkedIn's 2026")  # one sentence, not the whole passage


def test_grouped_markers_are_split_and_both_quoted():
    out = check("ML engineers earn more at the senior level, and AI engineers grow fastest [2, 1].")
    assert "[2][1]" in out.text
    assert out.used == [2, 1]
    assert set(out.quotes) == {1, 2}
    assert "senior level" in out.quotes[2]
    assert out.unsupported == []


def test_sentence_joining_two_passages_is_judged_against_both():
    text = (
        "Senior ML engineers reach $245,000 while AI engineer median base salaries "
        "range from $140,000 to $185,000 [2][1]."
    )
    assert check(text).unsupported == []
    assert len(check(text.replace("$185,000", "$985,000")).unsupported) == 1


@pytest.mark.parametrize("marker", ["[9]", "[0]", "[4]"])
def test_marker_beyond_the_passages_is_removed(marker):
    out = check(f"ML engineers earn more at the senior level [2]{marker}.")
    assert out.text == "ML engineers earn more at the senior level [2]."
    assert out.removed_markers == [int(marker[1:-1])]
    assert out.used == [2]


def test_only_invented_numbers_dropped_from_a_group():
    out = check("ML engineers earn more at the senior level [2, 7, 2].")
    assert out.text == "ML engineers earn more at the senior level [2]."
    assert out.removed_markers == [7]


def test_sentence_with_only_an_invented_marker_loses_it_cleanly():
    out = check("ML engineers earn more at the senior level [9].")
    assert out.text == "ML engineers earn more at the senior level."
    assert out.used == [] and out.removed_markers == [9]


def test_marker_after_the_full_stop_belongs_to_the_sentence_before():
    out = check(
        "ML engineers earn more at the senior level. [2] "
        "AI engineer is the third-fastest-growing role globally. [1]"
    )
    assert out.text == (
        "ML engineers earn more at the senior level [2]. "
        "AI engineer is the third-fastest-growing role globally [1]."
    )
    assert out.used == [2, 1]
    assert out.unsupported == []


def test_repeated_marker_collapses():
    out = check("ML engineers earn more at the senior level [2][2].")
    assert out.text == "ML engineers earn more at the senior level [2]."


# -- support ------------------------------------------------------------------------------


def test_unsupported_sentence_is_flagged_and_others_are_not():
    out = check(
        "AI engineer is the third-fastest-growing role globally [1]. "
        "AI engineers earn $1,000,000 on Mars [1]."
    )
    assert out.unsupported == ["AI engineers earn $1,000,000 on Mars [1]."]
    assert out.text == (
        "AI engineer is the third-fastest-growing role globally [1]. "
        "AI engineers earn $1,000,000 on Mars [1]." + UNSUPPORTED
    )


def test_wrong_passage_cited_is_flagged():
    out = check("AI engineer is the third-fastest-growing role globally [3].")
    assert out.unsupported == ["AI engineer is the third-fastest-growing role globally [3]."]


def test_invented_figure_is_flagged_even_when_the_words_match():
    out = check("Senior ML engineers at top-tier tech companies reach $900,000 [2].")
    assert len(out.unsupported) == 1


@pytest.mark.parametrize(
    "figure", ["$245,000", "$245k", "245K", "245000"], ids=["comma", "k", "K", "plain"]
)
def test_figures_written_differently_still_match(figure):
    out = check(f"Senior ML engineers at top-tier tech companies reach {figure} [2].")
    assert out.unsupported == []


def test_quote_of_a_passage_cited_twice_comes_from_the_supported_claim():
    out = check(
        "AI engineers earn $1,000,000 on Mars [1]. "
        "AI engineer is the third-fastest-growing role globally [1]."
    )
    assert len(out.unsupported) == 1
    assert "third-fastest-growing" in out.quotes[1]


def test_bare_marker_does_not_displace_a_real_quote():
    out = check(
        "| AI engineer | ML engineer |\n|---|---|\n| ✓ [2] | Senior pay reaches $245,000 [2] |"
    )
    assert out.unsupported == []
    assert "$245,000" in out.quotes[2]


# -- tables -------------------------------------------------------------------------------

TABLE = """**AI engineer vs ML engineer**

| Aspect | AI engineer | ML engineer |
|---|---|---|
| Pay | $140,000 to $185,000 median base [1] | $245,000 or more at senior level [2] |
| Work | Software engineering, not research [1] | Designing and training models [3] |
| Perks | Free rockets on Mars [1] | Optimizing models [3] |

ML engineers generally earn more at the senior level [2]."""


def test_table_cells_are_checked_one_by_one():
    out = check(TABLE)
    assert out.unsupported == ["Free rockets on Mars [1]"]
    assert out.used == [1, 2, 3]
    lines = out.text.split("\n")
    flagged = [line for line in lines if UNSUPPORTED in line]
    assert flagged == [
        "| Perks | Free rockets on Mars [1]" + UNSUPPORTED + " | Optimizing models [3] |"
    ]
    # the table keeps its shape: every row has the same number of cells
    rows = [line for line in lines if line.startswith("|")]
    assert len(rows) == 5
    assert {row.count("|") for row in rows} == {4}


def test_table_without_outer_pipes_is_still_checked_per_cell():
    text = (
        "Aspect | AI engineer | ML engineer\n"
        "--- | --- | ---\n"
        "Pay | $140,000 to $185,000 median base [1] | $245,000 or more at senior level [2]"
    )
    out = check(text)
    assert out.unsupported == []
    assert out.used == [1, 2]


# -- links, images, HTML ------------------------------------------------------------------


def test_image_is_removed():
    out = check("ML engineers earn more at the senior level [2]. ![x](https://evil.example/p.png)")
    assert "evil.example" not in out.text and "![" not in out.text
    assert out.stripped == ["![x](https://evil.example/p.png)"]


def test_link_to_reference_kept_other_links_reduced_to_text():
    out = check(
        f"See [the LinkedIn report]({LINKEDIN}) and [this page](https://evil.example/a) "
        "and [that one](https://evil.example/b 'title') [1]."
    )
    assert f"[the LinkedIn report]({LINKEDIN})" in out.text
    assert "this page" in out.text and "that one" in out.text
    assert "evil.example" not in out.text
    assert len(out.stripped) == 2


def test_reference_url_matches_without_its_trailing_slash():
    out = check(f"See [the report]({LINKEDIN.rstrip('/')}) [1].")
    assert out.stripped == []


def test_bare_urls_only_references_survive_and_punctuation_stays():
    out = check(
        f"The data is at {LEVELS}. Also visit https://evil.example/x, "
        "or www.evil.example/y; ML engineers earn more at the senior level [2]."
    )
    assert LEVELS + "." in out.text
    assert "evil.example" not in out.text
    assert "visit, or; ML" in out.text  # the sentence's own punctuation is kept
    assert out.stripped == ["https://evil.example/x", "www.evil.example/y"]


def test_url_in_parentheses_is_not_missed():
    out = check("ML engineers earn more at the senior level (https://evil.example/z) [2].")
    assert "evil.example" not in out.text


def test_autolinks_and_html_are_removed_unless_allowed():
    out = check(
        f'<{LINKEDIN}> <https://evil.example/q> <a href="https://evil.example/h">click</a> '
        "<script>alert(1)</script> ML engineers earn more at the senior level [2]."
    )
    assert LINKEDIN in out.text
    assert "evil.example" not in out.text
    assert "<a" not in out.text and "<script" not in out.text
    assert "click" in out.text


# -- renumbering --------------------------------------------------------------------------


def test_renumber_in_order_of_first_use_with_repeats():
    out = check(
        "ML engineers work deeper in the model development stack [3]. "
        "AI engineer is the third-fastest-growing role globally [1]. "
        "The machine learning engineer role involves training models [3]."
    )
    assert out.used == [3, 1]
    assert renumber(out.text, out.used) == (
        "ML engineers work deeper in the model development stack [1]. "
        "AI engineer is the third-fastest-growing role globally [2]. "
        "The machine learning engineer role involves training models [1]."
    )


def test_renumber_swaps_without_chaining():
    assert renumber("a [2] b [1] c [2][1]", [2, 1]) == "a [1] b [2] c [1][2]"


def test_nested_list_indentation_is_kept():
    text = (
        "- AI engineers:\n"
        "  - AI engineer is the third-fastest-growing role globally [1]. "
        "It sits closer to software engineering than research [1]."
    )
    out = check(text)
    assert out.text.split("\n")[1].startswith("  - AI engineer")
    assert out.unsupported == []


# -- the preview shown while an answer streams -------------------------------------------

HOSTILE = (
    "ML engineers earn more at the senior level [2]. ![x](https://evil.example/p.png) "
    f"Read [the report]({LINKEDIN}) or [this](https://evil.example/a), "
    '<a href="https://evil.example/h">here</a>, https://evil.example/b and www.evil.example/c.'
)


def test_no_prefix_of_a_streaming_answer_shows_a_foreign_url():
    shown = [safe_preview(HOSTILE[:i], ALLOWED) for i in range(len(HOSTILE) + 1)]
    leaks = [p for p in shown if "evil" in p or "<a" in p or "![" in p]
    assert leaks == []
    assert f"[the report]({LINKEDIN}) or this, here," in shown[-1]


def test_preview_holds_back_an_unfinished_link_then_shows_it():
    cut = f"Read [the report]({LINKEDIN[:20]}"
    assert safe_preview(cut, ALLOWED) == "Read "
    done = f"Read [the report]({LINKEDIN})"
    assert safe_preview(done, ALLOWED) == done
    assert safe_preview("Pay is higher [2", ALLOWED) == "Pay is higher "
    assert safe_preview("Pay is higher [2]", ALLOWED) == "Pay is higher "  # "[2](url" may follow
    assert safe_preview("Pay is higher [2].", ALLOWED) == "Pay is higher [2]."
