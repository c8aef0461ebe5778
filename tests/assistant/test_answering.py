"""Answering strategies, the result model and the LangChain retriever, on real stores: the seed
article alone, and the seed with three development articles by other authors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from assistant.result import AskResult
from knowledge.settings import REPO_ROOT, get_settings
from tests.assistant.conftest import DEV, dev_library

DEV_ARTICLES = [
    "datatalksclub-data-team-roles-explained.md",
    "cds-so-what-exactly-is-a-product-manager.md",
    "front-end-developer-handbook-2019.html",
]
MARKER = re.compile(r"\[(\d+)\]")
JSON_FIELDS = [
    "question",
    "answer",
    "mode",
    "abstained",
    "citations",
    "passages",
    "notice",
    "unsupported",
    "incomplete",
    "removed_markers",
    "stripped",
    "comparison",
    "query",
    "timings_ms",
]


def _settings(store):
    settings = get_settings(store=store)
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    return settings


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """An Assistant over the seed article plus three development articles."""
    return dev_library(tmp_path_factory, "library", DEV_ARTICLES)


def _cells(answer: str) -> list[list[str]]:
    rows = [ln for ln in answer.splitlines() if ln.startswith("|")][2:]
    return [[c.strip() for c in row.strip("|").split("|")][1:] for row in rows]


def test_ask_returns_one_model_with_the_json_fields(assistant):
    result = assistant.ask("Which role pays more?")
    assert isinstance(result, AskResult)
    data = result.to_json()
    assert list(data) == JSON_FIELDS
    assert json.loads(json.dumps(data)) == data
    assert result["answer"] == result.answer and result.get("nothing", 7) == 7
    with pytest.raises(KeyError):
        result["nothing"]


def test_a_comparison_cell_cites_a_passage_about_its_own_side(library):
    book = library.retriever.library.roles
    for question in [
        "Compare data analysts and data scientists",
        "Who earns more, a front-end developer or an ML engineer?",
    ]:
        result = library.ask(question)
        sides = result["comparison"]
        assert sides and len(sides) == 2, question
        cells = _cells(result["answer"])
        assert cells, result["answer"]
        by_n = {c["n"]: c for c in result["citations"]}
        for row in cells:
            for side, cell in zip(sides, row, strict=True):
                n = int(MARKER.findall(cell)[-1])
                cited = by_n[n]
                context = f"{cited['title']} {cited['section']} {cited['text']}"
                named = {k for r in book.find(context) for k in book.keys(r)}
                assert book.keys(side) & named, (question, side, cell)
                assert len(MARKER.sub("", cell).replace("…", "").split()) <= 31, cell


def test_a_comparison_overview_describes_each_side_alone(library):
    """With no aspect asked, each side's overview is a sentence about that role, not one that
    names another role beside it as a joint subject ("AI and ML engineers are ...") or only its
    heading. Another role may appear later in it ("ML engineers take whatever data scientists
    build ...")."""
    book = library.retriever.library.roles
    for question in [
        "Compare an AI engineer with a data engineer.",
        "machine learning engineer vs data analyst: what's the difference?",
    ]:
        result = library.ask(question)
        sides = result["comparison"]
        assert sides and len(sides) == 2, question
        overview = [ln for ln in result["answer"].splitlines() if ln.startswith("| Overview |")]
        assert overview, result["answer"]
        cells = [c.strip() for c in overview[0].strip("|").split("|")][1:]
        for side, cell in zip(sides, cells, strict=True):
            text = MARKER.sub("", cell).strip()
            named = book.find(text)
            assert named, (side, cell)
            assert book.keys(named[0]) & book.keys(side), (side, cell)
            opening = " ".join(text.split()[: len(named[0].split()) + 3]).lower()
            others = [r for r in named[1:] if not book.keys(r) & book.keys(side)]
            assert not any(r.lower() in opening for r in others), (side, cell)
            assert len(text.split()) > len(side.split()) + 2, (side, cell)


def test_cross_article_comparison_cites_each_side_from_its_own_article(library):
    result = library.ask("Who earns more, a front-end developer or an ML engineer?")
    sources = {c["source"].rsplit("/", 1)[-1] for c in result["citations"]}
    assert "front-end-developer-handbook-2019.html" in sources
    assert "ai-engineer-vs-machine-learning-engineer.txt" in sources or any(
        "datatalksclub" in s for s in sources
    )


def test_a_question_naming_two_roles_is_not_hijacked_by_a_title_pair(library):
    result = library.ask("What is the difference between product managers and project managers?")
    assert result["comparison"] is None or "AI" not in " ".join(result["comparison"])
    assert "AI Engineer vs" not in result["answer"]


def test_a_sentence_that_introduces_a_list_brings_its_items(library):
    result = library.ask("What skills should a data analyst have?")
    answer = result["answer"]
    intro = next(
        (ln for ln in answer.splitlines() if ln.rstrip(" []0123456789").endswith(":")), None
    )
    assert intro, answer
    items = [ln for ln in answer.splitlines() if ln.startswith("- ")]
    assert len(items) >= 3, answer
    assert all(c["quote"] in c["text"] for c in result["citations"])


def test_answers_never_open_mid_sentence(library):
    for question in [
        "What does a product manager do?",
        "Should I become a full-stack developer?",
        "What do data engineers build?",
    ]:
        answer = library.ask(question)["answer"]
        first = answer.lstrip('*_"“ ')[:1]
        assert first and not first.islower(), (question, answer[:80])


def test_author_and_date_come_from_the_article_metadata(seeded_store, tmp_path):
    from assistant.service import Assistant
    from knowledge.schema import AUTHORS, PUBLISHED
    from knowledge.store import open_knowledge_base

    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    kb = open_knowledge_base(_settings(store))
    source = next(iter(kb.records()))
    # Written as ingest writes metadata: through the store, which stamps the change (a direct
    # Chroma edit would not be seen by readers that follow the stamp, the answer cache too).
    kb.update_record(source, {AUTHORS: "Jane Roe, Ada Poe", PUBLISHED: "2024-03-05"})
    a = Assistant(_settings(store), kb)
    history = [{"role": "user", "content": "What does an ML engineer do?"}]
    who = a.ask("Who wrote the article?", history)
    # the article is named by its file, never by the server's path to it
    assert "Jane Roe, Ada Poe" in who["answer"] and Path(source).name in who["answer"]
    assert source not in who["answer"]
    assert not who["abstained"]
    when = a.ask("When was it published?", history)
    assert "March 5, 2024" in when["answer"]
    both = a.ask("Who wrote the article and when?", history)  # the byline and the date
    assert "Jane Roe, Ada Poe" in both["answer"] and "March 5, 2024" in both["answer"]
    kb.update_record(source, {AUTHORS: ""})
    missing = a.ask("Who wrote the article?", history)
    assert missing["abstained"] and "does not name its author" in missing["answer"]


def test_the_hybrid_retriever_is_a_langchain_retriever(seeded_store):
    from langchain_core.retrievers import BaseRetriever
    from langchain_core.runnables import RunnableLambda

    from assistant.langchain_retriever import HybridRetriever

    retriever = HybridRetriever.open(_settings(seeded_store), k=3)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("How much do senior ML engineers earn?")
    assert len(docs) == 3
    stored = retriever.retriever.kb.chunk_records([d.id for d in docs])
    meta = {cid: m for cid, (_text, m) in stored.items()}
    for d in docs:
        assert {k: v for k, v in d.metadata.items() if k not in ("score", "bm25", "dense")} == meta[
            d.id
        ]
        assert d.metadata["score"] > 0
    assert any("$245,000" in d.page_content for d in docs)
    chain = retriever | RunnableLambda(lambda ds: [d.metadata["section"] for d in ds])
    assert len(chain.invoke("Which role pays more?")) == 3


def _role_rows(answer: str) -> list[str]:
    """The rows of a ranking's table, one per role (not its header or separator)."""
    rows = [ln for ln in answer.splitlines() if ln.startswith("| ")]
    return [ln for ln in rows[1:] if not ln.startswith("| ---")]


def test_which_role_pays_the_most_lists_each_roles_figure(library):
    result = library.ask("Which of these roles pays the most?")
    lines = _role_rows(result["answer"])
    assert len(lines) >= 2, result["answer"]
    for line in lines:
        assert MARKER.search(line) and re.search(r"\$\s?\d", line), line
    assert len({c["source"] for c in result["citations"]}) >= 1


def test_who_wrote_it_after_a_role_question_names_the_article(library):
    history = [
        {"role": "user", "content": "What does a product manager do?"},
        {"role": "assistant", "content": "Product managers make sure the right thing gets built."},
    ]
    who = library.ask("Who wrote the article?", history)
    assert not who["abstained"] or "does not name its author" in who["answer"]
    assert "don't discuss" not in who["answer"]
    assert "Source: " in who["answer"]
    history += [
        {"role": "user", "content": "Who wrote the article?"},
        {"role": "assistant", "content": who["answer"]},
    ]
    when = library.ask("When was it published?", history)
    source = who["answer"].rsplit("Source: ", 1)[-1].strip()
    assert when["answer"].rsplit("Source: ", 1)[-1].strip() == source


NOTES = """# Field Notes on Hiring Engineers

Structured interviews predict performance better than unstructured ones (Smith, 2024).
Work samples beat puzzles for most roles (Doe, 2023).

## References

Smith, J. (2024). Structured hiring guide. Acme Press. https://example.org/hiring

Doe, A. (2023). Interview loops that work. Beta Books. https://example.org/loops
"""


def test_a_question_for_the_reference_list_quotes_every_entry_of_that_article(
    seeded_store, tmp_path
):
    """ "What references does the article list?" is answered with the whole list of the article
    asked about, each entry cited; a question about one claim's source is not."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    notes = tmp_path / "hiring-notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    kb = open_knowledge_base(_settings(store))
    assert ingest_sources([str(notes)], kb, _settings(store)).ok
    a = Assistant(_settings(store), kb)
    sources = {Path(s).name: s for s in kb.records()}
    expected = {
        "hiring-notes.md": ["Structured hiring guide", "Interview loops that work"],
        "ai-engineer-vs-machine-learning-engineer.txt": ["Levels.fyi", "LinkedIn", "Gartner"],
    }
    for name, titles in expected.items():
        got = a.ask("What references does the article list?", source=sources[name])
        assert not got["abstained"]
        for title in titles:
            line = next(ln for ln in got["answer"].splitlines() if title in ln)
            assert MARKER.search(line), line
        assert len(got["citations"]) == len(titles)
    # The article named by its title, or its file name, with no source given.
    for question in (
        "What references do the field notes on hiring list?",
        "Which sources does hiring-notes cite?",
    ):
        got = a.ask(question)
        assert "Structured hiring guide" in got["answer"], got["answer"]
        assert "Levels.fyi" not in got["answer"]
    one = a.ask(
        "Where does the claim about work samples come from?", source=sources["hiring-notes.md"]
    )
    assert "lists these references" not in one["answer"]


BAKERY = """# Running a Small Bakery Team

Most bakers start their shift at four in the morning. That early start exists because dough
needs hours to rise before the shop opens at seven. Nobody enjoys the alarm, but the bread
would not be ready otherwise.

Our apprentices rotate between the oven and the counter every week.
"""

LIGHTHOUSE = """Keeping a Lighthouse

The keeper climbs the tower twice every night to check the lamp.
The lens collects salt from the sea air, so a dirty lens dims the beam within hours. Ships
rely on that beam to find the harbour entrance in a storm.

Keepers log the weather in a ledger each morning.
"""


@pytest.mark.parametrize(
    ("name", "text", "said", "reason"),
    [
        (
            "bakery.md",
            BAKERY,
            "Bakers usually start their shift at four in the morning.",
            "dough needs hours to rise",
        ),
        (
            "lighthouse.txt",
            LIGHTHOUSE,
            "The keeper climbs the tower twice a night to check the lamp.",
            "dirty lens dims the beam",
        ),
    ],
)
def test_why_after_an_answer_is_answered_by_what_follows_it_in_the_article(
    seeded_store, tmp_path, name, text, said, reason
):
    """An article gives its reason right after the sentence an answer said: "Why is that?"
    quotes what follows it, not the sentence the reader has already read."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    kb = open_knowledge_base(_settings(store))
    assert ingest_sources([str(path)], kb, _settings(store)).ok
    a = Assistant(_settings(store), kb)
    history = [
        {"role": "user", "content": "What does the job look like early on?"},
        {"role": "assistant", "content": f"{said} [1]"},
    ]
    for question in ("Why is that?", "Why does that matter so much?"):
        got = a.ask(question, history)
        assert reason in got["answer"], got["answer"]
        assert MARKER.search(got["answer"]) and got["citations"]
        assert " ".join(said.split()[1:4]) not in got["answer"]  # what was already said
    # A why-question with a topic of its own is answered on that topic.
    own = a.ask("Why do apprentices rotate between stations?", history)
    assert reason not in own["answer"]


def _run(strategy, evidence):
    gen = strategy.answer(evidence)
    try:
        while True:
            next(gen)
    except StopIteration as done:
        return done.value


@pytest.mark.parametrize(
    ("verdict", "score", "shown"),
    [
        # one role, matching the question better than a figure shown: the article's own word
        ("If you want the highest ceiling, the ML engineer path is the one to aim for.", 0.5, True),
        ("For the most money over a career, AI engineers have the better odds.", 0.45, True),
        # both roles at once, or weaker than every figure: no verdict
        ("ML engineers and AI engineers both earn well at the top.", 0.5, False),
        ("ML engineers tend to enjoy the research side of the work.", 0.2, False),
    ],
)
def test_which_role_pays_the_most_also_quotes_the_articles_own_verdict(
    library, verdict, score, shown
):
    """Besides each role's figure, the sentence in which an article itself says which path
    leads, when it speaks of one role and matches the question as well as a figure shown."""
    from assistant.answering import Evidence, RankingStrategy
    from assistant.evidence import Sentence, TermMatcher
    from assistant.understand import understand
    from knowledge.schema import Passage

    texts = [
        "ML engineers earn a median base salary of $160,000 at large companies.",
        "AI engineers earn a median base salary of $150,000 at large companies.",
        verdict,
    ]
    passages = [
        Passage(id=str(i), text=t, source="s", title="t", section="", ref_ids=[], chunk_index=i)
        for i, t in enumerate(texts)
    ]
    sentences = sorted(
        [
            Sentence(i, 0, t, score=sc)
            for i, (t, sc) in enumerate(zip(texts, [0.6, 0.3, score], strict=True))
        ],
        key=lambda x: x.score,
        reverse=True,
    )
    question = "Which of these roles pays the most?"
    query = understand(question, [], library.retriever.library)
    kb = library.kb
    evidence = Evidence(
        query=query,
        passages=passages,
        sentences=sentences,
        matcher=TermMatcher(question, library.retriever, kb.embedder, roles=query.roles),
        retriever=library.retriever,
        references=kb.references_by_id,
        record=kb.record,
        kb=kb,
    )
    draft = _run(RankingStrategy(), evidence)
    figures = _role_rows(draft.answer)
    assert len(figures) == 2, draft.answer
    assert (verdict in draft.answer) is shown, draft.answer
    if shown:
        line = next(ln for ln in draft.answer.splitlines() if verdict in ln)
        assert MARKER.search(line) and verdict not in "\n".join(figures)


def test_why_after_a_list_item_does_not_quote_the_next_item_as_its_reason(seeded_store, tmp_path):
    """A list item is a point of its own: the item after it gives no reason for it."""
    from assistant.answering import ExtractiveStrategy
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    path = tmp_path / "keeper-tips.md"
    path.write_text(
        "# Tips for New Lighthouse Keepers\n\nEvery new keeper should follow three habits:\n\n"
        "- Climb the tower twice every night to check the lamp.\n"
        "- Log the weather in the ledger each morning.\n"
        "- Polish the brass fittings on Sundays.\n",
        encoding="utf-8",
    )
    kb = open_knowledge_base(_settings(store))
    assert ingest_sources([str(path)], kb, _settings(store)).ok
    a = Assistant(_settings(store), kb)
    history = [
        {"role": "user", "content": "What should a new keeper do?"},
        {
            "role": "assistant",
            "content": "Climb the tower twice every night to check the lamp. [1]",
        },
    ]
    query = a.understand("Why is that?", history)
    vec = kb.embedder.embed_batch([query.text])[0]
    from assistant.answering import Evidence
    from assistant.evidence import TermMatcher, score_sentences

    passages = a._retrieve(query, vec, 5, None)
    matcher = TermMatcher(query.text, a.retriever, kb.embedder, roles=query.roles)
    evidence = Evidence(
        query=query,
        passages=passages,
        sentences=score_sentences(query, matcher, vec, passages, kb.embedder),
        matcher=matcher,
        retriever=a.retriever,
        references=kb.references_by_id,
        record=kb.record,
        history=history,
        kb=kb,
    )
    assert ExtractiveStrategy()._reason_after(evidence) is None
    # After a comparison table, "why" asks why the sides differ: no one sentence's sequel.
    table = (
        "**Keepers vs Pilots**\n\n| Aspect | Keepers | Pilots |\n| --- | --- | --- |\n"
        "| Overview | Climb the tower twice every night to check the lamp. [1] | Steer ships. [2] |"
    )
    evidence.history = [history[0], {"role": "assistant", "content": table}]
    assert ExtractiveStrategy()._reason_after(evidence) is None


def test_an_answer_with_a_list_keeps_to_the_word_budget():
    """The items a list intro brings count against the budget: the last sentences give way."""
    from assistant.answering import ANSWER_WORDS, _within_budget
    from assistant.evidence import Sentence

    intro = Sentence(0, 0, "Data engineers build platforms used in four ways:")
    items = [" ".join(["word"] * 30) for _ in range(4)]  # 120 words of items
    first = Sentence(1, 0, "Data engineers link strategy and the people who use the data.")
    last = Sentence(2, 0, "A data scientist, on the other hand, creates machine learning services.")
    lists = {(0, 0): (0, items)}
    kept = _within_budget([first, intro, last], lists)
    assert kept == [first, intro]
    assert sum(len(s.text.split()) for s in kept) + 120 <= ANSWER_WORDS
    # without the list, all three fit
    assert _within_budget([first, intro, last], {}) == [first, intro, last]


def test_a_reference_entry_answers_only_a_question_about_sources(assistant):
    """ "Research" in a question matches "Gartner Research" in the reference list; the entry
    names a source and answers nothing else. A source question still quotes it."""
    library = assistant
    result = library.ask("Is AI engineering more about research or engineering?")
    assert not result["abstained"], result["answer"]
    quoted = {c["quote"] for c in result["citations"]}
    assert not any("(2025)" in q or "(2026)" in q for q in quoted), result["answer"]
    source = library.ask("Where does the $245,000 figure come from?")
    assert "Levels.fyi. (2026)" in source["answer"], source["answer"]


def test_a_dev_articles_initials_and_owned_subjects_name_their_role(library):
    """The data-team article heads a section "Site Reliability Engineer" and writes "SREs" in
    its text: "The role of SREs is similar to the ML engineer, but ..." is the SREs' sentence,
    and "Similar to an SRE, the responsibility of an MLOps Engineer ..." is neither side's."""
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    book = library.retriever.library.roles
    assert book.one_role("SREs", "site reliability engineer")
    text = (DEV / "datatalksclub-data-team-roles-explained.md").read_text(encoding="utf-8")
    text = " ".join(text.split())
    similar = re.search(r"The role of SREs [^.]{1,200}\.", text).group(0)
    mlops = re.search(r"Similar to an SRE, [^.]{1,200}\.", text).group(0)
    finder = SideFinder(["site reliability engineer", "ML engineer"], book)
    p = Passage(
        id="p", source="d.md", title="Roles", section="Roles", text="t", chunk_index=0, ref_ids=[]
    )
    assert side_of(Sentence(0, 0, similar), [p], finder) == 0
    assert side_of(Sentence(0, 1, mlops), [p], finder) is None


def test_a_comparison_says_when_no_side_has_the_asked_aspect(library):
    """Neither the data-team article nor the product-management one gives pay: the table of
    what they do say ends with a line that pay is not covered."""
    r = library.ask("Which pays more, a data analyst or a product manager?")
    assert r.comparison and not r.abstained, r.answer
    assert "**Pay**: the articles do not cover this for Data Analyst or Product Manager." in (
        r.answer
    ), r.answer
    # the seed article does give both roles' pay: a row, no such line
    r = library.ask("Which pays more, an AI engineer or an ML engineer?")
    assert "| Pay |" in r.answer and "do not cover" not in r.answer, r.answer


def test_a_rows_cells_come_from_the_dev_article_that_has_both_sides(library):
    """The data-team article speaks of both roles' work; the seed article of one of them only.
    Each cell of a row both articles fill is the data-team article's."""
    result = library.ask("What's the difference between an SRE and an ML engineer on a data team?")
    assert result.comparison and len(result.comparison) == 2, result.answer
    by_n = {c["n"]: c for c in result.citations}
    rows = [ln for ln in result.answer.splitlines() if ln.startswith("| Day-to-day work |")]
    assert rows, result.answer
    cells = [c for c in rows[0].strip("|").split("|")[1:]]
    sources = {Path(by_n[int(MARKER.findall(c)[-1])]["source"]).name for c in cells}
    assert sources == {"datatalksclub-data-team-roles-explained.md"}, result.answer


def test_that_set_against_a_new_role_compares_the_earlier_one(library):
    """ "And how is that different from a data scientist?" after a question about data
    engineers: a table of the two, each side cited; "Which one ..." next keeps both."""
    first = "What does a data engineer do?"
    earlier = library.ask(first)
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": earlier.answer},
    ]
    second = "And how is that different from a data scientist?"
    r = library.ask(second, history)
    assert r.comparison and [s.lower() for s in r.comparison] == [
        "data engineer",
        "data scientist",
    ], r.answer
    quotes = " ".join(c["quote"] for c in r.citations).lower()
    assert "data engineer" in quotes and "data scientist" in quotes, r.answer
    history += [{"role": "user", "content": second}, {"role": "assistant", "content": r.answer}]
    r = library.ask("Which one needs more programming?", history)
    assert r.comparison and len(r.comparison) == 2, r.answer


