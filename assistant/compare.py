"""Side-by-side answers: a Markdown table of aspects, one column per role, every cell cited.

Aspects come from the question's own topic (its content words and their near neighbours in the
library's vocabulary); a question that names no topic gets the career lexicon's aspects. A row
appears only where both sides have evidence on it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from knowledge.schema import Passage
from knowledge.text import STOPWORDS, TABLE_ROW, content_terms, split_sentences, stem, words

from .citations import CitationSet
from .evidence import (
    EVERYDAY,
    OFFERS,
    Sentence,
    about_itself,
    asks_yes_no,
    field_line,
    own_heading,
    row_cells,
)
from .understand import Query
from .understand.followup import BACKGROUND
from .understand.lexicon import (
    CENTRAL_PAY,
    COST_WORDS,
    DAY_TO_DAY,
    PAY_EDGES,
    PAY_TOP,
    SAYS_WHAT_ONE_DOES,
    Aspect,
    aspect_forms,
    aspects,
    judgements,
)
from .understand.query import BOTH_ALONE, BOTH_OF_PAIR
from .understand.roles import _LEAD_WORDS, BARE_ROLE, RoleBook
from .understand.sides import FRAME_NOUNS
from .understand.vocabulary import specificity

MAX_ROWS = 4
MIN_FIT = 0.3  # one specific aspect word; an everyday one ("work") alone is not enough
GLOSSARY_EXTRA_WORDS = 2  # "Mobile/Tablet Front-End Developer:" still names the role it defines
GLOSSARY_MIN_WORDS = 4  # "The generic job title that ...", not a table value ("Yes.")
# A row the question did not ask for shows only where a sentence clearly speaks of its aspect:
# "Recently I started researching ..." is no evidence on entry.
MIN_FIT_UNASKED = 0.5
CELL_WORDS = 30  # a cell stays readable in a phone-width table
CELL_MIN_WORDS = 8  # a shorter line with no sentence end is a title or a link, not evidence
LABEL_SHARE = 0.9  # a row label keeps the topic words at least this specific as its rarest
SAME_ARTICLE = 0.5  # a cell from the article that has a cell for every side leads by this much
_COMPARATIVE = re.compile(
    r"\b(?<!or )(more|less|fewer|higher|lower|better|worse|than|whereas|unlike|compared|"
    r"differ\w*|\w+er than|as (?:much|many|high) as)\b(?! or)",
    re.I,
)
# General English comparatives a verdict states ("far easier to get into", "usually quicker and
# cheaper to enter"), beyond "more"/"better"/"-er than" of _COMPARATIVE.
_COMPARES_HOW = re.compile(
    r"\b(?:easier|harder|faster|quicker|slower|longer|shorter|cheaper|costlier|pricier|"
    r"greater|larger|bigger|smaller|safer|riskier|tougher|simpler|steadier|closer|nearer|stronger|"
    r"weaker)\b",
    re.I,
)
_STRONG = re.compile(r"\b(than|whereas|unlike|compared (to|with)|while)\b", re.I)
# "more than $113,000", "less than 3 years": a bound on an amount, no comparison of two sides
_BOUND = re.compile(
    r"\b(?:more|less|fewer|higher|lower)\s{1,4}than\s{1,4}(?:(?:about|around|roughly)\s{1,4})?"
    r"[$€£]?\s?\d",
    re.I,
)


def _without_bounds(text: str) -> str:
    """The sentence without its bounds on amounts: "the highest 10 percent earned more than
    $113,000" judges no side against another."""
    return _BOUND.sub(" ", text)


# An amount of money, however written: "$61,550", "£28,000", "35,000 pounds a year", "17.85
# pounds an hour" (a plain-text article spells its currency out), as evidence reads amounts
_MONEY = OFFERS["amount"]
_CLAUSE = re.compile(
    r";\s+|\s+[—–]\s+|,\s+(?=(?:while|whereas|but|although|and|which|so|because|compared)\b)"
)


@dataclass
class Table:
    text: str
    verdict: Sentence | None
    cited: int  # rows with both sides cited
    # Sides whose evidence is missing or weak: no cell on the topic asked (another side has
    # one, or none does), or, for a question with no topic, an overview cell that does not say
    # what the side is. A second, narrower search may find that side's evidence.
    thin: tuple[int, ...] = ()
    said: list = field(default_factory=list)  # each side's sentences on what `thin` judges
    # Sides whose pay cell gives no figure ("Paralegals earn the most in federal government")
    # while another side's does: their article's figure may be in a passage not read yet.
    unpaid: tuple[int, ...] = ()
    # The side a verdict naming no side speaks of ("This role demands stronger math" under the
    # side's heading), shown beside it
    verdict_side: str | None = None
    # beside such a verdict, the other side's own comparison by the same generic noun ("The
    # role sits closer to software engineering than research"): (that side, its sentence)
    counterpart: tuple[str, Sentence] | None = None
    # ... the side whose counterpart the passages read hold none of: its own section may
    unmatched: int | None = None


class SideFinder:
    """Which sides of a comparison a text speaks of: by any spelling of a role the library
    knows, or, for a side that is no role ("a bootcamp", "product management"), by the words
    that tell it from the other side ("product" against "project")."""

    def __init__(self, sides: list[str], book: RoleBook) -> None:
        self.book = book
        self.sides = sides
        # A side that is a role's field ("product management") has that role's spellings too.
        self.keys = [book.keys(s) | book.keys(book.role_for(s) or s) for s in sides]
        own = [set(content_terms(s)) - _FRAME_STEMS for s in sides]
        self.heads = [stem(words(s)[-1]) if words(s) else "" for s in sides]
        # each side's name as content stems, frame nouns left out ("design track" -> design)
        self.phrases = [tuple(t for t in content_terms(s) if t not in _FRAME_STEMS) for s in sides]
        # a passage's stems, and each of its sentences', once per table
        self._context_terms: dict[str, tuple[list[str], list[set[str]]]] = {}
        self._sides: dict[tuple[str, bool], frozenset[int]] = {}  # `sides_in`, once per text
        self.marks = [
            set()
            # a role: its spellings find it; so do its field's in one word ("plumbing")
            if book.find(sides[i]) or book.one_word_field(sides[i])
            else own[i] - set().union(*(o for j, o in enumerate(own) if j != i))
            for i in range(len(sides))
        ]
        # a one-word side whose stem is a shorter word ("accountant": "account", "attendant":
        # "attend") is named by its own word only, in the singular or plural
        self.agent = [
            _own_forms(s) if len(words(s)) == 1 and stem(s.lower()) != s.lower() else set()
            for s in sides
        ]
        # a side named by its field in one word ("Recruiting" for recruiters) is named by that
        # word too ("Recruiting is usually easier to get into."), beside its role's spellings
        self.field_words = [
            stem(s.strip().lower())
            if len(s.split()) == 1 and not book.find(s) and book.one_word_field(s)
            else ""
            for s in sides
        ]
        # an abbreviation's field is its long form's ("OT": "occupational therapy")
        spelled = [book.aliases.get(s.lower(), s) for s in sides]
        self.fields = [_field_pattern(s, spelled) for s in spelled]

    @cached_property
    def bare(self) -> list[str]:
        """Each side's head noun as a stem, where it can stand for the side alone: "pilot" of
        "airline pilot" beside "air traffic controller". None for a one-word side, a generic
        role noun ("engineer" names any engineer) or a head another side shares."""
        names = [words(s) for s in self.sides]
        out = []
        for i, toks in enumerate(names):
            head = stem(toks[-1]) if len(toks) >= 2 else ""
            others = {stem(w) for j, o in enumerate(names) if j != i for w in o}
            ok = head and head not in others and not BARE_ROLE.fullmatch(toks[-1])
            out.append(head if ok else "")
        return out

    def by_bare_head(self, text: str, title: str) -> set[int]:
        """Sides a sentence names by their bare head ("Pilots run the pre-flight checks") in
        an article whose title names that side: there the modifier goes without saying; in
        another article the word may be another role ("controllers" of a finance team)."""
        heads = self.bare
        if not any(heads):
            return set()
        titled = self.sides_in(title, pair=False)
        stems = {stem(w) for w in words(text)}
        return {i for i in titled if heads[i] and heads[i] in stems}

    def by_field_word(self, text: str, title: str) -> set[int]:
        """Sides a sentence names by their field's adjective or noun ("Electrical apprentices
        complete 8,000 hours", "plumbing apprentices ...") in an article whose title names that
        side: a word sharing all but a few letters of a one-word side's root ("electric" of
        "electrician", "plumb" of "plumber") that is no role's name. Only there: elsewhere the
        word may be another field's ("electrical engineering")."""
        titled = self.sides_in(title, pair=False)
        if not titled:
            return set()
        toks = [w.lower() for w in words(text) if w.isalpha()]
        out = set()
        for i in titled:
            # (a side named by its field, "electrical work", by its role's: "electrician")
            name = (self.book.role_for(self.sides[i]) or self.sides[i]).lower()
            if " " in name or not name.isalpha() or len(name) <= AGENT_ROOT:
                continue
            for w in toks:
                if stem(w) == stem(name) or self.book.find(w):
                    continue  # the side's own spelling ("electricians") is found by name
                shared = len(os.path.commonprefix([w, name]))
                if shared >= AGENT_ROOT and shared >= max(len(w), len(name)) - AGENT_SLACK:
                    out.add(i)
                    break
        return out

    def sides_in(self, text: str, pair: bool = True) -> set[int]:
        """`pair`: "both roles" names every side (a sentence's own words; a passage's lead
        sentence saying "both roles" tells nothing about the sentences after it)."""
        # once per text and table: every sentence of a passage asks about its heading, and
        # a sentence is asked about for each row of the table
        got = self._sides.get((text, pair))
        if got is None:
            got = self._sides[(text, pair)] = frozenset(self._sides_in(text, pair))
        return set(got)

    def _sides_in(self, text: str, pair: bool) -> set[int]:
        if pair and _BOTH.search(text):  # "Both roles are in demand": the pair compared
            return set(range(len(self.sides)))
        out: set[int] = set()
        # "Airline and commercial pilots": each modifier with the shared head names a role
        shared = [
            r
            for m in _SHARED_HEAD_NAME.finditer(text[:2000])
            for r in self.book.find(f"{m.group(1)} {m.group(3)}")
        ]
        for role in [*self.book.find(text), *shared]:
            keys = self.book.keys(role)
            near = [i for i, k in enumerate(self.keys) if k & keys]
            # "front-end developer" shares "front-end" with "front-end engineer": it is the
            # side whose own name it is, when there is one.
            exact = [i for i in near if self.book.one_role(role, self.sides[i])]
            out.update(exact or near)
        for i, field_ in enumerate(self.fields):
            if field_ is not None and i not in out and field_.search(text):
                out.add(i)  # "social work" of "social worker": the side's own field
        if len(out) < len(self.keys):
            stems = {stem(w) for w in words(text)}
            out.update(i for i, w in enumerate(self.field_words) if w and w in stems)
            low = {w.lower() for w in words(text)}
            for i, marks in enumerate(self.marks):
                # its head noun ("a degree"), every telling word of a short side, or two of
                # three of a longer one
                head = self.heads[i]
                if self.agent[i] and not self.agent[i] & low:
                    continue  # "account executives" name no accountant
                if head in marks and head in stems:
                    out.add(i)
                elif marks and 3 * len(marks & stems) >= 2 * len(marks) + (len(marks) < 3):
                    out.add(i)
        return out

    def anchored(self, side: int, context: str) -> bool:
        """A side that is no role, named in a sentence by part of its name ("the programme",
        "a project"), is that side only where the passage around it names it whole ("credential
        programme", "project management"), or names all its words in one sentence: another
        article's programme is another programme."""
        if not self.marks[side]:
            return True  # a role: its spellings name it anywhere
        whole = self.phrases[side]
        got = self._context_terms.get(context)
        if got is None:  # every sentence of a passage asks with the same context
            got = self._context_terms[context] = (
                content_terms(context),
                [set(content_terms(x)) for x in split_sentences(context)],
            )
        terms, sentences = got
        n = len(whole)
        if any(tuple(terms[i : i + n]) == whole for i in range(len(terms) - n + 1)):
            return True
        # ... or one sentence of it names every word of it: "a call with the business
        # development team" names the business development calls
        return any(set(whole) <= said for said in sentences)

    def field_subject(self, text: str) -> set[int]:
        """The sides whose field opens the sentence's main clause: "Because ..., social work
        is easier to get into" is about social workers' path."""
        m = _LEADING_PHRASE.match(text)
        main = text[m.end() :] if m else text
        main = main[_WHOSE.match(main).end() :]
        return {
            i
            for i, f in enumerate(self.fields)
            if f is not None and (hit := f.search(main)) and hit.start() <= SUBJECT_AT
        }

    def names(self, text: str, side: int) -> bool:
        return side in self.sides_in(text)

    @cached_property
    def _advised_fields(self) -> list[re.Pattern | None]:
        spelled = [self.book.aliases.get(s.lower(), s) for s in self.sides]
        return [_field_pattern(s, spelled, by_root=True) for s in spelled]

    def by_advised_field(self, text: str) -> set[int]:
        """Sides advice on choosing names by their field, though the sides share their
        modifiers ("wildlife biology is the better fit", asked of wildlife biologists and
        wildlife photographers): there the field is the path advised, not the work both sides
        do."""
        return {i for i, f in enumerate(self._advised_fields) if f is not None and f.search(text)}


_FRAME_STEMS = {stem(w) for w in FRAME_NOUNS}
SUBJECT_AT = 4  # a main clause's subject opens it, after at most an article ("The ")
AGENT_ROOT = 4  # "work" of "worker": the shortest root an agent noun's field shares with it
AGENT_SLACK = 4  # "scien" of "scientist"/"science": a field shares all its head but 4 letters


def _own_forms(side: str) -> set[str]:
    """A one-word side's own word, singular and plural."""
    w = side.strip().lower()
    forms = {w, w + "s", w + "es"}
    if w.endswith("y"):
        forms.add(w[:-1] + "ies")
    return forms


def _field_pattern(side: str, sides: list[str], by_root: bool = False) -> re.Pattern | None:
    """The side's field, as an article names it when it speaks of the work rather than the
    worker: "social work" of "social worker", "occupational therapy" of "occupational
    therapist", "data science" of "data scientist". Its modifiers as written, then a word
    sharing the head noun's root. Only for a side of two or more words (one word's root,
    "pharmac" of "pharmacist", names other roles too), and only where no other side has the
    same modifiers."""
    toks = words(side)
    if len(toks) < 2 or not all(t.isalpha() for t in toks) or len(toks[-1]) < AGENT_ROOT + 2:
        return None
    mods = [t.lower() for t in toks[:-1]]
    head = toks[-1].lower()
    root = head[: max(AGENT_ROOT, len(head) - AGENT_SLACK)]
    for o in sides:
        theirs = words(o)
        if o == side or [w.lower() for w in theirs[:-1]] != mods:
            continue
        # (`by_root`: sides of the same modifiers told apart by their heads' roots, "wildlife
        # biology" from "wildlife photography", where another side's root is not the same)
        if not by_root or theirs[-1].lower().startswith(root):
            return None
    return re.compile(
        r"\b" + r"\s+".join(re.escape(m) for m in mods) + rf"\s+{re.escape(root)}[a-z]{{0,8}}\b",
        re.I,
    )


