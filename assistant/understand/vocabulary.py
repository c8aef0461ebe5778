"""What the library itself teaches about questions: its roles, abbreviations and vocabulary.

Built once per store fingerprint from every stored chunk (text, title, section heading), so a
question about an article nobody here has read is understood through that article's own words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from knowledge.schema import SECTION, SOURCE, TITLE
from knowledge.text import STOPWORDS, stem, words

from .lexicon import AGENT_ENDING, LEVEL_NOUN, aspect_named
from .roles import (
    _LEAD_WORDS,
    _SHARED_HEAD,
    BARE_ROLE,
    GENERIC,
    ROLE_NOUNS,
    RoleBook,
    _plain_singular,
    find_roles,
    role_key,
)

# "X vs Y", "X versus Y", "X or Y": each side at most four words, no sentence punctuation.
# Each word at most 41 characters and taken whole, so that a match tried at every position of
# a long run ("A-A-A-...") costs a bounded step, not a read to the run's end (see roles._ROLE).
_SIDE = r"[A-Za-z][\w+#/-]{0,40}+(?:[ \t]+[A-Za-z][\w+#/-]{0,40}+){0,3}"
_PAIR = re.compile(rf"({_SIDE})\s+(?:vs\.?|versus|v\.)\s+({_SIDE})", re.I)
_OR_PAIR = re.compile(rf"^\s*({_SIDE})\s+or\s+({_SIDE})\s*[?:]?\s*$", re.I)
# "Sommelier, Barista or Bar Manager?": three or more sides, commas then "or"/"and"
_OR_LIST = re.compile(
    rf"^\s*({_SIDE}(?:[ \t]*,[ \t]*{_SIDE}){{1,6}}),?[ \t]+(?:or|and)[ \t]+({_SIDE})[ \t]*[?:]?[ \t]*$",
    re.I,
)
MAX_LIST_WORDS = 16  # a title part longer than this is a sentence, not a list of sides
# An enumeration "A, B, C and D" (or "A/B"): when two items are job titles, all items are roles.
_LIST_ITEM = re.compile(r"[A-Za-z][\w+#-]*(?:[ \t]+[A-Za-z][\w+#-]*){0,2}")
# "Site Reliability Engineering (SRE)" and "SRE (Site Reliability Engineering)".
# "gas tungsten arc welding (GTAW)", also with another name after it: "(GTAW, or TIG)",
# "(LVN; also called LPN)", "(CSW, formerly SW)" (General English)
_LONG_SHORT = re.compile(
    r"\b((?:[A-Za-z][\w-]{0,40}+[ \t]+){1,5}[A-Za-z][\w-]{0,40}+)\s*\(([A-Z][A-Za-z]{1,7})"
    r"(?:[,;][ \t]{0,3}(?:or|also|aka|formerly|sometimes|often|known|called)\b[^()\n]{0,60})?\)"
)
_SHORT_LONG = re.compile(
    r"\b([A-Z][A-Z]{1,7})\s*\(((?:[A-Za-z][\w-]{0,40}+[ \t]+){1,5}[A-Za-z][\w-]{0,40}+)\)"
)
_CAP_RUN = re.compile(r"(?:[A-Z][a-z]+ ){1,4}[A-Z][a-z]+")
EVERYDAY_ZIPF = 3.5  # "interim" 4.0, "acting" 4.8; "backend" 2.9, "frontend" 2.5
MIN_INITIALS = 3  # "DE" or "PM" may be a word or another role's; "SRE" is one title's
_ROLE_HEAD = re.compile(BARE_ROLE.pattern + "$", re.I)  # ends in a role noun
MAX_TEXT_SCAN = 400_000  # characters of body text scanned for role patterns
# The version of the rules an article's saved vocabulary was learnt by: a saved vocabulary
# learnt by other rules is read again from the article.
LEARNT_BY = 28


def within_scan(texts):
    """The texts in order while at most MAX_TEXT_SCAN characters came before them: the scan
    budget of every pass over an article's body (the text that crosses it is the last)."""
    scanned = 0
    for text in texts:
        if scanned > MAX_TEXT_SCAN:
            return
        scanned += len(text)
        yield text


def specificity(word: str) -> float:
    """Everyday words ("goal", "put") say little about topic; rare ones ("bootcamp") say a lot."""
    from wordfreq import zipf_frequency

    return min(1.0, max(0.25, (7.0 - zipf_frequency(word, "en")) / 4.0))


_ROLE_NOUN_LIST = ROLE_NOUNS.split("|")
_TYPED_WORD = re.compile(r"[A-Za-z]{1,40}")
MAX_QUESTION_SCAN = 1000  # characters of a question read for cut-short job titles
_ROLE_NOUN_PLURAL = re.compile(rf"({ROLE_NOUNS})s?", re.I)
# General English: plural words for people of some kind ("ML folks", "data people")
_PEOPLE_AFTER = re.compile(
    r"\b([A-Za-z][\w+#-]{0,30})\s{1,4}(?:folks|people|guys|pros|professionals|practitioners"
    r"|workers|types)\b",
    re.I,
)


def _clipped_role_noun(word: str) -> str | None:
    """ "eng" -> "engineer", "dev" -> "developer": a role noun cut short, as people type it;
    or written by its consonants ("mgr" -> "manager"): a word of no vowel whose letters the
    noun has in order, from its first."""
    if not 3 <= len(word) <= 5 or not word.isalpha() or word in _ROLE_NOUN_LIST:
        return None
    found = [n for n in _ROLE_NOUN_LIST if n.startswith(word)]
    if not found and not re.search(r"[aeiouy]", word):
        found = [n for n in _ROLE_NOUN_LIST if n[0] == word[0] and _in_order(word, n)]
    return found[0] if len(found) == 1 else None


def _in_order(letters: str, word: str) -> bool:
    """Whether a word has these letters in this order (not necessarily side by side)."""
    rest = iter(word)
    return all(ch in rest for ch in letters)


def load_word_frequencies() -> None:
    """Load the English word-frequency table now (a warm-up): the first question would wait
    for it otherwise (about 0.3-1 s on the bench machine)."""
    from wordfreq import zipf_frequency

    zipf_frequency("the", "en")


def is_rare(word: str, below: float = 2.5) -> bool:
    """Not an everyday English word: "mle" may be an abbreviation, "tech" is not (`below`: the
    Zipf frequency under which a word counts as rare)."""
    from wordfreq import zipf_frequency

    return len(word) >= 3 and zipf_frequency(word, "en") < below


def _initials(phrase: str) -> str:
    return "".join(p[0] for p in re.split(r"[\s-]+", phrase) if p).upper()


_SIDE_ENDS = {"which", "what", "how", "when", "why"}


def _trim_side(side: str, from_left: bool) -> str:
    """Keep the words next to "vs": "learn frontend" -> "frontend" (left side keeps its end)."""
    toks = side.split()
    keep: list[str] = []
    for tok in reversed(toks) if from_left else toks:
        if tok.lower() in STOPWORDS or tok.lower() in _SIDE_ENDS:
            break
        keep.append(tok)
        if len(keep) == 3:
            break
    if from_left:
        keep.reverse()
    return " ".join(keep).strip(" -/")


def abbreviations(texts: list[str]) -> dict[str, str]:
    """Abbreviations a library spells out: {"SRE": "site reliability engineering"}."""
    out: dict[str, str] = {}
    for text in texts:
        for m in _LONG_SHORT.finditer(text):
            long, short = m.group(1), m.group(2)
            plural = _PLURAL_SHORT.fullmatch(short)
            if plural:  # "registered nurses (RNs)": RN is "registered nurse"
                short = plural.group(1)
            toks = long.split()
            n = len(short)
            for take in range(min(len(toks), n + 1), 0, -1):  # longest tail whose initials fit
                cand = " ".join(toks[-take:])
                if _initials_fit(cand, short.upper()):
                    out.setdefault(
                        short.upper(), _singular(cand.lower()) if plural else cand.lower()
                    )
                    break
        for m in _SHORT_LONG.finditer(text):
            if _initials_fit(m.group(2), m.group(1).upper()):
                out.setdefault(m.group(1).upper(), m.group(2).lower())
    return out


# "RNs", "LPNs": an abbreviation's plural (its letters but the last are capitals)
_PLURAL_SHORT = re.compile(r"([A-Z]{2,7})s")


def _initials_fit(phrase: str, short: str) -> bool:
    """The phrase's initials spell the abbreviation; an "X" may stand for a word opening with
    "ex" ("user experience (UX)", "customer experience (CX)"), as English writes them."""
    got = _initials(phrase)
    if got == short:
        return True
    if len(got) != len(short) or "X" not in short:
        return False
    parts = [p for p in re.split(r"[\s-]+", phrase) if p]
    return all(
        g == c or (c == "X" and p.lower().startswith("ex"))
        for g, c, p in zip(got, short, parts, strict=True)
    )


# An abbreviation written as a word, and the word after it: "ML engineers", "ICs role"; in
# lower case only letters no English word is made of alone, without a vowel ("cs degree" in
# a title made from a file name).
_ABBR_NEXT = re.compile(
    r"(?<![\w.-])([A-Z]{2,6}|[b-df-hj-np-tv-xz]{2,6})s?[ \t]+([A-Za-z][a-z]{1,30})\b"
)
# A clause's words: a long form never runs across punctuation or a line break.
_CLAUSE = re.compile(r"[^.,;:!?()\[\]\"“”\n|/]{1,2000}")
_WORD_IN_CLAUSE = re.compile(r"[A-Za-z][A-Za-z'-]{0,30}")


def paired_abbreviations(texts: list[str]) -> dict[str, str]:
    """Abbreviations an article uses in place of words it also writes out, in the same place
    of a phrase: "ML engineers" and "machine learning engineers" (the same word after each,
    the initials of the words before it), so "ML" stands for "machine learning". Initials that
    merely coincide with some capitalized words elsewhere ("AI" and "Application Interfaces")
    pair with nothing: the abbreviation is left as itself. Long forms of function words
    ("all internal tools") are no spelling; the most frequent pairing wins, and a two-letter
    abbreviation needs two pairings."""
    after: dict[str, set[str]] = {}  # stem of the next word -> abbreviations written before it
    for text in within_scan(texts):
        for m in _ABBR_NEXT.finditer(text):
            nxt = m.group(2).lower()
            if nxt not in STOPWORDS:
                after.setdefault(stem(nxt), set()).add(m.group(1).upper())
    if not after:
        return {}
    found: dict[str, Counter] = {}
    for text in within_scan(texts):
        for clause in _CLAUSE.findall(text):
            toks = _WORD_IN_CLAUSE.findall(clause)
            for j in range(1, len(toks)):
                shorts = after.get(stem(toks[j].lower()))
                if not shorts:
                    continue
                for short in shorts:
                    n = len(short)
                    if j < n or any(_initials(t) != t[0].upper() for t in toks[j - n : j]):
                        # each word gives one initial (a hyphenated word is left out)
                        continue
                    long = toks[j - n : j]
                    if any(t.lower() in STOPWORDS or t.isupper() for t in long):
                        continue
                    if "".join(t[0] for t in long).upper() == short:
                        found.setdefault(short, Counter())[" ".join(long).lower()] += 1
    out = {}
    for short, counts in found.items():
        long, n = counts.most_common(1)[0]
        # Two letters' initials fall together by chance ("CD" and "complex data"): once is
        # no evidence there.
        if n >= (2 if len(short) == 2 else 1):
            out[short] = long
    return out