def test_a_dev_sentence_set_against_one_side_speaks_of_the_other(library):
    """The practitioners' guide: "Not just for a data engineer, preprocessing also occupies a
    large portion of data analyst and scientist's working hours" is the data scientists'
    sentence ("analyst and scientist" shares "data"), not the data engineers'."""
    import html

    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    raw = (DEV / "practitioners-guide-data-science-role-and-skill-tracks.html").read_text(
        encoding="utf-8"
    )
    text = " ".join(html.unescape(re.sub(r"<[^>]{0,500}>", " ", raw)).split())
    sentence = re.search(r"Not just for a data engineer, [^.]{1,200}\.", text).group(0)
    finder = SideFinder(["data engineer", "data scientist"], library.retriever.library.roles)
    p = Passage(
        id="p",
        source="g.html",
        title="Guide",
        section="Others",
        text="t",
        chunk_index=0,
        ref_ids=[],
    )
    assert side_of(Sentence(0, 0, sentence), [p], finder) == 1


def test_as_much_as_on_the_seed_is_answered_by_a_pay_cell_that_compares(library):
    """ "Do AI engineers get paid as much as ML engineers?" is a comparison of pay: the AI
    engineers' pay cell is the article's sentence that sets their salaries against the others'
    ("... slightly lower median salaries"), not a salary range on its own."""
    r = library.ask("Do AI engineers get paid as much as ML engineers?")
    assert r.comparison and len(r.comparison) == 2, r.answer
    pay = [ln for ln in r.answer.splitlines() if ln.startswith("| Pay |")]
    assert pay, r.answer
    first = pay[0].strip("|").split("|")[1]
    assert re.search(r"\b(more|less|lower|higher|than|as much as|match)\b", first), r.answer