_BOTH = BOTH_OF_PAIR  # "Both roles are in demand": the pair compared


# A sentence that opens on a subordinate phrase ("Similar to an SRE, ...", "Unlike data
# scientists, ...") has its subject after the comma.
# General English: an adverb of frequency before a sentence's subject ("So often a DevOps
# engineer is hired ...", "Usually a nurse ...") leaves the subject what it is.
_HOW_OFTEN = (
    r"(?:(?:(?:all\s+)?too|so|very|quite)\s+)?"
    r"(?:often|usually|typically|generally|normally|commonly|frequently|sometimes|occasionally"
    r"|rarely|seldom|mostly|always|increasingly|traditionally)\s+"
)
_OFTEN = re.compile(_HOW_OFTEN, re.I)
# ... and so does a quantifier ("Most sous chefs started as line cooks": the sous chefs')
_HOW_MANY = re.compile(
    r"(?:most|many|some|all|few|several|these|those)\s+(?:of\s+(?:the|these|those)\s+)?", re.I
)
_LEADING_PHRASE = re.compile(
    r"^(?:(?:but|and|so|yet)\s+)?"  # "But a PM is more about ...": speech joins its sentences
    r"(?:[A-Za-z]{2,20},\s*)?"  # "Additionally, ...", "However, ..."
    r"(?:(?:unlike|like|similar to|compared (?:to|with)|as with|while|whereas|although|though|"
    r"not (?:just|only)(?: for)?|in|for|after|before|when|if|because|since|with|at|on)\b"
    r"[^,]{0,100},\s*)?",
    re.I,
)
# ... of which these set the sentence against a role ("Not just for a data engineer, ..."): a
# side named there is what the sentence is compared with, not what it speaks of.
_CONTRAST_LEAD = re.compile(
    r"^(?:[A-Za-z]{2,20},\s*)?"
    r"(?:unlike|like|similar to|compared (?:to|with)|as with|not (?:just|only)(?: for)?)\b"
    r"[^,]{0,100},\s*",
    re.I,
)


# "AI engineers and ML engineers are ...", "Both X and Y ...": a subject of two roles (up to four
# words each, joined by and/or/&).
# (a role's abbreviation in brackets may follow it: "Registered nurses (RNs) and ...")
_JOINT = re.compile(
    r"^(?:both\s+)?(?:[\w'’./+-]+\s+){1,4}(?:\([\w'’./+-]{1,12}\)\s+)?(?:and|or|&)\s+", re.I
)


JOINT_REACH = 30  # characters after "X and" in which a joint subject names its second side
# A sentence that sets its two sides against each other, not both against someone else.
_CONTRASTS = re.compile(r"\b(?:than|whereas|unlike|while|but|differ\w*|compared|versus|vs)\b", re.I)


# A subject that is a role's own thing: "The role of SREs ...", "the responsibility of an X".
_WHOSE = re.compile(r"(?:(?:the|a|an)\s+[a-z-]{2,20}\s+of\s+)?", re.I)


def subject_role(text: str, book: RoleBook) -> str | None:
    """The role the sentence's main clause opens with ("Data engineers are ...", "Unlike X,
    an MLOps engineer ..."), when it opens with one."""
    m = _LEADING_PHRASE.match(text)
    main = text[m.end() :] if m else text
    main = main[_OFTEN.match(main).end() :] if _OFTEN.match(main) else main  # "So often a DevOps"
    main = main[_HOW_MANY.match(main).end() :] if _HOW_MANY.match(main) else main  # "Most X"
    main = main[_WHOSE.match(main).end() :]  # "The role of SREs is ...": the SREs'
    low = main.lower()
    at = sorted((low.find(r.lower()), r) for r in book.find(main))
    return next((r for pos, r in at if 0 <= pos <= SUBJECT_AT), None)


def side_of(sentence: Sentence, passages: list[Passage], finder: SideFinder) -> int | None:
    """Which side a sentence speaks about: the role its main clause opens with, else the one
    side it names, else its passage's heading; a sentence that names only other roles takes no
    side from its passage's first sentence or title ("A survey listed charge nurse ..." under a
    lead about software engineers is about AI engineers)."""
    p = passages[sentence.passage]
    context = f"{p.title}. {p.section}. {p.text}"

    def named(text: str, pair: bool = True) -> set[int]:
        if pair and _BOTH.search(text):  # "both roles": the pair, wherever it stands
            # ... the pair its article compares: of an article whose title names one side
            # only ("Electrician vs. Plumber" asked beside nurses), that side
            # ("Both trades are learned through an apprenticeship", its subject, setting the two
            # against nothing: "Both roles are in demand, but they differ" tells neither)
            titled = finder.sides_in(p.title, pair=False)
            opening = _BOTH.match(text.strip())
            if opening and len(titled) == 1 and not _CONTRASTS.search(text):
                return titled
            return finder.sides_in(text)
        return {i for i in finder.sides_in(text, pair=pair) if finder.anchored(i, context)}

    if _GENERIC_SUBJECT.match(sentence.text):
        # "This job means taking vital signs ..., under the direction of an RN" under "What an
        # LPN Does": the job is the one its heading names; the role named later is another
        # ("X vs Y: What Y Does": the part after the article's own pair)
        for nearest in (own_heading(p.section), p.section.split(":")[-1]):
            heading = named(nearest, pair=False)
            if len(heading) == 1:
                return _alone(next(iter(heading)), nearest, finder)
    contrast = _CONTRAST_LEAD.match(sentence.text)
    said = without_conditions(sentence.text)
    own = named(said[contrast.end() :] if contrast and said == sentence.text else said)
    subject = subject_role(sentence.text, finder.book)
    # (a bare role noun names no one: "an apprenticeship that leads toward programming")
    if not own and subject is None and all(BARE_ROLE.fullmatch(r) for r in finder.book.find(said)):
        own = finder.by_bare_head(sentence.text, p.title)  # "Pilots run ..." of "Airline Pilot"
        # ... or by its field's word: "Electrical apprentices ..." of "Electrician vs. Plumber"
        own = own or finder.by_field_word(sentence.text, p.title)
    if subject is not None and len(own) > 1 and _JOINT.match(sentence.text):
        return None  # "X and Y are among the most searched terms": both are the subject
    joint = _JOINT.match(sentence.text)
    if joint is not None:
        span = sentence.text[: joint.end() + JOINT_REACH]
        pair = finder.book.find(span)
        # "Architects and civil engineers both shape ...": the subject is the pair, whether or
        # not its other role is a side of this comparison; so is "Registered nurses (RNs) and
        # licensed practical nurses (LPNs) work ...", known by the abbreviations it writes
        first = span.lower().find(pair[0].lower()) if pair else -1
        if len(pair) > 1 and (subject is not None or 0 <= first < joint.end()):
            return None
    if subject is not None:
        about = finder.sides_in(subject, pair=False)
        if not about:
            return None  # "AI engineers are ..., often coming from <side>": another role
        if len(about) == 1:
            return about.pop()
    elif len(own) > 1:
        # a side the library knows by no role name opens the sentence as its subject ("A
        # teaching assistant supports pupils ... and helps the teacher"): the other is named
        # in passing
        opener = _opening_sides(sentence.text, finder)
        if len(opener) == 1:
            return opener.pop()
    if len(own) == 1 and _paired_with_another(sentence.text, next(iter(own)), finder):
        return None  # "the distinction between AI engineers and ML engineers": the pair's
    if len(own) == 1 and subject is None and _in_passing(sentence.text, own, p.title, finder):
        # "Some technicians come from other trades, such as electricians" in "How to Become a
        # Wind Turbine Technician": the side named in passing in another role's article
        return None
    if len(own) == 1:
        return own.pop()
    if own:
        return None  # both sides, neither the subject: a comparison, not one side's evidence
    if _sibling(sentence.text, finder):
        return None  # "Travel nurses can out-earn both": another kind of the side's head noun
    nearest = own_heading(p.section)
    heading = named(nearest, pair=False)
    if not heading and finder.book.find(nearest):
        return None  # under a subsection headed by another role: that role's sentence
    if not heading:
        nearest = p.section.split(":")[-1]
        heading = named(nearest, pair=False)  # "Bootcamp — Pros": the parent's
    if len(heading) == 1:
        # the heading that names the side is what it heads: "X vs Y: What Y Does" heads Y's
        # own account (its "X vs Y" is the article's, written before each of its headings)
        return _alone(heading.pop(), nearest, finder)
    if finder.book.find(said):
        return None  # it names other roles only
    lead = _lead_sides(p, finder)
    if len(lead) == 1:
        return _alone(lead.pop(), p.text.split(". ")[0], finder)
    title = named(p.title, pair=False)
    return _alone(title.pop(), p.title, finder) if len(title) == 1 else None


# an example given in passing ("other trades, such as electricians"): general English ("like"
# is no such word: "I feel like product managers ..." speaks of them)
_EXAMPLE = re.compile(r"\b(?:such as|including|e\.g\.|for example|for instance)\s", re.I)


def _in_passing(text: str, own: set[int], title: str, finder: SideFinder) -> bool:
    """A side the sentence names only as an example ("Some technicians come from other trades,
    such as electricians and mechanics"), in an article whose title names a role and no side
    of the comparison: that article's own role is what it speaks of."""
    m = _EXAMPLE.search(text)
    if m is None or not own <= finder.sides_in(text[m.end() :], pair=False):
        return False
    if own & finder.sides_in(text[: m.start()], pair=False):
        return False
    return bool(finder.book.find(title)) and not finder.sides_in(title, pair=False)


# "This job ...", "The role ...": a sentence whose subject is the job its section is about
_GENERIC_SUBJECT = re.compile(
    r"^\s{0,4}(?:this|the)\s+(?:role|job|position|career|profession|occupation)\s+(?!of\b)",
    re.I,
)
# A condition set after the main clause ("..., or a shorter course if you are already a
# registered nurse"): who the reader may be, not what the sentence speaks of. Bounded, linear.
_AFTER_IF = re.compile(r"\s(?:if|unless)\s[^,;:.!?]{0,150}", re.I)
_ONLY_JOINER = re.compile(r"\s{0,4}(?:(?:but|and|so|yet|or)\s{0,4})?", re.I)


def without_conditions(text: str) -> str:
    """The sentence without the conditions it sets after its main clause: a role named there
    ("if you are already a registered nurse") is the reader's background. A sentence that
    opens on its condition ("If you are a nurse, ...") keeps it: its main clause follows."""
    out, at = [], 0
    for m in _AFTER_IF.finditer(text[:2000]):
        if _ONLY_JOINER.fullmatch(text[: m.start()]):
            continue  # "But if ...": the sentence's own opening
        out.append(text[at : m.start()])
        at = m.end()
    return "".join(out) + text[at:] if out else text


_PAIRED = re.compile(r"\s{0,3}(?:or|/|vs\.?|versus)\s{0,3}(?:(?:the|a|an)\s{1,3})?", re.I)
# "and" joins a pair only after "between" or "both" ("the distinction between X and Y"); "X
# and Y" alone may be one group ("librarians and library media specialists earn ...").
_AND = re.compile(r"\s{0,3}(?:and|&)\s{0,3}(?:(?:the|a|an)\s{1,3})?", re.I)
_PAIR_LEAD = re.compile(r"\b(?:between|both)\s{1,3}(?:(?:the|a|an)\s{1,3})?$", re.I)


def _opening_sides(text: str, finder: SideFinder) -> set[int]:
    """The sides the sentence's main clause opens with, as its subject: the side's name (and
    one word more, an article) at its start. A subject of two ("Teachers and assistants ...")
    opens with both."""
    m = _LEADING_PHRASE.match(text)
    main = text[m.end() :] if m else text
    main = main[_WHOSE.match(main).end() :]
    toks = main.split()
    joint = _JOINT.match(main)
    if joint is not None:
        return finder.sides_in(main[: joint.end() + JOINT_REACH], pair=False)
    return {
        i
        for i, name in enumerate(finder.sides)
        if i in finder.sides_in(" ".join(toks[: len(name.split()) + 1]), pair=False)
    }


def _paired_with_another(text: str, side: int, finder: SideFinder) -> bool:
    """Every mention of the side in the sentence is joined to another role by "and", "or",
    "vs" ("between X and Y", "X or Y", "X vs Y"): what it says is of the pair, not the side."""
    low = text.lower()
    spans = sorted(
        (at, at + len(r), side in finder.sides_in(r, pair=False))
        for r in finder.book.find(text)
        if (at := low.find(r.lower())) >= 0
    )
    own = [i for i, (_a, _b, mine) in enumerate(spans) if mine]
    if not own or len(spans) < 2:
        return False
    for i in own:
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(spans) and not spans[j][2]]
        joined = False
        for j in near:
            first, second = spans[min(i, j)], spans[max(i, j)]
            gap = text[first[1] : second[0]]
            before = text[max(0, first[0] - 20) : first[0]]
            joined = joined or bool(
                _PAIRED.fullmatch(gap) or (_AND.fullmatch(gap) and _PAIR_LEAD.search(before))
            )
        if not joined:
            return False
    return True


def _alone(side: int, text: str, finder: SideFinder) -> int | None:
    """The side a heading, lead or title gives the sentences under it that name no role, when
    it names that side alone; one that sets it beside another role ("Architect vs Civil
    Engineer", "X and Y are among the most searched terms") heads what the two share ("Their
    differences matter for daily work"), which is neither side's own evidence."""
    for role in finder.book.find(text):
        if side not in finder.sides_in(role, pair=False):
            return None
    return side


SIBLING_WORDS = 4  # a sentence's subject is among the first words of its main clause


def _sibling(text: str, finder: SideFinder) -> bool:
    """The sentence opens on another kind of a side's head noun: "Travel nurses can out-earn
    both" beside "registered nurse", "Sous chefs plate" beside "pastry chef". A side of one
    word ("chef") has no kinds apart from itself: "Executive chefs earn ..." are chefs."""
    m = _LEADING_PHRASE.match(text)
    toks = _WORD.findall(text[m.end() :] if m else text)[: SIBLING_WORDS + 1]
    for i in range(1, len(toks)):
        word = stem(toks[i].lower())
        before = toks[i - 1].lower()
        if before in _LEAD_WORDS or before in STOPWORDS:
            continue
        for side in range(len(finder.sides)):
            # an abbreviation's kinds are its long form's ("RN": "registered nurse")
            spelled = finder.book.aliases.get(finder.sides[side].lower(), finder.sides[side])
            name = {stem(w) for w in words(spelled)}
            head = stem(words(spelled)[-1]) if words(spelled) else ""
            if head and word == head and len(name) >= 2 and stem(before) not in name:
                return True
    return False


