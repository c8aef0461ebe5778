"""`knowledge.text.words` keeps the words of short texts it has read (answering one question
reads the same passages and sentences many times): what it gives is the same as reading the
text afresh, and a caller that changes the list it got changes nothing for the next one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.text import WORDS_KEPT_CHARS, _words, words


def test_kept_words_are_the_texts_words_and_each_caller_gets_its_own_list():
    text = "Charge Nurses on the Clémentine Ward hand over at 07:00; the nurse’s notes wait."
    first = words(text)
    assert first == _words(text)
    assert "clementine" in first and "nurse's" in first
    first.append("mutated")
    first[0] = "x"
    again = words(text)
    assert again == _words(text) and again is not first
    assert "mutated" not in again and again[0] == "charge"


def test_a_long_text_is_read_whole_and_not_kept():
    shift = "Night nurses chart vital signs every hour and page the registrar. "
    text = shift * (WORDS_KEPT_CHARS // len(shift) + 2)
    assert len(text) > WORDS_KEPT_CHARS
    got = words(text)
    assert got == _words(text) and got.count("registrar") == text.count("registrar")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet="aZk09$.,'’ -\t\néİſK", max_size=60))
def test_an_ascii_text_has_the_words_of_the_general_reading(text):
    # An ASCII text is lower-cased before its words are found; any other text has its
    # accents folded and each word lower-cased: a non-ASCII word after it takes that path.
    marker = " zé"
    general = _words(text + marker)
    assert general[-1:] == ["ze"]
    if text.isascii():
        assert _words(text) == general[:-1]
