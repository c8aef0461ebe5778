"""What makes a comparison's side search cheap gives the same answers: a role book remembers
what it said of each phrase (a changed library makes a new book, which learns afresh), the
job-title patterns take words whole, and a retriever keeps the chunks it read only until it
next checks the store."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.understand.roles import _ROLE, _SHARED_HEAD, ROLE_NOUNS, RoleBook, find_roles
from knowledge.settings import REPO_ROOT

DEV = REPO_ROOT.parent / "shared" / "corpus-dev"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"needs the dev articles in {DEV}")

# Text written for these tests: a hospital ward and a school, not a dev article's domain.
WARD = [
    "Clinical Nurse Specialist vs Ward Manager: Field Notes",
    "A clinical nurse specialist and a ward manager share the night shift.",
    "Charge nurses and nurse educators report to the ward manager; the CNS leads audits.",
    "Infection-control officers, unlike ward managers, audit every bay.",
    "The head teacher and the curriculum lead/exam officer plan the term.",
    "Teaching assistants and special-needs coordinators meet the head of year.",
]

# The patterns as they were before their words were taken whole (possessive): the same
# matches are expected everywhere. (A word's dot: inside it, or after a short capitalised
# abbreviation, "Node.js", "Sr."; a word ending on one ends a sentence. A word is at most 41
# characters in both: hypothesis found "wardward…ward manager" read differently otherwise.)
_WORD_PLAIN = r"(?:[A-Za-z](?:[\w+#/-]|\.(?=\w)){0,40}|(?-i:[A-Z][a-z]?\.))"
_SHARED_WORD_PLAIN = r"(?:[A-Za-z](?:[\w+#-]|\.(?=\w)){0,40}|(?-i:[A-Z][a-z]?\.))"
_ROLE_PLAIN = re.compile(rf"\b((?:{_WORD_PLAIN}\s+){{0,3}}?(?:{ROLE_NOUNS})(?:s|ing)?)\b", re.I)
_SHARED_PLAIN = re.compile(
    rf"\b(?!(?:{ROLE_NOUNS})(?:s|ing)?\b)({_SHARED_WORD_PLAIN})\s+(?:and|or|vs\.?|versus|&)\s+"
    rf"((?:{_SHARED_WORD_PLAIN}\s+){{0,2}}?)({ROLE_NOUNS})(?:s|ing)?\b(?!\s+(?:{ROLE_NOUNS}))",
    re.I,
)


def _matches(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _same_matches(text):
    assert _matches(_ROLE, text) == _matches(_ROLE_PLAIN, text), text
    assert _matches(_SHARED_HEAD, text) == _matches(_SHARED_PLAIN, text), text


def test_job_titles_are_found_as_before_in_invented_text():
    for text in WARD:
        _same_matches(text)
    assert find_roles(WARD[1]) == ["clinical nurse specialist", "ward manager"]
    assert find_roles(WARD[3]) == ["Infection-control officers", "unlike ward managers"]
    assert find_roles(WARD[4]) == ["curriculum lead", "exam officer"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["ward", "manager", "lead", "s", "ing", "and", "or", "vs.", "&", " ", "  ", "\n"]
            + ["-", "/", ".", "+", "#", "nurse", "Officer", "the", ",", "x1", "ſ", "K"]
        ),
        max_size=30,
    )
)
def test_job_titles_are_found_as_before_in_any_mix_of_words(parts):
    _same_matches("".join(parts))


@needs_dev
def test_job_titles_are_found_as_before_in_the_dev_articles():
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(DEV.iterdir())]
    texts = [t for t in texts if t.strip()]
    assert texts
    for text in texts:
        for line in text.splitlines():
            _same_matches(line)


def _fresh_answers(phrases, aliases, texts):
    """What a new book says of each text and of each role found, asked once."""
    out = []
    for text in texts:
        book = RoleBook(phrases, aliases)
        found = book.find(text)
        out.append((found, [(book.keys(r), book.key(r)) for r in found]))
    return out


def _answers(book, texts):
    found = [book.find(t) for t in texts]
    return [(f, [(book.keys(r), book.key(r)) for r in f]) for f in found]


def test_a_book_says_the_same_on_the_hundredth_question():
    phrases = ["clinical nurse specialist", "ward manager", "CNS", "nurse educator"]
    aliases = {"cns": "clinical nurse specialist"}
    book = RoleBook(phrases, aliases)
    first = _answers(book, WARD)
    for _ in range(3):  # asked again and again: from what the book remembers
        assert _answers(book, WARD) == first
    assert first == _fresh_answers(phrases, aliases, WARD)
    assert book.keys("CNS") == book.keys("clinical nurse specialist") | {"cns"}


def test_a_changed_library_gets_a_book_that_learns_afresh():
    before = RoleBook(["ward manager"])
    assert before.find(WARD[2]) == ["ward manager", "CNS leads"]
    assert before.keys("CN") == {"cn"}
    # The library learns a new role: the new book finds it, the old one's memory is its own.
    after = RoleBook(["ward manager", "charge nurse"], {"cn": "charge nurse"})
    assert after.find(WARD[2]) == ["Charge nurses", "ward manager", "CNS leads"]
    assert after.keys("CN") == {"cn", "charge nurse"}
    assert before.keys("CN") == {"cn"}
    assert before.find(WARD[2]) == ["ward manager", "CNS leads"]


def test_a_full_memory_starts_over_and_still_answers(monkeypatch):
    book = RoleBook(["ward manager"])
    monkeypatch.setattr(RoleBook, "MEMO", 3)
    names = [f"ward {n} manager" for n in ("night", "day", "east", "west", "north")]
    first = [book.keys(n) for n in names]
    assert len(book._keys) <= 3
    assert (
        [book.keys(n) for n in names]
        == first
        == [RoleBook(["ward manager"]).keys(n) for n in names]
    )


NURSING = """# Charge Nurse vs Nurse Educator