def test_a_subject_the_library_never_mentions_is_declined(library):
    r = library.ask("What does a pharmacist need to study?")
    assert r.abstained and "never mention pharmacist" in r.answer, r.answer
    assert not library.ask("What does a data analyst do?").abstained


def test_a_dev_field_finds_the_initials_of_its_role(library):
    """The product-manager article abbreviates "product manager (PM)": "product management"
    searches for "PM" too, and the field's side finds the passage that writes only "a PM"."""
    retriever = library.retriever
    assert "pm" in retriever.query_terms("product management")
    assert "pm" not in retriever.query_terms("project management")
    found = retriever.search("product management", 15, roles=[], about="product management")
    assert any("a PM is more about" in p.text for p in found)
    # ... and it is among the passages the comparison of the two fields reads, as is the one
    # saying what project management is about
    result = library.ask("How is product management different from project management?")
    read = " ".join(p["text"] for p in result.passages)
    assert "a PM is more about" in read and "project management is about milestones" in read
    # "But a PM is more about ...": the field's role is the passage's subject
    from assistant.compare import describes

    contrast = next(p for p in found if "a PM is more about" in p.text)
    assert describes(contrast.text, "product management", retriever.library.roles)


# Three articles written for these tests (libraries and archives): one sets the librarian and the
# archivist side by side but gives the librarian's pay only; another gives librarians' pay at
# length; the archivist's pay sits in a third article about something else (a county archive).
SIDE_ARTICLES = {
    "librarian-or-archivist.md": """---
title: "Librarian or Archivist? Two Careers Built on Records"
author: Test Writer
date: 2025-06-01
---

# Librarian or Archivist? Two Careers Built on Records

Librarians and archivists both look after collections, but they serve readers in different
ways. This guide sets the librarian and the archivist side by side.

## What a librarian does

A librarian helps readers find books, articles and data, runs reading programmes for children
and teaches people to search catalogues. Public librarians spend much of the day at the desk.

## What an archivist does

An archivist appraises old letters, maps and records, decides what to keep, and describes each
box so that historians can find it decades later. Archivists handle fragile paper with gloves.

## Pay

Librarians earned a median of $64,000 a year, and those in university libraries often earn
more than those in small towns.

## Training

Most librarians hold a master's degree in library science. Archivists usually study history or
archival science, and many volunteer in a county archive before their first paid post.

## Skills

Librarians need patience with the public and a feel for search tools. Archivists need a
careful hand, a reading knowledge of old handwriting and a memory for dates.

## Outlook

Library jobs are projected to grow 3% over the decade, as towns cut budgets. Archivist jobs
grow with museums and digital records projects.

## Which should you choose?

If you like people and teaching, the librarian's desk suits you. If you prefer quiet rooms and
old paper, the archivist's stacks will feel like home.
""",
    "librarian-salaries.md": """---
title: "What Librarians Earn in 2025"
author: Third Writer
date: 2025-02-01
---

# What Librarians Earn in 2025

Librarian pay depends on the kind of library and the town. This survey of job adverts shows
what librarians are offered.

## University libraries

University librarians are paid the most: advertised salaries ran from $60,000 to $85,000, and
heads of special collections were paid more than $90,000.

## Public libraries

Public librarians in cities are paid about $62,000 to start; in small towns, pay for a
librarian is often closer to $48,000.

## School libraries

School librarians are paid on the teachers' scale, so their pay rises with each year of
service and with a master's degree.

## Raises

Librarians who move into management, running a branch or a system, earn the biggest raises.
""",
    "archive-careers-notes.md": """---
title: "Notes From a County Archive"
author: Another Writer
date: 2024-03-10
---

# Notes From a County Archive

The county archive opened in 1952 in the basement of the courthouse. Volunteers sorted the
first boxes by hand, and the reading room still smells of old paper.

## Visiting

The reading room is open on weekdays. Visitors sign the register, leave their bags in a locker
and use pencils only.

## Working here

Archivists earned a median of $58,000 a year, less than many people expect for a job that needs
a master's degree. The county pays its senior archivist a little more.

## Friends of the archive

The friends' group raises money for acid-free boxes and runs a lecture every spring.
""",
}


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """An extractive Assistant over the three articles above and the seed article."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("archives")
    for name, text in SIDE_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder), str(REPO_ROOT / "corpus")], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _table_row(answer: str, label: str) -> list[str]:
    line = next((ln for ln in answer.splitlines() if ln.startswith(f"| {label} |")), "")
    return [c.strip() for c in line.split("|")[2:-1]]


def test_a_side_without_evidence_on_the_topic_gets_a_search_of_its_own(archives):
    """The article that names both sides gives the librarian's pay only, and its passages fill
    the archivist's share of what is read; the archivist's pay, in an article about an archive,
    is found by the archivist's own second search: the pay row has both sides, each cited."""
    r = archives.ask("librarian or archivist: which pays more?")
    cells = _table_row(r.answer, "Pay")
    assert len(cells) == 2 and all(MARKER.search(c) for c in cells), r.answer
    assert "archivist" in cells[1].lower(), r.answer
    assert "do not cover this for Archivist" not in r.answer, r.answer
    cited = {c["source"].rsplit("/", 1)[-1] for c in r.citations}
    assert "archive-careers-notes.md" in cited, r.citations
    # the passage found is reported among the answer's passages, as the ones it cites are
    assert any(p["source"].endswith("archive-careers-notes.md") for p in r.passages)


