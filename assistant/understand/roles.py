"""Role names in text: job-title phrases ("machine learning engineer") and the roles the library
itself names (learned by `vocabulary.RoleBook`), with canonical keys so variants match."""

from __future__ import annotations

import bisect
import os
import re
from functools import cached_property, lru_cache

from knowledge.text import STOPWORDS, content_terms, stem, words

ROLE_NOUNS = (
    "engineer|scientist|developer|analyst|researcher|architect|manager|designer|specialist"
    "|consultant|administrator|programmer|technician|lead|director|officer|tester"
)
# A word and the spaces after it are taken whole (possessive `*+`, `++`): a shorter word is
# followed by a word character, never by the space the pattern needs next, so giving back
# characters finds no other match; it only cost a step per character at every word tried.
# A word is at most 41 characters: `\b` also holds after each "." or "-" inside a run such as
# "a.b.c..." or "A-B-C-...", so an unbounded word made every one of those starts read to the
# run's end (quadratic in the run). Longer "words" are no role names anyway.
# A title's words before its role noun; a dot only inside a word ("Node.js") or after a short
# abbreviation ("Sr."): a longer word ending on one ends a sentence, and "Licensing. Skills
# architects" is no title.
_ROLE = re.compile(
    rf"\b((?:(?:[A-Za-z](?:[\w+#/-]|\.(?=\w)){{0,40}}+|(?-i:[A-Z][a-z]?\.))\s++){{0,3}}?(?:{ROLE_NOUNS})(?:s|ing)?)\b",
    re.I,
)
_SHARED_HEAD = re.compile(
    rf"\b(?!(?:{ROLE_NOUNS})(?:s|ing)?\b)((?:[A-Za-z](?:[\w+#-]|\.(?=\w)){{0,40}}+|(?-i:[A-Z][a-z]?\.)))\s++(?:and|or|vs\.?|versus|&)\s++((?:(?:[A-Za-z](?:[\w+#-]|\.(?=\w)){{0,40}}+|(?-i:[A-Z][a-z]?\.))\s++){{0,2}}?)({ROLE_NOUNS})(?:s|ing)?\b(?!\s+(?:{ROLE_NOUNS}))",
    re.I,
)
# A plural agent noun ("counselors", "developers", "dietitians") is a role of its own, never
# the modifier of a head noun after it: "counselors or school nurses" names no "counselor nurse".
_PLURAL_AGENT = re.compile(r"[a-z]{3,}(?:er|or|ist|ian)s")
# The next item of a list after a role: ", porter", " and housekeeper", ", or the housekeeper"
_LIST_NEXT = re.compile(
    r"[ \t]{0,3}(?:,[ \t]{0,3}(?:(?:and|or)[ \t]{1,3})?|[ \t]{1,3}(?:and|or)[ \t]{1,3})"
    r"(?:(?:the|an?)[ \t]{1,3})?([A-Za-z][\w-]{0,40}+)"
)
_PLURAL_TAIL = re.compile(r"(?:e?s|’s|'s)?")
MAX_LISTED = 4  # items after the first of a list sharing its modifier
# "data analyst and scientist": a modifier shared by two role nouns.
_SHARED_MODIFIER = re.compile(
    rf"\b([A-Za-z][\w+#-]{{0,40}}+)\s+(?:{ROLE_NOUNS})s?\s+(?:and|or|&)\s+({ROLE_NOUNS})(?:s|'s|’s)?\b",
    re.I,
)
# A role noun on its own ("engineer", "developers", "engineering"): no title. Match it whole
# (`fullmatch`); every module that asks "is this word a bare role noun?" uses this one pattern.
BARE_ROLE = re.compile(rf"(?:{ROLE_NOUNS})(?:s|ing)?", re.I)
_NOUN_LIST = tuple(ROLE_NOUNS.split("|"))


def kind_of(role: str, asked: str) -> bool:
    """The role is a kind of the bare role noun asked ("Interim Manager" of "manager",
    "veterinary technicians" of "technician"): its head is that noun."""
    said, bare = words(role), words(asked)
    return (
        len(bare) == 1
        and len(said) > 1
        and bool(BARE_ROLE.fullmatch(asked.strip()))
        and stem(said[-1]) == stem(bare[0])
    )


# An ASCII text's whitespace as spaces (what `\s` matches there), for `str.rfind`.
_ASCII_SPACES = str.maketrans({chr(c): " " for c in range(128) if chr(c).isspace()})
_WORDS_BEFORE_NOUN = 3  # `_ROLE`'s words before its role noun, each ending in one whitespace run