def _lead_sides(p: Passage, finder: SideFinder) -> set[int]:
    """The sides a passage's first sentence names (each where the passage names it whole): what
    the sentences after it, naming none, speak of."""
    first = p.text.split("\n", 1)[0]
    if _LIST_ITEM.match(first) and ". " not in first.strip():
        # a passage that opens on a list of one-sentence items has no lead: its first item
        # ("- Learning theory, which most teachers already know") speaks for itself, not for
        # the items after it (an item of several sentences leads its own next sentences)
        return set()
    context = f"{p.title}. {p.section}. {p.text}"
    lead = p.text.split(". ")[0]
    return {i for i in finder.sides_in(lead, pair=False) if finder.anchored(i, context)}


_LIST_ITEM = re.compile(r"^[ \t]{0,8}(?:[-*•+]|\d{1,3}[.)])[ \t]")


def _pair_up(scored: list[list[tuple[float, Sentence]]], passages: list[Passage]) -> list:
    """Each side's best cell of a row. Where one article has a cell for every side, its cells
    gain SAME_ARTICLE: an article that speaks of both sides on this aspect sets them side by
    side on its own terms, where cells stitched from unrelated articles answer different
    questions."""
    by_side = [{passages[s.passage].source for _, s in options} for options in scored]
    common = set.intersection(*by_side) if by_side else set()
    picks = []
    for options in scored:
        bonus = [
            (score + SAME_ARTICLE * (passages[s.passage].source in common), s)
            for score, s in options
        ]
        picks.append(max(bonus, key=lambda o: o[0], default=(0, None))[1])
    return picks


