"""The word index that finds a large library's role names agrees with the regex it replaces
(`(?<![\\w-])name-words-joined-by-[\\s-]?(?:s)?(?![\\w-])`, case-insensitive) on texts from
several kinds of article, and costs a pass over the words however many names there are."""

from __future__ import annotations

import random
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.understand.roles import REGEX_NAMES, RoleBook, _NameIndex

NAMES = [
    "front-end developer",
    "Site Reliability Engineer",
    "data analyst",
    "Staff",
    "C++ developer",
    "nurse practitioner",
    "DevOps",
    "product manager",
]
TEXTS = [
    "A frontend developer and a front end developer are both Front-End Developers.",
    "Staff+ roles report to an engineering manager; Staff-level pay matches.",
    "Site reliability engineers (SREs) and DevOps-minded data analysts meet.",
    "Nurse practitioners prescribe; a C++ developer compiles, a product-manager plans.",
    "The productmanager said: data analysts, data-analyst work, and devops.",
]


def _regex(names):
    names = sorted(names, key=len, reverse=True)
    alternation = "|".join(
        r"[\s-]?".join(re.escape(t) for t in re.findall(r"[\w+#]+", n)) for n in names
    )
    return re.compile(rf"(?<![\w-])(?:{alternation})(?:s)?(?![\w-])", re.I)


def _spans(matcher, text):
    return [(m.start(), m.end()) for m in matcher.finditer(text)]


def test_the_index_finds_what_the_regex_finds():
    index, regex = _NameIndex(NAMES), _regex(NAMES)
    for text in TEXTS:
        assert _spans(index, text) == _spans(regex, text), text


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(["data", "analyst", "front", "end", "-", " ", "s", "devops", ","]),
        max_size=40,
    )
)
def test_the_index_agrees_on_any_mix_of_name_words(parts):
    text = "".join(p if p in "- ," else f" {p} " for p in parts)
    assert _spans(_NameIndex(NAMES), text) == _spans(_regex(NAMES), text)


def test_a_large_library_uses_the_index_and_finds_the_same_roles():
    rnd = random.Random(7)
    words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(7)) for _ in range(600)]
    names = NAMES + [
        f"{rnd.choice(words)} {rnd.choice(words)} engineer" for _ in range(REGEX_NAMES)
    ]
    book = RoleBook(names)
    assert isinstance(book._pattern, _NameIndex)
    small = RoleBook(NAMES)
    assert not isinstance(small._pattern, _NameIndex)
    for text in TEXTS:
        learned = [r for r in book.find(text) if r.lower() in {n.lower() for n in names}]
        assert _spans(book._pattern, text) == _spans(_regex(book.phrases.values()), text)
        assert set(learned) <= set(book.find(text))


def test_a_texts_words_outside_its_roles_are_remembered_by_each_book():
    """`outside_roles` blanks the roles the book finds, and keeps the result; a library that
    learns a role makes a new book, which blanks that role too (a write is seen)."""
    text = "The sous chef plans the menu while the barista opens the cafe at six."
    book = RoleBook(["sous chef"])
    once = book.outside_roles(text)
    assert "sous chef" not in once and "barista opens" in once and "plans the menu" in once
    assert book.outside_roles(text) is once
    learned = RoleBook(["sous chef", "barista"])
    assert learned.find(text) == ["sous chef", "barista"]
    assert "barista" not in learned.outside_roles(text)
    assert book.outside_roles(text) == once