def _role_matches(text: str) -> list[re.Match]:
    """The matches `_ROLE.finditer(text)` gives, searched for only near the text's role nouns.

    Every match ends in a role noun with at most three words before it, each followed by one
    run of whitespace, so none starts before the fourth whitespace run back from the first
    role noun at or after where the last match ended: the search starts there, not at every
    word in between (a passage's scan costs about 20 µs instead of 50). `re` looks at the
    character before a search's start for its `\b`, as at any other place. A text that is not
    ASCII is scanned whole (case-insensitive matching pairs some non-ASCII letters with
    ASCII ones, which the substring search below would not see)."""
    if not text.isascii():
        return list(_ROLE.finditer(text))
    low = text.lower()
    nouns: list[int] = []
    for noun in _NOUN_LIST:
        at = low.find(noun)
        while at >= 0:
            nouns.append(at)
            at = low.find(noun, at + 1)
    if not nouns:
        return []
    nouns.sort()
    spaced = low.translate(_ASCII_SPACES)
    out: list[re.Match] = []
    pos = 0
    while True:
        i = bisect.bisect_left(nouns, pos)
        if i == len(nouns):
            return out
        start = nouns[i]  # the first noun not yet passed
        for n in range(_WORDS_BEFORE_NOUN + 1):  # back over runs of whitespace
            last = spaced.rfind(" ", pos, start)  # the last space of the next run back
            if last < 0:
                start = pos  # fewer runs since `pos`: search from there
                break
            if n == _WORDS_BEFORE_NOUN:
                start = last + 1  # right after the fourth run back
                break
            start = pos + len(spaced[pos:last].rstrip(" "))  # where that run starts
        m = _ROLE.search(text, start)
        if m is None:
            return out
        out.append(m)
        pos = m.end()


def _no_role_noun(text: str) -> bool:
    """True when the text cannot hold a role noun as `_ROLE`, `_SHARED_HEAD` and
    `_SHARED_MODIFIER` match one (case-insensitively): an ASCII text none of whose lower case
    holds one, which a few substring tests tell for a fraction of a scan's cost. (Other texts
    are scanned: case-insensitive matching also pairs non-ASCII letters with ASCII ones.)"""
    if not text.isascii():
        return False
    low = text.lower()
    return not any(noun in low for noun in _NOUN_LIST)


_SINGULAR_HEAD = re.compile(rf"(?:{ROLE_NOUNS})$", re.I)  # "... developer" (not "developers")
_PLURAL_HEAD = re.compile(rf"(?:{ROLE_NOUNS})s$", re.I)
_VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.I)
_LEAD_WORDS = {
    "a",
    "an",
    "the",
    "become",
    "becoming",
    "be",
    "being",
    "to",
    "as",
    "of",
    "for",
    "and",
    "or",
    "vs",
    "versus",
    "between",
    "compare",
    "is",
    "are",
    "do",
    "does",
    "which",
    "who",
    "what",
    "how",
    "should",
    "i",
    "my",
    "more",
    "senior",
    "junior",
    "new",  # "new technicians start near ...": a newcomer, no job title
    "than",
    "with",
    "top",
    "good",
    "great",
    "typical",
} | STOPWORDS
# General English: evaluative adjectives. "A better manager", "a strong engineer" judge a
# person in a role; they name no job title ("manager", "engineer" is the role).
_JUDGING = frozenset(
    """good great better best bad worse worst poor excellent ideal perfect successful
    effective strong weak decent amazing terrible awful outstanding exceptional average
    ordinary brilliant competent capable skilled talented mediocre""".split()
)
_LEAD_WORDS |= _JUDGING
# General English: counts. "Three analysts", "two engineers", "dozens of nurses" count people
# in a role; they name no job title.
_COUNTS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands million millions dozen dozens several many few""".split()
)
_LEAD_WORDS |= _COUNTS


_DETERMINERS = frozenset("the a an my your their our this that these those".split())
# General English: verbs whose third-person form often stands right before a role noun as its
# object ("does analytics and helps engineers", "manages and mentors developers"). A word of
# these joined by "and" is a verb phrase, not the first half of a shared head ("AI and ML
# engineers"), so it must not make roles ("helps engineer", "manages engineer").
_OBJECT_VERBS = frozenset(
    """allows asks becomes brings builds coaches connects enables expects finds gets gives
    guides hands helps hires joins keeps lets makes manages meets mentors needs pays pushes
    puts requires reviews runs sees sends serves shows supports takes teaches tells trains
    turns uses wants works writes"""
    # their base forms, after "does/do/did/will ..." ("Why do clinics want night nurses?"),
    # but for those that also name a kind of role ("build", "support", "release" engineer)
    """allow ask attract bring choose connect enable expect find get give help hire join keep
    let like love make manage meet need pay prefer recruit require see seek send show take
    teach tell value want""".split()
)
GENERIC = {"role", "roles", "two", "s", "career", "path", "paths", "job", "jobs", "one"}


# "Staff+" and "Staff-plus" engineers are staff engineers and above: one role ("C++" stays).
_PLUS = re.compile(r"^([a-z]{3,})(?:\+|-plus)$")


_ABBR_PLURAL = re.compile(r"\b([A-Z]{2,7})s\b")


@lru_cache(maxsize=8192)
def role_key(phrase: str) -> str:
    """A canonical key so "Machine Learning Engineers" and "ML engineer" match."""
    # ("LPNs" is the plural of "LPN": the capitals tell an abbreviation's "s" from a word's)
    phrase = _ABBR_PLURAL.sub(r"\1", phrase)
    toks = [
        _PLUS.sub(r"\1", t).replace("-", "")
        for t in re.findall(r"[\w+#.-]+", phrase.lower())
        if t not in _LEAD_WORDS
    ]
    toks = [t for t in toks if t]
    if not toks:
        return ""
    head = toks[-1]
    if re.match(rf"({ROLE_NOUNS})", head):
        head = re.sub(r"(s|ing)$", "", head)
    else:
        # a role the library taught ("nurse practitioner") and its plural share a key; only
        # a plain "s" comes off, so the key's head stays a prefix of the word in the text
        head = _plain_singular(head)
    mods = toks[:-1]
    if len(mods) >= 2:
        mods = ["".join(m[0] for m in mods)]
    return " ".join(mods + [head])


def _plain_singular(word: str) -> str:
    """ "practitioners" -> "practitioner", "nurses" -> "nurse", "secretaries" -> "secretary"
    (a consonant before "-ies"); words whose final "s" is no plural ending ("boss", "campus",
    "analysis") and short words ("ops") are kept."""
    if len(word) > 5 and _CONSONANT_IES.search(word):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_CONSONANT_IES = re.compile(r"[^aeiou]ies$")


def _y_plural(token: str) -> str:
    """Regex source for a name's last word that may be written in the plural: a noun in
    consonant + "y" takes "-ies" ("notary", "notaries"); the "s" of other plurals follows
    the whole name."""
    if len(token) > 3 and token[-1] in "yY" and token[-2].lower() not in "aeiou":
        return re.escape(token[:-1]) + "(?:y|ies)"
    return re.escape(token)


@lru_cache(maxsize=8192)
def role_keys(phrase: str) -> frozenset[str]:
    """Keys for a role and its shorter forms: "recommend ML engineering" also gives "ml engineer"."""
    phrase = _ABBR_PLURAL.sub(r"\1", phrase)  # ("LPNs": see role_key)
    toks = [t for t in re.findall(r"[\w+#.-]+", phrase.lower()) if t not in _LEAD_WORDS]
    if not toks:
        return set()
    keys = {role_key(" ".join(toks[i:])) for i in range(len(toks) - 1)}
    return frozenset(keys or {role_key(toks[0])})


@lru_cache(maxsize=8192)  # a passage names the same few roles again and again
def _clean_role(phrase: str) -> str:
    """Keep the role noun and the modifiers right before it, up to the nearest function word."""
    toks = phrase.split()
    return " ".join(toks[_role_start(tuple(toks)) :])


def _role_start(toks: tuple[str, ...]) -> int:
    """The first of a phrase's words (`str.split`) that `_clean_role` keeps."""
    start = 0
    for i, tok in enumerate(toks[:-1]):
        word = tok.lower().strip(",.;:")
        if i == 0 and word == "s":  # "sheriff's patrol officers": the possessive's tail
            start = 1
            continue
        if (
            word in _LEAD_WORDS
            or word in _OBJECT_VERBS
            or word.replace(",", "").isdigit()  # "40 analysts"
            or not re.match(r"^[\w+#./-]+$", tok)
        ):
            start = i + 1
    # A lowercase word before a name ("recommend ML engineering") is not part of the role.
    for i in range(len(toks) - 2, start, -1):
        if toks[i][:1].isupper() and toks[i - 1][:1].islower():
            start = i
            break
    if start < len(toks) - 1 and _aspect_plural(toks[start]) and _PLURAL_WORD.search(toks[-1]):
        # "Skills architects need", "Duties nurses take on": a plural word of the career
        # lexicon before a plural role is what a heading speaks of, no modifier of the role
        start += 1
    return start