def _row_at(s: Sentence) -> tuple[int, int] | None:
    """The table row a cell was split from (see `_side_cells`): its passage and position."""
    return (s.passage, (s.position - ROW_CELL) // ROW_CELLS) if s.position >= ROW_CELL else None


def _same_row(picks: list, scored: list[list[tuple[float, Sentence]]]) -> list:
    """Cells split from a table's rows are set side by side from one row: "Median pay — Chef:
    $58,000" beside "Top 10% — Baker: $52,000" compares two different measures. When a side's
    pick is such a cell, every side takes its cell of one row all sides have a cell in: the
    table's first row that scores near the best together (HEADLINE_ROW, see `_headline`)."""
    if not any(p is not None and _row_at(p) for p in picks):
        return picks
    per_side: list[dict] = []
    for options in scored:
        best: dict[tuple[int, int], tuple[float, Sentence]] = {}
        for score, s in options:
            at = _row_at(s)
            if at is not None and (at not in best or score > best[at][0]):
                best[at] = (score, s)
        per_side.append(best)
    common = set.intersection(*(set(b) for b in per_side)) if per_side else set()
    if common:
        return [
            b[_headline({at: sum(b[at][0] for b in per_side) for at in common})][1]
            for b in per_side
        ]
    # no row has every side (one side's table, in its own article): a side's cell is still
    # its table's headline row
    return [
        b[_headline({at: b[at][0] for at in b})][1] if p is not None and _row_at(p) else p
        for p, b in zip(picks, per_side, strict=True)
    ]


def _headline(total: dict[tuple[int, int], float]) -> tuple[int, int]:
    """A table's first rows are its headline measures: the first row scoring near the best."""
    best = max(total.values())
    return min(at for at in total if total[at] >= HEADLINE_ROW * best)


HEADLINE_ROW = 0.9  # share of the best row's score an earlier row of the table needs


HEADING_TERMS = 4  # a heading that names what its section is about is short ("Job outlook")
# General English for a section on how one enters a job: "How to become a librarian", "Becoming
# a nurse", "Getting started", "How to get into teaching". Bounded, linear.
_ENTRY_HEADING = re.compile(
    r"^\W{0,4}(?:how\s{1,3}(?:to|do\s{1,3}(?:i|you))\s{1,3}(?:become|get\s{1,3}(?:into|started|in)|start)|"
    r"becoming|getting\s{1,3}(?:started|into|in))\b",
    re.I,
)
ENTRY = "Entry and education"
FILED_WEIGHT = MIN_FIT_UNASKED  # what a heading's filing weighs, as a word of its aspect
HEADING_OTHER_WORDS = 1  # "Job outlook", "A day in the life": one word besides the aspect's
# A heading that states something ("It is not only the technical aspect", "Pay is not
# everything") is a sentence of the text, not the label of what its section is about.
_VERSUS = re.compile(r"\b(?:vs|versus)\b", re.I)
_STATES = re.compile(r"\b(?:is|are|was|were|isn['’]t|aren['’]t|it['’]s)\b", re.I)


def heading_aspects(p: Passage, book: RoleBook) -> frozenset[str]:
    """The lexicon aspects a passage's own heading says its section is about ("Job outlook",
    "Skills architects need", "How to become a nurse"): the author's own filing of the
    sentences under it. A sentence there that uses another aspect's word ("learn on the job"
    under "Getting started", "spend" under "Job outlook") answers the heading's aspect, not
    that one. Empty for the article's title (it heads everything), for a heading that names
    no aspect, and for a long heading ("Salary Comparison and Where the Gap Comes From",
    a question an interviewer asks): it speaks of more than one thing."""
    heading = own_heading(p.section).strip()
    title = p.title.strip().lower()
    if not heading or heading.lower() in title:
        return frozenset()  # the title, or a part of it, as the opening heading
    # the title's words name the article's subject ("midwives" of "Midwife Career Guide"),
    # who the heading speaks of, whether or not the library knows it for a role
    return _heading_aspects(heading, book, frozenset(content_terms(p.title[:300])))


ROOT_SLACK = 2  # "midwiv" of "midwives" and "midwif" of "midwife" share all but two letters


def _of_subject(word: str, subject: frozenset[str]) -> bool:
    """The word is one of the title's, in any form: "midwives" of "Midwife Career Guide"."""
    st = stem(word)
    for t in subject:
        n = max(AGENT_ROOT, min(len(st), len(t)) - ROOT_SLACK)
        if len(st) >= n and len(t) >= n and st[:n] == t[:n]:
            return True
    return False


@lru_cache(maxsize=4096)
def _heading_aspects(heading: str, book: RoleBook, subject: frozenset[str]) -> frozenset[str]:
    text = heading.strip(" =#*-")[:200]
    entry = bool(_ENTRY_HEADING.match(text))
    low = text.lower()
    for role in book.find(text):  # "Job outlook for architects": the role is who, not what
        at = low.find(role.lower())
        if at >= 0:
            text = text[:at] + " " + text[at + len(role) :]
            low = text.lower()
    if _STATES.search(text):
        return frozenset()  # "It is not only the technical aspect": a statement, no label
    if _VERSUS.search(text):
        return frozenset()  # "Individual Contribution vs. Management": the paths compared
    lexicon = aspects()
    forms = [
        (w, st)
        for w, st in _aspect_forms(text)
        if w not in STOPWORDS
        and len(w) > 1
        and (not _of_subject(w, subject) or any(st in a.words for a in lexicon))
    ]
    if not forms or len(forms) > HEADING_TERMS:
        return frozenset()
    named = {a.name for a in lexicon for _w, st in forms if st in a.words}
    other = [w for w, st in forms if not any(st in a.words for a in lexicon)]
    if len(other) > HEADING_OTHER_WORDS and not entry:
        # "Choosing the Right Path for Your Background": "path" and "background" are words
        # of progression and skills, but the heading is about choosing
        return frozenset()
    return frozenset(named | ({ENTRY} if entry else set()))


def _filed_elsewhere(s: Sentence, name: str, filed: frozenset[str]) -> bool:
    """The sentence sits under a heading that files it under other lexicon aspects (see
    `heading_aspects`) than `name`, and does not itself speak of `name` more than of them: "Many
    pastry chefs ... learn on the job" under "Getting started" is entry, not skills; "further
    career advancement opportunities for senior engineers" under "Opportunity" speaks of
    progression well beyond demand, the heading's aspect, so it may still be progression
    evidence."""
    if not filed or name in filed:
        return False
    lexicon = {a.name: a for a in aspects()}
    if name not in lexicon:
        return False  # a topic of the question's own words: the lexicon files none of it
    if name == "Pay" and earned_money(s.text):
        return False  # a figure of pay is pay evidence under any heading ("Working here")
    if TABLE_ROW.match(s.text):
        # a table row is filed by its own label: "Job growth — Plumber: 6%" in the table
        # under "Pay" is demand
        label = {stem(w) for w in words(s.text.split(" — ")[0])}
        if lexicon[name].score(label) > max(lexicon[f].score(label) for f in filed):
            return False
    theirs = max(_claim_fit(s, lexicon[f]) for f in filed)
    # the heading counts as one more word of its aspects: "Civil engineering demand is
    # supported by infrastructure spending" under "Job outlook" is demand, whatever "spending"
    return not (0 < theirs and theirs + FILED_WEIGHT < _claim_fit(s, lexicon[name]))


def _telling(word: str) -> bool:
    """A word that names a topic, in every form: "working" is as everyday as "work"."""
    return min(specificity(word), specificity(stem(word))) > EVERYDAY


def _only_aspects(topic: str, asked: list[Aspect]) -> bool:
    """Every word of the topic that names something ("salary", "outlook") is a word of the
    career aspects asked: the question asks those aspects and nothing more."""
    names = {a.name for a in asked}
    own = set().union(*(a.words for a in aspects() if a.name in names))
    said = words(topic)
    mine = [stem(w) in own or w.lower() in own for w in said]

    def degree(i: int) -> bool:
        # a comparative beside an aspect's word says how much of it ("growing faster",
        # "higher salary"); alone, it is the topic ("Which is safer?")
        return bool(_DEGREE.fullmatch(said[i])) and any(
            0 <= j < len(said) and mine[j] for j in (i - 1, i + 1)
        )

    return bool(names) and all(mine[i] or degree(i) for i, w in enumerate(said) if _telling(w))


# the shape of a comparative or superlative: "faster", "higher", "biggest" (a word of that
# shape that is none, "career", counts only beside an aspect's word, where it is generic)
_DEGREE = re.compile(r"[a-z]{3,20}(?:er|est)", re.I)


def topic_aspects(
    query: Query, neighbours: list[tuple[str, float]], background: bool = False
) -> list[Aspect]:
    """The rows a comparison asks for: the lexicon aspects its topic names, or, for a topic the
    lexicon does not know, one aspect named after the question's own words."""
    # (the lexicon's words in the forms that speak of their aspect: "physically demanding" asks
    # no demand, see `lexicon.aspect_forms`)
    asked = {
        st
        for w, st in _aspect_forms(query.comparison.aspect if query.comparison else "")
        if w not in STOPWORDS and len(w) > 1
    }
    # "I'm a sysadmin. Should I become X or Y?": the asker's background is no row (it still
    # leads the verdict, which meets the question's own words)
    # (`background`: kept, for choosing what leads)
    if not background:
        told = {t for m in BACKGROUND.finditer(query.question[:2000]) for t in content_terms(m[0])}
        asked -= told - set().union(*(a.words for a in aspects()))
    if not asked:
        return []
    near = {s for s, _sim in neighbours}
    named = [a for a in aspects() if a.words & asked]
    if named:
        # "growing faster": "faster" asks which way the two differ, it names no topic; as
        # an aspect word it would take "Becoming an X is much faster" for demand.
        topic = {t for t in asked | near if not comparison_word(t)}
        # Each row keeps the question's words that are not another named aspect's: "demand,
        # pay and entry" gives the Demand row no "pay", or its cells would be pay sentences.
        return [Aspect(a.name, a.words | (topic - _others(a, named))) for a in named]
    parts = _conjuncts(query.comparison.aspect, query.question)
    if len(parts) > 1:
        # "the pros and cons", "travel and hours": each topic its own row, each side's cell in
        # it speaking of that topic (one "Pros cons" row would take the pros of one side and
        # the cons of the other); a judgement's word is met by its others ("cons": "drawbacks")
        rows = []
        for part in parts:
            own = {st for w, st in _aspect_forms(part) if w not in STOPWORDS and len(w) > 1}
            kin = [j.words for j in judgements() if j.words & own]
            rows.append(Aspect(_label(part, query.question), frozenset(own.union(*kin))))
        return rows
    return [Aspect(_label(query.comparison.aspect, query.question), frozenset(asked | near))]


def _conjuncts(topic: str, question: str) -> list[str]:
    """The topics a question lists, joined by "and" or commas ("the pros and cons", "hours,
    travel and stress"), when they are all the words of its topic, each a telling one: each
    its own row.
    The whole topic alone otherwise."""
    said = {w.lower() for w in words(topic)}
    listed = {w for w in said if not comparison_word(w)}
    toks = re.findall(r"[\w'’-]{1,40}|,", question[:1000].lower())
    best: list[str] = []
    run: list[str] = []
    joined = True  # the next topic word continues the list
    for t in toks:
        if t in said and joined:
            run.append(t)
            joined = False
        elif t in {",", "and"} and run:
            joined = True
        else:
            if len(run) > len(best):
                best = run
            run, joined = ([t], False) if t in said else ([], True)
    if len(run) > len(best):
        best = run
    if (
        len(best) < 2
        or len(set(best)) < len(best)
        or set(best) != listed
        or not all(_telling(w) for w in best)
    ):
        return [topic]
    return best


def _others(aspect: Aspect, named: list[Aspect]) -> frozenset[str]:
    """The words of the other named aspects that are not this one's own."""
    return frozenset().union(*(a.words for a in named if a.name != aspect.name)) - aspect.words


def comparison_word(term: str) -> bool:
    """A comparative of general English ("faster", "more", "better"), as a word or stem."""
    return bool(_COMPARES_HOW.fullmatch(term) or _COMPARATIVE.fullmatch(term))


def _label(aspect: str, question: str = "") -> str:
    """A row label from the question's topic words: the telling ones ("which takes longer to
    train" -> "Train"), in the question's order; a compound the question hyphenates stays
    whole ("research-oriented", not "Oriented")."""
    for compound in re.findall(r"[\w']{1,40}(?:-[\w']{1,40}){1,4}", question[:1000]):
        spaced = compound.replace("-", " ").lower()
        aspect = re.sub(rf"(?<![\w-]){re.escape(spaced)}(?![\w-])", compound.lower(), aspect)
    said = re.findall(r"[\w'’-]+", aspect)
    # ("closer to research": the thing compared on; "cheaper" alone: the comparison is it)
    found = [w for w in said if not comparison_word(w)] or [
        w for w in said if not _COMPARATIVE.fullmatch(w)
    ]
    if not found:
        return "Topic"
    best = max(specificity(w) for w in found)
    kept = [w for w in found if specificity(w) >= LABEL_SHARE * best]
    # each word as the question spells it ("LLMs", "GitHub"; the aspect is lowercased)
    spelled = {w.lower(): w for w in re.findall(r"[\w'’-]{1,40}", question[:1000])}
    label = " ".join(spelled.get(w, w) for w in kept)
    return (label[:1].upper() + label[1:])[:40]


# (the lexicon's reading; a table fits each sentence to every aspect row: one pass each)
_aspect_forms = lru_cache(maxsize=8192)(aspect_forms)


def _in_aspect_forms(text: str) -> str:
    """The text without the lexicon words written in a form that speaks of no aspect ("the
    role demands math", "sessions with breaks"), for matching the question's own words by
    stem."""
    return " ".join(w for w, _st in _aspect_forms(text))


def _fit(sentence: Sentence, aspect: Aspect) -> float:
    """How much a sentence speaks of an aspect: its aspect words, each weighted by how
    specific it is ("salary" says more than "work"); a figure counts for pay."""
    seen = {}
    for w, st in _aspect_forms(sentence.text):
        if st in aspect.words and st not in seen:
            seen[st] = specificity(w)
    money = 1.0 if aspect.name == "Pay" and earned_money(sentence.text) else 0.0
    return sum(seen.values()) + money


# A clause giving the reason for the main one ("..., since pharmacies hand more tasks to
# technicians"): what the sentence claims is before it.
_REASON = re.compile(r",\s+(?:since|because|as|so that|which means)\b", re.I)
REASON_WEIGHT = 0.5


def _claim_fit(sentence: Sentence, aspect: Aspect) -> float:
    """`_fit`, with the words of a reason clause weighing half: "X jobs are expected to grow 6
    percent, since employers hand more tasks to X" speaks of demand, not of X's tasks."""
    m = _REASON.search(sentence.text)
    if m is None:
        return _fit(sentence, aspect)
    head = Sentence(sentence.passage, sentence.position, sentence.text[: m.start()])
    tail = Sentence(sentence.passage, sentence.position, sentence.text[m.end() :])
    return _fit(head, aspect) + REASON_WEIGHT * _fit(tail, aspect)


def earned_money(text: str) -> bool:
    """A figure that is pay: money in a text that does not speak of a cost, or that speaks of
    pay too ("Flight school can cost $80,000" is a price; "earn $60,000 after fees" is pay)."""
    if not _MONEY.search(text):
        return False
    stems = {stem(w) for w in words(text)}
    pay = next(a.words for a in aspects() if a.name == "Pay")
    return not (stems & COST_WORDS) or bool(stems & pay)


START_LEAD = 1  # aspect words a later clause must say beyond the sentence's own start


def clause(text: str, aspect: Aspect, limit: int = CELL_WORDS) -> str:
    """The most specific clause of a sentence for this aspect, at most `limit` words: the one
    with most aspect words (a figure counts for pay), then the one that names a role."""
    if len(text.split()) <= limit:
        return text
    parts = [p.strip() for p in _CLAUSE.split(text) if p and len(p.split()) >= 3]

    def fit(item: tuple[int, str]) -> tuple:
        at, part = item
        money = 2 if aspect.name == "Pay" and earned_money(part) else 0
        # A later clause only when it says more of the aspect: the sentence's own start reads
        # best ("and this gives them..." is no way to open a cell).
        said = len(set(content_terms(part)) & aspect.words)
        # (the sentence's own start, speaking of the aspect at all, is outdone only by a
        # clause saying clearly more of it: "X need a master's degree ..." over "... and
        # must pass the certification exam")
        return (said + money + (START_LEAD if at == 0 and said else 0), -at)

    if parts:
        whole = text
        at, text = max(enumerate(parts), key=fit)
        if at:  # a later clause is quoted as one: "… you enjoy working at the model level"
            text = "… " + _JOINER.sub("", text, count=1)
        elif _CONDITION.match(text):
            # "If you have a quantitative background" sets a condition and claims nothing:
            # the claim is the main clause, after the sentence's last comma.
            main = whole.rsplit(", ", 1)[-1].strip()
            if main not in text and len(main.split()) >= 3 and not _CONDITION.match(main):
                text = f"{text} … {main}"
    return _clip(text, limit)


_CONDITION = re.compile(
    r"^(?:if|when|whenever|unless|although|though|because|since|while|whereas|once)\b", re.I
)


_JOINER = re.compile(r"^(?:and|but|or|so|which|while|whereas|although|because)\s+", re.I)


FIGURE_WORDS = 12  # the words shown around a figure added to a judging pay cell
BEFORE_FIGURE = 6  # of them, before the figure


def _list_brought(s: Sentence, lists) -> tuple[int, list[str]] | None:
    """(passage index, items) of the list a sentence ending in ":" introduces (`lists`, see
    `build_table`); None for any other sentence, or with no `lists`."""
    return lists(s) if lists and s.text.rstrip().endswith(":") else None


def _with_items(s: Sentence, got: tuple[int, list[str]], aspect: Aspect, cites) -> tuple[str, str]:
    """A sentence introducing a list, with its items as one clause, and the citation marks of
    the items' passage when it is another. The items that speak of the aspect, when some do
    ("... include: … Kubernetes and Terraform — infrastructure tools" for "Terraform"): the
    others would crowd it out of a phone-width cell."""
    index, items = got
    fitting = [i for i in items if _fit(Sentence(index, 0, i), aspect) > 0]
    shown = fitting if fitting and len(fitting) < len(items) else items
    lead = "… " if shown is not items and items.index(shown[0]) > 0 else ""
    text = _clip(f"{s.text} {lead}{'; '.join(i.rstrip(';,. ') for i in shown)}")
    m = cites.cite(index, shown[0], also=shown[1:])
    return text, (f" [{m}]" if index != s.passage else "")


def _around_figure(text: str, limit: int) -> str:
    """At most `limit` words of a sentence, kept around its first figure ("… with median base
    salaries ... ranging from $140,000 to $185,000 …"): the figure is why it is shown."""
    toks = text.split()
    if len(toks) <= limit:
        return text
    m = _MONEY.search(text)
    at = len(text[: m.start()].split()) if m else 0
    start = max(0, min(at - BEFORE_FIGURE, len(toks) - limit))
    kept = " ".join(toks[start : start + limit]).rstrip(",;:")
    return ("… " if start else "") + kept + (" …" if start + limit < len(toks) else "")


def _clip(text: str, limit: int = CELL_WORDS) -> str:
    toks = text.split()
    return text if len(toks) <= limit else " ".join(toks[:limit]).rstrip(",;:") + " …"


def build_table(
    query: Query,
    sentences: list[Sentence],
    passages: list[Passage],
    cites: CitationSet,
    book: RoleBook,
    neighbours: list[tuple[str, float]] = (),
    lists=None,
    embedder=None,
    topic_fit=None,
) -> Table:
    """`lists(sentence)` gives (passage index, items) for a sentence that introduces a list.
    With an `embedder`, each side's cells are judged by their meaning against that side's own
    question ("<side> <topic>"), not the whole question that names both sides.
    `topic_fit(text, without)` scores how much a text speaks of the question's own topic, close
    words included ("cost" for "cheaper"), for the rows the question asks about, leaving out
    the topic's words whose stems are in `without` (another asked row's)."""
    sides = query.comparison.sides
    asked = topic_aspects(query, list(neighbours))
    rest = [a for a in aspects() if a.name not in {x.name for x in asked}]
    # The question's own topic comes first; other career aspects follow where both sides
    # have evidence, so the table shows how the roles differ around it.
    order = asked + rest
    finder = SideFinder(sides, book)
    # A reference-list entry names a source, it claims nothing about a side.
    sentences = [s for s in sentences if not passages[s.passage].is_reference_list]
    # (a sentence split into each side's clause still compares them whole: a verdict)
    unsplit = sentences
    sentences, whole = _side_cells(sentences, finder)

    def quoted(s: Sentence) -> str:  # what a cell quotes of its passage: a split row whole
        return whole.get((s.passage, s.position), s.text)

    attributed = [(s, side_of(s, passages, finder)) for s in sentences]
    near = _side_meaning(attributed, sides, query.comparison.aspect, embedder)
    # the verdict meets the asker's background too ("If you are coming from system
    # administration, ..." for "I'm a sysadmin. Should I become X or Y?")
    leading = topic_aspects(query, list(neighbours), background=True)
    focus = set().union(*(a.words for a in leading)) if leading else set()
    own = set(content_terms(query.comparison.aspect)) - _FRAME_STEMS
    telling = any(_telling(w) for w in words(query.comparison.aspect))
    split = {(s.passage, s.position) for s in unsplit} - {
        (s.passage, s.position) for s in sentences
    }
    said = attributed + [
        (s, side_of(s, passages, finder))
        for s in unsplit
        if (s.passage, s.position) in split and not TABLE_ROW.match(s.text)
    ]
    counted = counts_sides(query.question, finder, said=False)
    told = bool(BACKGROUND.search(query.question[:2000]))
    # "Should I become X or Y?": the asker wants the article's advice on choosing
    choosing = asks_to_choose(query.question)
    # "Which role needs stronger math?": which side, by a comparative of the question's own
    which = bool(
        re.search(r"\b(?:which|who|or)\b", query.question[:1000], re.I)
        and (_COMPARES_HOW.search(query.question[:1000]) or _MORE.search(query.question[:1000]))
    )
    universal = bool(_UNIVERSAL.search(query.question[:1000])) and asks_yes_no(query.question)
    # (asked on a topic, "paid the same", the verdict meets the topic as any other does)
    alike = _ASKS_ALIKE.search(query.question[:1000]) and not content_terms(query.comparison.aspect)
    verdict = _shared(said, finder) if alike else None
    verdict = verdict or _verdict(
        said,
        focus,
        finder,
        book,
        passages,
        own,
        telling,
        counted=counted,
        told=told,
        which=which,
        universal=universal,
        choosing=choosing,
    )
    used: set[tuple[int, int]] = set()
    if verdict is not None:
        used.add((verdict.passage, verdict.position))
    rows: list[tuple[Aspect, list[Sentence]]] = []
    one_sided: list[tuple[Aspect, int, Sentence]] = []
    lexicon = aspects()
    base = {a.name: a.words for a in lexicon}  # an aspect's own words, not the question's
    # "Which pays more?": a cell that itself compares ("slightly lower salaries") answers it.
    comparative = bool(_COMPARATIVE.search(query.question))
    # "Who earns more at the top?": the edges of the ranges are what is asked
    edges_asked = PAY_EDGES & {w.lower() for w in words(query.question)}
    fits = {
        (s.passage, s.position): {a.name: _claim_fit(s, a) for a in lexicon} for s, _ in attributed
    }
    named = {a.name for a in asked}

    def best_fit(s: Sentence, aspect: Aspect) -> float:
        """What the sentence speaks of most, of the aspects it could fill instead of this row:
        another row the question asks for is none of them ("the third-fastest-growing role, with
        median salaries of $140,000" answers both demand and pay; which row it fills is the
        order rows are filled in, see below)."""
        mine = aspect.name in named
        got = fits.get((s.passage, s.position), {})
        return max(
            (v for n, v in got.items() if not mine or n == aspect.name or n not in named),
            default=0,
        )

    if not asked:
        # The question names no topic: first what each side is, in its own article's words.
        overview = _overview(attributed, used, finder, book, passages, near)
        if overview:
            used.update((s.passage, s.position) for s in overview)
            rows.append((Aspect("Overview", frozenset()), overview))
    judging: set[tuple[int, int]] = set()  # sentences that judge which side has more
    beside: dict[tuple[int, int], Sentence] = {}  # a judging pay cell's figure, shown after it

    def options_of(aspect: Aspect, side: int, mark: bool = True) -> list:
        """A side's candidate cells for a row, scored (`mark`: note the ones that judge)."""
        options = []
        for s, sd in attributed:
            if sd != side or (s.passage, s.position) in used:
                continue
            got = _list_brought(s, lists)
            if s.text.rstrip().endswith(":") and not got:
                continue  # a sentence announcing a list says nothing without its items
            if s.about_itself or about_itself(s.text):
                continue  # "This guide compares X and Y on pay, ...": what the text covers
            filed = heading_aspects(passages[s.passage], book)
            if _filed_elsewhere(s, aspect.name, filed):
                continue  # "learn on the job" under "Getting started": entry, no skill
            if TABLE_ROW.match(s.text) and not _row_of(s.text, sides[side], finder.book):
                continue  # a table row is its first cell's ("Manager — Desired level: ...")
            if (
                len(_WORD.findall(s.text)) < CELL_MIN_WORDS
                and not _ENDS.search(s.text)
                and not got  # a short line that introduces a list is no title
                and not field_line(s.text)
                and not _row_of(s.text, sides[side], finder.book)
            ):
                continue  # a title or link line ("Frontend Bootcamp / Days in the Web")
            fit = _fit(s, aspect)
            if aspect in asked:
                # the question's topic may be the heading the sentence sits under, or the
                # title line its passage opens with ("1. Data preprocessing for X")
                p = passages[s.passage]
                # (the article's title heads every sentence: "Civil Engineer: A Career
                # Profile" makes no sentence under it speak of careers)
                own_section = "" if p.section.strip() == p.title.strip() else p.section
                heading = f"{own_section.split(':')[-1]} {title_line(p.text)}"
                under = _fit(Sentence(s.passage, s.position, heading), aspect)
                if aspect.name in filed:
                    # the author's own section on the topic asked: "Safe driving habits
                    # come first" under "Skills" speaks of skills as much as a sentence
                    # with one more word of them would (a sentence that names them itself
                    # keeps what its own words weigh)
                    under += FILED_WEIGHT
                fit = max(fit, under)
                if got:
                    # "The skills data engineers need include:" speaks of what its items
                    # name ("Kubernetes and Terraform — infrastructure tools")
                    items = Sentence(s.passage, s.position, " ".join(got[1]))
                    fit = max(fit, _fit(items, aspect))
                if aspect.name == DAY_TO_DAY and any(
                    SAYS_WHAT_ONE_DOES.match(h.strip())
                    for h in (own_heading(p.section), title_line(p.text))
                ):
                    # "What accountants do", "What does a chef do?": what the role does
                    # is its day-to-day work, though the heading names no lexicon word
                    fit = max(fit, MIN_FIT)
                if own & set(content_terms(heading)) & base.get(aspect.name, set()):
                    # the author heads the section with the question's own word ("A day
                    # in the kitchen" for "day-to-day work"): an everyday word is enough
                    fit = max(fit, MIN_FIT)
                if topic_fit is not None:
                    # the question's own telling words are met by close words too
                    # (of a row's own words: "demand, pay and entry" gives its Demand
                    # row nothing for a sentence of pay)
                    fit += topic_fit(
                        _in_aspect_forms(f"{s.text} {heading}"), _others(aspect, asked)
                    )
            # A sentence fills the row of the aspect it speaks of most: a pay sentence
            # never fills a "day-to-day work" cell because it says "work" once.
            # (A row the question asks for takes a sentence that speaks of it less.)
            share = 0.3 if aspect in asked else 1.0
            least = MIN_FIT if aspect in asked else MIN_FIT_UNASKED
            claim = _claim_fit(s, aspect) + fit - _fit(s, aspect)  # heading, topic kept
            if fit < least or claim < share * best_fit(s, aspect):
                continue
            names = 0.5 if finder.names(s.text, side) else 0
            # ... a cell whose comparison is about the side itself, not about a kind of it
            # named before it: "Public interest lawyers ... earn much less" compares
            # lawyers with lawyers, and says nothing of which side pays more
            judged = _without_bounds(s.text)
            judges = (
                1.0
                if comparative
                and _row_at(s) is None  # a row's label ("Top 10% earn more than") judges no side
                and _COMPARATIVE.search(judged)
                # it judges on this row's aspect: "a degree is more common than for frontend
                # roles" judges no pay
                and _fit(s, aspect) > 0
                and (
                    _STRONG.search(judged)
                    or len(finder.sides_in(s.text)) > 1
                    or subject_role(s.text, finder.book) is not None
                )
                else 0.0
            )
            if comparative and not judges and _row_of(s.text, sides[side], finder.book):
                # a table row's figure for the side is what "which pays more?" compares
                judges = 1.0 if aspect.name == "Pay" and earned_money(s.text) else 0.0
            dense = near.get((s.passage, s.position), s.dense)
            if judges and mark:
                judging.add((s.passage, s.position))
            # "Senior data analysts ... earn over $120,000" beside "Data analysts earned a
            # median of $82,000": a narrowed kind's figure is not the side's own
            narrowed = (
                NARROWED_CELL
                if aspect.name == "Pay" and _narrowed(s.text, finder.book, sides[side])
                else 0.0
            )
            # "If you want to start working quickly, the assistant path ...": advice to a
            # reader with a wish the asker never told, beside the side's own account
            advice = ADVICE_CELL if not told and _IF_YOU.match(s.text) else 0.0
            options.append(
                (
                    min(fit, 3) + names + judges + 2 * s.lexical + 2 * dense - narrowed - advice,
                    s,
                )
            )
        return _figures_first(options, aspect, judging, edges_asked)

    if len(asked) > 1:
        # Several rows asked ("demand, pay and entry"): the one with least evidence is filled
        # first, so a sentence of two ("the third-fastest-growing role, with median salaries
        # of $140,000") fills the row it alone answers (demand), not one other sentences fill
        # too (pay). The rows are shown in the question's order all the same.
        few = {
            a.name: sum(len(options_of(a, i, mark=False)) for i in range(len(sides))) for a in asked
        }
        order = sorted(asked, key=lambda a: few[a.name]) + rest
    for aspect in order:
        scored: list[list[tuple[float, Sentence]]] = []
        for side in range(len(sides)):
            scored.append(options_of(aspect, side))
        picks = _same_row(_pair_up(scored, passages), scored)
        found = [p for p in picks if p is not None]
        if len(found) == len(sides):  # every cell must carry evidence
            used.update((s.passage, s.position) for s in found)
            for side, options in enumerate(scored):
                figure = _figure_beside(
                    found[side],
                    options,
                    aspect,
                    used,
                    lambda s, side=side: side in finder.sides_in(s.text, pair=False),
                )
                if figure is not None:
                    beside[(found[side].passage, found[side].position)] = figure
                    used.add((figure.passage, figure.position))
            rows.append((aspect, found))
        elif (
            found
            and aspect in asked
            and (pair := _paired_advice(found[0], picks, attributed, used))
        ):
            # "If you have a software background, the X track is more accessible. If you have
            # a quantitative one, the Y path offers ...": the author's advice to two kinds of
            # reader, side by side in one passage, answers the row for each side
            used.update((s.passage, s.position) for s in pair)
            rows.append((aspect, pair))
        elif found and aspect in asked:  # asked about, but the articles speak to one side only
            side = next(i for i, p in enumerate(picks) if p is not None)
            used.add((found[0].passage, found[0].position))
            one_sided.append((aspect, side, found[0]))
        if len(rows) >= MAX_ROWS:
            break
    shown = {a.name: i for i, a in enumerate(asked + rest)}
    rows.sort(key=lambda r: shown.get(r[0].name, -1))  # (an overview leads)
    one_sided.sort(key=lambda r: shown.get(r[0].name, -1))
    verdict, rows = _verdict_to_cell(verdict, rows, one_sided, asked, attributed, finder)
    own_words = _only_aspects(query.comparison.aspect, asked)
    if asked and not any(a in asked for a, _ in rows):
        if (own_words or not (choosing or told)) and any(a in asked for a, _, _ in one_sided):
            # A topic asked ("Which is growing faster?", "Which role is more about
            # research?") that the articles answer for one side only: that side's finding and
            # the other's gap answer it; rows of other aspects (pay, daily work) would stand
            # in for it. (Asked to choose, or told the asker's background, "I'm already an
            # RN. Which path makes more sense for me?", the other aspects are what a choice
            # weighs, beside the asker's own words.)
            rows = []
        # Neither article answers the asked topic for both sides: each side's own account of
        # what it is leads, so the table still sets the two side by side.
        if overview := _overview(attributed, used, finder, book, passages, near):
            used.update((s.passage, s.position) for s in overview)
            rows = [(Aspect("Overview", frozenset()), overview)] + rows[: MAX_ROWS - 1]
        if verdict is None and not telling:
            # "How is working at X different from Y?": everyday words ("working") named a topic
            # the articles do not set side by side; the question asks about the two as a whole.
            free = [(s, sd) for s, sd in attributed if (s.passage, s.position) not in used]
            verdict = _verdict(free, focus, finder, book, passages, own, anywhere=True)
    if any(a in asked for a, _ in rows) and own_words:
        # A career aspect asked in its own words ("Which pays more?", "Is it easier to get
        # into X or Y?"), with a row that answers it: another aspect's row is padding beside it.
        # (A topic told in other words too, "which do employers take more seriously", keeps
        # the rows around it: they may be what answers.)
        rows = [(a, picks) for a, picks in rows if a in asked]
    header = "| Aspect | " + " | ".join(title_case(s, book) for s in sides) + " |"
    lines = [header, "|" + " --- |" * (len(sides) + 1)]
    for aspect, picks in rows:
        cells = []
        for s in picks:
            marks = f"[{cites.cite(s.passage, quoted(s))}]"
            got = _list_brought(s, lists)
            if got:  # "... should know:" with its items, as one clause
                text, extra = _with_items(s, got, aspect, cites)
                marks += extra
            else:
                text = clause(_untitled(s.text, passages[s.passage]), aspect)
                if text.rstrip().endswith(":"):  # a section's opening, its list not shown
                    text = text.rstrip().rstrip(":").rstrip() + " …"
            figure = beside.get((s.passage, s.position))
            if figure is not None:
                # two sentences in one cell share its word budget (a phone-width table)
                text = clause(_untitled(s.text, passages[s.passage]), aspect, CELL_WORDS // 2)
                room = max(FIGURE_WORDS, CELL_WORDS - len(text.split()))
                # (a clause cut before its end reads on into the figure: a mark between)
                end = "" if text.rstrip()[-1:] in ".!?…:;" else ";"
                shown = _around_figure(_untitled(figure.text, passages[figure.passage]), room)
                text = f"{text.rstrip()}{end} {shown}"
                n = cites.cite(figure.passage, quoted(figure))
                marks += f" [{n}]" if f"[{n}]" != marks else ""
            cells.append(f"{table_cell(text)} {marks}")
        lines.append(f"| {aspect.name} | " + " | ".join(cells) + " |")
    text = "\n".join(lines) if rows else ""
    for aspect, side, s in one_sided:
        n = cites.cite(s.passage, quoted(s))
        other = title_case(sides[1 - side], book) if len(sides) == 2 else "the other roles"
        got = _list_brought(s, lists)
        said, extra = _with_items(s, got, aspect, cites) if got else (clause(s.text, aspect), "")
        # the side it speaks of is named: its sentence may say only "The role ..."
        text += (
            f"\n\n**{aspect.name} ({title_case(sides[side], book)})**: {said} [{n}]{extra} "
            f"(the articles do not cover this for {other})"
        )
    covered = {a.name for a, _ in rows} | {a.name for a, _, _ in one_sided}
    known = {a.name for a in lexicon}
    for aspect in asked:
        # A career aspect asked about, but no side has evidence: say so rather than let the
        # other rows stand in for an answer ("Which pays more?" over articles that give no
        # pay). A topic outside the lexicon is named from the question's own words, too loose
        # a label to say it is missing; with no rows at all the answer is not a table.
        if rows and verdict is None and aspect.name in known and aspect.name not in covered:
            text += f"\n\n**{aspect.name}**: the articles do not cover this for {_either(sides)}."
    thin, said = _thin(rows, one_sided, asked, finder, passages)
    unpaid: tuple[int, ...] = ()
    for aspect, picks in rows:
        if aspect.name == "Pay":
            paid = [
                earned_money(s.text)
                or (
                    (s.passage, s.position) in beside
                    and earned_money(beside[(s.passage, s.position)].text)
                )
                for s in picks
            ]
            if any(paid):
                unpaid = tuple(i for i, ok in enumerate(paid) if not ok)
    verdict_side = None
    counterpart: tuple[str, Sentence] | None = None
    unmatched: int | None = None
    if verdict is not None and _THIS_ROLE.match(verdict.text) and not finder.sides_in(verdict.text):
        side = side_of(verdict, passages, finder)
        verdict_side = title_case(sides[side], book) if side is not None else None
        if side is not None and which and len(sides) == 2:
            other = _counterpart(attributed, 1 - side, verdict, passages)
            if other is not None:
                counterpart = (title_case(sides[1 - side], book), other)
            else:
                unmatched = 1 - side
    return Table(
        text.strip(), verdict, len(rows), thin, said, unpaid, verdict_side, counterpart, unmatched
    )


def _paired_advice(
    found: Sentence, picks: list, attributed, used: set[tuple[int, int]]
) -> list[Sentence] | None:
    """For a row only one of two sides fills with the author's advice to a kind of reader ("If
    you have a strong software engineering background ..., the AI engineer track is more
    accessible"): the other side's advice in the same passage, written the same way ("If you
    have a quantitative background ..., the ML engineering path offers ..."), fills the other
    cell. None when the found cell is no such advice, or the passage holds none for the other
    side."""
    if len(picks) != 2 or not _IF_YOU.match(found.text):
        return None
    side = next(i for i, p in enumerate(picks) if p is not None)
    other = next(
        (
            s
            for s, sd in attributed
            if sd == 1 - side
            and s.passage == found.passage
            and (s.passage, s.position) not in used
            and _IF_YOU.match(s.text)
        ),
        None,
    )
    if other is None:
        return None
    return [found, other] if side == 0 else [other, found]


def _counterpart(attributed, side: int, verdict: Sentence, passages: list[Passage]):
    """The other side's own comparison by the same generic noun, beside a which-question's
    one-sided verdict ("This role demands stronger mathematical foundations" under one side's
    heading; "The role sits closer to software engineering than research" under the other's):
    an article that describes two roles in parallel sections says in each how its role leans,
    and the pair of sentences answers which has more. Only the verdict's own article sets its
    two sections so; None when the other side's sections there state no such comparison."""
    source = passages[verdict.passage].source
    best: Sentence | None = None
    for s, sd in attributed:
        if sd != side or s.position >= ROW_CELL or passages[s.passage].source != source:
            continue
        if not _THIS_ROLE.match(s.text) or not _ENDS.search(s.text):
            continue
        text = _without_bounds(s.text)
        if not (_COMPARES_HOW.search(text) or _THAN.search(text) or _MORE.search(text)):
            continue
        if best is None or s.score > best.score:
            best = s
    return best


NARROWED_CELL = 0.5
ADVICE_CELL = 1.0  # what advice to a reader "if you want ..." weighs less than a side's account
NARROWING_WORDS = 2  # "Senior", "Entry-level", "Top-paid": words before the side that narrow it


def _narrowed(text: str, book: RoleBook, side: str) -> bool:
    """The sentence opens on a kind of the side, narrowed by words before its name that are
    no part of it ("Senior data analysts ...", "Top-paid welders ..."); "The data analyst",
    "Most welders" or the side's own name at the start are the side itself."""
    toks = text.split()
    keys = book.keys(side)
    if TABLE_ROW.match(text):
        # a table row's label with words before the side's name is a kind of it, however
        # many ("Child, family and school social workers" beside "Social workers (all)")
        label = text.split(" — ")[0]
        for r in book.find(label):
            if book.keys(r) & keys:
                at = label.lower().find(r.lower())
                return at > 0 and bool(words(label[:at]))
    for n in range(1, NARROWING_WORDS + 1):
        if any(w.lower().strip(",") in STOPWORDS for w in toks[:n]):
            return False
        rest = " ".join(toks[n : n + 4])
        found = book.find(rest)
        if found and book.keys(found[0]) & keys and rest.lower().startswith(found[0].lower()):
            whole = " ".join(toks[: n + 4])
            named = book.find(whole)
            # (a lead word that is part of a name the library knows: "Senior Data Analyst")
            return not (named and whole.lower().startswith(named[0].lower()))
    return False


def _figures_first(
    options: list[tuple[float, Sentence]], aspect: Aspect, judging: set, edges_asked=frozenset()
) -> list:
    """A side's pay cell gives its figure where the articles give one: "Many X add overtime to
    their base pay" beside "X earn a median of $58,000" leaves the reader nothing to compare,
    however close its words are to the question. A sentence that judges which side has more
    ("X earn much more") stays a candidate: its figure is then shown beside it."""
    if aspect.name == "Demand":
        return _rates_first(options)
    if aspect.name != "Pay":
        return options
    paid = [
        o for o in options if earned_money(o[1].text) or (o[1].passage, o[1].position) in judging
    ]
    if not any(earned_money(o[1].text) for o in paid):
        return options
    # The side's usual figure ("a median of $72,000") before the edges of its range ("the
    # lowest 10 percent earned less than ...", "experienced X can earn $80,000 or more"); a
    # sentence judging which side has more keeps its place beside it.
    # A sentence that gives only the tails of the range ("the lowest 10 percent earned less
    # than $45,000, and the highest 10 percent more than $113,000") weighs as much less, unless
    # the question asks for an edge ("What do the top earners make?").
    central = {
        (s.passage, s.position)
        for _score, s in paid
        if earned_money(s.text) and CENTRAL_PAY & {w.lower() for w in words(s.text)}
    }
    # What the question asks is there (the usual figure; or the end of the range it asks
    # for): a tail it does not ask for is no candidate. ("Lowest 10 percent earned less than —
    # X: ...", a table row, judges by its figure as the median's row does, and shares the
    # words of "Who earns more?")
    wanted = (
        central
        if not edges_asked
        else {
            (s.passage, s.position)
            for _score, s in paid
            if _TAILS.search(s.text) and not _other_tail(s.text, edges_asked)
        }
    )
    if wanted:
        paid = [
            o
            for o in paid
            if (o[1].passage, o[1].position) in central or not _other_tail(o[1].text, edges_asked)
        ]
    return [
        (score + CENTRAL_WEIGHT, s)
        if (s.passage, s.position) in judging or (s.passage, s.position) in central
        else (score - CENTRAL_WEIGHT if _other_tail(s.text, edges_asked) else score, s)
        for score, s in paid
    ]


def _other_tail(text: str, edges_asked) -> bool:
    """The sentence gives a tail of the range the question does not ask for: any tail when it
    asks for no edge; the bottom tail ("the lowest 10 percent") when it asks for the top one
    ("at the top", "the highest"), and the top tail when it asks for the bottom."""
    ends = {m.group(1).lower() in PAY_TOP for m in _TAILS.finditer(text[:2000])}
    if not ends or not edges_asked:
        return bool(ends)
    asked = {w in PAY_TOP for w in edges_asked if w != "range"}
    return len(asked) == 1 and not ends & asked


CENTRAL_WEIGHT = 0.5
# A growth rate: "grow 6 percent", "Job growth 2023-33 — Plumber: 6%" (bounded, linear)
_RATE = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,2})?\s{0,2}(?:%|percent\b)", re.I)


