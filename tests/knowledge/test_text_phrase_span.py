"""`knowledge.text.phrase_span` places a phrase in a text whatever whitespace separates its
words: the leftmost match of its words joined by `\\s+`, found without compiling a pattern
per phrase. Its answer is the pattern's, checked here against the pattern itself."""

from __future__ import annotations

import random
import re

from knowledge.text import PHRASE_WORDS, SPLIT_CACHE_CHARS, phrase_span

WARD = (
    "Night-shift charge nurses on a\u00a0cardiac ward hand over at 07:00.\r\n\r\n"
    "The handover   covers each patient's\tmedication chart, fluid balance and\n"
    "falls risk; a charge nurse then  checks the crash trolley. Charge nurses earn "
    "about $41.50 an hour (U.S. figures)."
)


def pattern_span(text: str, phrase: str, start: int = 0) -> tuple[int, int] | None:
    words = phrase.split()[:PHRASE_WORDS]
    if not words:
        return None
    match = re.compile(r"\s+".join(map(re.escape, words))).search(text, start)
    return match.span() if match else None


def test_a_phrase_is_found_across_line_breaks_tabs_and_wide_spaces():
    span = phrase_span(WARD, "The handover covers each patient's medication chart")
    assert span == pattern_span(WARD, "The handover covers each patient's medication chart")
    assert WARD[span[0] : span[1]] == "The handover   covers each patient's\tmedication chart"
    wide = phrase_span(WARD, "on a cardiac ward")
    assert WARD[wide[0] : wide[1]] == "on a\u00a0cardiac ward"
    assert phrase_span(WARD, "07:00. The handover") == pattern_span(WARD, "07:00. The handover")
    assert phrase_span(WARD, "charge nurse earns") is None
    assert phrase_span(WARD, " \n ") is None


def test_the_search_starts_where_it_is_told_even_inside_a_run_of_spaces():
    first = phrase_span(WARD, "charge nurse")
    later = phrase_span(WARD, "charge nurse", first[1])
    assert later is None or later[0] >= first[1]
    assert phrase_span(WARD, "Charge nurses", 10) == pattern_span(WARD, "Charge nurses", 10)
    run = WARD.index("   covers")
    for start in range(run - 2, run + 5):
        assert phrase_span(WARD, "covers each", start) == pattern_span(WARD, "covers each", start)
    assert phrase_span(WARD, "hand over", len(WARD) + 3) is None


def test_any_phrase_in_any_text_is_placed_where_the_pattern_places_it():
    rng = random.Random(13)
    pieces = ["shift", "ward", "nurse", "s", ".", "(", "$4", " ", "  ", "\n", "\t", "\r\n"]
    pieces += ["\u00a0", "\u2003", "é", "'"]
    long_text = " ".join(["rota"] * (SPLIT_CACHE_CHARS // 4)) + " night shift\n  ward"
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        if rng.random() < 0.1:
            text = long_text + text  # longer texts are folded afresh each time
        if text and rng.random() < 0.6:
            a = rng.randint(0, len(text))
            phrase = text[a : rng.randint(a, len(text))]
        else:
            phrase = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        start = rng.randint(0, len(text) + 1)
        assert phrase_span(text, phrase, start) == pattern_span(text, phrase, start), (
            text,
            phrase,
            start,
        )