_PLURAL_WORD = re.compile(r"[a-z]{2}[^s]s$", re.I)


@lru_cache(maxsize=1024)
def _aspect_plural(token: str) -> bool:
    """A plural of one of the career lexicon's aspect words ("Skills", "Duties", "Salaries")."""
    from .lexicon import aspects

    word = token.strip(",.;:").lower()
    return bool(_PLURAL_WORD.search(word)) and any(stem(word) in a.words for a in aspects())


def find_roles(text: str) -> list[str]:
    """Role phrases named in text, in order, one per distinct role."""
    return list(_role_scan(text)[0])


@lru_cache(maxsize=8192)
def _role_scan(
    text: str, lone: frozenset[str] = frozenset(), modifiers: frozenset[str] | None = None
) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """The text's role phrases (as `find_roles`) and the spans of its job-title matches (a
    `RoleBook` needs both; one scan of the text gives them). `lone`: one-word roles that
    stand alone, never sharing the head noun after them ("teacher or instructional designer"
    names a teacher, where "AI and ML engineers" names an AI engineer). `modifiers`: the
    words the library writes before a role noun, when known (see `_compound_end`)."""
    if _no_role_noun(text):  # every phrase and title found below ends in a role noun
        return (), ()
    found: list[str] = []
    for m in _SHARED_HEAD.finditer(text):  # "AI and ML engineers"
        head = m.group(3)
        first = m.group(1).lower().replace("-", "")
        if first in lone or _plain_singular(first) in lone or _PLURAL_AGENT.fullmatch(first):
            continue
        if modifiers is not None and _compound_end(text, m.start(1), first, modifiers):
            continue  # "truck driver or police officer": no "driver officer"
        second = {w.lower() for w in m.group(2).split()}
        if not second or second & (_DETERMINERS | STOPWORDS):
            continue  # "the staff track or the engineering manager": two phrases, no shared head
        if (second | {m.group(1).lower()}) & _OBJECT_VERBS:
            continue  # "does analytics and helps engineers": a verb and its object
        if m.group(0).lower().endswith("ing") and m.group(1).lower().endswith("ing"):
            continue  # "hyperparameter tuning and feature engineering": two activities
        found += [_clean_role(f"{m.group(1)} {head}"), _clean_role(f"{m.group(2)}{head}")]
    matches = _role_matches(text)

    def verb(i: int) -> bool:
        """ "A front-end developer architects and develops ...": a plural role noun right
        after a singular one is that one's verb (a role is "developers", not "developer
        architects"); so is any role noun right after a plural one ("managers lead")."""
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        return (
            nxt is not None
            and text[matches[i].end() : nxt.start()] == " "
            and BARE_ROLE.fullmatch(nxt.group(1)) is not None
            and (
                # "Engineering managers lead teams": after a plural, no compound goes on
                _PLURAL_HEAD.search(matches[i].group(1)) is not None
                or (
                    nxt.group(1)[-1:].lower() == "s"
                    and _SINGULAR_HEAD.search(matches[i].group(1)) is not None
                )
            )
        )

    def joins(i: int) -> bool:  # "Engineering manager": the next match is a bare role noun
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        return (
            nxt is not None
            and text[matches[i].end() : nxt.start()] == " "
            and BARE_ROLE.fullmatch(nxt.group(1)) is not None
            and not verb(i)
        )

    merged: list[str] = []
    for i, m in enumerate(matches):
        if joins(i) or (i and verb(i - 1)):
            continue
        start = m.start()
        j = i
        while j > 0 and joins(j - 1):
            j -= 1
            start = matches[j].start()
        merged.append(text[start : m.end()])
    for phrase in merged:
        role = _clean_role(phrase)
        if role and role.lower() not in ("engineer", "engineers", "engineering") or len(found) == 0:
            if role:
                found.append(role)
    unique: dict[str, str] = {}
    for role in found:
        key = role_key(role)
        if (
            key
            and key not in unique
            and not any(
                key.endswith(" " + k) or k.endswith(" " + key)
                for k in unique
                if len(key.split()) != len(k.split())
            )
        ):
            unique[key] = role
    roles = tuple(r for r in unique.values() if len(role_key(r).split()) >= 1)
    # A title's span starts at the role it names, after its lead words: in "teacher vs
    # instructional designer" the learned "teacher" is no part of the designer's title.
    return roles, tuple((_kept_start(m), m.end(1)) for m in matches)