def _rates_first(options: list[tuple[float, Sentence]]) -> list:
    """A side's demand cell gives its growth rate where the articles give one, as its pay cell
    gives its figure: "Demand for X is steady" beside "X jobs are projected to grow 6 percent"
    leaves the reader nothing to compare."""
    rated = [o for o in options if _RATE.search(o[1].text)]
    return rated or options


# General English for a tail of a distribution: "the lowest 10 percent", "the top 10%", "the
# highest-paid tenth", "top earners". Bounded, linear.
_TAILS = re.compile(
    r"\b(lowest|highest|top|bottom)[\s-]{1,3}(?:\d{1,2}\s?(?:percent|per cent|%)|tenth|"
    r"quarter|fifth|earners|(?:paid|earning)\b)",
    re.I,
)


def _figure_beside(
    pick: Sentence, options: list, aspect: Aspect, used: set, names_side=None
) -> Sentence | None:
    """For a pay cell that judges without a figure ("X earn much more."), the side's best
    sentence that gives one ("The median salary is around $98,000"), to be shown after it.
    One naming the side comes first (`names_side(sentence)`): in "The median wage for
    plumbers was $61,550. Heating ... mechanics earned a median of $57,300." the second is
    another trade's figure, though it sits in the plumbers' passage."""
    if aspect.name != "Pay" or earned_money(pick.text):
        return None
    paid = [
        (bool(names_side and names_side(s)), score, s)
        for score, s in options
        if earned_money(s.text) and (s.passage, s.position) not in used
    ]
    return max(paid, key=lambda o: o[:2])[2] if paid else None