def acronym_runs(texts: list[str]) -> dict[str, Counter]:
    """ "ML" -> Counter({"machine learning": n}), from capitalized runs such as "Machine
    Learning Engineer" (runs that start or end on a function word are left out)."""
    seen: dict[str, Counter] = {}
    for text in texts:
        for run in _CAP_RUN.findall(text):
            parts = run.split()
            for i in range(len(parts)):
                if parts[i].lower() in STOPWORDS:
                    continue
                for j in range(i + 2, len(parts) + 1):
                    if parts[j - 1].lower() in STOPWORDS:
                        break
                    key = "".join(p[0] for p in parts[i:j]).upper()
                    seen.setdefault(key, Counter())[" ".join(parts[i:j]).lower()] += 1
    return seen


# Starts only at a token's start: tried inside a long token it re-read the token to its end.
_URL = re.compile(r"(?<!\S)\S*(?:://|www\.|\.\w{2,4}/|#)\S*")
_MODIFIER = re.compile(rf"\b([A-Za-z][\w+#-]{{1,30}})[ \t]+(?:{ROLE_NOUNS})(?:s|ing)?\b", re.I)


def _enumerated_roles(text: str, modifiers: set[str]) -> list[str]:
    """Items of "A, B, C, and D" or "A/B" lists in which at least two items are job titles.

    An item that is not a job title counts when it is written as a name ("SRE", "DevOps").
    """
    out: list[str] = []
    if "," not in text and "/" not in text:
        return out
    text = _URL.sub(" ", text)
    for clause in re.split(r"[.;:!?()\[\]\"“”\n#*|]", text):
        for items in _short_runs(clause):
            _take_items(items, clause, out)
    return out


_LIST_LEAD = re.compile(
    r"^(?:and|or|like|such as|including|e\.g\.|i\.e\.|as well as|aka|a\.k\.a\.)\s+", re.I
)


def _short_runs(clause: str) -> list[list[str]]:
    """Runs of two or more short items in a clause: "like backend engineers, frontend
    engineers, or mobile engineers" gives one run of three."""
    runs: list[list[str]] = []
    current: list[str] = []
    for seg in re.split(r",|/|\s+(?:and|or)\s+", clause)[:40]:
        item = _LIST_LEAD.sub("", seg.strip()).strip()
        if item and _LIST_ITEM.fullmatch(item):
            current.append(item)
            continue
        if len(current) >= 2:
            runs.append(current)
        # A long segment may end with the list's first item: "... like backend engineers".
        tail: list[str] = []
        for tok in reversed(seg.strip().split()[-3:]):
            if tok.lower() in STOPWORDS:
                break
            tail.insert(0, tok)
        current = [" ".join(tail)] if tail and _ROLE_HEAD.search(tail[-1]) else []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _take_items(items: list[str], clause: str, out: list[str]) -> None:
    if len(items) <= 12:
        if sum(bool(_ROLE_HEAD.search(i)) for i in items) >= 2 or (
            len(items) == 2 and any(_ROLE_HEAD.search(i) for i in items) and "/" in clause
        ):
            heads = Counter(i.split()[-1].lower() for i in items if len(i.split()) == 2)
            for at, i in enumerate(items):
                nxt = items[at + 1] if at + 1 < len(items) else ""
                if (
                    len(i.split()) == 1
                    and len(nxt.split()) == 2
                    and _ROLE_HEAD.search(nxt)
                    and re.search(rf"(?<![\w-]){re.escape(i)}[ \t]*/[ \t]*{re.escape(nxt)}", clause)
                ):
                    # "CSS/HTML Developer": a CSS developer, not a role named "CSS"
                    out.append(f"{i} {nxt.split(maxsplit=1)[1]}")
                    continue
                if _ROLE_HEAD.search(i) and len(i.split()) <= 3 and len(i.split()) >= 2:
                    out.append(i)
                    if len(i.split()) == 2 and len(heads) == 1 and sum(heads.values()) >= 2:
                        # "backend engineers, frontend engineers": "frontend" is a role too.
                        out.append(i.split()[0])
                elif len(i.split()) == 1 and i[1:] != i[1:].lower() and i.isalpha():
                    out.append(i)  # a name written as one: "DevOps", "SRE", "MLOps"


def role_modifiers(texts: list[str]) -> set[str]:
    """Words the library writes right before a role noun: "AI" (engineer), "frontend"."""
    out: set[str] = set()
    for text in within_scan(texts):
        out.update(
            m.group(1).lower().replace("-", "")
            for m in _MODIFIER.finditer(text)
            if m.group(1).lower() not in STOPWORDS
        )
    return out


def _names_a_role(word: str, modifiers: set[str]) -> bool:
    """A one-word role: written as a name ("DevOps", "SRE"), or a word the library puts in
    front of role nouns ("frontend" developer) that is not a seniority or function word."""
    if word[1:] != word[1:].lower():
        return True
    low = word.lower().replace("-", "")
    if low.endswith(LEVEL_NOUN) and low != LEVEL_NOUN:
        return False  # "entry-level", "mid-level" (analysts): a stage of a career, no job
    return (
        low in modifiers
        and low not in _LEAD_WORDS
        and not _ROLE_HEAD.search(low)
        and not _everyday(low)
    )


def _everyday(word: str) -> bool:
    """An everyday English word ("interim", "acting", "upcoming", "helps"): written before a
    role noun it qualifies that role ("interim manager"), and alone it names none; a word of
    the trade ("frontend", "backend") does name its role alone."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= EVERYDAY_ZIPF


# a noun naming a person by what they do, of three letters or more before its ending
_AGENT = re.compile(rf"[a-z]{{3,}}{AGENT_ENDING}")


def _singular(word: str) -> str:
    """A plural noun's singular, by general English endings ("testers" -> "tester",
    "actuaries" -> "actuary"); other words unchanged ("analysis", "boss")."""
    if re.search(r"[^aeiou]ies$", word):
        return word[:-3] + "y"
    if re.search(r"[^su]s$", word) and len(word) > 3:
        return word[:-1]
    return word


def _plural_words(phrase: str) -> str:
    """A noun phrase with its last word in the plural ("machine learning engineers")."""
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    return phrase + ("es" if phrase.endswith(("s", "x", "ch", "sh")) else "s")


def _plural(low: str) -> str:
    """Regex source for a noun's plural: "-ies" after a consonant + "y" ("actuaries")."""
    if re.search(r"[^aeiou]y$", low):
        return re.escape(low[:-1]) + "ies"
    return re.escape(low) + ("es" if low.endswith(("s", "x", "ch", "sh")) else "s")


def _people_noun(word: str, body: list[str]) -> bool:
    """An agent noun ("hygienist", "assistant") that the texts also write in the plural."""
    low = word.lower()
    if not _AGENT.match(low):
        return False
    many = re.compile(rf"\b{_plural(low)}\b", re.I)
    return any(many.search(text) for text in within_scan(body))


def _as_person(word: str, body: list[str], beside: str = "", by_form: bool = True) -> bool:
    """The articles write the word as a person: with an agent noun's ending (unless not
    `by_form`: "bigger" has one), or as someone one works as or becomes ("work as a chef",
    "become a paralegal"), or who does something ("paralegals who draft ..."); or, with
    `beside` (a person it is set against), the two in the plural joined by "and" or "or"
    ("chefs and bakers", "bakers or chefs")."""
    low = word.lower()
    if by_form and _AGENT.match(low):
        return True
    w = re.escape(low)
    many = _plural(low)
    said = rf"\b(?:as|become|becoming|became)\s+an?\s+{w}\b(?![ \t]+(?:{ROLE_NOUNS}))"
    said += rf"|\b(?:{w}|{many})\s+who\b"
    other = beside.lower()
    if other and other.isalpha():
        them = _plural(other)
        said += rf"|\b{many}\s+(?:and|or)\s+{them}\b|\b{them}\s+(?:and|or)\s+{many}\b"
    said = re.compile(said, re.I)
    for text in within_scan(body):
        if low in text.lower() and said.search(text):
            return True
    return False


def _one_person(word: str, beside: str, body: list[str]) -> bool:
    """A one-word side written as a person (`_as_person`); by an agent noun's ending only when
    the texts count it in the plural too, as people are: "Bigger or Smaller?" ends in "-er"
    but no text writes "biggers"."""
    if _as_person(word, body, beside=beside, by_form=False):
        return True
    return bool(_AGENT.match(word.lower())) and _written_plural(word, body)


def _written_plural(word: str, body: list[str]) -> bool:
    """The articles write the word in the plural ("bakers"), as people are counted; a mass
    noun ("management") has none."""
    many = re.compile(rf"\b{re.escape(_plural(word.lower()))}\b", re.I)
    return any(many.search(text) for text in within_scan(body))


