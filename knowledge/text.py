"""Sentence and word helpers shared by ingest and retrieval."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import lru_cache

# Where long text is cut into windows for the segmenter: after a word of two or more lowercase
# letters or digits and a full stop, before a capital ("...in 2019. Then", never "U.S. Army").
_WINDOW_CUT = re.compile(r"(?<=[a-z0-9][a-z0-9][.!?])\s(?=[A-Z])")
_NO_BRACKETS = str.maketrans("()[]{}", "      ")
WINDOW = 1000  # syntok is quadratic on unbalanced brackets: it only ever sees bounded windows

# A list number that the segmenter left at the end of the previous sentence: "Steps: 1."
_TRAILING_NUMBER = re.compile(r"(?:^|\s)(\d{1,3}[.)])$")
_WORD = re.compile(r"[a-z0-9$]+(?:[.,'’][a-z0-9]+)*", re.I)

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves also tell says say according
    much many get gets there's what's it's does whats article""".split()
)


SPLIT_CACHE_CHARS = 2000  # texts up to this long (a passage is <= 800) are split once
SPLIT_CACHE_SIZE = 2048  # at most about 4 MB of text


# How ingest writes a table row, one line each: "<first cell> — <header>: <value>; <header>:
# <value>." (see ingest.formats.markdown.table_text). A row is one statement: sentence
# splitters cut it at its semicolons, leaving "Typical schedule: ..." without its row.
TABLE_ROW = re.compile(r"^[^—\n]{1,80} — [^:\n]{1,60}: ")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences with syntok, which knows abbreviations (U.S., e.g., Dr.),
    decimals and quotes; list numbers ("1. Learn Python.") stay with their item.

    A question splits the same passages several times (scoring, role focus, comparison cells)
    and popular passages recur across questions: short texts are split once and remembered."""
    if len(text) <= SPLIT_CACHE_CHARS:
        return list(_split_remembered(text))
    return _split(text)


@lru_cache(maxsize=SPLIT_CACHE_SIZE)
def _split_remembered(text: str) -> tuple[str, ...]:
    return tuple(_split(text))


def _split(text: str) -> list[str]:
    from syntok import segmenter

    flat = re.sub(r"\s+", " ", text).strip()
    if not flat:
        return []
    out: list[str] = []
    carry = ""
    for window in _windows(flat):
        opened = sum(window.count(c) for c in "([{")
        closed = sum(window.count(c) for c in ")]}")
        # syntok searches ahead for each bracket's partner: many, or unbalanced ones, make it
        # quadratic, so it then sees spaces in their place (same offsets, same text out).
        seen = window.translate(_NO_BRACKETS) if opened > 16 or opened != closed else window
        for paragraph in segmenter.analyze(seen):
            for sentence in paragraph:
                if not sentence:
                    continue
                start = sentence[0].offset
                end = sentence[-1].offset + len(sentence[-1].value)
                piece = window[start:end].strip()
                if carry:
                    piece = f"{carry} {piece}"
                    carry = ""
                m = _TRAILING_NUMBER.search(piece)
                if m and (m.start() == 0 or piece[: m.start()].rstrip()[-1:] in ":;.!?"):
                    carry = m.group(1)
                    piece = piece[: m.start()].strip()
                if piece:
                    out.append(piece)
    if carry:
        out.append(carry)
    return _joined_at_semicolons(out)


def _joined_at_semicolons(pieces: list[str]) -> list[str]:
    """The segmenter ends a sentence at a semicolon followed by a number or a capital ("...
    are audited; 50 to 55 hour weeks are normal then."): a semicolon joins two clauses of one
    sentence, so the piece it ends runs on into the next."""
    out: list[str] = []
    for piece in pieces:
        if out and out[-1].endswith(";"):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _windows(flat: str) -> list[str]:
    """flat cut into pieces of about WINDOW characters at likely sentence ends (else spaces)."""
    if len(flat) <= WINDOW * 1.5:
        return [flat]
    out: list[str] = []
    start = 0
    while len(flat) - start > WINDOW * 1.5:
        cut = -1
        for m in _WINDOW_CUT.finditer(flat, start + WINDOW // 2, start + WINDOW * 3 // 2):
            cut = m.start()
        if cut < 0:
            cut = flat.rfind(" ", start + WINDOW // 2, start + WINDOW * 3 // 2)
        if cut < 0:
            cut = start + WINDOW
        out.append(flat[start:cut])
        start = cut + 1 if flat[cut : cut + 1] == " " else cut
    out.append(flat[start:])
    return out


def fold_accents(text: str) -> str:
    """The text with its accents and compatibility forms undone ("Clémentine" -> "Clementine",
    "résumé" -> "resume", the ligature "ﬁ" -> "fi"), so a word matches however it was typed."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The text's words, lower case, accents folded: "Clémentine" is one word, "clementine"
    (not "cl" and "mentine"), and a question typed without the accent finds it."""
    if len(text) <= WORDS_KEPT_CHARS:
        return list(_words_kept(text))
    return _words(text)


# Answering one question reads the same passages, sentences and headings again and again
# (coverage, sentence scores, table cells, sides): at 100k chunks about six calls per distinct
# text. Texts up to this long keep their words (a few thousand of them, a few MB).
WORDS_KEPT_CHARS = 4000


@lru_cache(maxsize=8192)
def _words_kept(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


def _words(text: str) -> list[str]:
    if text.isascii():  # most texts: lower case first, the same words (no ’ to replace)
        return _WORD.findall(text.lower())
    return [w.lower().replace("’", "'") for w in _WORD.findall(fold_accents(text))]


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem: salary/salaries, earn/earnings and distinct/distinction meet."""
    return _stemmer().stemWord(word)


def content_terms(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def written_form(word: str, stems) -> str:
    """The word as a text with these stems writes it: "mris" is the plural of the "MRI" it
    writes, since the stem of an acronym's plural keeps its "s" ("llms", "mris")."""
    if word.endswith("s") and stem(word) not in stems and stem(word[:-1]) in stems:
        return word[:-1]
    return word


PHRASE_WORDS = 120  # a phrase is located by at most this many of its words


def phrase_span(text: str, phrase: str, start: int = 0) -> tuple[int, int] | None:
    r"""Where `phrase` occurs in `text` at or after `start`, whatever whitespace separates its
    words (a quote or a split sentence has its whitespace folded; the passage keeps its line
    breaks): the leftmost match of its words joined by `\s+`, found in `text` with each run of
    whitespace folded to one space. No pattern is compiled per phrase: a question placed
    every sentence of every passage it cites that way, 0.1-0.2 ms of regex compiling each
    for a passage not seen before, and the sentences crowded `re`'s cache of 512 patterns."""
    words = phrase.split()[:PHRASE_WORDS]
    if not words:
        return None
    folded, where = _folded(text) if len(text) <= SPLIT_CACHE_CHARS else _fold(text)
    wanted = " ".join(words)
    found = folded.find(wanted, bisect_left(where, start))
    if found < 0:
        return None
    return where[found], where[found + len(wanted) - 1] + 1


_SPACE_RUN = re.compile(r"\s+")


def _fold(text: str) -> tuple[str, array]:
    r"""`text` with each run of whitespace (`\s`, which is `str.isspace`) as one space, and
    where each of its characters is in `text` (a run's space: where the run starts)."""
    parts: list[str] = []
    where = array("I")  # 4 bytes an offset (a stored text is at most 2,000,000 characters)
    at = 0
    for run in _SPACE_RUN.finditer(text):
        parts += (text[at : run.start()], " ")
        where.extend(range(at, run.start() + 1))
        at = run.end()
    parts.append(text[at:])
    where.extend(range(at, len(text)))
    return "".join(parts), where


@lru_cache(maxsize=SPLIT_CACHE_SIZE // 8)  # a passage's sentences are placed one after another
def _folded(text: str) -> tuple[str, array]:
    return _fold(text)


MAX_NAME_SCAN = 20_000  # characters of one text read for names
# A proper name of several capitalized words, joined by at most one function word: "Bureau of
# Labor Statistics", "Occupational Outlook Handbook", "National Skills Coalition". Each step
# starts with spaces then a lower-case joiner or a capital, so the match never backtracks.
_NAME_RUN = re.compile(
    r"\b[A-Z][a-z]{1,30}(?:[ \t]{1,3}(?:(?:of|for|and|the|on|in)[ \t]{1,3})?[A-Z][a-z]{1,30}\b)+"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s{0,3}|[\"“(]\s{0,3})$")


def name_words(text: str) -> set[str]:
    """The words (lower case) of proper names of two or more capitalized words. They name an
    agency, a report or a company, not the common nouns they are spelled with: "Statistics" in
    "Bureau of Labor Statistics" speaks of no one's statistics skills. A sentence's first word
    is capitalized anyway, so it is no part of a name ("Learn Python" names nothing)."""
    out: set[str] = set()
    for m in _NAME_RUN.finditer(text[:MAX_NAME_SCAN]):
        toks = m.group(0).split()
        if _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]):
            toks = toks[1:]
        caps = [t for t in toks if t[:1].isupper()]
        if len(caps) >= 2:
            out.update(t.lower() for t in caps)
    return out