def _thin(rows, one_sided, asked, finder: SideFinder, passages: list[Passage]):
    """(`Table.thin`, `Table.said`). A topic asked that the career lexicon names (pay, entry,
    ...) with no row for every side: the sides no one-sided line speaks for are thin (a topic
    named only by the question's own words, "the cookbook's view", is too loose to look for);
    each side's sentences are its cells and line on that topic. No topic: the sides whose
    overview cell neither says what the side is nor sits in a section headed by the side
    alone ("In linguistics the word X is ..." under "Part I" is about a word; "X builds ..."
    says what X does); each side's sentence is its overview cell."""
    everyone = range(len(finder.sides))
    said: list[list[Sentence]] = [[] for _ in everyone]
    known = {a.name for a in aspects()}
    if asked:
        for a, cells in rows:
            if a in asked:
                for i in everyone:
                    said[i].append(cells[i])
        for a, side, s in one_sided:
            if a in asked:
                said[side].append(s)
        if any(a in asked for a, _ in rows) or not any(a.name in known for a in asked):
            return (), said
        return tuple(i for i in everyone if not said[i]), said
    overview = next((cells for a, cells in rows if a.name == "Overview"), None)
    if overview is None:
        return (tuple(everyone) if not rows else ()), said
    thin = []
    for i, s in enumerate(overview):
        said[i].append(s)
        p = passages[s.passage]
        if finder.sides_in(own_heading(p.section), pair=False) == {i}:
            continue  # the article's own section on the side
        if not says_what(_untitled(s.text, p), i, finder):
            thin.append(i)
    return tuple(thin), said


def says_what(text: str, side: int, finder: SideFinder) -> bool:
    """The sentence says what the side is: the side opens it as its subject ("A pastry chef
    plans ...", "A bootcamp teaches ..."), or it defines the side glossary style."""
    name, book = finder.sides[side], finder.book
    if not finder.marks[side]:  # a role: its spellings find it
        if glossary_entry(text, name, book):
            return True
        subject = subject_role(text, book)
        return (
            subject is not None
            and finder.sides_in(subject, pair=False) == {side}
            and _says_more(text, subject)
        )
    lead_in = _LEADING_PHRASE.match(text)
    main = text[lead_in.end() :] if lead_in else text
    opening = " ".join(main.split()[: len(name.split()) + 1])
    return finder.names(opening, side) and _says_more(text, name)


def _verdict_to_cell(verdict, rows, one_sided, asked, attributed, finder: SideFinder):
    """A verdict that speaks of one side is that side's cell where the table lacks one, and
    then no verdict is left:
    - it names that side and gives its pay figure ("Nurse practitioners earned a median of
      roughly $126,000, and those in ... often earn more") where the side's pay cell holds no
      figure ("... want higher pay ... becoming an NP is worth considering"): the table then
      gives both figures;
    - an asked row has the other side only ("Pay: <one side's figure> (not covered for the
      other)"), and the verdict fits that row: beside it, the verdict would contradict the
      row. `one_sided` loses that row's entry; `rows` gains the row.
    Returns (verdict, rows)."""
    if verdict is None:
        return verdict, rows
    side = next((sd for s, sd in attributed if s is verdict), None)
    named = finder.sides_in(verdict.text, pair=False)
    if _MONEY.search(verdict.text) and len(named) == 1 and side in named:
        for at, (aspect, cells) in enumerate(rows):
            if aspect.name == "Pay" and not _MONEY.search(cells[side].text):
                cells = list(cells)
                cells[side] = verdict
                return None, [*rows[:at], (aspect, cells), *rows[at + 1 :]]
    if len(finder.keys) != 2:
        return verdict, rows
    for i, (aspect, other, s) in enumerate(one_sided):
        if side == 1 - other and _fit(verdict, aspect) >= MIN_FIT:
            cells = [s, verdict] if other == 0 else [verdict, s]
            rows = [*rows]
            rows.insert(sum(a in asked for a, _ in rows), (aspect, cells))
            del one_sided[i]
            return None, rows[:MAX_ROWS]
    return verdict, rows


def _either(sides: list[str]) -> str:
    """ "A or B", "A, B or C" in title case."""
    names = [title_case(s) for s in sides]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


_DEFINES = re.compile(r"^(?:an?|the)?\s*[\w\s+#/-]{0,40}?\b(is|are|does|do|makes?|builds?)\b", re.I)
_WORD = re.compile(r"[\w'’-]+")


def _says_more(text: str, role: str) -> bool:
    """The sentence says something beyond the role's name: a bare heading ("Site Reliability
    Engineer") or a title line describes nothing."""
    return len(_WORD.findall(text)) - len(_WORD.findall(role)) >= 3


def describes(text: str, side: str, book: RoleBook) -> bool:
    """A sentence of the text has the role as its subject and names no other role ("A data
    engineer builds ..."): the kind of passage that says what the role is. A field ("product
    management") is described as its role is ("A product manager makes sure ...")."""
    side = book.role_for(side) or side
    wanted = book.keys(side)
    for sentence in split_sentences(text):
        if glossary_entry(sentence, side, book):
            return True
        sentence = sentence[_JOINED.match(sentence).end() :]  # "But a PM is ...": a PM is
        named = book.find(sentence)
        if not named or not 0 <= sentence.find(named[0]) <= 4:
            continue
        if all(book.keys(r) & wanted for r in named) and _says_more(sentence, named[0]):
            return True
    return False


_JOINED = re.compile(rf"(?:(?:but|and|so|yet)\s+)?(?:{_HOW_OFTEN})?", re.I)


# "Front-End Engineer (aka JavaScript Developer): The job title given to ...": a term, an
# optional parenthesis, a colon, then its definition.
_GLOSSARY = re.compile(r"^[\s*•-]{0,4}([^:()\n]{1,80}?)\s*(?:\([^()\n]{0,120}\))?\s*:\s+\S")


def glossary_entry(sentence: str, side: str, book: RoleBook) -> bool:
    """The sentence defines the side, glossary style: the side's own name before a colon, and
    a definition after it. A table row ("Application of interim period: Yes.") has a label
    longer than the name and a value, not a definition."""
    m = _GLOSSARY.match(sentence)
    if not m:
        return False
    term = m.group(1)
    if len(_WORD.findall(term)) > len(_WORD.findall(side)) + GLOSSARY_EXTRA_WORDS:
        return False
    definition = sentence[m.end() - 1 :]
    return len(_WORD.findall(definition)) >= GLOSSARY_MIN_WORDS and any(
        book.one_role(r, side) for r in book.find(term)
    )


# A name that shares its head between two modifiers: "Airline and commercial pilots",
# "Heating and cooling technicians" (general English; bounded, linear).
_SHARED_HEAD_NAME = re.compile(
    r"(?<![\w-])([A-Za-z][\w-]{0,30}(?:\s[A-Za-z][\w-]{0,30})?)\s(?:and|or|&)\s"
    r"((?:[A-Za-z][\w-]{0,30}\s){1,2})([A-Za-z][\w-]{0,30})(?![\w-])"
)


def _names_side(name: str, side: str, book: RoleBook) -> bool:
    """Whether a table's label or column header names the side: as its own name, or as one of
    two modifiers sharing the head ("Airline and commercial pilots" names airline pilots)."""
    if book.one_role(name, side):
        return True
    m = _SHARED_HEAD_NAME.fullmatch(name.strip())
    return bool(m) and book.one_role(f"{m.group(1)} {m.group(3)}", side)


def _row_of(text: str, side: str, book: RoleBook) -> bool:
    """A table row whose first cell is the side itself ("Veterinarian — Median salary:
    $119,100;"), or a row's one cell under the side's column ("Median pay — Chef: $58,000.",
    see `_side_cells`): short, but evidence for that side. ("Manager — Desired level: ..." is
    no row of "interim manager".)"""
    if not TABLE_ROW.match(text):
        return False
    if _names_side(text.split(" — ")[0], side, book):
        return True
    cells = row_cells(text)
    return len(cells) == 1 and _names_side(cells[0][0], side, book)


ROW_CELL = 100_000  # where the positions of a row's split cells start, past any sentence's
ROW_CELLS = 64  # cells one row may be split into


# Where a sentence sets one side's clause against the other's: ", while", ", whereas", ";",
# ", but", ", and" (general English). Bounded, linear.
_SIDE_BREAK = re.compile(
    r"\s{0,3}(?:;|,\s{1,3}(?:while|whereas|but|and|yet|compared\s{1,3}(?:with|to))"
    r"|\s(?:while|whereas))\s{1,3}"
)
MIN_CLAUSE_WORDS = 3  # "machinists average $48,000"


def side_clauses(text: str, finder: SideFinder) -> list[str]:
    """A sentence that gives each side its own clause ("the average base salary for a cloud
    engineer is $128,000, while DevOps engineers average $135,000"): the clauses, each naming
    one side, the two sides different; [] for any other sentence. Each clause is that side's
    evidence, where the whole sentence was neither's."""
    named = finder.sides_in(text, pair=False)
    if len(named) == 1:
        return _own_clause(text, finder, next(iter(named)))
    if len(named) < 2:
        return []
    for m in _SIDE_BREAK.finditer(text[:2000]):
        head, tail = text[: m.start()].strip(" ,"), text[m.end() :].strip()
        if min(len(head.split()), len(tail.split())) < MIN_CLAUSE_WORDS:
            continue
        a, b = finder.sides_in(head, pair=False), finder.sides_in(tail, pair=False)
        if len(a) == 1 and len(b) == 1 and a != b:
            head = head if head.endswith((".", "!", "?")) else head + "."
            return [head, tail[:1].upper() + tail[1:]]
    return []


def _own_clause(text: str, finder: SideFinder, side: int) -> list[str]:
    """A sentence setting one side beside a role that is no side ("Electricians earned a median
    of $61,590, and plumbers earned $61,550", asked about plumbers and data analysts): the
    side's own clause, which names no other role, as its evidence; [] for any other sentence
    (the whole sentence was the other role's, its subject)."""
    book = finder.book
    if len(book.find(text)) < 2:
        return []
    for m in _SIDE_BREAK.finditer(text[:2000]):
        head, tail = text[: m.start()].strip(" ,"), text[m.end() :].strip()
        if min(len(head.split()), len(tail.split())) < MIN_CLAUSE_WORDS:
            continue
        for mine, other in ((head, tail), (tail, head)):
            if (
                finder.sides_in(mine, pair=False) == {side}
                and len(book.find(mine)) == 1
                and book.find(other)
                and not finder.sides_in(other, pair=False)
            ):
                mine = mine if mine.endswith((".", "!", "?")) else mine + "."
                return [mine[:1].upper() + mine[1:]]
    return []