def counterparts(headings: list[str], body: list[str], known: Iterable[str] = ()) -> list[str]:
    """One-word roles an article sets against another role: "Teacher or Instructional
    Designer?", "Chef vs Restaurant Manager", "Paralegal vs Lawyer". A one-word side names a
    role of its own when the other side is a job title ("... Designer"), or when both sides are
    written as persons (see `_as_person`): "Remote vs Office" or "Bootcamps vs Degrees" name
    none; so does a side set against a role the article is known to name (`known`: "Baker vs
    Pastry Chef"). Title, headings and the short "X vs Y" phrases of the text are read; a title
    listing three or more sides ("Sommelier, Barista or Bar Manager?") sets each against
    each other one."""
    named = {" ".join(words(k)) for k in known}
    pairs: list[tuple[str, str]] = []
    for h in headings:
        h = re.sub(r"^[#\s\d.]+", "", h).strip()
        for part in _title_parts(h):
            m = _OR_PAIR.match(part)
            if m and len(part.split()) <= 6:
                pairs.append((m.group(1), m.group(2)))
            sides = _listed_sides(part)  # each side against each other one
            pairs += [(a, b) for i, a in enumerate(sides) for b in sides[i + 1 :]]
        for m in _PAIR.finditer(h):
            pairs.append((_trim_side(m.group(1), True), _trim_side(m.group(2), False)))
    for text in within_scan(body):
        if " vs" in text or "versus" in text:
            for m in _PAIR.finditer(text):
                pairs.append((_trim_side(m.group(1), True), _trim_side(m.group(2), False)))
    # a heading says it too ("Becoming an actuary", "Can a bookkeeper become an auditor?")
    written = [*headings, *body]
    out: list[str] = []
    for a, b in pairs:
        for one, other in ((a, b), (b, a)):
            low = one.lower()
            if (
                len(one.split()) != 1
                or not one.isalpha()
                or low in _LEAD_WORDS
                or low in _SIDE_ENDS
                or _ROLE_HEAD.fullmatch(low)
            ):
                continue
            # the other side a job title: a role noun at its end ("Instructional Designer"),
            # or, against a person ("Counselor"), a person noun ("Social Worker")
            last = other.split()[-1].lower() if other.split() else ""
            titled = len(other.split()) <= 3 and (
                bool(_ROLE_HEAD.search(other))
                or (" ".join(words(other)) in named and _written_plural(one, written))
                or (
                    bool(_AGENT.match(last))
                    and re.sub(r"[ -]", "", other).isalpha()  # ("Speech-Language Pathologist")
                    and _one_person(one, other if len(other.split()) == 1 else "", written)
                )
            )
            persons = (
                len(other.split()) == 1
                and other.isalpha()
                and _one_person(one, other, written)
                and _one_person(other, one, written)
            )
            if (titled or persons) and one not in out:
                out.append(one)
    # "4. Electrician", "5. Plumber": a one-word job of a list article's numbered headings
    out += [t for t in listed_titles(headings) if len(t.split()) == 1 and t not in out]
    # "How to Become an Electrician": a one-word job a title says one becomes
    out += [t for t in became_titles(headings, body) if len(t.split()) == 1 and t not in out]
    # "Florist Careers", "LIBRARIAN JOBS": the one job its article is about
    had = {o.lower() for o in out}
    out += [t for t in titled_roles(headings) if len(t.split()) == 1 and t.lower() not in had]
    return out


# "A lawyer, also called an attorney, ...", "a chef (also known as a head cook)": another name
# of the role just named. The words before it may end with the role; the name is 1-3 words.
# ("a speech therapist (ST), sometimes called ...": an abbreviation between; "often called";
# "Physiotherapists (called physical therapists in the United States)": where it is so called)
_ALSO_CALLED = re.compile(
    r"\b([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})(?:[ \t]*\([A-Z]{2,6}\))?"
    r"(?:,[ \t]*|[ \t]*\([ \t]*)"
    r"(?:(?:also|sometimes|often|usually|commonly)[ \t]+)?(?:called|known[ \t]+as"
    # ... or who calls it so: "Restaurant managers (the BLS calls them food service managers)"
    r"|(?:[\w-]{1,30}[ \t]+){1,3}?(?:also[ \t]+)?calls?[ \t]+(?:them|it))[ \t]+"
    r"(?:an?[ \t]+)?"
    r"([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})"
    # where the name is used: "(called physical therapists in the United States)"
    r"(?:[ \t]+(?:in|across|throughout)[ \t]+[^,.;:()\n]{1,40}?)?(?=[ \t]*[,.;:)])",
    re.I,
)


def other_names(body: list[str]) -> dict[str, str]:
    """Other names an article gives a role: {"attorney": "A lawyer"} from "A lawyer, also
    called an attorney, ..." (the words before the name; `LibraryParts` keeps the role among
    them that the library knows)."""
    out: dict[str, str] = {}
    for text in within_scan(body):
        if "called" not in text and "known as" not in text and " call" not in text:
            continue
        for m in _ALSO_CALLED.finditer(text):
            name = m.group(2).strip()
            if any(w.lower() in STOPWORDS for w in name.split()):
                continue
            out.setdefault(name.lower(), m.group(1))
    return out


def _listed_sides(part: str) -> list[str]:
    """The sides a title part lists, three or more ("Sommelier, Barista or Bar Manager");
    [] for any other part."""
    listed = _OR_LIST.match(part) if len(part.split()) <= MAX_LIST_WORDS else None
    if not listed:
        return []
    return [*(x.strip() for x in listed.group(1).split(",")), listed.group(2).strip()]


def lists_roles(title: str) -> bool:
    """The title's first parts list three or more jobs ("Sommelier, Barista or Bar Manager?
    ..."), one at least written as a person."""
    return any(
        any(_person_word(s.split()[-1]) for s in _listed_sides(part))
        for part in _title_parts(title[:300])[:2]
    )


def _title_parts(heading: str) -> list[str]:
    """A title's parts: "Teacher or Instructional Designer? A Career Switch Guide" has two."""
    return [p for p in re.split(r"\s*[:|?]\s*|\s+[-–—/]\s+", heading) if p]


# A numbered heading: "1. Dental Hygienist", "#2 Sonographer", "3) Radiologic Technologist".
_NUMBERED = re.compile(r"^\s{0,3}#?\d{1,2}[.):]?\s{1,3}(?=[A-Z])")
MIN_SERIES = 3  # numbered headings naming persons before they read as a list of jobs


def listed_titles(headings: list[str]) -> list[str]:
    """The jobs a list article heads its sections with: "1. Dental Hygienist", "2. Radiologic
    Technologist", ...: at least MIN_SERIES numbered headings of one to four words, none a
    function word, each ending in a noun for a person (an agent noun: "-ist", "-er", "-or",
    "-ian", "-ant", "-ent"). Tips ("3. Write a Cover Letter") have function words."""
    found = []
    for h in headings:
        m = _NUMBERED.match(h.split(" — ")[-1])
        if not m:
            continue
        name = h.split(" — ")[-1][m.end() :].strip()
        toks = name.split()
        if (
            1 <= len(toks) <= 4
            and not any(t.lower() in STOPWORDS for t in toks)
            and all(t[:1].isupper() for t in toks)
            and _AGENT.match(toks[-1].lower())
        ):
            found.append(name)
    if len(found) >= MIN_SERIES:
        return found
    return _unnumbered_titles(headings)


def _unnumbered_titles(headings: list[str]) -> list[str]:
    """A guide's sections headed by job titles without numbers ("Frontend Developer", "QA
    Engineer", "Technical Writer"): once at least MIN_SERIES of its headings are job titles
    and two of them end in a role noun (it lists jobs), a heading ending in an agent noun is
    one too. Two role nouns, not one: "Newsletter" and "Footer" end like agent nouns."""
    titled, nouns = [], 0
    for h in headings:
        name = h.split(" — ")[-1].strip()
        toks = name.split()
        if (
            1 <= len(toks) <= 4
            and not any(t.lower() in STOPWORDS for t in toks)
            and all(t[:1].isupper() for t in toks)
            and (_AGENT.match(toks[-1].lower()) or _ROLE_HEAD.fullmatch(toks[-1].lower()))
        ):
            if name not in titled:
                titled.append(name)
            nouns += bool(_ROLE_HEAD.fullmatch(toks[-1].lower()))
    return titled if len(titled) >= MIN_SERIES and nouns >= 2 else []


# "How to Become a Dental Hygienist", "What It's Like to Be a Marine Biologist", "A Day in the
# Life of a Sous Chef", "Careers as a Paralegal": what a title or heading says one becomes or
# works as. One to three words follow the article; the name ends before a function word.
_BECOME = re.compile(
    r"\b(?:be|become|becoming|life[ \t]+of|careers?[ \t]+as|work(?:ing)?[ \t]+as|job[ \t]+as)"
    r"[ \t]+an?[ \t]+([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})",
    re.I,
)


# A heading naming the one job its article is about by a frame after the name: "Pastry Chef
# Career Guide", "Truck Driver Jobs", "LIBRARIAN CAREERS", "Welder: A Career Profile" (general
# English framing of a career article's title; what one becomes is `became_titles`').
_JOB_FRAME = r"(?:career\s+(?:guide|profile|overview)|careers|jobs)"
_TITLED = re.compile(
    rf"^\s*([A-Za-z][\w-]{{1,30}}(?:\s+[A-Za-z][\w-]{{1,30}}){{0,2}})\s+{_JOB_FRAME}\s*$"
    r"|^\s*([A-Za-z][\w-]{1,30}(?:\s+[A-Za-z][\w-]{1,30}){0,2})\s*:\s*an?\s+career\s+profile\s*$",
    re.I,
)


def became_titles(headings: list[str], body: list[str]) -> list[str]:
    """Roles a title or heading names as what one becomes or is ("Become a Marine
    Biologist"): single-role articles in trades whose job titles end in no role noun. The
    name's last word is written as a person (an agent noun, a role noun, or "as a nurse" /
    "nurses who" in the text); judging words ("a Better Writer") and function words lead no
    name. Names are kept as written, one- and more-word alike."""
    out: list[str] = []
    for h in headings:
        h = re.sub(r"^[#\s\d.]+", "", h).strip()
        for part in _title_parts(h):
            for m in _BECOME.finditer(part):
                toks = []
                for t in m.group(1).split():
                    if t.lower() in _LEAD_WORDS:
                        break
                    toks.append(t)
                if not toks or m.group(1).split()[0].lower() in _LEAD_WORDS:
                    continue
                last = toks[-1].lower()
                if not (_ROLE_HEAD.fullmatch(last) or _AGENT.match(last) or _as_person(last, body)):
                    continue
                name = " ".join(toks)
                if name not in out:
                    out.append(name)
                # "Should You Become a Nurse Practitioner or a Physician Assistant?": the
                # second job one may become is named as the first is
                other = _OR_ANOTHER.match(part, part.find(name, m.start(1)) + len(name))
                if other and other.group(1).split()[0].lower() not in _LEAD_WORDS:
                    toks = []
                    for t in other.group(1).split():
                        if t.lower() in _LEAD_WORDS:
                            break
                        toks.append(t)
                    last = toks[-1].lower()
                    if _ROLE_HEAD.fullmatch(last) or _AGENT.match(last) or _as_person(last, body):
                        if " ".join(toks) not in out:
                            out.append(" ".join(toks))
            out += [n for n in _moved_between(part, body) if n not in out]
            out += [n for n in _done_by(part, body) if n not in out]
    return out


_OR_ANOTHER = re.compile(
    r"[ \t]{1,3}or[ \t]{1,3}an?[ \t]{1,3}([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})"
)
# "What Airline Pilots Do", "What an investment banker actually does": a heading saying what
# someone does, one to four words naming them
_DOES = re.compile(
    r"^\s{0,3}what[ \t]{1,3}(?:an?[ \t]{1,3}|the[ \t]{1,3})?"
    r"([A-Za-z][\w-]{0,30}(?:[ \t]{1,3}[A-Za-z][\w-]{0,30}){0,3}?)"
    r"(?:[ \t]{1,3}[a-z]{2,20}ly)?[ \t]{1,3}(?:do|does)(?:[ \t]{1,3}all[ \t]{1,3}day)?[ \t]{0,3}$",
    re.I,
)


