"""Query understanding: comparison intent with its two sides, and follow-up resolution."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.text import STOPWORDS, content_terms

ROLE_NOUNS = (
    "engineer|scientist|developer|analyst|researcher|architect|manager|designer|specialist"
    "|consultant|administrator|programmer|technician|lead|director|officer|tester"
)
_ROLE = re.compile(rf"\b((?:[A-Za-z][\w+#./-]*\s+){{0,3}}?(?:{ROLE_NOUNS})(?:s|ing)?)\b", re.I)
_SHARED_HEAD = re.compile(
    rf"\b(?!(?:{ROLE_NOUNS})(?:s|ing)?\b)([A-Za-z][\w+#.-]*)\s+(?:and|or|vs\.?|versus|&)\s+((?:[A-Za-z][\w+#.-]*\s+){{0,2}}?)({ROLE_NOUNS})(?:s|ing)?\b",
    re.I,
)
_VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.I)
_CUES = re.compile(
    r"\b(vs\.?|versus|compare[ds]?|comparison|comparing|differen(?:ce|ces|t)|differ|"
    r"better|worse|more|less|higher|lower|bigger|than|or|both|between|each|either|as much as|as well as)\b",
    re.I,
)
_PAIR_REF = re.compile(
    r"\b(the two|both|these two|the roles|each role|either role|either one|the two roles)\b", re.I
)
_FOLLOWUP_START = re.compile(
    r"^\s*(and|also|then|so|but|what about|how about|same for|and what about)\b", re.I
)
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|this|that|these|those|he|she|his|her|the role|that role|this role|one)\b",
    re.I,
)
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
    "than",
    "with",
    "top",
    "good",
    "great",
    "typical",
} | STOPWORDS


_GENERIC = {"role", "roles", "two", "s", "career", "path", "paths", "job", "jobs", "one"}


@dataclass
class Comparison:
    sides: list[str]
    aspect: str  # what is compared, with the sides taken out ("pays more")


@lru_cache(maxsize=8192)
def role_key(phrase: str) -> str:
    """A canonical key so "Machine Learning Engineers" and "ML engineer" match."""
    toks = [t for t in re.findall(r"[\w+#.-]+", phrase.lower()) if t not in _LEAD_WORDS]
    if not toks:
        return ""
    head = re.sub(r"(s|ing)$", "", toks[-1]) if re.match(rf"({ROLE_NOUNS})", toks[-1]) else toks[-1]
    mods = toks[:-1]
    if len(mods) >= 2:
        mods = ["".join(m[0] for m in mods)]
    return " ".join(mods + [head])


@lru_cache(maxsize=8192)
def role_keys(phrase: str) -> frozenset[str]:
    """Keys for a role and its shorter forms: "recommend ML engineering" also gives "ml engineer"."""
    toks = [t for t in re.findall(r"[\w+#.-]+", phrase.lower()) if t not in _LEAD_WORDS]
    if not toks:
        return set()
    keys = {role_key(" ".join(toks[i:])) for i in range(len(toks) - 1)}
    return frozenset(keys or {role_key(toks[0])})


def _clean_role(phrase: str) -> str:
    """Keep the role noun and the modifiers right before it, up to the nearest function word."""
    toks = phrase.split()
    start = 0
    for i, tok in enumerate(toks[:-1]):
        if tok.lower().strip(",.;:") in _LEAD_WORDS or not re.match(r"^[\w+#./-]+$", tok):
            start = i + 1
    # A lowercase word before a name ("recommend ML engineering") is not part of the role.
    for i in range(len(toks) - 2, start, -1):
        if toks[i][:1].isupper() and toks[i - 1][:1].islower():
            start = i
            break
    return " ".join(toks[start:])


def find_roles(text: str) -> list[str]:
    """Role phrases named in text, in order, one per distinct role."""
    return list(_find_roles(text))


@lru_cache(maxsize=8192)
def _find_roles(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for m in _SHARED_HEAD.finditer(text):  # "AI and ML engineers"
        head = m.group(3)
        found += [_clean_role(f"{m.group(1)} {head}"), _clean_role(f"{m.group(2)}{head}")]
    for m in _ROLE.finditer(text):
        role = _clean_role(m.group(1))
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
    return tuple(r for r in unique.values() if len(role_key(r).split()) >= 1)


def pair_from_title(title: str) -> list[str] | None:
    head = title.split(":")[0]
    parts = _VS.split(head)
    if len(parts) == 2 and all(p.strip() for p in parts):
        return [parts[0].strip(), parts[1].strip()]
    return None


_CONNECTED = re.compile(
    r"\s*[,:;]?\s*(and|or|vs\.?|versus|&|compared (to|with)|with|to|against|over|instead of)?"
    r"\s*(an?|the)?\s*",
    re.I,
)


def connected(question: str, first: str, second: str) -> bool:
    """Whether two role mentions are the two sides of one comparison ("X or Y", "X earns more
    than Y"), not a role and something else ("Is X closer to research or Y?")."""
    low = question.lower()
    a, b = low.find(first.lower()), low.find(second.lower())
    if a < 0 or b < 0:
        return True  # found through a shared head noun: "AI and ML engineers"
    if b < a:
        a, b, first = b, a, second
    between = question[a + len(first) : b]
    if _CONNECTED.fullmatch(between):
        return True
    return len(between.split()) <= 5 and bool(
        re.search(r"\b\w+ than\b|\bas \w+ as\b", between, re.I)
    )


def detect_comparison(question: str, default_pair: list[str] | None) -> Comparison | None:
    q = question.strip()
    sides = find_roles(q)[:2]
    if len(sides) == 2 and not connected(q, sides[0], sides[1]):
        sides = sides[:1]
    vs_parts = _VS.split(q.rstrip("?"))
    if len(sides) < 2 and len(vs_parts) == 2:
        left = re.split(r"[:,]|\b(?:is|are|between|compare|of)\b", vs_parts[0], flags=re.I)[-1]
        right = re.split(r"[:,?]|\b(?:which|who|in|for|when|regarding)\b", vs_parts[1], flags=re.I)[
            0
        ]
        sides = [_clean_role(left.strip()), _clean_role(right.strip())]
        sides = [s for s in sides if s]
    cue = bool(_CUES.search(q))
    if len(sides) == 2 and role_key(sides[0]) != role_key(sides[1]) and cue:
        return Comparison(sides, _aspect(q, sides))
    if default_pair and cue:
        keys = {role_key(s) for s in default_pair}
        named = {role_key(r) for r in find_roles(q)}
        explicit = re.search(r"\b(than|compar\w*|differ\w*|vs\.?|versus|between|other)\b", q, re.I)
        ranking = re.search(r"\b(more|less|better|worse|higher|lower|most|best)\b", q, re.I)
        which = re.search(r"\b(which|who)\b", q, re.I)
        if named and named <= keys:
            if explicit:
                return Comparison(list(default_pair), _aspect(q, default_pair))
        elif not named and (
            _PAIR_REF.search(q) and (explicit or ranking or which) or which and ranking
        ):
            return Comparison(list(default_pair), _aspect(q, default_pair))
    return None


def _aspect(question: str, sides: list[str]) -> str:
    side_words = {w for side in sides for w in re.findall(r"[\w$']+", side.lower())}
    text = _ROLE.sub(" ", question)
    terms = [
        w
        for w in re.findall(r"[\w$']+", text.lower())
        if w not in _LEAD_WORDS
        and w not in side_words
        and w not in _GENERIC
        and not _CUES.fullmatch(w)
    ]
    return " ".join(terms)


def is_followup(question: str, history: list[dict]) -> bool:
    if not any(t.get("role") == "user" for t in history):
        return False
    if _FOLLOWUP_START.search(question):
        return True
    if find_roles(question):
        return False
    return bool(_ANAPHORA.search(question)) or len(content_terms(question)) <= 2


def _topic(text: str, roles: list[str]) -> str:
    """The words of a question that are neither function words nor the roles it names."""
    role_words = {w.lower() for r in roles for w in r.split()}
    return " ".join(
        w
        for w in re.findall(r"[\w$']+", text)
        if w.lower() not in STOPWORDS
        and w.lower() not in _LEAD_WORDS
        and w.lower() not in role_words
    )


def resolve_followup(question: str, history: list[dict]) -> tuple[str, list[str]]:
    """Make a follow-up standalone from earlier user turns. Returns (query, inherited roles).

    "And how much do they earn?" borrows the roles asked about before; "What about ML
    engineers?" names its role but borrows the topic.
    """
    if not is_followup(question, history):
        return question, []
    own_roles = find_roles(question)
    if own_roles and _topic(question, own_roles):
        return question, []
    for turn in reversed(history):
        if turn.get("role") != "user":
            continue
        previous = str(turn.get("content", ""))
        roles = find_roles(previous)
        topic = _topic(previous, roles)
        if own_roles:
            if topic:
                return f"{question} ({topic})", []
            continue
        if roles:
            return f"{question} ({' and '.join(roles)})", roles
        if topic:
            return f"{question} ({topic})", []
    return question, []
