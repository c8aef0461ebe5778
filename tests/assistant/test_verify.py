"""verify.check_answer and renumber on plain strings: citations, support, links, tables."""

from __future__ import annotations

import pytest

from assistant.verify import Preview, check_answer, flag, renumber
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


def titled(text: str, n: int = 2) -> Passage:
    """A passage of an article whose title names both roles, as "X vs Y" articles do."""
    return Passage(f"c{n}", text, "a.txt", "AI Engineer vs Machine Learning Engineer", "Pay", [], n)


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


def test_sentence_with_only_an_invented_marker_loses_it_and_is_flagged():
    out = check("ML engineers earn more at the senior level [9].")
    reason = "it cites passage 9, but only 3 were shown"
    assert out.text == "ML engineers earn more at the senior level." + flag(reason)
    assert out.used == [] and out.removed_markers == [9]
    assert out.unsupported == [
        {"sentence": "ML engineers earn more at the senior level.", "reason": reason}
    ]


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
    reason = "$1,000,000 is not in the cited passage"
    assert out.unsupported == [
        {"sentence": "AI engineers earn $1,000,000 on Mars [1].", "reason": reason}
    ]
    assert out.text == (
        "AI engineer is the third-fastest-growing role globally [1]. "
        "AI engineers earn $1,000,000 on Mars [1]." + flag(reason)
    )
    assert out.claims == 2


def test_wrong_passage_cited_is_flagged():
    out = check("AI engineer is the third-fastest-growing role globally [3].")
    assert [u["sentence"] for u in out.unsupported] == [
        "AI engineer is the third-fastest-growing role globally [3]."
    ]


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


# -- figures, names and roles: what word overlap cannot see ------------------------------


def test_role_swap_on_a_figure_is_flagged():
    # Every word but the role matches the passage, and the figure is there too.
    swapped = "Senior AI engineers at top-tier tech companies regularly reach $245,000 [2]."
    out = check_answer(swapped, [passage(1, GROWTH), titled(ML_PAY)], ALLOWED)
    assert out.unsupported == [
        {
            "sentence": swapped,
            "reason": "the cited passage gives $245,000 for ML engineers, not AI engineers",
        }
    ]
    right = swapped.replace("AI engineers", "ML engineers")
    assert check_answer(right, [passage(1, GROWTH), titled(ML_PAY)], ALLOWED).unsupported == []


def test_figure_attributed_through_an_earlier_sentence_of_the_passage():
    text = "Data analysts start lower. They earn $70,000 in their first year."
    ok = "Data analysts earn $70,000 in their first year [1]."
    assert check_answer(ok, [passage(1, text)], ALLOWED).unsupported == []
    bad = "Data scientists earn $70,000 in their first year [1]."
    reasons = [u["reason"] for u in check_answer(bad, [passage(1, text)], ALLOWED).unsupported]
    assert reasons == ["the cited passage gives $70,000 for Data analysts, not Data scientists"]


def test_role_the_passage_never_mentions_is_flagged():
    out = check("Data scientists earn more at the senior level [2].")
    assert out.unsupported[0]["reason"] == "the cited passage does not mention Data scientists"


def test_name_the_passage_does_not_give_is_flagged():
    ok = "AI engineer median base salaries in the United States range up to $185,000 [1]."
    assert check(ok).unsupported == []
    bad = ok.replace("United States", "United Kingdom")
    assert check(bad).unsupported[0]["reason"] == "the cited passage does not name United Kingdom"


def test_name_at_the_start_of_a_sentence_is_checked_by_its_rest():
    invented = check("Google DeepMind lists AI engineer as the third-fastest-growing role [1].")
    assert [u["reason"] for u in invented.unsupported] == [
        "the cited passage does not name Google DeepMind"
    ]
    given = check("LinkedIn's Emerging Jobs Report lists AI engineer as third-fastest-growing [1].")
    assert given.unsupported == []


def test_sentence_start_and_role_phrases_are_not_names():
    out = check("Senior ML Engineers at top-tier tech companies reach $245,000 [2].")
    assert out.unsupported == []