## What a charge nurse does

A charge nurse runs one ward for a shift: the rota, the handover and the escalations. The
charge nurse is the first call for every bay and signs off the controlled drugs count.

## What a nurse educator does

A nurse educator teaches clinical skills to new staff and checks each competency. The nurse
educator writes the induction programme and audits how the ward keeps to it.

## Pay

A charge nurse earns a band 6 salary; a nurse educator is often on band 7.
"""


def _nursing_retriever(make_settings, tmp_path, monkeypatch):
    """(kb, retriever) over the nursing article, the retriever checking the store only when a
    test asks it to (`refresh`)."""
    import assistant.retrieve as retrieve
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    path = tmp_path / "charge-nurse-vs-nurse-educator.md"
    path.write_text(NURSING, encoding="utf-8")
    assert ingest_sources([str(path)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    monkeypatch.setattr(retrieve, "CHECK_EVERY", 3600.0)
    return kb, retriever


def test_a_retriever_reads_a_chunk_once_until_the_store_is_written(
    make_settings, tmp_path, monkeypatch
):
    kb, retriever = _nursing_retriever(make_settings, tmp_path, monkeypatch)
    found = retriever.search("charge nurse rota", 3, about="charge nurse")
    assert found and all("charge nurse" in f"{p.section} {p.text}".lower() for p in found[:1])
    first = found[0]
    # Another writer changes the chunk's heading behind this retriever's back (no new stamp).
    kb.chunks.update(ids=[first.id], metadatas=[{"section": "Night shift"}])
    again = retriever.search("charge nurse rota", 3, about="charge nurse")
    # Until the store is checked again, the chunks read stand: the same passages, as read.
    assert [(p.id, p.text, p.section) for p in again] == [(p.id, p.text, p.section) for p in found]
    retriever.refresh()  # no new stamp: nothing was written as far as readers can tell
    kept = retriever.search("charge nurse rota", 3, about="charge nurse")
    assert [p.section for p in kept] == [p.section for p in found]
    kb.update_record(first.source, {"note": "rota changed"})  # a write, with its new stamp
    retriever.refresh()  # a new question checks the store: what was read is read afresh
    after = retriever.search("charge nurse rota", 3, about="charge nurse")
    assert [p.id for p in after] == [p.id for p in found]
    assert after[0].section == "Night shift"


def test_a_retriever_sees_changed_metadata_after_its_next_check(
    make_settings, tmp_path, monkeypatch
):
    import json

    kb, retriever = _nursing_retriever(make_settings, tmp_path, monkeypatch)
    found = retriever.search("nurse educator induction", 2, about="nurse educator")
    assert found and not found[0].cited_by
    cites = [{"source": "https://example.org/ward-guide", "title": "Ward guide"}]
    # as following a reference does: the source's record, then its chunks' metadata
    kb.update_record(found[0].source, {"followed_from": json.dumps(["https://example.org"])})
    ids = kb.chunks.get(where={"source": found[0].source}, include=[])["ids"]
    kb.chunks.update(ids=ids, metadatas=[{"cited_by": json.dumps(cites)}] * len(ids))
    retriever.refresh()
    again = retriever.search("nurse educator induction", 2, about="nurse educator")
    assert again[0].cited_by == cites


def test_what_a_chunk_speaks_of_and_whole_articles_stand_until_the_next_write(
    make_settings, tmp_path, monkeypatch
):
    """Whether a chunk speaks of a side's role, and an article's chunks read whole, are kept
    like the chunks read: the same until a write moves the store's stamp, then found afresh."""
    from knowledge.schema import TEXT

    kb, retriever = _nursing_retriever(make_settings, tmp_path, monkeypatch)
    found = retriever.search("nurse educator induction", 2, about="nurse educator")
    first = found[0]
    assert "nurse educator" in first.text.lower()
    assert ("nurse educator", first.id) in retriever._speaks
    whole = retriever.passages_of(first.source)
    assert first.id in {p.id for p in whole}
    # Another writer rewrites that chunk about something else, with no new stamp: what was
    # found stands, as the chunks read do.
    other = "The ward closes its visiting hours at eight in the evening."
    kb.chunks.update(
        ids=[first.id], metadatas=[{TEXT: other, "title": "Ward Notes", "section": "Visiting"}]
    )
    again = retriever.search("nurse educator induction", 2, about="nurse educator")
    assert [p.id for p in again] == [p.id for p in found]
    assert [p.text for p in retriever.passages_of(first.source)] == [p.text for p in whole]
    # A write with its new stamp: the chunk no longer speaks of the role, the article is read
    # again.
    kb.update_record(first.source, {"note": "visiting hours"})
    retriever.refresh()
    assert retriever._speaks == {}
    after = retriever.search("nurse educator induction", 2, about="nurse educator")
    assert first.id not in {p.id for p in after}
    assert retriever._speaks[("nurse educator", first.id)] is False
    assert other in [p.text for p in retriever.passages_of(first.source)]