def _done_by(part: str, body: list[str]) -> list[str]:
    """The job of two words or more a "What X do(es)" heading part names, in the singular,
    where its last word is written as a person (a role noun, an agent noun, "as a pilot");
    "What you do" or "What Managers Actually Want" names none. (A one-word job, "What
    receptionists do", is left to the rules that read one-word roles.)"""
    m = _DOES.match(part)
    if not m or len(m.group(1).split()) < 2:
        return []
    toks = m.group(1).split()
    if any(t.lower() in STOPWORDS or t.lower() in _LEAD_WORDS for t in toks):
        return []
    toks[-1] = _singular(toks[-1])
    last = toks[-1].lower()
    name = " ".join(toks)
    if _ROLE_HEAD.fullmatch(last) or _AGENT.match(last) or _as_person(last, body):
        return [name]
    return [name] if _as_person(name, body) else []


# "From Line Cook to Sous Chef", "From Barback to Head Bartender": a title or heading's move
# from one job to another, each one to three words
_FROM_TO = re.compile(
    r"^\s{0,3}from\s{1,3}([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})"
    r"\s{1,3}to\s{1,3}([A-Za-z][\w-]{0,30}(?:[ \t]+[A-Za-z][\w-]{0,30}){0,2})\s{0,3}$",
    re.I,
)


def _moved_between(part: str, body: list[str]) -> list[str]:
    """The two jobs of a "From X to Y" title part, each kept only where its name (or its last
    word) is written as a person ("as a line cook", "a chef who ..."): "From Zero to Hero" or
    "From Idea to Launch" names no job."""
    m = _FROM_TO.match(part)
    if not m:
        return []
    names = [" ".join(g.split()) for g in m.groups()]
    if any(w.lower() in _LEAD_WORDS for n in names for w in n.split()):
        return []
    return [
        n
        for n in names
        if _ROLE_HEAD.fullmatch(n.split()[-1].lower())
        or _as_person(n.split()[-1], body)
        or _as_person(n, body)
    ]


# General English morphology: the endings of nouns naming a field or an activity, not a person.
_FIELD_END = re.compile(r"(?:ing|ence|ance|ics|ogy|ism|tion|sion|ment|ship|ure)$")


def titled_roles(headings: list[str]) -> list[str]:
    """The job a heading frames as its article's subject ("Pastry Chef Career Guide" ->
    "Pastry Chef"), one to three words, none a function word or an aspect of a job ("Salary
    Careers" names none); written in capitals it is given in title case. Such a heading names
    a field ("Nursing Careers", "Tech Jobs") unless its one word is a person ("Welder") or its
    last word is no field's ending ("Pastry Chef")."""
    out: list[str] = []
    for h in headings:
        h = re.sub(r"^[#\s\d.]+", "", h).strip()
        for part in [h, *_title_parts(h)] if ":" not in h else [h, *_title_parts(h)[:1]]:
            m = _TITLED.match(part)
            if not m:
                continue
            name = next(g for g in m.groups() if g)
            toks = name.split()
            if any(t.lower() in STOPWORDS or t.lower() in _LEAD_WORDS for t in toks):
                continue
            if aspect_named({stem(t.lower()) for t in toks}) or toks[-1].lower() in GENERIC:
                continue
            if len(toks) == 1 and _ROLE_HEAD.fullmatch(toks[0].lower()):
                continue  # "Becoming a Manager": a bare role noun names no one job
            last = toks[-1].lower()
            if _FIELD_END.search(last) or (
                len(toks) == 1 and not (_AGENT.match(last) or _ROLE_HEAD.fullmatch(last))
            ):
                continue  # "Nursing Careers", "Tech Jobs": a field, not a person
            if name.isupper():
                name = name.title()
            if name.lower() not in {o.lower() for o in out}:
                out.append(name)
    return out


def role_phrases(headings: list[str], body: list[str], modifiers: set[str]) -> list[str]:
    """Role names one article offers: in its title and headings ("DevOps vs SRE", "Data
    Analyst"), in "X vs Y" phrases and shared heads of its text, and in lists of job titles."""
    phrases: list[str] = [t for t in listed_titles(headings) if len(t.split()) >= 2]
    phrases += [t for t in became_titles(headings, body) if len(t.split()) >= 2]
    phrases += [t for t in titled_roles(headings) if len(t.split()) >= 2]
    for h in headings:
        h = re.sub(r"^[#\s\d.]+", "", h).strip()
        for m in _PAIR.finditer(h):
            phrases += [_trim_side(m.group(1), True), _trim_side(m.group(2), False)]
        for part in _title_parts(h):
            m = _OR_PAIR.match(part)
            if (
                m
                and len(part.split()) <= 6
                and (
                    any(_ROLE_HEAD.search(g) for g in m.groups())
                    # "Dental Hygienist or Dental Assistant?": both sides persons, by an
                    # agent noun the text writes in the plural ("hygienists"; "Bigger or
                    # Smaller?" names nobody), or as someone one becomes or works as
                    # ("Veterinary Nurse or Veterinary Surgeon?": "become a veterinary nurse")
                    or all(
                        _people_noun(g.split()[-1], body) or _as_person(g, body, by_form=False)
                        for g in m.groups()
                    )
                )
            ):
                phrases += [m.group(1), m.group(2)]
            sides = _listed_sides(part)
            if sides and (
                any(_ROLE_HEAD.search(g) for g in sides)
                # "Kennel Attendant, Veterinary Assistant or Animal Groomer?": persons all
                or all(_people_noun(g.split()[-1], body) for g in sides)
            ):
                phrases += sides
            if (
                1 <= len(part.split()) <= 4
                and _ROLE_HEAD.search(part.strip())
                and not _PAIR.search(part)  # "Chef vs Restaurant Manager" is two roles
            ):
                phrases.append(part.strip())
        phrases += _enumerated_roles(h, modifiers)
    for text in within_scan(body):
        for m in _SHARED_HEAD.finditer(text):  # "frontend and backend developers"
            joined = text[m.end(1) : m.start(2)].strip().lower() in {"and", "&"}
            if joined and m.end(0) == m.end(3):
                continue  # "an HTML & CSS developer": one person who does both, no two roles
            mods = [m.group(1), m.group(2).strip()]
            if all(len(x.split()) == 1 for x in mods):
                phrases += mods
        if " vs" in text or "versus" in text:
            for m in _PAIR.finditer(text):
                left, right = _trim_side(m.group(1), True), _trim_side(m.group(2), False)
                if left and right and len(left.split()) <= 2 and len(right.split()) <= 2:
                    phrases += [left, right]
        phrases += _enumerated_roles(text, modifiers)
    return phrases


def _paired_part(title: str) -> str:
    """The part of a title that sets its pair side by side: the part before a colon ("X vs
    Y: Which pays more?"), or a later part when only it has the pair word ("Careers behind
    the bar: sommelier vs bar manager")."""
    parts = title[:2000].split(":")
    if len(parts) > 1 and not _PAIR_WORD.search(parts[0]):
        return next((p for p in parts[1:] if _PAIR_WORD.search(p)), parts[0])
    return parts[0]


def pair_in_title(title: str) -> list[str] | None:
    """The two roles a title sets side by side ("X vs Y: ...", "Careers in X: Y vs Z", "X or
    Y? ...", "Should You Become an X or a Y?", "From X to Y: ..."), if any."""
    head = _paired_part(title)
    folded = head.casefold()  # what the pattern's re.I matches ("VS", "Versus")
    if "vs" not in folded and "versus" not in folded and "v." not in folded:
        return _or_pair_in_title(title)  # no pair word: most titles
    m = _PAIR.search(head)
    if not m:
        return None
    return [_trim_side(m.group(1), True), _trim_side(m.group(2), False)]


# A title part offering a choice of two jobs: "Teacher or School Counselor", "Should You Become
# a Nurse or a Midwife", "Pilot or Controller" (general English)
_OR_TITLE = re.compile(
    r"^\s{0,3}(?:(?:should|could|would|will|can|do)[ \t]{1,3}(?:you|i|we)[ \t]{1,3}"
    r"(?:become|be|choose|pick|study|train[ \t]{1,3}as)[ \t]{1,3})?(?:an?[ \t]{1,3})?"
    rf"({_SIDE})[ \t]{{1,3}}or[ \t]{{1,3}}(?:an?[ \t]{{1,3}})?({_SIDE})\s{{0,3}}$",
    re.I,
)


def _or_sides_of(part: str) -> list[str] | None:
    """The two sides of a title part offering a choice of two ("X or Y"), whatever they are."""
    m = _OR_TITLE.match(part) if f" {part.lower()} ".count(" or ") == 1 else None
    if not m:
        return None
    sides = [_trim_side(m.group(1), True), _trim_side(m.group(2), False)]
    return sides if all(sides) else None


def or_sides(title: str) -> list[str] | None:
    """The two sides of a title's first part that offers a choice of two ("X or Y"), whatever
    they are ("Bigger or Smaller?" too): see `_or_pair_in_title`, `Library.title_pair`."""
    for part in _title_parts(title[:300])[:2]:  # "Cleared for Takeoff: Pilot or Controller?"
        sides = _or_sides_of(part)
        if sides:
            return sides
    return None


def _or_pair_in_title(title: str) -> list[str] | None:
    """The two jobs of a title's first part that offers a choice of two ("X or Y") or a move
    from one to the other ("From X to Y"): at least one written as a person (a role noun or an
    agent noun: "Bigger or Smaller?" and "From Idea to Launch" name no jobs)."""
    for part in _title_parts(title[:300])[:2]:  # "Cleared for Takeoff: Pilot or Controller?"
        sides = _or_sides_of(part)
        if sides and any(_person_word(s.split()[-1]) for s in sides):
            return sides
        m = _FROM_TO.match(part) if " from " in f" {part.lower()} " else None
        if m:
            sides = [" ".join(g.split()) for g in m.groups()]
            if all(_person_word(s.split()[-1]) for s in sides) and not any(
                w.lower() in _LEAD_WORDS for s in sides for w in s.split()
            ):
                return sides
    return None


def _person_word(word: str) -> bool:
    """A word naming a person by its form: a role noun or an agent noun (general English)."""
    low = _singular(word.lower())
    return bool(_ROLE_HEAD.fullmatch(low) or _AGENT.match(low))


_PAIR_WORD = re.compile(r"(?<![\w-])(?:vs\.?|versus|v\.)(?=\s)", re.I)


