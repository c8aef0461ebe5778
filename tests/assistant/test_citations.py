"""Citations: one [n] per passage, and each shows the part of its passage the answer quotes."""

from __future__ import annotations

import re

import pytest

from assistant.citations import ELLIPSIS, CitationSet, excerpt, sentence_spans
from knowledge.schema import Passage

# Written for these tests (nursing, a kitchen); the seed and development articles are checked
# end to end below and in test_extractive.
WARD = (
    "Charge nurses run the shift on a ward of twenty beds. They assign patients to each nurse "
    "at handover. Most have five years of bedside experience. The hospital pays them a shift "
    "differential on nights. Few of them keep a full patient load."
)
KITCHEN = (
    "A line cook should know:\n- knife work and mise en place;\n- the grill and the fryer;\n"
    "- how to read a ticket rail.\nSous chefs expect this from the first week."
)


def _passage(text: str, i: int = 0) -> Passage:
    return Passage(f"p{i}", text, f"/a/{i}.md", "Title", "Section", [], i)


def test_a_quote_is_shown_with_one_sentence_of_context_on_each_side():
    shown = excerpt(WARD, ["Most have five years of bedside experience."])
    assert shown == (
        f"{ELLIPSIS} They assign patients to each nurse at handover. Most have five years of "
        f"bedside experience. The hospital pays them a shift differential on nights. {ELLIPSIS}"
    )


def test_quotes_far_apart_are_shown_as_separate_pieces():
    first, last = "Charge nurses run the shift on a ward of twenty beds.", "Few of them keep"
    shown = excerpt(WARD, [first, last])
    assert shown.startswith(first) and shown.endswith("Few of them keep a full patient load.")
    assert shown.count(ELLIPSIS) == 1 and "five years" not in shown


def test_a_clause_of_a_sentence_brings_its_whole_sentence():
    shown = excerpt(WARD, ["a shift differential"])
    assert "The hospital pays them a shift differential on nights." in shown
    assert shown.startswith(ELLIPSIS) and "Charge nurses" not in shown


def test_the_whole_passage_when_a_quote_cannot_be_placed_or_nothing_would_be_cut():
    assert excerpt(WARD, ["Surgeons operate on Tuesdays."]) == WARD
    assert excerpt(WARD, ["They assign patients", "The hospital pays"]) == WARD
    assert excerpt("One sentence only.", ["One sentence only."]) == "One sentence only."


def test_a_list_keeps_its_lines_and_a_quote_matches_across_line_breaks():
    folded = "A line cook should know: - knife work and mise en place;"
    assert excerpt(KITCHEN, [folded]).startswith("A line cook should know:\n- knife work")
    spans = sentence_spans(KITCHEN)
    assert spans and all(0 <= a < b <= len(KITCHEN) for a, b in spans)
    assert [a for a, _ in spans] == sorted(a for a, _ in spans)


def test_a_citation_set_numbers_passages_once_and_keeps_every_quote():
    cites = CitationSet([_passage(WARD, 0), _passage(KITCHEN, 1)])
    assert cites.cite(1, "A line cook should know:") == 1
    assert cites.cite(0, "Most have five years of bedside experience.") == 2
    assert cites.cite(1, "knife work", also=["the grill and the fryer;"]) == 1
    built = cites.build({})
    assert [c["n"] for c in built] == [1, 2]
    assert built[0]["quote"] == "A line cook should know:"
    assert "the grill and the fryer" in built[0]["text"]
    assert built[1]["text"].startswith(ELLIPSIS) and built[1]["text"] != WARD
    whole = cites.build({}, excerpts=False)
    assert [c["text"] for c in whole] == [KITCHEN, WARD]


STATION = (
    "Before service, every cook checks the station. A station cook keeps:\n"
    "- sharpened knives;\n- labelled containers;\n- a clean cutting board;\n"
    "- towels in a sanitiser bucket;\n- the day's prep list.\n"
    "The chef walks the line at four. Late stations lose their first orders."
)


def test_a_list_an_answer_brings_is_shown_whole_in_its_citation():
    from assistant.evidence import Sentence
    from assistant.extractive import compose

    items = [
        "sharpened knives;",
        "labelled containers;",
        "a clean cutting board;",
        "towels in a sanitiser bucket;",
        "the day's prep list.",
    ]
    cites = CitationSet([_passage(STATION)])
    intro = Sentence(0, 1, "A station cook keeps:")
    answer = compose([intro], cites, {(0, 1): (0, items)})
    shown = cites.build({})[0]["text"]
    assert all(item in answer and item in shown for item in items), shown
    assert "Late stations" not in shown


def test_a_sentence_or_list_item_is_told_once_in_an_answer():
    # The same chunk reached twice (as a hit and as a neighbour) gives the same sentences under
    # two passage indexes; an item shown under its list's lead may be chosen again alone.
    from assistant.evidence import Sentence
    from assistant.extractive import compose

    items = ["sharpened knives;", "labelled containers;"]
    cites = CitationSet([_passage(STATION), _passage(STATION)])
    first = Sentence(0, 0, "Before service, every cook checks the station.")
    intro = Sentence(0, 1, "A station cook keeps:")
    again = Sentence(1, 0, "Before service, every cook checks the station.")
    item = Sentence(1, 2, "labelled containers;")
    answer = compose([first, intro, again, item], cites, {(0, 1): (0, items)})
    assert answer.count("every cook checks the station") == 1, answer
    assert answer.count("labelled containers") == 1, answer


_CITED = re.compile(r"\s*((?:\[\d+\]\s*)+)")
_FOLD = re.compile(r"\s+")


def cited_units(answer: str) -> list[tuple[str, set[int]]]:
    """(text, its [n]s) for each piece of a prose/list answer that ends in citation marks."""
    out, at = [], 0
    for m in _CITED.finditer(answer):
        text = answer[at : m.start()].strip()
        at = m.end()
        numbers = {int(n) for n in re.findall(r"\d+", m.group(1))}
        if text:
            out.append((text, numbers))
    return out


def assert_citations_show_their_quotes(result) -> None:
    """Every sentence or list an answer quotes beside [n] is in citation n's text."""
    shown = {c["n"]: _FOLD.sub(" ", c["text"]) for c in result.citations}
    for text, numbers in cited_units(result.answer):
        lines = [ln.removeprefix("- ").strip() for ln in text.splitlines() if ln.strip()]
        for line in lines:
            assert any(_FOLD.sub(" ", line) in shown[n] for n in numbers), (line, shown)


SEED_QUESTIONS = [
    "What kind of math does a machine learning engineer need to know?",
    "How can a software engineer move into AI engineering?",
    "How much do AI engineers earn?",
]


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_seed_answers_cite_excerpts_that_hold_what_they_quote(assistant, question):
    result = assistant.ask(question)
    assert result.citations and not result.comparison
    assert_citations_show_their_quotes(result)