@needs_dev
def test_a_dev_article_reads_the_same_passages_from_memory(make_settings, monkeypatch):
    import assistant.retrieve as retrieve
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    assert ingest_sources([str(seed)], kb, settings).ok
    retriever = Retriever(kb)
    monkeypatch.setattr(retrieve, "CHECK_EVERY", 3600.0)
    sides = ["AI engineer", "machine learning engineer"]
    retriever.refresh()
    cold = [retriever.search(f"{s} salary", 6, about=s) for s in sides]
    warm = [retriever.search(f"{s} salary", 6, about=s) for s in sides]
    assert len(retriever._read) > 0

    def shown(lists):
        return [[(p.id, p.text, p.score, p.dense, p.bm25) for p in lst] for lst in lists]

    assert shown(warm) == shown(cold)
    retriever.refresh()  # nothing written: what was read stands
    assert retriever._read
    kb.update_record(cold[0][0].source, {"note": "checked"})
    retriever.refresh()  # a write: read afresh
    assert retriever._read == {}
    assert shown([retriever.search(f"{s} salary", 6, about=s) for s in sides]) == shown(cold)


KITCHEN = """# Pastry Chef vs Line Cook

## What a pastry chef does

A pastry chef plans the desserts, laminates dough before dawn and costs every plated sweet.

## What a line cook does

A line cook works one station of the pass during service and preps it beforehand.
"""