def sets_two_side_by_side(title: str) -> bool:
    """The title sets exactly two sides against each other: "X vs Y: ...", not
    "X vs Y vs Z" (three options, of which `pair_in_title` would read two)."""
    head = _paired_part(title)[:300]
    pair = pair_in_title(title)
    if pair and not _PAIR_WORD.search(head):
        return True  # "X or Y", "From X to Y": two jobs by their form
    return bool(pair) and len(_PAIR_WORD.findall(head)) == 1


def title_heads(titles, phrases, modifiers: set[str]) -> dict[str, str]:
    """Bare heads that name a side of an article's title pair: "pilot" for "Airline Pilot" in
    "Airline Pilot vs Air Traffic Controller". Once the title has named the role, articles
    (and their readers) drop its modifier ("Pilots run the pre-flight checks"). Only in a pair
    with a side written as a person (a role noun or an agent noun: "controller"), and only a
    head that ends no other job title of the library, is no generic role noun (those match
    any role with their head already) and is no word written before role nouns."""
    keys = {role_key(p) for p in phrases if len(words(p)) >= 2}
    ends = Counter(k.split()[-1] for k in keys if k)
    inner = {w for p in phrases for w in words(p)[:-1]}  # "nurse" of "nurse practitioner"
    out: dict[str, str] = {}
    for title in titles:
        sides = pair_in_title(str(title))
        learned = False
        if not sides:
            # "Veterinary Nurse or Veterinary Surgeon?": sides the library learned as roles
            # from their article's text (see `Library._learned_or_pair`) are persons
            sides = or_sides(str(title))
            learned = bool(sides) and all(role_key(s) in keys for s in sides)
            if not learned:
                continue
        heads = [(role_key(side).split() or [""])[-1] for side in sides]
        if not learned and not any(_ROLE_HEAD.fullmatch(h) or _AGENT.match(h) for h in heads):
            continue  # neither side is written as a person ("CS degree vs bootcamp")
        for side in sides:
            key = role_key(side)
            toks = key.split()
            if len(toks) < 2 or key not in keys:
                continue
            head = toks[-1]
            if (
                ends[head] == 1
                and len(head) >= 3
                and head.isalpha()
                and head not in STOPWORDS
                and head not in modifiers
                and head not in inner
                and not _ROLE_HEAD.fullmatch(head)
            ):
                out[head] = side
    return out


def _names_a_person(word: str, paired) -> bool:
    """A role's last word that names a person: a role noun ("engineer", not "engineering"),
    an agent noun ("accountant") or a one-word role an article sets against another."""
    low = word.lower()
    return bool(
        re.fullmatch(rf"(?:{ROLE_NOUNS})s?", low)
        or _AGENT.match(low)
        or low in {p.lower() for p in paired}
    )


def role_book(
    phrases: list[str], spelled: dict[str, str], modifiers: set[str], paired=()
) -> RoleBook:
    """The library's roles from every article's phrases; an abbreviation an article spells out
    for a role name ("SRE" for "site reliability engineering") is a role too, and so is a
    one-word role an article sets against another (`counterparts`: "Teacher").

    Such a role the library never writes before a role noun ("teacher", not "frontend" of
    "frontend developer") stands alone: "teacher vs instructional designer" names a
    teacher, not a "teacher designer" (see `RoleBook.lone`); so does an abbreviation of a
    person's title ("CPA" for "certified public accountant")."""
    paired = [p for p in paired if p.lower() not in STOPWORDS]
    lone = {p.lower() for p in paired if p.lower().replace("-", "") not in modifiers}
    phrases = list(phrases) + paired
    aliases = {}
    phrase_stems = {stem(w) for p in phrases for w in words(p)}
    # an abbreviation already read as a role ("RN vs. LPN" in a title): its long form names
    # that role ("registered nurses (RNs)")
    as_roles = {p.lower() for p in phrases}
    for short, long in spelled.items():
        # "Society of Actuaries (SOA)": the noun before "of" heads the name, an organisation;
        # "Director of Engineering" is a director
        head = long.split(" of ")[0].split()[-1] if " of " in long else long.split()[-1]
        if _ROLE_HEAD.search(head) or stem(head) in phrase_stems or short.lower() in as_roles:
            aliases[short.lower()] = long
            phrases.append(short)
            if short.lower() in as_roles and not _FIELD_END.search(head.lower()):
                # "registered nurses" are asked about by name too ("user experience" of "UX"
                # names a field, no one)
                phrases.append(long)
            if _names_a_person(head, paired) and short.lower() not in modifiers:
                # "certified public accountant (CPA)": "CPA vs financial analyst" names a
                # CPA, not a "CPA analyst"
                lone.add(short.lower())
    phrases = [p.strip(" \t-–—*•") for p in phrases]
    phrases = [
        p
        for p in phrases
        if p
        and not p.isdigit()
        and not any(w in STOPWORDS for w in words(p))
        and not BARE_ROLE.fullmatch(p)  # a bare "engineer"
        and (len(p.split()) > 1 or _names_a_role(p, modifiers) or p in paired or p in aliases)
    ]
    return RoleBook(phrases, aliases, lone=lone, modifiers=frozenset(modifiers))


def learn_roles(headings: list[str], body: list[str], spelled: dict[str, str]) -> RoleBook:
    """Roles of a set of texts (one article or many), as `role_phrases` and `role_book`."""
    modifiers = role_modifiers(body)
    phrases = role_phrases(headings, body, modifiers)
    return role_book(phrases, spelled, modifiers, counterparts(headings, body, phrases))


# General English: the verbs a question's subject follows ("What does Ana do?", "did Raj")
_AUXILIARIES = frozenset(
    "do does did is was are were has have had will would can could should".split()
)


@dataclass
class ArticleVocab:
    """What one article teaches: its title, headings, role phrases and abbreviations. Built
    once per stored version of the article, so a change re-reads only that article."""

    title: str
    headings: list[str]
    phrases: list[str]
    spelled: dict[str, str]
    # acronym -> capitalized run spelling it -> count (a Counter when learnt from the chunks,
    # a plain dict when read back from the cache: LibraryParts merges both the same way).
    runs: dict[str, dict[str, int]]
    modifiers: set[str]
    # abbreviations the article writes in place of words it also writes ("ML engineers" and
    # "machine learning engineers"), see `paired_abbreviations`
    paired: dict[str, str] = field(default_factory=dict)
    # one-word roles the article sets against another role ("Teacher"), see `counterparts`
    counterparts: list[str] = field(default_factory=list)
    # other names of a role ("attorney" for "A lawyer"), see `other_names`
    names: dict[str, str] = field(default_factory=dict)
    # the names the article goes by, see `identity_names`
    identity: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "title": self.title,
            "headings": self.headings,
            "phrases": self.phrases,
            "spelled": self.spelled,
            "runs": {k: dict(c) for k, c in self.runs.items()},
            "modifiers": sorted(self.modifiers),
            "paired": self.paired,
            "counterparts": self.counterparts,
            "names": self.names,
            "identity": self.identity,
            "learnt_by": LEARNT_BY,
        }

    @classmethod
    def from_json(cls, data: dict) -> ArticleVocab:
        """From `as_json()` as `json.loads` returns it: its lists and dicts are fresh and of
        the right kinds already, so they are used as they are (a restart reads 9,000 of
        these); anything of another kind raises TypeError, as a damaged cache should."""
        title, headings, phrases = data["title"], data["headings"], data["phrases"]
        spelled, runs, paired = data["spelled"], data["runs"], data["paired"]
        sides, names, identity = data["counterparts"], data["names"], data["identity"]
        if data.get("learnt_by") != LEARNT_BY:
            raise ValueError("learnt by another version of the rules")
        if not (
            isinstance(title, str)
            and type(headings) is list
            and type(phrases) is list
            and type(spelled) is dict
            and type(runs) is dict
            and type(paired) is dict
            and type(sides) is list
            and type(names) is dict
            and type(identity) is list
            and all(type(v) is dict for v in runs.values())
        ):
            raise TypeError("not an article vocabulary")
        return cls(
            title=title,
            headings=headings,
            phrases=phrases,
            spelled=spelled,
            runs=runs,
            modifiers=set(data["modifiers"]),
            paired=paired,
            counterparts=sides,
            names=names,
            identity=identity,
        )

    @classmethod
    def of(cls, title: str, docs: list[str], metas: list[dict]) -> ArticleVocab:
        headings: list[str] = []
        for m in metas:
            sec = m.get(SECTION, "")
            if sec and sec not in headings:
                headings.append(sec)
        modifiers = role_modifiers(docs)
        phrases = role_phrases([title, *headings], docs, modifiers)
        return cls(
            title=title,
            headings=headings,
            phrases=phrases,
            spelled=abbreviations(docs),
            runs=acronym_runs(docs + [title, *headings]),
            modifiers=modifiers,
            paired=paired_abbreviations([title, *headings, *docs]),
            counterparts=counterparts([title, *headings], docs, phrases),
            names=other_names(docs),
            identity=identity_names(metas[0].get(SOURCE, "") if metas else "", title, docs),
        )


_NAME_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&]{0,40}")
# the labels of an address that name no one: "www", "com", "html", ...
_ADDRESS_WORDS = frozenset(
    "www com org net gov edu io co uk html htm md txt pdf http https".split()
)


def source_words(source: str) -> set[str]:
    """The words of a source's file name, or of its address's host and path, lower-cased:
    "gitlab", "handbook", ... of ".../gitlab-handbook-engineering-career-development.md"."""
    name = source.replace("\\", "/").rsplit("/", 1)
    # a file: its name; an address: its host and path
    place = source if "://" in source else name[-1].rsplit(".", 1)[0]
    return {
        w.lower()
        for w in re.split(r"[^A-Za-z0-9]{1,20}", place[:500])
        if len(w) > 1 and not w.isdigit() and w.lower() not in STOPWORDS
    } - _ADDRESS_WORDS


def a_name(word: str) -> bool:
    """A word of no everyday English in any of its forms ("gitlab", "18f"): "researcher's"
    and "bootcamps" are rare as written, but "researcher" and "bootcamp" are not."""
    base = re.sub(r"['’]s$", "", word)
    forms = [word, base] + ([base[:-1]] if base.endswith("s") and len(base) > 3 else [])
    return all(is_rare(f) for f in forms)