# General English morphology: a noun naming a person by what they do ("librarian", "driver").
_AGENT_NOUN = re.compile(r"[a-z]{3,30}(?:er|or|ist|ian)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]{0,40})[ \t]{1,4}$")


def _compound_end(text: str, at: int, first: str, modifiers: frozenset[str]) -> bool:
    """Whether the word at `at` ends a compound noun ("driver" of "truck driver", "chef" of
    "pastry chef") rather than modifying the role noun after the conjunction: a content word
    stands right before it, or it names a person ("librarian"), and the library never writes
    the word before a role noun (as it writes "learning" of "machine learning engineer")."""
    if first in modifiers or _plain_singular(first) in modifiers or first in GENERIC:
        # (a generic noun, "Staff-level roles and Engineering Manager roles", is left to the
        # phrase scan as it was: which roles it names is the phrase around it)
        return False
    if _AGENT_NOUN.fullmatch(first) and first not in _LEAD_WORDS:
        return True  # "librarian vs machine learning engineer": a person, not a modifier
    m = _WORD_BEFORE.search(text[max(0, at - 48) : at])
    if not m:
        return False
    word = m.group(1).lower()
    return word not in _LEAD_WORDS and word not in _OBJECT_VERBS and word not in _BREAK_VERBS


# General English: verbs that stand before the roles they are about ("Compare AI and ML
# engineers", "Hire data and ML engineers").
_BREAK_VERBS = frozenset(
    "compare comparing contrast versus vs hire hiring rank ranking list about".split()
)


def _kept_start(m: re.Match) -> int:
    return m.start(1) + _kept_offset(m.group(1))


@lru_cache(maxsize=8192)  # the same few phrases again and again
def _kept_offset(phrase: str) -> int:
    """Where in a phrase the words `_clean_role` keeps begin."""
    if " " not in phrase:
        return 0
    words_ = list(re.finditer(r"\S+", phrase))
    start = _role_start(tuple(w.group(0) for w in words_))
    return words_[start].start() if start < len(words_) else 0


def _tokens(text: str) -> list[str]:
    return [t.replace("-", "") for t in re.findall(r"[\w+#-]+", text.lower())]


_NAME_TOKEN = re.compile(r"[\w+#]+")
_KEY_TOKEN = re.compile(r"[\w+#.-]+")  # the words `role_key` reads