def _side_cells(sentences: list[Sentence], finder: SideFinder):
    """A table with a column per side gives each measure a row ("Median pay — Chef: $58,000;
    Baker: $37,000."): that row names both sides, so it is neither side's evidence alone. It
    is split into each side's own cell ("Median pay — Chef: $58,000."), one sentence per side
    whose column it has (a row of another article's table may have one side's column only);
    the cells cite the row (`whole`: cell's place -> the row's text)."""
    out: list[Sentence] = []
    whole: dict[tuple[int, int], str] = {}
    for s in sentences:
        parts = [] if TABLE_ROW.match(s.text) else side_clauses(s.text, finder)
        if parts:
            # "X earn $128,000, while Y average $135,000": each side's clause is its cell
            for k, part in enumerate(parts):
                at = ROW_CELL + s.position * ROW_CELLS + k
                whole[(s.passage, at)] = s.text
                out.append(replace(s, position=at, text=part))
            continue
        label = s.text.split(" — ")[0]
        cells = row_cells(s.text) if TABLE_ROW.match(s.text) else []
        own = [(finder.sides_in(h, pair=False), h, v) for h, v in cells]
        mine = [(h, v) for sides, h, v in own if len(sides) == 1]
        named = {next(iter(sides)) for sides, _h, _v in own if len(sides) == 1}
        # cells headed by a role: one the library names, or a side by its shared head
        # ("Harbour and river pilots")
        columns = sum(1 for sides, h, _v in own if sides or finder.book.find(h))
        if not named or columns < 2 or finder.sides_in(label, pair=False):
            out.append(s)
            continue
        for k, (header, value) in enumerate(mine[:ROW_CELLS]):
            at = ROW_CELL + s.position * ROW_CELLS + k
            cell = replace(s, position=at, text=f"{label} — {header}: {value}.")
            whole[(s.passage, at)] = s.text
            out.append(cell)
    return out, whole


# "<label>: <value>" whose value is shorter than a definition (GLOSSARY_MIN_WORDS)
_FIELD = re.compile(r"^[^:\n]{1,80}:\s+\S+(?:\s+\S+){0,2}$")
_NEGATED = re.compile(r"\b(?:not|never|no longer)\b|n[’']t\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|me|my)\b")
# A sentence about the document itself ("This chapter provides ...") describes no role.
_SELF_REFERENCE = re.compile(
    r"\b(this|the present) (chapter|article|post|book|guide|section|page|piece|essay)\b",
    re.I,
)
_ENDS = re.compile(r"[.!?][\"”’')\]]?\s*$")


def _side_meaning(attributed, sides: list[str], aspect: str, embedder) -> dict:
    """(passage, position) -> similarity of a sentence to its own side's question."""
    if embedder is None:
        return {}
    mine = [(s, side) for s, side in attributed if side is not None]
    if not mine:
        return {}
    asks = embedder.embed_batch([f"{side} {aspect}".strip() for side in sides])
    missing = [s for s, _ in mine if s.vector is None]  # scored sentences carry theirs
    for s, v in zip(
        missing, embedder.embed_batch([s.text for s in missing]) if missing else [], strict=True
    ):
        s.vector = v
    vecs = [s.vector for s, _ in mine]
    return {
        (s.passage, s.position): float(vecs[i] @ asks[side]) for i, (s, side) in enumerate(mine)
    }


TITLE_WORDS = 10  # a line that heads the text below it is short
# an optional heading mark or number ("## ", "1. "), the line, then a line of prose (not a
# list's next item: a list's first item heads nothing; nor a line running on in lower case:
# a plain-text article wraps its sentences, "... spend a few years gaining\nexperience as ...")
_TITLE_LINE = re.compile(
    r"^[ \t]{0,8}(?:#{1,6}|\d{1,3}[.)])?[ \t]{0,4}([^\n]{1,120})\n"
    r"(?![ \t]{0,8}(?:[-*•+]|\d{1,3}[.)])\s)(?![a-z])\S"
)


def _untitled(sentence: str, p: Passage) -> str:
    """A sentence without the title line its passage opens with: a plain-text or PDF article
    writes its headings as lines of their own ("Pay", then "Electricians earned ..."), which
    the first sentence runs on from; a cell shows the sentence, not its heading."""
    line = title_line(p.text)
    rest = sentence[len(line) :]
    if line and sentence.startswith(line) and rest[:1].isspace() and len(rest.split()) >= 3:
        return rest.lstrip()
    return sentence


def title_line(text: str) -> str:
    """The line a passage opens with when it heads the text below it, as a heading written
    into the text does ("1. Data preprocessing for data engineers", then its paragraph): a
    short line with no sentence end. "" when the passage opens with prose."""
    m = _TITLE_LINE.match(text)
    if not m:
        return ""
    line = m.group(1).strip()
    if len(line.split()) > TITLE_WORDS or line[-1:] in ".!?:;,":
        return ""
    if line.split()[-1].lower() in STOPWORDS:
        return ""  # a wrapped sentence's first line ("... electrical systems in"), no heading
    return line


def _section_openings(passages: list[Passage], finder: SideFinder, side: int) -> set[int]:
    """The passages that open a section headed by the side ("## Data Scientist"), as far as
    the passages at hand show: the earliest of each such section. An article introduces a role
    there, often by how it differs from its neighbour."""
    first: dict[tuple[str, str], int] = {}
    for i, p in enumerate(passages):
        if p.is_reference_list or finder.sides_in(own_heading(p.section), pair=False) != {side}:
            continue
        at = first.get((p.source, p.section))
        if at is None or p.chunk_index < passages[at].chunk_index:
            first[(p.source, p.section)] = i
    return set(first.values())


def _overview(
    attributed, used, finder: SideFinder, book: RoleBook, passages: list[Passage], near=None
) -> list[Sentence] | None:
    """Each side's most relevant sentence that names it, a sentence whose subject is the side
    ("A front-end developer architects...") first. A sentence that names another role or side
    describes no one side, so it comes only after every sentence about this side alone; a
    bare heading comes last."""
    picks = []
    # each side's best sentence of each section that says, with the side as its subject, what
    # the side is (see `_SIDE_BY_SIDE`)
    contrasted: list[dict[tuple[str, str], tuple[tuple, Sentence]]] = []
    for side in range(len(finder.keys)):
        openers = _section_openings(passages, finder, side)
        best, best_score = None, (-1, -1, -1, -1, -1, -1, -1.0)
        own: dict[tuple[str, str], tuple[tuple, Sentence]] = {}
        contrasted.append(own)
        for s, sd in attributed:
            if sd != side or (s.passage, s.position) in used:
                continue
            # A list's announcement says what no role is, but the sentence the side's own
            # section opens with is the author's account of it even where a list follows
            # ("## Midwife" / "A midwife is called in long term in the following cases:")
            announces = s.text.rstrip()[-1:] == ":"
            if announces and not (s.passage in openers and s.position == 0):
                continue
            if _only_asks(s.text):
                continue  # ... nor does a question
            if s.about_itself or about_itself(s.text):
                continue  # "This guide looks at the baker's pay, ...": what the text covers
            p = passages[s.passage]
            heading = p.section.split(":")[-1]
            if (
                not finder.names(s.text, side)
                and finder.sides_in(heading) != {side}
                and _lead_sides(p, finder) != {side}
            ):
                continue  # neither the sentence, its section nor its passage's lead is about it
            # No third role: a sentence that sets the side against the other one still says
            # what the side is ("Data engineers are the link between ... and data scientists").
            others = [r for r in book.find(s.text) if not finder.sides_in(r)]
            # ... but not a joint subject: "X and Y are among the most searched terms"
            opening = finder.sides_in(" ".join(s.text.split()[:8]))
            alone = not others and opening <= {side}
            # The side is the subject: the sentence opens with its name ("A front-end
            # developer architects ..."), not with another noun ("The term front-end ...").
            lead_in = _LEADING_PHRASE.match(s.text)  # "However, a registered nurse owns ..."
            main = s.text[lead_in.end() :] if lead_in else s.text
            often = _OFTEN.match(main)
            if often and s.position < ROW_CELL:
                # "So often a line cook is hired ...": the adverb leaves the subject as it is
                # (not in a clause cut from a sentence: "..., and often a teaching assistant
                # working alongside" has no verb of its own)
                main = main[often.end() :]
            lead = " ".join(main.split()[: len(finder.sides[side].split()) + 1])
            starts = finder.names(lead, side)
            subject = starts and bool(_DEFINES.match(s.text))
            subject = subject or glossary_entry(s.text, finder.sides[side], book)
            bonus = 0.15 if subject else (0.1 if starts and alone else 0.0)
            # The author telling their own story ("it's time I dove into ...") describes no role.
            story = bool(_FIRST_PERSON.search(s.text) or _SELF_REFERENCE.search(s.text))
            # A definition says what the side is or does, not what it is not ("X isn't the
            # only ...", "X aren't like ...").
            story = story or bool(_NEGATED.search(" ".join(s.text.split()[:8])))
            # A table row ("Frontend Engineer — Lateral Options: Product Designer.") holds a
            # value of the table, not what the side is.
            story = story or bool(TABLE_ROW.match(s.text))
            # ... and so does a field of one cut from its row ("Application of interim
            # period: Yes."): a label and a value of a few words.
            story = story or bool(_FIELD.match(s.text.strip()))
            # ... and so does the side's pay ("X earn a median of $125,000") or advice on whom
            # it suits ("Choose X if you love sports"): what it pays and who should choose it
            story = story or earned_money(s.text) or bool(_CHOOSE_IF.match(s.text))
            story = story or bool(_IF_YOU.match(s.text))
            # ... and so does a sentence its heading files under one aspect of the job ("How
            # to become an architect": a degree; "Salary": a figure), what the side does aside
            filed = heading_aspects(p, book)
            story = story or bool(filed and DAY_TO_DAY not in filed)
            glossary = glossary_entry(s.text, finder.sides[side], book)
            whole = _ENDS.search(s.text) is not None or announces  # not a line cut short
            score = (
                int(_says_more(s.text, finder.sides[side]) and whole),
                int(not story),
                int(glossary),
                int(starts),
                int(s.passage in openers),
                int(alone),
                (near or {}).get((s.passage, s.position), s.score) + bonus,
            )
            if score > best_score:
                best, best_score = s, score
            where = (p.source, p.section)
            if (
                s.position < ROW_CELL
                and all(score[i] for i in _SIDE_BY_SIDE)
                and (where not in own or score > own[where][0])
            ):
                own[where] = (score, s)
        if best is None:
            return None
        picks.append(best)
    # A section where the author sets the sides side by side, each the subject of its own
    # sentence ("So project management is about milestones ... But a PM is more about being
    # the spokesperson for the users"), answers what tells them apart: its sentences lead.
    shared = set.intersection(*(set(own) for own in contrasted)) if contrasted else set()
    # ... where it sets them against each other ("But a PM is more about ..."): a "Training"
    # section saying in turn how each trains ("Most sonographers complete ... Radiographers
    # usually finish ...") says what neither side is
    shared = {
        at
        for at in shared
        if any(
            _CONTRASTS.search(q.text) or _MORE.search(q.text)
            for q in passages
            if (q.source, q.section) == at
        )
        # ... on what they are or do: a section setting them against each other on one other
        # aspect its heading names ("Pay compared": "Electricians generally earn more ...
        # However, plumbers who run a business can match ...") answers that aspect, and its
        # sentences say what neither side is
        and not any(
            _judges_its_heading_aspect(own[at][1], at[1], book, finder.sides) for own in contrasted
        )
    }
    if shared:
        at = max(sorted(shared), key=lambda i: sum(own[i][0][-1] for own in contrasted))
        return [own[at][1] for own in contrasted]
    return picks


def _judges_its_heading_aspect(
    sentence: Sentence, section: str, book: RoleBook, sides: list[str]
) -> bool:
    """The sentence speaks of a career aspect other than what the side does that its section's
    heading names too ("Pay comparison and where the difference comes from"), however long
    the heading: the author files the comparison under that aspect. (A side's or a role's own
    words in the heading, "manager" of "Product manager or project manager", name no aspect.)"""
    heading = section.split(":")[-1]
    named = {stem(w) for role in [*sides, *book.find(heading)] for w in words(role)}
    heading = {stem(w) for w in words(heading)} - named
    return any(
        a.name != DAY_TO_DAY and a.words & heading and _claim_fit(sentence, a) > 0
        for a in aspects()
    )


# The parts of an overview score (`_overview`) a sentence needs to set its side beside another
# in one passage: a whole sentence saying more than the name, no story, the side opening it,
# no third role. (A clause split from a sentence comparing the two on one aspect, "civil
# engineers can start sooner, while architects face a longer road", is no such sentence.)
_SIDE_BY_SIDE = (0, 1, 3, 5)


STATEMENT_WORDS = 5  # "But a PM is more about being the spokesperson": a statement's least


def _only_asks(text: str) -> bool:
    """A question, not a statement that ends on one: "But a PM is more about being the
    spokesperson for the users; are we doing the right thing?" states what a PM is before the
    semicolon that sets off its question."""
    text = text.rstrip()
    if not text.endswith("?"):
        return False
    head = text[:2000].split("; ")[0]
    return head == text or len(head.split()) < STATEMENT_WORDS or head.rstrip().endswith("?")


_THAN = re.compile(r"(?<!rather )\bthan\b", re.I)
_MORE = re.compile(r"\b(?:more|less|fewer|higher|lower|better|worse)\b", re.I)
# General English for how many there are: "more nurses than doctors", "X are more numerous",
# "X outnumber Y" (a quantifier right before a side, not "earn more than")
_QUANTIFIER = re.compile(r"\b(?:more|fewer)\s+(?!than\b)", re.I)
_NUMEROUS = re.compile(r"\b(?:numerous|outnumber\w{0,3})\b", re.I)
COUNT_WORDS = 4  # the words of a side's name right after "more", at most
COUNTS = 0.5  # what a sentence counting the sides weighs as the verdict on "Are there more X?"


# "This role ...", "The job ...": the side its passage is about, by a generic noun
_THIS_ROLE = re.compile(
    r"^\s{0,4}(?:this|the)\s+(?:role|job|position|career|profession|occupation)\s+"
    r"(?:[a-z]{2,20}s|is|was|has|can|will|may|might|must|should|typically|usually"
    r"|often|also|generally|mostly)\b",  # its verb ("This role demands"; not "The job title")
    re.I,
)
# A question asking which of the two the asker should choose (general English)
_CHOOSING = re.compile(
    r"\b(?:should\s+i\s+(?:become|be|choose|pick|go\s+for|study|train)|which\s+(?:one\s+)?should"
    r"\s+i|(?:better|right|best)\s+(?:choice\s+)?for\s+me\b"
    # "X or Y for someone who likes people?", "Which suits a person who hates desks?": the
    # choice asked for a kind of reader, as "for me" asks it for the asker
    r"|(?:for|suits?|fits?)\s+(?:someone|somebody|anyone|a\s+person|people)\s+(?:who|that)\s)",
    re.I,
)
# "Choose electrical work if you like logic, ...": advice to a reader of some kind
_CHOOSE_IF = re.compile(
    r"^\s{0,4}(?:choose|pick|go\s+for|opt\s+for)\b[^.;:]{1,120}?\bif\s+you\b", re.I
)
# Words an article's advice on choosing is written in ("Which one should you choose? If you
# want ..."): what a choice question's own search adds (general English)
CHOICE_HINT = "which is right for you, which should you choose, choose if you want"