def identity_names(source: str, title: str, docs: list[str]) -> list[str]:
    """The names an article goes by, lower-cased: the words of its title and of its file name
    or address that are no everyday English ("gitlab" of ".../gitlab-handbook-engineering-
    career-development.md", "cds" of "cds-so-what-...", "squarespace" of "... at Squarespace")
    and that its text writes as a name, capitalized and never in lower case ("GitLab", "CDS",
    "18F"). A question naming one ("... at GitLab?") names the article: it chooses the
    article, and the question's other words choose among its passages and sentences."""
    told = source_words(source) | {
        w.lower() for w in re.split(r"[^A-Za-z0-9]{1,20}", title[:500]) if len(w) > 1
    }
    wanted = {w for w in told if not w.isdigit() and w not in STOPWORDS}
    if not wanted:
        return []
    capital: set[str] = set()
    upper: set[str] = set()
    lower: set[str] = set()
    for doc in docs:
        # (a link or an address, "about.gitlab.com/handbook", "name@site.org", is no prose:
        # its words take whatever case the address does)
        prose = " ".join(p for p in doc.split() if "/" not in p and "@" not in p)
        for tok in _NAME_TOKEN.findall(prose):
            low = tok.lower()
            if low in wanted:
                (lower if tok == low else upper if tok.isupper() else capital).add(low)
    # a word of no everyday English, or initials ("CDS": also an everyday "cds") written in
    # capitals only, of three letters or more ("AI" is a role's word)
    return sorted(
        w
        for w in (capital | upper) - lower
        if a_name(w) or (w not in capital and len(w) >= MIN_NAME_INITIALS)
    )


MIN_NAME_INITIALS = 3


def _no_count(_word: str) -> int:
    return 0


def _no_words(_prefix: str) -> list[str]:
    return []


def _always_close(_short: str, _long: str) -> float:
    return 1.0


# Endings that make another word of a whole one ("engineer" -> "engineering"): a word typed
# whole and written with one of these is another form of it, not that word cut short. An
# agent noun's ending is none of them: a field typed for its people ("social work" of "social
# worker") is read as the people the library names.
_WORD_ENDINGS = frozenset("ing ings ed es s al ally ly".split())


def _cut_short(typed: str, whole: str) -> bool:
    """typed is the start of whole cut short ("eng" of "engineering", "vet" of "veterinary"),
    not an everyday word whose form the title's word is ("software engineer" is no "software
    engineering" cut short, "digital market" no "digital marketing"; "nurs" of "nursing" is)."""
    if len(whole) - len(typed) < 2:
        return False
    return whole[len(typed) :] not in _WORD_ENDINGS or is_rare(typed)


# How near in meaning (word-vector cosine) a short word and the longer word it starts must be
# for the one to be the other cut short: "info" of "information" (0.69), "math" of
# "mathematics" (0.82), "dev" of "development" (0.25); "age" is no clip of "agentic" (0.22)
CLIP_SIM = 0.24


class LibraryParts:
    """Every article's `ArticleVocab`, merged so that adding, replacing or removing one
    article costs that article. A `Library` is then made from the merged parts, whose size is
    the library's distinct role phrases, abbreviations and modifiers, not its number of
    articles. Merging in article order gives what merging all articles at once gives: the
    first article to spell out an abbreviation wins, ties between spellings go to the one
    seen first, and a role phrase keeps its first spelling."""

    def __init__(self) -> None:
        self.articles: dict[str, ArticleVocab] = {}  # source -> what it teaches
        self._runs: dict[str, Counter] = {}  # acronym -> capitalized runs spelling it
        self._spelled: dict[str, dict[str, str]] = {}  # abbreviation -> source -> long form
        self._paired: dict[str, dict[str, str]] = {}  # the same, for pairings
        self._phrases: dict[str, int] = {}  # role phrase -> uses, in order of first use
        self._counterparts: Counter = Counter()  # one-word role -> articles pairing it
        self._names: dict[str, dict[str, str]] = {}  # other name -> source -> words before it
        self._modifiers: Counter = Counter()  # modifier -> articles using it
        self._titles: dict[str, str] = {}
        self._headings: dict[str, list[str]] = {}
        self._identity: dict[str, frozenset[str]] = {}  # source -> the names it goes by
        self.merged = 0  # articles added or removed so far (the cost of keeping up)

    def add(self, source: str, art: ArticleVocab) -> None:
        self.remove(source)
        self.articles[source] = art
        runs = self._runs
        for k, c in art.runs.items():
            merged = runs.get(k)
            if merged is None:
                runs[k] = Counter(c)
            else:  # Counter.update's sum, without its per-call checks (112k calls at 100k)
                for spelling, n in c.items():
                    merged[spelling] = merged.get(spelling, 0) + n
        for k, v in art.spelled.items():
            self._spelled.setdefault(k, {})[source] = v
        for k, v in art.paired.items():
            self._paired.setdefault(k, {})[source] = v
        for p in art.phrases:
            self._phrases[p] = self._phrases.get(p, 0) + 1
        # Counter.update's counting, without its per-call type checks (18k calls at 100k)
        sides = self._counterparts
        for p in art.counterparts:
            sides[p] = sides.get(p, 0) + 1
        for k, v in art.names.items():
            self._names.setdefault(k, {})[source] = v
        mods = self._modifiers
        for m in art.modifiers:
            mods[m] = mods.get(m, 0) + 1
        self._titles[source] = art.title
        self._headings[source] = art.headings
        if art.identity:
            self._identity[source] = frozenset(art.identity)
        self.merged += 1

    def remove(self, source: str) -> None:
        art = self.articles.pop(source, None)
        if art is None:
            return
        for k, c in art.runs.items():
            merged = self._runs[k]
            merged.subtract(c)
            for spelling in c:
                if merged[spelling] <= 0:
                    del merged[spelling]
            if not merged:
                del self._runs[k]
        for found, short in (
            (self._spelled, art.spelled),
            (self._paired, art.paired),
            (self._names, art.names),
        ):
            for k in short:
                by_source = found[k]
                by_source.pop(source, None)
                if not by_source:
                    del found[k]
        for p in art.phrases:
            left = self._phrases[p] - 1
            if left:
                self._phrases[p] = left
            else:
                del self._phrases[p]
        self._counterparts.subtract(art.counterparts)
        for p in art.counterparts:
            if self._counterparts[p] <= 0:
                del self._counterparts[p]
        self._modifiers.subtract(art.modifiers)
        for m in art.modifiers:
            if self._modifiers[m] <= 0:
                del self._modifiers[m]
        del self._titles[source], self._headings[source]
        self._identity.pop(source, None)
        self.merged += 1

    def library(self, doc_freq, word_count, longer_words, closeness=_always_close) -> Library:
        # An abbreviation an article spells out ("Product Manager (PM)") is certain; one it
        # writes in place of words it also writes ("ML engineers", "machine learning
        # engineers") nearly so.
        spelled = {k: next(iter(by.values())) for k, by in self._paired.items()}
        spelled.update({k: next(iter(by.values())) for k, by in self._spelled.items()})
        # Capitalized runs whose initials an abbreviation has: the spelling the library uses
        # most ("Machine Learning Engineer" for "MLE").
        guessed = {k: c.most_common(1)[0][0] for k, c in self._runs.items()}
        uses = {k: c.most_common(1)[0][1] for k, c in self._runs.items()}

        def written(k: str) -> bool:
            return bool(word_count(k.lower()) or word_count(k.lower() + "s"))

        modifiers = set(self._modifiers)
        # "SREs" in an article whose headings write "Site Reliability Engineer": the initials of
        # a job title the library names, written as a word of their own, name that role too.
        titles = {" ".join(words(p)) for p in self._phrases if len(p.split()) >= 2}
        initials = {
            k: v
            for k, v in guessed.items()
            if k not in spelled
            and len(k) >= MIN_INITIALS
            and v in titles
            and _ROLE_HEAD.search(v)
            and is_rare(k.lower())
            and written(k)
        }
        known = dict(guessed)
        for k, v in spelled.items():
            known[k], uses[k] = v, max(uses.get(k, 0), 1)
        uses = {k: n for k, n in uses.items() if k in known}
        # Another name of a role the library knows ("attorney" of "A lawyer") is that role.
        known_roles = {" ".join(words(p)): p for p in self._phrases}
        named = {}
        for name, by in self._names.items():
            before = words(next(iter(by.values())))
            # ("Penetration testers, often called ethical hackers": the role in the plural,
            # the name then in the plural too)
            plural = bool(before) and _singular(before[-1]) != before[-1]
            forms = [before]
            if plural:
                # the role as a heading may name it in the plural too ("## Data Engineers")
                forms = [[*before[:-1], _singular(before[-1])], before]
                name = " ".join([*name.split()[:-1], _singular(name.split()[-1])])
            role = next(
                (
                    known_roles[" ".join(form[i:])]
                    for form in forms
                    for i in range(len(form))
                    if " ".join(form[i:]) in known_roles
                ),
                None,
            )
            if role and name not in known_roles and name not in spelled:
                named[name] = role.lower()
        return Library(
            doc_freq=doc_freq,
            word_count=word_count,
            longer_words=longer_words,
            closeness=closeness,
            acronyms=known,
            acronym_uses=uses,
            spelled=spelled,
            modifiers=modifiers,
            # Each distinct phrase once: the book keeps a phrase's first spelling anyway.
            roles=role_book(
                list(self._phrases),
                {**named, **initials, **spelled},
                modifiers,
                list(self._counterparts),
            ),
            titles=dict(self._titles),
            identity=dict(self._identity),
            bare_heads={
                head: side
                for head, side in title_heads(
                    self._titles.values(), self._phrases, modifiers
                ).items()
                if head not in known_roles and head not in spelled
            },
            headings=dict(self._headings),
        )