def test_the_library_learning_a_role_gives_a_book_that_finds_it(make_settings, tmp_path):
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    ward = tmp_path / "charge-nurse-vs-nurse-educator.md"
    ward.write_text(NURSING, encoding="utf-8")
    assert ingest_sources([str(ward)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    text = "A pastry chef and a charge nurse both start before dawn."
    book = retriever.library.roles
    assert [book.key(r) for r in book.find(text)] == ["charge nurse"]
    assert book.keys("pastry chef") == {"pastry chef"}  # remembered by this book
    kitchen = tmp_path / "pastry-chef-vs-line-cook.md"
    kitchen.write_text(KITCHEN, encoding="utf-8")
    assert ingest_sources([str(kitchen)], kb, settings).ok
    retriever.refresh()
    learned = retriever.library.roles
    assert learned is not book
    assert [learned.key(r) for r in learned.find(text)] == ["pastry chef", "charge nurse"]
    assert [book.key(r) for r in book.find(text)] == ["charge nurse"]


# -- the quick test a side's search runs before the full one ------------------------------------


def _names(book, text, side):
    wanted = book.keys(side)
    return any(book.keys(r) & wanted for r in book.find(text))


def _never_misses(book, texts, sides):
    """Where the full search finds the side, the quick test says "search it"; returns how
    many texts it let the search skip."""
    skipped = 0
    for side in sides:
        may = book.may_name(book.keys(side))
        for text in texts:
            if not may(text):
                skipped += 1
                assert not _names(book, text, side), (side, text)
    return skipped


WARD_BOOK = (
    ["clinical nurse specialist", "ward manager", "charge nurse", "nurse educator", "CNS"],
    {"cns": "clinical nurse specialist", "wm": "ward manager"},
)
WARD_SIDES = ["clinical nurse specialist", "CNS", "ward manager", "charge nurse", "exam officer"]
WARD_MORE = WARD + [
    "Clinical-nurse specialists and WMs meet; CNSs audit.",
    "The c.n. specialist and the ward-manager+ role",
    "A clinical nurse specialist's day: clinical, nursing and specialist work.",
    "Wards need managers; nurses need specialists.",
    "Senior staff and the nurse lead/exam officer plan the rota.",
    "İstanbul clinical nurse specialists",
]


def test_the_quick_test_never_hides_a_side_in_invented_text():
    book = RoleBook(*WARD_BOOK)
    skipped = _never_misses(book, WARD_MORE, WARD_SIDES)
    # ... and it does spare the full search where a text names other roles only
    may = book.may_name(book.keys("exam officer"))
    assert not may(WARD[1]) and not may(WARD[3])
    assert may(WARD[4])
    assert skipped >= 10


def test_initials_and_abbreviations_pass_the_quick_test():
    book = RoleBook(
        ["machine learning engineer", "AI engineer", "MLE"], {"mle": "machine learning engineer"}
    )
    may = book.may_name(book.keys("ML engineer"))
    for text in [
        "Machine learning engineers train models.",
        "AI/ML engineers ship models.",
        "An MLE trains models.",
        "MLEs train models.",
        "Machine Learning Engineering at scale",
        "Our ML engineers",
    ]:
        assert _names(book, text, "ML engineer"), text
        assert may(text), text
    assert not may("A data engineer and a platform engineer build pipelines.")
    assert not may("Maintaining models is an engineer's daily work.")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["machine", "learning", "ml", "mle", "MLEs", "ai", "AI", "engineer", "engineers"]
            + ["engineering", "nurse", "clinical", "specialist", "cns", "and", "the", "a"]
            + [" ", " ", " ", "/", "-", ".", "+", "-plus", ",", "Σ", "İ"]
        ),
        max_size=16,
    )
)
def test_the_quick_test_never_hides_a_side_in_any_mix_of_words(parts):
    text = "".join(parts)
    book = RoleBook(
        ["machine learning engineer", "AI engineer", "clinical nurse specialist"],
        {"mle": "machine learning engineer", "cns": "clinical nurse specialist"},
    )
    sides = ["ML engineer", "AI engineer", "machine learning engineer", "MLE", "CNS"]
    _never_misses(book, [text], sides + ["clinical nurse specialist", "nurse specialist"])


@needs_dev
def test_the_quick_test_never_hides_a_side_in_the_dev_articles():
    from assistant.understand.vocabulary import Library

    paragraphs = []
    for path in sorted(DEV.iterdir()):
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs += [p for p in text.split("\n\n") if p.strip()][:400]
    names = ["AI engineer", "machine learning engineer", "SRE", "DevOps engineer"]
    names += ["front-end developer", "product manager", "data scientist", "data engineer"]
    lib = Library.build(paragraphs[:300], [{"source": "dev", "title": n} for n in names[:1]] * 300)
    for book in (lib.roles, RoleBook(names, {"sre": "site reliability engineer"})):
        sides = names + ["ML engineer", "site reliability engineer", "frontend", "staff engineer"]
        _never_misses(book, paragraphs, sides)


CLASSROOM = """# Classroom Teacher vs Teaching Assistant

## Marking

A classroom teacher marks every essay within a week (Reed, 2022). A teaching assistant runs
the reading group while the teacher marks (Okafor, 2021).

## References

Reed, M. (2022). Feedback that lands. Chalk Press. https://example.org/feedback

Okafor, T. (2021). Small groups in the primary classroom. Slate Books. https://example.org/groups
"""


def test_reference_records_read_stand_until_the_next_write(make_settings, tmp_path, monkeypatch):
    """The reference records an answer links to are read once and kept, like the chunks read,
    until a write moves the store's stamp; ids not stored stay absent."""
    import assistant.retrieve as retrieve
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    path = tmp_path / "teacher-vs-assistant.md"
    path.write_text(CLASSROOM, encoding="utf-8")
    assert ingest_sources([str(path)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()
    monkeypatch.setattr(retrieve, "CHECK_EVERY", 3600.0)
    cited = [r for p in retriever.search("teacher marks essays", 3) for r in p.ref_ids]
    assert cited
    asked = [*cited, "ref-not-stored"]
    first = retriever.references_by_id(asked)
    assert first == kb.references_by_id(asked) and "ref-not-stored" not in first
    ref = cited[0]
    url = first[ref]["url"]
    first[ref]["url"] = "changed by a caller"  # callers get copies
    kb.references.update(ids=[ref], metadatas=[{"url": "https://example.org/moved"}])
    # Another writer changes the record with no new stamp: what was read stands.
    assert retriever.references_by_id([ref])[ref]["url"] == url != "https://example.org/moved"
    kb.update_record(str(path.resolve()), {"note": "links checked"})  # a write, new stamp
    retriever.refresh()
    assert retriever.references_by_id([ref])[ref]["url"] == "https://example.org/moved"