def _word_start(word: str) -> str:
    """Regex source: `word` from the start of a word of lower-case text (no word character
    before it), with hyphens anywhere in it. Written to open on the word's first letter (or a
    hyphen) so the search skips along the text, not with a look-behind at every place."""
    first = re.escape(word[0])
    rest = "".join("-*" + re.escape(c) for c in word[1:])
    return rf"(?:{first}(?<!\w{first})|-(?<!\w-)-*{first}){rest}"


def _spelled(word: str, last: bool = False) -> re.Pattern:
    """A word of a role's name standing as a word of its own in lower-case text, hyphens
    anywhere in it (its keys drop them). The name's last word may run on: a plural
    ("SREs"), or the "s" after a shared role noun ("AI and ML engineers" names "AI engineer")."""
    return re.compile(_word_start(word) + ("" if last else r"-*(?!\w)"))


@lru_cache(maxsize=4096)  # both sides of a comparison, and its other searches, read one text
def _kept_words(low: str) -> tuple[tuple[str, ...], str]:
    """The words `role_key` keeps in lower-case text (no function word, not all hyphens), and
    their initials."""
    if "-" not in low:  # most texts: no word is all hyphens, none starts with one
        kept = tuple([w for w in _KEY_TOKEN.findall(low) if w not in _LEAD_WORDS])
        return kept, "".join([w[0] for w in kept])
    kept = tuple([w for w in _KEY_TOKEN.findall(low) if w not in _LEAD_WORDS and w.strip("-")])
    return kept, "".join([w.lstrip("-")[0] for w in kept])


# Up to this many learned names one regex alternation finds them fastest; beyond, its cost
# (names x text) passes the word index's (words x a dict lookup): 1.16 -> 0.13 ms per passage
# at 2,000 names.
REGEX_NAMES = 200


class _NameIndex:
    """The library's role names found in a text in one pass over its words, however many
    names there are (a regex alternation of them costs names x text). A name's words may be
    written apart, hyphenated or joined ("front end", "front-end", "frontend", "frontend
    developer" for "front-end developer"), in any case, with a plural "s"; a match is a whole
    word run not joined to a hyphen, leftmost first, the longest at a place winning; matches do
    not overlap. The same as the regex `(?<![\\w-])name-words-with-[\\s-]?(?:s)?(?![\\w-])`."""

    def __init__(self, names) -> None:
        # joined name -> the places its words meet (a text may break a name only there)
        self.cuts: dict[str, list[frozenset[int]]] = {}
        self.longest = 1
        for name in names:
            toks = [t.lower() for t in _NAME_TOKEN.findall(name)]
            if not toks:
                continue
            at, cuts = 0, set()
            for t in toks[:-1]:
                at += len(t)
                cuts.add(at)
            self.cuts.setdefault("".join(toks), []).append(frozenset(cuts))
            self.longest = max(self.longest, len(toks))

    def _known(self, key: str, cuts: list[int]) -> bool:
        allowed = self.cuts.get(key)
        return allowed is not None and any(c.issuperset(cuts) for c in allowed)

    def finditer(self, text: str):
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _NAME_TOKEN.finditer(text)]
        joinable = [
            len(gap) == 1 and (gap == "-" or gap.isspace())
            for gap in (text[a[1] : b[0]] for a, b in zip(words, words[1:], strict=False))
        ]
        n = len(words)
        i = 0
        while i < n:
            start = words[i][0]
            end = None
            if not (start > 0 and text[start - 1] == "-"):
                key, cuts = "", []
                for j in range(i, min(n, i + self.longest)):
                    if j > i:
                        if not joinable[j - 1]:
                            break
                        cuts.append(len(key))
                    word = words[j][2]
                    key += word
                    stop = words[j][1]
                    # a name may end before a "+" or "#" ("Staff+ roles" names "staff")
                    bare = word.rstrip("+#")
                    for k, e in ((key, stop), (key[: len(key) - len(word) + len(bare)], None)):
                        e = e if e is not None else stop - (len(word) - len(bare))
                        if e < len(text) and text[e] == "-":
                            continue  # a name never ends inside a hyphenated word
                        if (
                            self._known(k, cuts)
                            or (k.endswith("s") and self._known(k[:-1], cuts))
                            or (_CONSONANT_IES.search(k) and self._known(k[:-3] + "y", cuts))
                        ):
                            end = max(end or 0, e)
            if end is None:
                i += 1
                continue
            yield _Match(start, end, text[start:end])
            while i < n and words[i][0] < end:
                i += 1