def asks_to_choose(question: str) -> bool:
    """ "Should I become X or Y?", "Which one should I pick?", "Which is better for me?", "X or
    Y for someone who likes people?"."""
    return bool(_CHOOSING.search(question[:1000]))


# Advice to choose a side (general English imperatives): "Choose physical therapy if ...",
# "Go for design if ...", "Pick X when ..."
_CHOOSE_IF = re.compile(
    r"^\s{0,4}(?:choose|pick|go\s+for|opt\s+for|consider|try)\s[^.!?]{1,120}\b(?:if|when|unless)\b",
    re.I,
)
_IF_YOU = re.compile(r"^\s{0,4}(?:but\s+|and\s+|so\s+)?if\s+you(?:'re|’re|\s+are|\s+have)?\b", re.I)
ADVISES = 0.3  # as much as naming both sides: the advice meets the asker's own background
# "However, ...", "But ...", "Still, ...": a sentence setting an exception against the one before
_EXCEPTION = re.compile(r"^\s{0,4}(?:however|but|still|yet|that said|even so)\b", re.I)
# "always", "never", "all", "every": a question whether a comparison holds without exception
_UNIVERSAL = re.compile(r"\b(?:always|never|every|all|any)\b", re.I)
ONLY_DIFFERS = 0.5  # what naming both sides first earns: "X and Y differ" says not which has more


def _all_comparisons(text: str) -> list[re.Match]:
    return [*_COMPARATIVE.finditer(text), *_COMPARES_HOW.finditer(text)]


def counts_sides(text: str, finder: SideFinder, said: bool = True) -> bool:
    """The text speaks of how many there are of a side: "more learning support assistants"
    (a quantifier right before the side's name); with `said` also "X are more numerous",
    "X outnumber Y" (how a sentence answers "Are there more X than Y?")."""
    if said and _NUMEROUS.search(text):
        return True
    for m in _QUANTIFIER.finditer(text):
        head = text[m.end() : m.end() + 200].split()[:COUNT_WORDS]
        for n in range(1, len(head) + 1):
            # the side's name opens the words after "more" ("more demand for nurses" counts
            # no nurses: the name starts later)
            if finder.sides_in(" ".join(head[:n]), pair=False):
                if not finder.sides_in(" ".join(head[1:n]), pair=False):
                    return True
                break
    return False


# "How are X and Y similar?", "What do they have in common?", "Are they alike?": what the
# sides share is asked, not how they differ (General English)
_ASKS_ALIKE = re.compile(
    r"\b(?:similar\w{0,6}|alike|in\s{1,3}common|the\s{1,3}same|share|shared|overlap\w{0,3})\b",
    re.I,
)


def _shared(attributed, finder: SideFinder) -> Sentence | None:
    """For a question asking what the sides share, the first sentence saying a thing of both
    together ("Both roles are in demand, ...", "X and Y both need ..."), if any."""
    for s, _side in attributed:
        if not _ENDS.search(s.text) or s.text.rstrip().endswith("?"):
            continue
        if (_BOTH.search(s.text) or BOTH_ALONE.search(s.text) or _BOTH_NAMED.search(s.text)) and (
            len(finder.sides_in(s.text)) == len(finder.sides)
        ):
            return s
    return None


_BOTH_NAMED = re.compile(r"\bboth\b", re.I)


def _verdict(
    attributed,
    asked: set[str],
    finder: SideFinder,
    book: RoleBook,
    passages: list[Passage],
    own: set[str] = frozenset(),
    telling: bool = False,
    anywhere: bool = False,
    counted: bool = False,
    told: bool = False,
    which: bool = False,
    universal: bool = False,
    choosing: bool = False,
) -> Sentence | None:
    """A sentence of the articles that compares the two sides, most related to what was asked:
    it names both, or names one in a passage that speaks of the other. With `telling` (the
    question's topic has a telling word, "math"), the verdict must meet the topic by a telling
    word too: sharing only "require" or "work" with it is another topic. `anywhere`: any
    topic will do (the question's everyday words found no row for both sides). `counted`: the
    question asks which side there are more of ("Are there more X than Y?"): a sentence saying
    how many there are of a side leads. `told`: the asker tells their background ("I love
    statistics. Which job is better for me?"): the article's advice to a reader with it ("If you
    have a background in statistics, ... the X path ...") is a verdict too. `which`: the
    question asks which side has more of something ("Which role needs stronger math?"): a
    sentence saying only that the two differ ("they require different skills") tells not which.
    `universal`: the question asks whether it is always so ("Do X always earn less than Y?"):
    the article's exception ("However, top X can match the highest salaries") answers it,
    before any other."""
    best, best_score = None, 0.0
    exception, except_score = None, 0.0  # the best exception, for "always?"
    everyone = set(range(len(finder.keys)))
    for s, _side in attributed:
        if not _ENDS.search(s.text) or s.text.rstrip().endswith("?"):
            continue  # a verdict is a whole sentence that states something
        if s.about_itself or about_itself(s.text):
            continue  # "This guide compares X and Y on pay ...": what the text covers, no verdict
        if answers_its_heading(s, passages[s.passage]):
            continue  # "It can be, especially ...": the answer to a FAQ's question, not alone
        # ("This role demands ..." is its passage's side, no third role)
        subject = None if _THIS_ROLE.match(s.text) else subject_role(s.text, book)
        if subject is not None and not finder.sides_in(subject, pair=False):
            continue  # about a third role that works with both sides
        terms = set(content_terms(s.text))
        hits = [w for w in words(s.text) if stem(w) in asked]
        on_topic = anywhere or (any(_telling(w) for w in hits) if telling else bool(hits))
        says = bool(terms & own)  # the question's own topic word, not a neighbour of it
        found = [m for m in (_COMPARATIVE.search(s.text), _COMPARES_HOW.search(s.text)) if m]
        compares = min(found, key=lambda m: m.start(), default=None)  # the first comparison
        # (asked which to choose, the article's advice to a reader of some kind is the
        # verdict, whatever its words: "If you want a fast entry ..., become a technician.")
        advises = (told and says or choosing) and bool(
            _IF_YOU.match(s.text) or (choosing and _CHOOSE_IF.match(s.text))
        )
        excepts = universal and bool(_EXCEPTION.match(s.text))
        if (
            not compares
            and not (says and len(finder.sides_in(s.text)) > 1)
            and not advises
            and not excepts
        ):
            continue  # it compares, or names both sides on the topic asked ("... is becoming sharper")
        named = finder.sides_in(s.text)
        # The side's field opens the main clause ("..., social work is easier to get into"),
        # or the side's bare head noun stands for it after an article ("This makes the
        # technician role far easier") in an article whose title names it: what the
        # comparison is made about, as a role opening the sentence is.
        about = finder.field_subject(s.text)
        if not named:
            around = passages[s.passage]
            about = named = _plain_head(s.text, finder, around.title, compares)
            if not named and advises:
                # "If you want more independence, become a hygienist.": the advice names its
                # side by the bare head in an article whose title names it, or by its field
                # ("..., wildlife biology is the better fit")
                about = named = finder.by_bare_head(s.text, around.title) or (
                    finder.by_advised_field(s.text)
                )
        if not named and which and _side is not None and compares and _THIS_ROLE.match(s.text):
            # "Which role needs stronger math?": "This role demands stronger mathematical
            # foundations" under the side's heading says which (it is no verdict on a pair)
            about = named = {_side}
        if not named:
            continue
        if advises and len(named) == 1:
            about = about or named  # "If you have ..., the X path offers ...": X is advised
        if (
            len(named) > 1
            and _JOINT.match(s.text)
            and finder.sides_in(s.text[: _JOINT.match(s.text).end() + JOINT_REACH]) == named
            and not _CONTRASTS.search(s.text)
        ):
            continue  # "Master electricians and plumbers ... earn far more": both, against others
        if _FIRST_PERSON.search(s.text) and finder.sides_in(s.text, pair=False) != everyone:
            continue  # the author's own story, unless it sets the two sides side by side
        if (
            not finder.sides_in(s.text, pair=False)
            and not about
            and book.find(s.text)
            # (asked to choose, under a heading asking that choice, "Did you consider management,
            # or why stay a staff nurse?", its "both roles" are the pair asked, whatever else it
            # names)
            and not (choosing and heads_the_choice(passages[s.passage], finder))
        ):
            continue  # "both roles" of a pair of other roles it names
        by_name = finder.sides_in(s.text, pair=False) | about
        if not by_name or (by_name != everyone and _BOTH.search(s.text)):
            around = passages[s.passage]
            context = f"{around.title}. {around.section}. {around.text}"
            if finder.sides_in(context, pair=False) != everyone:
                # "the two careers" of an article about another pair ("The two professions
                # pay almost the same, with physical therapists slightly ahead" beside a
                # pharmacist: the other profession is not the one asked about)
                continue
        if named != everyone and subject is None and not about:
            continue  # "Public interest lawyers ... earn much less": one side's kind, no verdict
        if named != everyone and compares and _in_another_clause(s.text, compares.start(), finder):
            # "X need a master's degree, although doctoral programmes are becoming more
            # common": the comparison is of something else, in a clause of its own
            continue
        than = _THAN.search(s.text)
        if named != everyone and than and not finder.sides_in(s.text[than.end() :], pair=False):
            continue  # "X with a certificate earn 10% more than those without one": X with X
        if named != everyone:
            around = passages[s.passage]
            context = f"{around.title}. {around.section}. {around.text}"
            others = finder.sides_in(context, pair=False)
            if named | others != everyone and not (
                # "Both careers pay well" speaks of the pair asked only in an article about
                # that pair (its title names both); in another article, of that article's pair
                # ("PAs tend to earn slightly more" is against nurse practitioners, not pilots)
                finder.sides_in(context) == everyone
                and finder.sides_in(around.title, pair=False) == everyone
            ):
                continue
        if asked and not on_topic:
            continue  # a verdict on another topic than the one asked
        score = s.score + 0.4 * s.lexical + 0.2 * len(terms & asked)
        score += 0.3 * (named == everyone) + 0.2 * bool(_STRONG.search(s.text))
        # "X earns more than Y": the side is the subject the comparison is made about.
        first_cmp = compares.start() if compares else len(s.text)
        score += 0.2 if finder.sides_in(s.text[:first_cmp]) else 0.0
        score += COUNTS if counted and counts_sides(s.text, finder) else 0.0
        score += ADVISES if advises else 0.0
        if excepts and score > except_score:
            exception, except_score = s, score
        if which and all(re.fullmatch(r"differ\w*", m[0], re.I) for m in _all_comparisons(s.text)):
            score -= ONLY_DIFFERS  # "they require different skills": not which needs more
        if score > best_score:
            best, best_score = s, score
    return exception or best


_LEANS_BACK = re.compile(r"(?:it|this|that|they|these|those|yes|no)\b", re.I)
# Words opening a clause of its own inside a sentence (general English)
_SUBORDINATE = re.compile(r"\b(?:although|though|while|because|since|unless|which|who)\b", re.I)


def _in_another_clause(text: str, at: int, finder: SideFinder) -> bool:
    """The comparison at `at` sits in a clause of its own that names no side, after a main
    clause that names one ("Pharmacists in hospitals earned $140,000, while those in retail
    earned slightly less"): it compares something else than the side."""
    opened = list(_SUBORDINATE.finditer(text, 0, at))
    if not opened:
        return False
    last = opened[-1]
    return bool(finder.sides_in(text[: last.start()], pair=False)) and not finder.sides_in(
        text[last.end() : at], pair=False
    )


def heads_the_choice(p: Passage, finder: SideFinder) -> bool:
    """The passage's own heading, not the article's title, names every side: the section
    asks the choice itself ("Did you consider nurse management, or why stay a staff nurse?")."""
    if p.section.strip() == p.title.strip():
        return False
    return finder.sides_in(own_heading(p.section), pair=False) == set(range(len(finder.keys)))


def answers_its_heading(s: Sentence, p: Passage) -> bool:
    """The first sentence under a heading that asks a question ("Is being a paralegal
    stressful?"), opening on a word that stands for the question ("It can be, ..."): it
    reads only with the heading, so it is no verdict of its own."""
    return (
        s.position == 0
        and own_heading(p.section).rstrip().endswith("?")
        and bool(_LEANS_BACK.match(s.text))
    )


def _plain_head(text: str, finder: SideFinder, title: str, compares) -> set[int]:
    """The sides a sentence names by their bare head noun right after an article or
    determiner ("the technician role"), before its comparison (`compares`, a match), in an
    article whose title names them: a modifier there would make it another kind of the side
    ("Public interest lawyers"); named after the comparison, the side is no subject of it
    ("Trainees earn much less ... once a controller is certified")."""
    if compares is None:
        return set()
    names = [words(s) for s in finder.sides]
    heads = []
    for i, toks in enumerate(names):
        others = {stem(w) for j, o in enumerate(names) if j != i for w in o}
        head = stem(toks[-1]) if len(toks) >= 2 else ""
        heads.append(head if head not in others else "")
    # any role the sentence names is such a head ("technician"), no third role
    if any(stem(words(r)[-1]) not in heads or len(words(r)) > 1 for r in finder.book.find(text)):
        return set()
    got = set()
    before = text[: compares.start()]
    toks = [w.lower() for w in _WORD.findall(before)]
    titled = finder.sides_in(title, pair=False)
    for i in titled:
        at = [k for k, w in enumerate(toks) if heads[i] and stem(w) == heads[i]]
        if at and all(k > 0 and toks[k - 1] in _DETERMINERS for k in at):
            got.add(i)
    return got


_DETERMINERS = frozenset("the a an this that these those its their our your".split())


SHOUTED = 5  # an all-capitals word this long is a word written in capitals, no acronym


def title_case(side: str, book: RoleBook | None = None) -> str:
    """A role's name for a table: each word capitalized, acronyms kept ("ML engineer" -> "ML
    Engineer"); a word an all-capitals title shouts ("LIBRARIAN") is written as a word. With
    the library's `book`, a word typed in lower case that its role names write in capitals is
    written so ("ai engineer" -> "AI Engineer")."""
    caps = book.capitals if book is not None else {}
    out = []
    for w in side.split():
        if w.islower() and w in caps:
            out.append(caps[w])
        elif w.isupper() and len(w) >= SHOUTED and w.isalpha():
            out.append(w.capitalize())
        elif w.isupper() or not w[:1].islower():
            out.append(w)
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def table_cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")