@dataclass
class Library:
    """A snapshot of what the stored articles teach about questions, rebuilt when the store
    changes: roles, abbreviations, titles and headings, and (through the lexical index) which
    words the articles use."""

    doc_freq: object = field(default_factory=Counter)  # stem -> chunks (supports `in`, .get)
    word_count: object = _no_count  # surface word -> chunks containing it
    longer_words: object = _no_words  # prefix -> the surface words it starts
    closeness: object = _always_close  # (short word, longer word) -> similarity of meaning
    acronyms: dict[str, str] = field(default_factory=dict)  # "ML" -> "machine learning"
    acronym_uses: dict[str, int] = field(default_factory=dict)  # how often that long form occurs
    spelled: dict[str, str] = field(default_factory=dict)  # only those an article spells out
    modifiers: set[str] = field(default_factory=set)  # words written before a role noun ("AI")
    roles: RoleBook = field(default_factory=RoleBook)
    titles: dict[str, str] = field(default_factory=dict)  # source -> title
    # source -> the names the article goes by ("gitlab"), see `identity_names`
    identity: dict[str, frozenset[str]] = field(default_factory=dict)
    headings: dict[str, list[str]] = field(default_factory=dict)  # source -> section headings
    bare_heads: dict[str, str] = field(default_factory=dict)  # "pilot" -> "Airline Pilot"

    @classmethod
    def assemble(
        cls, articles: dict[str, ArticleVocab], doc_freq, word_count, longer_words
    ) -> Library:
        parts = LibraryParts()
        for source, art in articles.items():
            parts.add(source, art)
        return parts.library(doc_freq, word_count, longer_words)

    @classmethod
    def build(cls, docs: list[str], metas: list[dict]) -> Library:
        """A library over plain texts (tests, small tools): counts come from the texts."""
        by_source: dict[str, tuple[list[str], list[dict]]] = {}
        surface: Counter = Counter()
        freq: Counter = Counter()
        for d, m in zip(docs, metas, strict=True):
            ds, ms = by_source.setdefault(m.get(SOURCE, ""), ([], []))
            ds.append(d)
            ms.append(m)
            uniq = set(words(d))
            surface.update(uniq)
            freq.update({stem(x) for x in uniq if x not in STOPWORDS})
        articles = {
            src: ArticleVocab.of(ms[0].get(TITLE, ""), ds, ms)
            for src, (ds, ms) in by_source.items()
        }
        ordered = sorted(surface)

        def longer(prefix: str) -> list[str]:
            return [w for w in ordered if w.startswith(prefix) and w != prefix]

        return cls.assemble(articles, freq, lambda w: surface.get(w, 0), longer)

    def title_pair(self, source: str) -> list[str] | None:
        """The two roles an article's title sets side by side ("X vs Y: ..."), if any. A
        title offering a choice ("X or Y?", "From X to Y") sets two roles only where the
        library writes one of them in the plural, as people are counted ("pilots"; "Bigger or
        Smaller?" offers no jobs)."""
        title = self.titles.get(source, "")
        pair = pair_in_title(title) or self._learned_or_pair(title)
        if pair and not _PAIR_WORD.search(_paired_part(title)[:300]):
            if not any(self.word_count(_plural_words(s.split()[-1].lower())) for s in pair):
                return None
        return pair

    def _learned_or_pair(self, title: str) -> list[str] | None:
        """ "Veterinary Nurse or Veterinary Surgeon?": a choice of two whose sides name no person
        by their form, but which the library learned as roles from their article's text
        (`role_phrases`: written as persons one becomes or works as)."""
        sides = or_sides(title)
        if sides and all(role_key(s) in self.roles.phrases for s in sides):
            return sides
        return None

    def heads_beside(self, words_asked: list[str], sides: list[str]) -> bool:
        """The words name an option an article sets beside one of the sides: a section of its
        own beside the side's, laid out as the side's is (the same subheadings: "Self Taught —
        Pros" beside "Bootcamp — Pros"), or both named in the article's title ("CS degree vs
        bootcamp vs self taught"). "What about being self-taught?" after "CS degree vs
        bootcamp" asks about that option, not about a topic to compare the two on; a section
        on a topic ("Training" beside "Nurse Practitioner") is laid out otherwise, and a career
        aspect ("pay") is always a topic."""
        asked = {stem(w) for w in words_asked if w not in STOPWORDS}
        if not asked or aspect_named(asked):
            return False
        wanted = [
            {stem(w) for w in words(self.expand_abbreviations(side)) if w not in STOPWORDS}
            for side in sides
        ]

        def stems(part: str) -> frozenset[str]:
            return frozenset(stem(w) for w in words(part) if w not in STOPWORDS)

        for source, headings in self.headings.items():
            title = stems(self.expand_abbreviations(self.titles.get(source, "")))
            if asked <= title and any(w and w <= title for w in wanted):
                return True
            # each heading as its path of names; what is under each path
            paths = [tuple(stems(p) for p in h.split(" — ")) for h in headings]
            under: dict[tuple, set] = {}
            for path in paths:
                for i in range(1, len(path)):
                    under.setdefault(path[:i], set()).add(path[i])
            for path in under:
                parent, name = path[:-1], path[-1]
                if name != asked:
                    continue
                for other in under:
                    if other[:-1] == parent and other[-1] in wanted and under[path] & under[other]:
                        return True
        return False

    @cached_property
    def title_pairs(self) -> dict[str, list[str]]:
        """Each article's title pair (`title_pair`), by source in the library's order, for the
        articles whose title sets two roles side by side: read once per library state (9,000
        titles, about 0.1 s at 100k chunks), not at every "and the other one?"."""
        return {s: pair for s in self.titles if (pair := self.title_pair(s))}

    def other_side(self, role: str, answers: list[str] = ()) -> str | None:
        """The role set beside this one ("the other one" after a question about it): the other
        side of an article title's "X vs Y", else the first other role an answer names."""
        book = self.roles
        for pair in self.title_pairs.values():
            for i, side in enumerate(pair):
                if book.one_role(side, role) and not book.one_role(pair[1 - i], role):
                    return pair[1 - i]
        for text in answers:
            for found in book.find(text[:2000]):
                if not book.same(found, role):
                    return found
        return None

    @cached_property
    def side_by_side(self) -> tuple[str, ...]:
        """The articles whose title sets exactly two roles side by side
        (`sets_two_side_by_side`, `title_pair`), in the library's order: read once per library
        state, not per question (9,000 titles at 100k chunks)."""
        return tuple(
            s
            for s, title in self.titles.items()
            if (sets_two_side_by_side(title) or self._learned_or_pair(title)) and self.title_pair(s)
        )

    @cached_property
    def listing_roles(self) -> tuple[str, ...]:
        """The other articles, whose title lists three or more jobs (`lists_roles`), in the
        library's order, read once per library state."""
        paired = set(self.side_by_side)
        return tuple(
            s for s, title in self.titles.items() if s not in paired and lists_roles(title)
        )

    @cached_property
    def title_words(self) -> frozenset[str]:
        """The words of every article's title (`words`), once per library state."""
        return frozenset(w for title in self.titles.values() for w in words(title))

    @cached_property
    def _initialled_roles(self) -> dict[str, str]:
        """ "QAE" for a "QA engineer": a job title opening with an abbreviation the library
        writes in capitals goes by that abbreviation's letters and the initials of its other
        words, as a title of whole words goes by its initials ("MLE"). Letters two titles
        share name neither."""
        found: dict[str, set[str]] = {}
        for norm, phrase in self.roles.phrases.items():
            toks = norm.split()
            first = phrase.split()[0] if phrase.split() else ""
            if len(toks) < 2 or not (first.isupper() and first.isalpha() and len(first) <= 5):
                continue
            if not all(t.isalpha() for t in toks[1:]):
                continue
            key = first + "".join(t[0] for t in toks[1:]).upper()
            found.setdefault(key, set()).add(" ".join([*toks[:-1], _singular(toks[-1])]))
        return {k: next(iter(v)) for k, v in found.items() if len(v) == 1}

    def _initialled(self, tok: str) -> str | None:
        """The job title these capitals stand for (`_initialled_roles`), or none."""
        return self._initialled_roles.get(tok) if tok.isupper() else None

    @cached_property
    def _clippable(self) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]]:
        """Job titles of 2-4 words, and their last two or three words ("laboratory scientist"
        of "medical laboratory scientist"), by the first word's first three letters: (words
        to meet, the whole title's words, the title). See `unclipped`."""
        out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        for norm, phrase in self.roles.phrases.items():
            toks = tuple(norm.split())
            if 2 <= len(toks) <= 4 and all(t.isalpha() for t in toks):
                for start in range(len(toks) - 1):
                    tail = toks[start:]
                    out.setdefault(tail[0][:3], []).append((tail, toks, phrase))
        return out

    @cached_property
    def _role_words(self) -> dict[int, list[str]]:
        """The words of the library's job titles (six letters or more), by length: the words a
        mistyped role is read back to (see `respelled`)."""
        names = list(self.roles.phrases.values()) + list(self.roles.aliases.values())
        out: dict[int, list[str]] = {}
        for w in sorted({w for n in names for w in words(n) if w.isalpha() and len(w) >= 6}):
            out.setdefault(len(w), []).append(w)
        return out

    def respelled(self, question: str) -> str:
        """A word typed with one letter wrong, missing, extra or swapped, as the library writes
        it: a word of a job title ("engneer", "enginer", "technicans" -> "engineer"), or an
        everyday English word an article writes ("skils" -> "skills", "sallary" -> "salary").
        Only a word no English text uses and no article writes is read so, and only when one
        word fits: six letters or more for a title's word, five for an everyday one, typed in
        lower case (a capitalized word may be a name). Only the question is read so."""
        found = list(_TYPED_WORD.finditer(question[:MAX_QUESTION_SCAN]))
        out, last = [], 0
        for m in found:
            typed = m.group(0)
            low = typed.lower()
            if len(low) < 5 or not is_rare(low) or self.word_count(low):
                continue  # ("trained" is a word of its own, not a mistyped "trainer")
            if self.word_count(low + "s") or (low.endswith("s") and self.word_count(low[:-1])):
                continue  # a form the library writes
            fits = set()
            if len(low) >= 6:
                for cut, tail in ((low, ""), (low[:-1], "s") if low.endswith("s") else (low, "")):
                    for n in (len(cut) - 1, len(cut), len(cut) + 1):
                        fits |= {w + tail for w in self._role_words.get(n, ()) if _one_edit(cut, w)}
            if not fits and (typed == low or m.start() == 0):
                fits = {
                    w for w in _edits(low) if self.word_count(w) and not is_rare(w, EVERYDAY_ZIPF)
                }
            if len(fits) != 1:
                continue
            out += [question[last : m.start()], next(iter(fits))]
            last = m.end()
        return "".join(out) + question[last:] if out else question

    def unclipped(self, question: str) -> str:
        """A job title typed with its words cut short ("vet tech", "data sci") as the library
        writes it ("veterinary technician"): each word the start of the title's word in turn,
        at least three letters, at least one cut, and one title of the library fits; the words
        may be the title's last ones ("lab scientist": "medical laboratory scientist"). A bare
        head of an article's title pair ("pilot", see `title_heads`) is that side, unless the
        question writes the side in full. Only the question is read so: in passages a bare
        head may be another article's ("controllers" of a finance team)."""
        found = list(_TYPED_WORD.finditer(question[:MAX_QUESTION_SCAN]))
        out, last = [], 0
        i = 0
        while i < len(found):
            hit = self._unclip_at(found, i)
            if hit is None:
                i += 1
                continue
            k, phrase, plural = hit
            out += [question[last : found[i].start()], phrase.lower() + plural]
            last = found[i + k - 1].end()
            i += k
        return "".join(out) + question[last:] if out else question

    def _ends_a_role(self, before: re.Match, word: re.Match) -> bool:
        """The word before, one space apart, makes a role of the library with this one."""
        if before.string[before.end() : word.start()] != " ":
            return False
        pair = f"{before.group(0)} {word.group(0)}"
        return any(len(words(r)) >= 2 for r in self.roles.find(pair))

    def _unclip_at(self, found: list[re.Match], i: int):
        first = found[i].group(0).lower()
        if len(first) < 3 or first in STOPWORDS:
            return None
        side = self.bare_heads.get(_plain_singular(first))
        if side and i and self._ends_a_role(found[i - 1], found[i]):
            side = None  # "physical therapist": the head of another role the library knows
        if side and role_key(side) not in {role_key(r) for r in self.roles.find(found[i].string)}:
            return 1, side.lower(), "s" if _plain_singular(first) != first else ""
        fits = {}
        for toks, whole, phrase in self._clippable.get(first[:3], ()):
            toks = (*toks[:-1], _plain_singular(toks[-1]))
            whole = (*whole[:-1], _plain_singular(whole[-1]))
            span = found[i : i + len(toks)]
            typed = [m.group(0).lower() for m in span]
            if len(typed) < len(toks) or any(
                m.string[a.end() : b.start()] != " "
                for a, b, m in zip(span, span[1:], span, strict=False)
            ):
                continue  # not side by side, one space apart
            plural = "s" if typed[-1].endswith("s") and not toks[-1].startswith(typed[-1]) else ""
            if plural:
                typed[-1] = typed[-1][:-1]
            if any(len(t) < 3 or t in STOPWORDS for t in typed) or not any(
                _cut_short(t, w) for t, w in zip(typed, toks, strict=True)
            ):
                continue  # nothing cut short: the title as written is found as it is
            if all(w.startswith(t) for t, w in zip(typed, toks, strict=True)):
                fits[role_key(phrase)] = (len(toks), " ".join(whole), plural)
        return next(iter(fits.values())) if len(fits) == 1 else None

    def unwritten_person(self, question: str) -> str | None:
        """The person a question is about ("How much does an oceanographer earn?"), when it is
        written as one (an agent noun) and no article writes the word: a new subject, never a
        follow-up on the role asked about before, however short the question."""
        from .sides import owner_phrase, subject_phrase

        # "What is the salary of a nurse?": who has a career aspect is a person by the
        # question's shape, whatever the noun's ending (not "the other one", "that role")
        owner = owner_phrase(question).split()
        toks = owner or subject_phrase(question).split()
        if not toks:
            return None
        last = toks[-1].lower()
        if not (owner or _AGENT.match(last)) or last in GENERIC or self.word_count(last):
            return None
        if last.endswith("s") and self.word_count(last[:-1]):
            return None
        return " ".join(toks)

    @cached_property
    def names_gone_by(self) -> frozenset[str]:
        """Every name an article of the library goes by (`identity`), read once per library."""
        return frozenset(n for got in self.identity.values() for n in got)

    @cached_property
    def address_names(self) -> tuple[str, ...]:
        """The words of no everyday English in the articles' file names and addresses
        (`source_words`, `a_name`): "datatalksclub", "gitlab", "18f"; read once per library."""
        return tuple(sorted({w for s in self.titles for w in source_words(s) if a_name(w)}))

    def in_an_address(self, name: str) -> bool:
        """The name (lower case, five letters or more) begins a word of an article's file name or
        address: "DataTalks" of "datatalksclub-data-team-roles-explained.md". A reader names
        an article by the site it came from, which its text may never write."""
        return len(name) >= 5 and any(w.startswith(name) for w in self.address_names)

    @cached_property
    def _place_names(self) -> frozenset[str]:
        """The names articles go by that are no word of a role the library names: "GitLab",
        not "HVAC" (of "HVAC technician") or "SRE", which name a field or a role."""
        role_words = {t for p in self.roles.phrases for t in p.split()} | set(self.roles.aliases)
        return self.names_gone_by - role_words

    def names_as_places(self, question: str) -> str:
        """ "GitLab engineers", "Acme nurses": a role written after the name an article goes by
        (`identity_names`) is the role at that place ("engineers at GitLab"), asked of that
        article, unless the library knows the whole phrase as a role of its own. The name
        stays in the question to choose the article; the role is the one the articles write."""
        names = self._place_names
        if not names:
            return question
        for role in self.roles.find(question[:2000]):
            toks = role.split()
            if len(toks) >= 2 and toks[0].lower() in names and not self.roles.knows(role):
                rest = " ".join(toks[1:])
                question = question.replace(role, f"{rest} at {toks[0]}", 1)
        return question

    def side_by_head(self, question: str, history: list[dict]) -> str:
        """ "and a technician?" after "How long does it take to become a pharmacist?": a role
        the question names by one word alone is the side the title of the last question's
        role's article sets beside it, when that side ends in the word ("pharmacy
        technician"); the library may hold other technicians, but the conversation is on this
        article. Any other question is returned as it is."""
        found = self.roles.find(question[:MAX_QUESTION_SCAN])
        if len(found) != 1 or len(words(found[0])) != 1:
            return question
        typed = found[0]
        head = _plain_singular(typed.lower())
        last = next(
            (str(t.get("content", "")) for t in reversed(history) if t.get("role") == "user"), ""
        )
        for role in self.roles.find(last[:MAX_QUESTION_SCAN]):
            other = self.other_side(role)
            said = words(other or "")
            if len(said) >= 2 and _plain_singular(said[-1]) == head:
                plural = "s" if head != typed.lower() and not other.lower().endswith("s") else ""
                at = re.search(rf"(?<![\w-]){re.escape(typed)}(?![\w-])", question)
                if at:
                    return f"{question[: at.start()]}{other.lower()}{plural}{question[at.end() :]}"
        return question

    def people_as_roles(self, question: str) -> str:
        """ "ML folks", "frontend people": a word the library writes before one role noun, with
        a word for people after it, is that role ("ML engineers"). Left as written when the
        word comes before several role nouns ("data analyst", "data engineer")."""

        def swap(m: re.Match) -> str:
            mod = m.group(1).lower().replace("-", "")
            if mod not in self.modifiers or mod in STOPWORDS or mod.endswith("ing"):
                return m.group(0)
            # the word, or the words it abbreviates ("ML": "machine learning engineer")
            lead = {mod, (self.acronyms.get(mod.upper()) or mod).lower().replace("-", "")}
            nouns = {
                head.group(1)
                for toks in (norm.replace("-", "").split() for norm in self.roles.phrases)
                if 2 <= len(toks) <= 4
                and " ".join(toks[:-1]) in lead
                and (head := _ROLE_NOUN_PLURAL.fullmatch(toks[-1]))
            }
            if len(nouns) != 1:
                return m.group(0)
            return f"{m.group(1)} {next(iter(nouns))}s"

        return _PEOPLE_AFTER.sub(swap, question)

    def expand_abbreviations(self, query: str) -> str:
        """Spell out abbreviations the articles never use: "MLE" becomes the words the articles
        write, and a clipped word ("eng") the most common library word it starts."""

        def spell(m: re.Match) -> str:
            tok = m.group(0)
            low = tok.lower()
            if (
                low in STOPWORDS
                or m.string[max(0, m.start() - 1) : m.start()] in "'’"
                and m.start()
            ):
                return tok
            known = self.word_count(low)
            phrase = self.acronyms.get(tok.upper()) if tok.isupper() or is_rare(low) else None
            if phrase is None and not known:
                phrase = self._initialled(tok)  # "AIE": an "AI engineer"
            if phrase and not known:
                return phrase
            one = tok[:-1]
            if (
                phrase is None
                and len(one) >= 2
                and tok[-1] in "sS"
                and not known
                and (one.isupper() or is_rare(one.lower()))
                and (self.acronyms.get(one.upper()) or self._initialled(one))
                and not self.word_count(one.lower())
            ):
                # "MLEs", "mles": the plural of an abbreviation the articles never write
                return _plural_words(self.acronyms.get(one.upper()) or self._initialled(one))
            if phrase and self.acronym_uses.get(tok.upper(), 0) >= 3 * known:
                return phrase  # the articles write the long form far more often
            head = _clipped_role_noun(low)
            before = m.string[: m.start()].split()[-1:]
            after = m.string[m.end() :].split()[:1]
            noun = after[0].lower().strip("?.,!;:") if after else ""
            noun = _clipped_role_noun(noun) or noun
            titles = bool(_ROLE_NOUN_PLURAL.fullmatch(noun))  # a role noun follows: no head
            lead = before[0].lower() if before else ""
            if (
                head
                and not titles
                and lead
                and (
                    lead.replace("-", "") in self.modifiers
                    or f"{lead} {head}" in self.roles.phrases
                    or f"{lead} {head}s" in self.roles.phrases
                )
            ):
                return head  # "AI eng", "frontend dev", "engineering mgr": a clipped job title
            if tok.istitle() and lead in _AUXILIARIES:
                return tok  # "How much did Ana earn?": a name after its verb, no clipped word
            if 3 <= len(low) <= 4 and low.isalpha() and stem(low) not in self.doc_freq:
                counts = {
                    w: self.word_count(w)
                    for w in self.longer_words(low)[:200]
                    if "'" not in w and "’" not in w  # ("won" is no clipped "won't")
                }
                if titles:
                    # before a role noun, the word the library writes in a job title with it:
                    # "eng manager" is the "engineering manager" it names
                    titled = {
                        w: n
                        for w, n in counts.items()
                        if f"{w} {noun}" in self.roles.phrases
                        or f"{w} {noun}s" in self.roles.phrases
                    }
                    counts = titled or counts
                best = max(counts, key=lambda w: (counts[w], w), default=None)
                # A clipped word ("eng", "math") the articles rarely write stands for the
                # common word; one the articles never write, for a word they write once.
                if (
                    best
                    and counts[best] >= (max(2, 10 * known) if known else 1)
                    and self.closeness(low, best) >= CLIP_SIM  # ("age" is no "agentic")
                ):
                    return best
            return tok

        query = re.sub(r"\$(\d{1,3})[kK]\b", r"$\1,000", query)  # "$120k" as articles write it
        once = re.sub(r"\b[A-Za-z]{2,6}\b", spell, query)
        if once == query:
            return once

        def head_after(m: re.Match) -> str:
            # a clipped noun after a clipped modifier ("eng mgr") reads the modifier spelled out
            tok = m.group(0)
            head = _clipped_role_noun(tok.lower())
            before = m.string[: m.start()].split()[-1:]
            lead = before[0].lower() if before else ""
            known = (
                f"{lead} {head}" in self.roles.phrases or f"{lead} {head}s" in self.roles.phrases
            )
            return head if head and lead and known else tok

        return re.sub(r"\b[A-Za-z]{3,5}\b", head_after, once)


__all__ = [
    "ArticleVocab",
    "Library",
    "LibraryParts",
    "abbreviations",
    "acronym_runs",
    "find_roles",
    "learn_roles",
    "specificity",
]


def _one_edit(a: str, b: str) -> bool:
    """The two words differ by one letter changed, added, dropped, or two side by side swapped
    (they are not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """The words one edit from this one: a letter dropped, swapped with the next, changed or
    added (about 54 per letter; a typed word is at most 40 letters)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in cuts if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    out |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS}
    out |= {a + c + b for a, b in cuts for c in _LETTERS}
    out.discard(word)
    return out