class _Match:
    __slots__ = ("_start", "_end", "_text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self._start, self._end, self._text = start, end, text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _n: int = 0) -> str:
        return self._text


ACRONYM_CHARS = 5  # an abbreviation is shorter: "SRE", "HLTA"; a longer word is a name


class RoleBook:
    """The roles a library names, learned when it loads (see `vocabulary.learn_roles`).

    Beyond job-title phrases ("data engineer"), a library names bare roles ("DevOps", "SRE",
    "frontend") in its titles, headings and "X vs Y" phrases, and spells out abbreviations
    ("Site Reliability Engineering (SRE)"). The book finds both kinds in a question or a
    passage and gives every spelling of one role the same keys.
    """

    MAX_PHRASES = 2000
    MEMO = 20_000  # phrases whose keys, key and trim are remembered before the memo starts over
    OUTSIDE_MEMO = 4096  # texts (passages, sentences) whose `outside_roles` is remembered

    def __init__(
        self,
        phrases=(),
        aliases: dict[str, str] | None = None,
        lone=frozenset(),
        modifiers: frozenset[str] | None = None,
    ) -> None:
        # Words the library writes before a role noun ("AI" engineer), when known: another
        # word right before a role noun's conjunct ("truck driver or police officer") ends a
        # compound of its own (see `_compound_end`).
        self.modifiers = (
            frozenset(w.lower().replace("-", "") for w in modifiers)
            if modifiers is not None
            else None
        )
        # One-word roles the library never writes before a role noun: in "teacher or
        # instructional designer" the teacher does not share "designer" (see `_role_scan`).
        self.lone = frozenset(w.lower().replace("-", "") for w in lone)
        # a text naming none of them is scanned as `find_roles` scans it (one cached scan)
        self._lone_words = (
            re.compile(
                r"\b(?:" + "|".join(_y_plural(w) for w in sorted(self.lone)) + r")s?\b", re.I
            )
            if self.lone
            else None
        )
        self.phrases: dict[str, str] = {}  # normalized -> as first written
        for ph in phrases:
            norm = " ".join(_tokens(ph))
            if norm and norm not in STOPWORDS and len(self.phrases) < self.MAX_PHRASES:
                self.phrases.setdefault(norm, ph.strip())
        self.aliases = {k.lower(): v for k, v in (aliases or {}).items()}  # "sre" -> long form
        # Keys of the library's own job titles of two words or more ("data analyst").
        self._titles = {role_key(p) for p in self.phrases.values() if len(p.split()) >= 2}
        names = sorted(self.phrases.values(), key=len, reverse=True)
        if len(names) > REGEX_NAMES:
            self._pattern = _NameIndex(names)
        elif names:
            alternation = "|".join(
                r"[\s-]?".join(
                    [*(re.escape(t) for t in _NAME_TOKEN.findall(n)[:-1]), _y_plural(t_last)]
                )
                for n in names
                for t_last in _NAME_TOKEN.findall(n)[-1:]
            )
            self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?:s)?(?![\w-])", re.I)
        else:
            self._pattern = None
        # A book never changes (a changed library makes a new one): what it says of a phrase
        # is remembered. Finding roles in a passage asks for the keys of every role it names
        # and of every one they might clash with, over and over for the same few phrases.
        self._keys: dict[str, frozenset[str]] = {}
        self._key: dict[str, str] = {}
        self._trimmed: dict[str, str] = {}
        self._outside: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.phrases)

    def find(self, text: str) -> list[str]:
        """Roles named in text, in order: job-title phrases and the library's own role names."""
        return list(self._find(text))

    @lru_cache(maxsize=4096)  # noqa: B019 - one book per library snapshot, few snapshots
    def _find(self, text: str) -> tuple[str, ...]:
        lone = self.lone if self._lone_words and self._lone_words.search(text) else frozenset()
        roles, spans = _role_scan(text, lone, self.modifiers)
        low = text.lower()
        found = [(low.find(r.lower()), r) for r in map(self._trim, roles)]
        if self._pattern is not None:
            starts = [a for a, _b in spans]  # in order, not overlapping
            for m in self._pattern.finditer(text):
                # A learned word inside a job title ("senior" in "senior ML engineers") is
                # part of that title, not a role of its own. (The only title that can hold
                # it is the last one starting at or before it.)
                at = bisect.bisect_right(starts, m.start()) - 1
                if at < 0 or not m.end() < spans[at][1]:
                    found.append((m.start(), m.group(0)))
        pairs = () if _no_role_noun(text) else _SHARED_MODIFIER.finditer(text)
        for m in pairs:  # "data analyst and scientist": "data scientist"
            role = f"{m.group(1)} {m.group(2)}"
            if role_key(role) in self._titles:
                found.append((m.start(2), role))
        listed = self._listed_after(text, found)
        if listed:  # the bare noun of a listed title is that title, not a role of its own
            at = {pos for pos, _role in listed}
            found = [f for f in found if f[0] not in at] + listed
        found.sort(key=lambda t: t[0])
        out: list[str] = []
        seen: list[frozenset[str]] = []
        for _pos, role in found:
            keys = self.keys(role)
            # "DevOps" inside "DevOps engineer" is the same mention: keep the longer one.
            # ("Front-end developer" and "front-end engineer" share a name, not a role.)
            clash = next(
                (i for i, k in enumerate(seen) if k & keys and self.one_role(role, out[i])), None
            )
            if clash is None:
                out.append(role)
                seen.append(keys)
            elif len(role) > len(out[clash]):
                out[clash], seen[clash] = role, seen[clash] | keys
        return tuple(out)

    def _listed_after(self, text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """ "the hotel receptionist, porter and housekeeper": the bare nouns listed right after a
        title of two words or more share its modifier, when the library knows each title so
        made ("hotel porter", "hotel housekeeper"); the words after a role that make no
        known title end the list ("a hotel receptionist, guests or owners")."""
        out: list[tuple[int, str]] = []
        for at, role in found:
            parts = role.split()
            if at < 0 or len(parts) < 2:
                continue
            modifier = " ".join(parts[:-1])
            end = at + len(role)
            end += len(_PLURAL_TAIL.match(text, end).group(0))
            for _ in range(MAX_LISTED):
                m = _LIST_NEXT.match(text, end)
                if not m:
                    break
                title = f"{modifier} {m.group(1)}"
                if role_key(title) not in self._titles:
                    break
                out.append((m.start(1), title))
                end = m.end()
        return out

    def outside_roles(self, text: str) -> str:
        """The text with the roles it names (`find`) blanked out, remembered: a question
        scores each passage and sentence against its terms several times, and a text's roles
        are the same every time."""
        got = self._outside.get(text)
        if got is None:
            got = text
            for role in self.find(text):
                got = re.sub(rf"(?<![\w-]){re.escape(role)}", " ", got, flags=re.I)
            if len(self._outside) >= self.OUTSIDE_MEMO:
                self._outside.clear()
            self._outside[text] = got
        return got

    @cached_property
    def capitals(self) -> dict[str, str]:
        """The words the library's role names write in capitals ("AI", "ML"), by lower case:
        a side typed "ai engineer" is shown as the articles write it."""
        # an alias that is an abbreviation ("sre"), not another name the library gives a
        # role ("legal secretary" of "legal assistant", written in lower case)
        shorts = (a.upper() for a in self.aliases if " " not in a and len(a) < ACRONYM_CHARS)
        names = [*self.phrases.values(), *shorts]
        return {w.lower(): w for n in names for w in n.split() if w.isupper() and w.isalpha()}

    def _remember(self, memo: dict, phrase: str, value):
        if len(memo) >= self.MEMO:
            memo.clear()
        memo[phrase] = value
        return value

    def _trim(self, role: str) -> str:
        """A job-title phrase cut to the library's own role at its end: in "What's the main
        tool data analysts use?" the role is "data analysts", not "main tool data analysts"."""
        got = self._trimmed.get(role)
        return got if got is not None else self._remember(self._trimmed, role, self._trim_of(role))

    def _trim_of(self, role: str) -> str:
        toks = role.split()
        for i in range(1, len(toks) - 1):
            tail = " ".join(toks[i:])
            if role_key(tail) in self._titles:
                return tail
        return role

    def may_name(self, wanted: frozenset[str]):
        """A quick test, `test(text)`: False only where no role `find(text)` gives has a key in
        `wanted`, so the full search may be skipped there (a side's search reads many passages
        that name other roles only). True means: search it.

        Every key comes from `role_key` over the words of a role phrase found in the text: the
        phrase's last word gives the key's head ("engineers" -> "engineer"), and the word before
        it, or the initials of the two or more words before it ("machine learning" -> "ml"),
        its modifier; the learned names and abbreviations inside a phrase add their own keys.
        A phrase's words are the text's own words (runs of letters, digits, _+#.-), cut only where the phrase
        starts or ends inside one, at a non-word character. So a text can give the key
        "m h" only if it holds h, and either m as a word of its own (hyphens and a "+" or
        "-plus" allowed, as `role_key` drops them) or words with m's initials right before a
        word holding h. Texts whose lower case is not letter for letter (a Greek capital sigma,
        a letter that lowers to two) are always searched."""
        heads: list[tuple[str, str | None, re.Pattern | None]] = []
        for key in wanted:
            parts = key.split()
            if len(parts) > 2:  # not a key `role_key` makes: no shortcut
                return lambda text: True
            head, mod = parts[-1], (parts[0] if len(parts) == 2 else None)
            alone = None
            if mod is not None:
                # m itself as a word: hyphens anywhere, or "m+", "m-plus" (`role_key` drops them)
                first = re.escape(mod[0])
                plus = rf"|{first}(?<!\w{first}){re.escape(mod[1:])}(?:\+|-plus)"
                alone = re.compile(
                    rf"(?:{_word_start(mod)}-*{plus if _PLUS.match(mod + '+') else ''})"
                    r"(?![\w+#.-])"
                )
            heads.append((head, mod, alone))
        # Learned names and abbreviations whose own key, or long form's, is wanted: the text
        # must hold each of their words as a word of its own.
        named = [
            (words_, [_spelled(w, last=i == n - 1) for i, w in enumerate(words_)])
            for name in {*self.phrases, *self.aliases}
            if role_key(name) in wanted
            or (name in self.aliases and role_keys(self.aliases[name]) & wanted)
            for words_ in [name.split()]
            for n in [len(words_)]
        ]

        def test(text: str) -> bool:
            low = text.lower()
            if len(low) != len(text) or "\u03a3" in text:
                return True
            # Every pattern below spells its word letter for letter, hyphens allowed between
            # the letters: a text without the word's letters in a row (hyphens dropped) cannot
            # match it, and a substring test says so for a fraction of a search's cost.
            flat = low.replace("-", "")
            if any(
                all(w in flat for w in words_) and all(p.search(low) for p in spelled)
                for words_, spelled in named
            ):
                return True
            kept = initials = None
            for head, mod, alone in heads:
                if head not in flat:
                    continue
                if mod is None or (mod in flat and alone.search(low)):
                    return True
                if len(mod) < 2:
                    continue
                if kept is None:
                    kept, initials = _kept_words(low)
                # modifiers 2..k spelled by the initials of the words right before the head's
                # word; the first may start inside its word ("x.machine")
                at = initials.find(mod[1:])
                while at >= 0:
                    y = at + len(mod) - 1
                    if (
                        at >= 1
                        and y < len(kept)
                        and head in kept[y].replace("-", "")
                        and mod[0] in kept[at - 1]
                    ):
                        return True
                    at = initials.find(mod[1:], at + 1)
            return False

        return test

    def knows(self, phrase: str) -> bool:
        """Whether the library names this phrase as a role, in any number ("HVAC technicians")."""
        return " ".join(_tokens(phrase)) in self.phrases or role_key(phrase) in self._titles

    def keys(self, phrase: str) -> frozenset[str]:
        """Every key of a role: its own, its shorter forms, the learned names inside it and the
        long form of an abbreviation ("SRE" and "site reliability engineer" meet)."""
        got = self._keys.get(phrase)
        return got if got is not None else self._remember(self._keys, phrase, self._keys_of(phrase))

    def _keys_of(self, phrase: str) -> frozenset[str]:
        keys = set(role_keys(phrase))
        toks = _tokens(phrase)
        joined = " ".join(toks)
        for i in range(len(toks)):
            for j in range(i + 1, min(len(toks), i + 4) + 1):
                part = " ".join(toks[i:j])
                if part in self.phrases or part in self.aliases:
                    keys.add(role_key(part))
                if part in self.aliases:
                    keys |= role_keys(self.aliases[part])
        # "SREs": the plural of an abbreviation
        long = self.aliases.get(joined) or (joined[-1:] == "s" and self.aliases.get(joined[:-1]))
        if long:
            keys |= role_keys(long)
        return frozenset(k for k in keys if k)

    def key(self, phrase: str) -> str:
        """One canonical key: the long form of an abbreviation, else the role's own key."""
        got = self._key.get(phrase)
        if got is None:
            low = " ".join(_tokens(phrase))
            got = self._remember(self._key, phrase, role_key(self.aliases.get(low, phrase)))
        return got

    def role_for(self, phrase: str) -> str | None:
        """The library's role whose words a phrase that names no role shares stem for stem:
        "product management" is the field of the "product manager" ("manag" both), so an
        article's "PM" speaks of it. None when no role, or more than one, fits."""
        if self.find(phrase):
            return None
        return self._by_stems().get(tuple(content_terms(phrase))) or self.one_word_field(phrase)

    def one_word_field(self, phrase: str) -> str | None:
        """A one-word field ("plumbing", "journalism", "accounting") is the field of the one
        one-word role of the library sharing its root ("plumber", "journalist", "accountant"):
        at least FIELD_ROOT letters, all but the last few of each word. None when no role, or
        more than one, fits."""
        toks = words(phrase)
        if len(toks) == 2 and toks[1].lower() == _WORK and _FIELD_ADJECTIVE.search(toks[0].lower()):
            toks = toks[:1]  # "electrical work": the work of the field "electrical" names
        elif len(toks) != 1 or not _FIELD_END.search(toks[0].lower()):
            return None
        word = toks[0].lower()
        found = []
        for name in self.phrases.values():
            low = name.lower()
            if " " in low or not low.isalpha() or low == word:
                continue
            shared = len(os.path.commonprefix([word, low]))
            if shared >= FIELD_ROOT and shared >= max(len(word), len(low)) - FIELD_SLACK:
                found.append(name)
        return found[0] if len(found) == 1 else None

    @lru_cache(maxsize=1)  # noqa: B019 - one book per library snapshot
    def _by_stems(self) -> dict[tuple[str, ...], str | None]:
        out: dict[tuple[str, ...], str | None] = {}
        for name in self.phrases.values():
            key = tuple(content_terms(name))
            if len(key) >= 2:  # one word ("engineer") is too little to stand for a field
                out[key] = name if key not in out or self.one_role(out[key] or "", name) else None
        return out

    def same(self, a: str, b: str) -> bool:
        return bool(self.keys(a) & self.keys(b))

    def one_role(self, a: str, b: str) -> bool:
        """Whether two names are one role: one's own key is among the other's ("DevOps" and
        "DevOps engineer", "SRE" and "site reliability engineer"), not merely a shared word."""
        return self.key(a) in self.keys(b) or self.key(b) in self.keys(a)


# General English morphology: the endings of nouns naming a field of work ("plumbing",
# "journalism", "dentistry", "pharmacy", "economics", "insurance")
_FIELD_END = re.compile(r"(?:ing|ism|ry|cy|ics|logy|ance|ence|ship)$")
# ... and of adjectives naming one ("electrical", "clerical", "surgical"), which name it before
# "work": "electrical work" is the electrician's (General English)
_FIELD_ADJECTIVE = re.compile(r"(?:[^aeiou]al|ing|ic)$")
_WORK = "work"
FIELD_ROOT = 5  # letters a field shares with its role ("plumb" of "plumbing" and "plumber")
FIELD_SLACK = 4  # ... all but this many of the longer word's


EMPTY_BOOK = RoleBook()