def test_claims_without_any_citation_are_flagged_but_labels_are_not():
    text = (
        "## Pay\n\n"
        "**AI engineer vs ML engineer**\n\n"
        "Here is what the passages say:\n"
        "- AI engineers earn $310,000 at large companies.\n"
        "- ML engineers generally earn more at the senior level [2].\n"
        "The articles do not cover pay outside the United States."
    )
    out = check(text)
    assert out.unsupported == [
        {
            "sentence": "- AI engineers earn $310,000 at large companies.",
            "reason": "it cites no passage",
        }
    ]
    assert out.claims == 2
    assert "$310,000 at large companies." + flag("it cites no passage") in out.text


def test_sentence_before_a_citation_in_its_paragraph_is_judged_by_that_citation():
    ok = check(
        "ML engineers generally earn more at the senior level. Senior ML engineers at top-tier "
        "tech companies reach $245,000 [2]."
    )
    assert ok.unsupported == [] and ok.claims == 2
    # A continuation line belongs to the paragraph; a new list item does not.
    wrapped = check("AI engineers earn $310,000 at large companies\nand grow fastest [1].")
    assert [u["reason"] for u in wrapped.unsupported] == ["$310,000 is not in the cited passage"]
    listed = check("- AI engineers earn $310,000 at large companies.\n- They grow fastest [1].")
    assert [u["reason"] for u in listed.unsupported] == ["it cites no passage"]


def test_flag_reason_cannot_inject_markup():
    assert flag("a *b* [1] <x> `c` |d") == " ⚠️ *(unsupported: a b 1 x c d)*"


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
    reason = "the cited passage does not say this"
    assert out.unsupported == [{"sentence": "Free rockets on Mars [1]", "reason": reason}]
    assert out.used == [1, 2, 3]
    lines = out.text.split("\n")
    flagged = [line for line in lines if "⚠️" in line]
    assert flagged == [
        "| Perks | Free rockets on Mars [1]" + flag(reason) + " | Optimizing models [3] |"
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


def preview_of(*pieces: str) -> str:
    preview = Preview(ALLOWED)
    for piece in pieces:
        shown = preview.feed(piece)
    return shown


def test_preview_holds_back_an_unfinished_link_then_shows_it():
    assert preview_of("Read ", f"[the report]({LINKEDIN[:20]}") == "Read "
    done = f"Read [the report]({LINKEDIN})"
    assert preview_of("Read ", done[5:], " ") == done + " "
    assert preview_of("Pay is higher [2") == "Pay is higher "
    assert preview_of("Pay is higher [2]") == "Pay is higher "  # "[2](url" may follow
    assert preview_of("Pay is higher [2].") == "Pay is higher [2]."
    assert preview_of("Pay is higher!") == "Pay is higher"  # "![image](url)" may follow
    assert preview_of("Pay is higher!", " Yes") == "Pay is higher! Yes"


@pytest.mark.parametrize("size", [1, 3, 8, 50])
def test_incremental_preview_never_shows_a_foreign_url(size):
    preview = Preview(ALLOWED)
    shown = [preview.feed(HOSTILE[i : i + size]) for i in range(0, len(HOSTILE), size)]
    assert [p for p in shown if "evil" in p or "<a" in p or "![" in p] == []
    final = preview.feed(" ")
    assert f"[the report]({LINKEDIN}) or this, here," in final
    assert all(final.startswith(p) for p in shown), "the preview only grows"


def test_incremental_preview_joins_a_url_split_across_pieces():
    preview = Preview(set())
    for piece in ["See www", ".evil", ".example/x now", " "]:
        shown = preview.feed(piece)
    assert "evil" not in shown and "See  now" in shown


@pytest.mark.slow
def test_preview_of_a_200kb_reply_costs_linear_time():
    import time

    unit = HOSTILE + " [" * 3 + "\n"
    reply = (unit * (200_000 // len(unit) + 1))[:200_000]
    preview = Preview(ALLOWED)
    start = time.process_time()
    for i in range(0, len(reply), 8):
        preview.feed(reply[i : i + 8])
    spent = time.process_time() - start
    assert "evil" not in preview.text
    assert spent < 2.0, f"{spent:.2f}s of CPU for a 200 KB preview"