def test_a_comparison_with_evidence_for_both_sides_reads_no_more(archives):
    """Both sides have what the question asks in the passages read: no passage is added."""
    r = archives.ask("Do librarians or archivists need more skills?")
    cells = _table_row(r.answer, "Skills")
    assert len(cells) == 2 and "patience" in cells[0] and "careful hand" in cells[1], r.answer
    assert len(r.passages) <= 8, [p["source"] for p in r.passages]


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "handbook", ["gitlab-handbook-engineering-career-development.md"]
    )


def test_an_overview_cell_says_what_the_side_is_not_a_table_field(handbook):
    """A development article (a handbook): under "Interim Manager", a table's cells were cut
    into "Application of interim period: Yes.", a field, not what an interim manager is; the
    side's cell is a sentence of its own section that says what the interim period is (its
    opening, "... we apply an interim period in the following instances …")."""
    r = handbook.ask("What's the difference between an acting manager and an interim manager?")
    cells = _table_row(r.answer, "Overview")
    assert len(cells) == 2, r.answer
    assert "Application of interim period" not in cells[1], r.answer
    assert "interim" in cells[1].lower() and "—" not in cells[1], r.answer


def test_when_was_it_published_after_naming_an_article_is_about_that_article(library):
    """ "it" is the article the last question named by its title's words, whatever the
    retrieval of that question's other words finds first."""
    who = library.ask("Who wrote the product manager article?")
    assert "product manager" in who["answer"].lower(), who["answer"]
    history = [
        {"role": "user", "content": "Who wrote the product manager article?"},
        {"role": "assistant", "content": who["answer"]},
    ]
    when = library.ask("When was it published?", history)
    source = who["answer"].rsplit("Source: ", 1)[-1].strip()
    assert when["answer"].rsplit("Source: ", 1)[-1].strip() == source, when["answer"]


ANESTHESIA = """# Nurse Anesthetist Careers

## Pay

A senior/lead nurse anesthetist can earn over $210,000 a year in a large hospital.
"""


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "ranked",
        ["front-end-developer-handbook-2019.html"],
        written={"anesthesia.md": ANESTHESIA},
    )


def test_a_bare_level_noun_beside_a_title_leaves_the_titles_figure_its_own_row(ranked):
    # "A lead/senior front-end developer/engineer ... make over $150k a year" (a dev article)
    # and "A senior/lead nurse anesthetist ...": "lead" is the title's level, no role
    result = ranked.ask("Which of these roles pays the most?")
    rows = "\n".join(_role_rows(result["answer"]))
    assert "$150k" in rows and "210,000" in rows, result["answer"]
    # the seed's own word on its roles stays beside rows from other articles
    assert (
        "outstanding salary ceiling"
        in ranked.ask(
            "If my main goal is the highest possible salary ceiling, which path should I aim for?"
        )["answer"]
    )
