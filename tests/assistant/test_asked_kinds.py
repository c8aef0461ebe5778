"""Questions that ask for things of a kind ("What skills ...?") and the words that answer them,
on a store of the seed article, a development article by another author and an article
written for these tests (a hospital ward clerk and a school learning support assistant)."""

from __future__ import annotations

import pytest

from assistant.evidence import TermMatcher, enumerates, names_a_kind
from tests.assistant.conftest import dev_library

WRITTEN = {
    "ward-clerk-vs-learning-support-assistant.md": """\
# Ward Clerk vs Learning Support Assistant: Which Job Suits You

Ward clerks and learning support assistants both work behind the scenes, one in a hospital \
and one in a school.

## What a Ward Clerk Does

A ward clerk keeps the paperwork of a hospital ward in order and types up admission \
information. This job demands stronger typing skills, often tested at interview. The job demands strong \
foundations in typing, filing, and medical terminology. Ward clerks answer the phone for the \
nurses and book patient transport through the hospital's scheduling application.

## What a Learning Support Assistant Does

A learning support assistant works beside a class teacher in a primary school. The role sits \
closer to teaching than to childcare. Learning sign language is part of the job in many schools. Learning support assistants earn between $24,000 \
and $29,000 a year.

## Which Is Easier to Get Into

There are far more learning support assistants than ward clerks, so schools hire them all \
year round. Ward clerks usually need a typing certificate before a hospital takes them on.

## Pay

Ward clerks generally earn more than learning support assistants, since hospitals pay extra \
for weekend shifts. However, learning support assistants in large schools can match a ward \
clerk's salary.

## Looking Ahead

Hospitals report strong demand for ward clerks as wards get busier. Schools say a good \
assistant will accelerate your growth as a teacher.

## Numbers

Around 12,000 learning support assistants work in Welsh schools.

## Choosing

Both jobs suit patient people, but they need different skills. If you have a background in \
retail or office admin, the ward clerk job is the natural next step.
""",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "asked-kinds",
        [
            "datatalksclub-data-team-roles-explained.md",
            "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
            "18f-a-day-in-the-life-of-an-18f-engineer.md",
        ],
        written=WRITTEN,
    )


@pytest.mark.parametrize(
    ("question", "role", "sentence"),
    [
        (
            "What skills does a learning support assistant need?",
            "learning support assistant",
            "A learning support assistant works beside a class teacher in a primary school.",
        ),
        (
            "What skills does a machine learning engineer need?",
            "machine learning engineer",
            "Machine learning engineers take the models and put them into production.",
        ),
    ],
)
def test_a_lexicon_word_inside_a_role_name_is_no_aspect_word(library, question, role, sentence):
    """ "learning" is a word of skills, but in "learning support assistant" or "Machine
    Learning Engineer" it is part of a name: a sentence naming the role says nothing of skills
    by it. The same word outside the name still meets the question ("Learning sign language")."""
    matcher = TermMatcher(question, library.retriever, library.kb.embedder, roles=[role])
    at = matcher.terms.index("skills")
    assert matcher.match(sentence)[at] == 0
    assert matcher.match("Learning sign language is part of the job.")[at] > 0


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What skills does a ward clerk need?", True),
        ("which tools do pastry chefs use", True),
        ("What kind of maths does a nurse need?", True),
        ("What degrees are required to teach?", True),
        ("What does a ward clerk do?", False),
        ("Which pays more, teaching or nursing?", False),
        ("What is the pay of a ward clerk?", False),
    ],
)
def test_a_question_asking_for_things_of_a_kind_is_told_apart(question, kind):
    assert names_a_kind(question) is kind


@pytest.mark.parametrize(
    ("sentence", "lists"),
    [
        ("The job demands strong foundations in typing, filing, and medical terminology.", True),
        ("Chefs need knife skills, patience and a good palate.", True),
        ("Learning support assistants earn between $24,000 and $29,000 a year.", False),
        ("Ward clerks, who sit at the desk, answer the phone.", False),
        ("In most schools, assistants work mornings.", False),
    ],
)
def test_a_sentence_listing_three_things_inline_is_told_apart(sentence, lists):
    assert enumerates(sentence) is lists


@pytest.mark.parametrize(
    ("question", "listing", "saying"),
    [
        (
            "What skills do I need to be a ward clerk?",
            "The job demands strong foundations in typing, filing, and medical terminology.",
            "You will find your skills improve quickly as a ward clerk.",
        ),
        (
            "What skills does a data analyst need?",
            "Data analysts need SQL, Python, and the basics of statistics.",
            "Data analysts build their skills over the years they spend on the job.",
        ),
    ],
)
def test_the_sentence_naming_the_things_asked_for_gains(library, question, listing, saying):
    """ "What skills do I need ...?" asks for skills by name: a sentence listing things inline
    gains as much as a sentence giving an asked-for figure; one that only uses the word, or
    speaks to the reader (which answers "Should I ...?"), gains nothing."""
    from assistant.evidence import ANSWER_TYPE_BONUS, score_sentences
    from assistant.understand import understand
    from knowledge.schema import Passage

    passages = [
        Passage(id=str(i), text=t, source="s", title="t", section="", ref_ids=[], chunk_index=i)
        for i, t in enumerate([saying, listing])
    ]
    query = understand(question, [], library.retriever.library)
    plain = query.model_copy(update={"question": "Tell me about this."})
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    vec = library.kb.embedder.embed_batch([query.text])[0]

    def scores(q) -> dict[str, float]:
        got = score_sentences(q, matcher, vec, passages, library.kb.embedder)
        return {s.text: s.score for s in got}

    asked, told = scores(query), scores(plain)
    assert asked[listing] == pytest.approx(told[listing] + ANSWER_TYPE_BONUS)
    assert asked[saying] == pytest.approx(told[saying])


@pytest.mark.parametrize(
    ("sides", "text", "counts"),
    [
        (["ward clerks", "learning support assistants"], "Are there more ward clerks?", True),
        (
            ["ward clerks", "learning support assistants"],
            "There are far more learning support assistants than ward clerks.",
            True,
        ),
        (
            ["ward clerks", "learning support assistants"],
            "Ward clerks generally earn more than learning support assistants.",
            False,
        ),
        (
            ["data engineers", "data scientists"],
            "Are there fewer data engineers than data scientists?",
            True,
        ),
        (["data engineers", "data scientists"], "Is there more demand for data engineers?", False),
        (["data engineers", "data scientists"], "Data scientists are more numerous.", True),
    ],
)
def test_a_text_counting_a_side_is_told_apart(library, sides, text, counts):
    from assistant.compare import SideFinder, counts_sides

    finder = SideFinder(sides, library.retriever.library.roles)
    assert counts_sides(text, finder) is counts


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "Are there more learning support assistants than ward clerks?",
            "There are far more learning support assistants than ward clerks",
        ),
        (
            "Are there fewer ward clerks than learning support assistants?",
            "There are far more learning support assistants than ward clerks",
        ),
    ],
)
def test_asking_which_side_there_are_more_of_is_answered_by_the_count(library, question, verdict):
    """ "Are there more X than Y?" counts the sides: the sentence saying which there are more
    of is the verdict, not the one saying which earns more (which answers "Which pays
    more?")."""
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert "**Verdict:** " + verdict in result.answer, result.answer
    assert "**Verdict:** Ward clerks generally earn more" not in result.answer


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("What is the job outlook for ward clerks over the next 10 years?", ["outlook"]),
        ("Will programmers be in demand in the coming decade?", ["demand"]),
        ("How many years does a ward clerk train for?", ["years", "train"]),
    ],
)
def test_a_time_horizon_names_no_topic(library, question, terms):
    """ "over the next 10 years" says when, not what: no sentence need write "next" or
    "years" to answer; "How many years" still asks for years."""
    query_roles = library.understand(question, []).roles
    matcher = TermMatcher(question, library.retriever, library.kb.embedder, roles=query_roles)
    assert matcher.terms == terms


def test_ones_own_growth_is_no_demand():
    """ "accelerate your growth" is the reader's own; "demand for ward clerks" and "the
    field's growth" speak of demand."""
    from assistant.understand.lexicon import aspect_forms
    from knowledge.text import stem

    def said(text: str) -> set[str]:
        return {st for _w, st in aspect_forms(text)}

    assert stem("growth") not in said("A good mentor will accelerate your growth as a teacher.")
    assert stem("growth") in said("The growth of home care keeps agencies hiring.")


def test_access_is_no_way_in_but_accessible_is():
    """A field "accessible" to newcomers speaks of entry; "access the data" (the data-team dev
    article's "doesn't let people just access all the data") and "access to patient files" do
    not."""
    from assistant.understand.lexicon import aspect_forms
    from knowledge.text import stem

    def said(text: str) -> set[str]:
        return {st for _w, st in aspect_forms(text)}

    assert stem("accessible") not in said("Ward clerks control who can access patient files.")
    assert stem("accessible") not in said("A system that doesn't let people access all the data.")
    assert stem("accessible") in said("Ward clerk jobs are accessible to school leavers.")


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "What is the job outlook for ward clerks over the next five years?",
            "Hospitals report strong demand for ward clerks as wards get busier.",
        ),
        (
            "What's the job outlook for programmers?",
            "As the technology industry is booming globally, the demand for skilled programmers",
        ),
    ],
)
def test_an_aspect_asked_in_a_word_no_article_writes_is_found_by_its_kin(library, question, lead):
    """No article writes "outlook": the lexicon's other words for demand find the passage that
    answers, and it leads (the question's time horizon asks nothing of it)."""
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert result.answer.startswith(lead), result.answer


def test_the_search_for_an_unwritten_aspect_word_brings_its_kin_passages_forward(library):
    """ "outlook" is written nowhere: the passages speaking of demand come first among those
    retrieved for the question (the role's other passages, pay and entry, after them)."""
    question = "What is the job outlook for ward clerks over the next five years?"
    query = library.understand(question, [])
    vec = library.kb.embedder.embed_batch([query.text])[0]
    found = library._retrieve(query, vec, 1, None)
    assert len(found) >= 3
    assert all("demand" in p.text.lower() for p in found[:2]), [p.section for p in found]


WRITTEN_SOURCE = "ward-clerk-vs-learning-support-assistant.md"


def _source(library, name: str) -> str:
    return next(src for src in library.retriever.sources() if src.endswith(name))


@pytest.mark.parametrize(
    ("question", "measured"),
    [
        ("Which job involves more data engineering?", "data engineering"),
        ("Which of the two needs less data engineering?", "data engineering"),
    ],
)
def test_a_role_after_more_is_what_is_measured_not_a_side(library, question, measured):
    """ "Which job involves more data engineering?" over the article on ward clerks and
    learning support assistants compares that article's two roles on data engineering: the
    role "more" quantifies is no side (the datatalks article makes it a role of the library)."""
    from assistant.understand.query import detect_comparison

    book = library.retriever.library.roles
    assert book.find(question)  # the library knows it as a role
    pair = ["ward clerk", "learning support assistant"]
    comparison, named = detect_comparison(question, book, pair)
    assert comparison is not None and comparison.sides == pair
    assert measured in comparison.aspect
    # two roles named, "more" before the first: they are the sides ("Are there more X than Y?")
    both, _ = detect_comparison("Are there more ward clerks than data engineers?", book, pair)
    assert both is not None and both.sides == ["ward clerks", "data engineers"]


def test_a_row_one_side_fills_names_that_side_and_keeps_a_hyphenated_topic_whole(library):
    """ "Which role is more teaching-oriented?": the row is labelled with the question's whole
    compound, and, filled for one side only, names that side (its sentence says only "The
    role ...")."""
    result = library.ask(
        "Which role is more teaching-oriented?", source=_source(library, WRITTEN_SOURCE)
    )
    assert (
        "**Teaching-oriented (Learning Support Assistant)**: The role sits closer to teaching"
        in result.answer
    ), result.answer


@pytest.mark.parametrize(
    ("aspect", "question", "label"),
    [
        ("research oriented", "Which role is more research-oriented?", "Research-oriented"),
        ("data driven", "which job is more data-driven", "Data-driven"),
        ("train", "Which takes longer to train?", "Train"),
    ],
)
def test_a_row_label_keeps_the_questions_hyphenated_compound(aspect, question, label):
    from assistant.compare import _label

    assert _label(aspect, question) == label


def test_which_one_after_a_question_on_one_role_compares_it_with_its_pair(library):
    """ "And which one needs more typing?" after a question about ward clerks compares them
    with the role their article sets beside them, on the new topic; after a question about a
    role no article pairs (data analysts), it stays a question about that role."""
    asked = [{"role": "user", "content": "Tell me about ward clerks."}]
    query = library.understand("and which one needs more typing?", asked)
    assert query.comparison is not None
    assert [s.lower() for s in query.comparison.sides] == [
        "ward clerks",
        "learning support assistant",
    ]
    assert "typing" in query.comparison.aspect
    alone = [{"role": "user", "content": "Tell me about data analysts."}]
    query = library.understand("and which one needs more SQL?", alone)
    assert query.comparison is None and query.roles == ["data analysts"]


@pytest.mark.parametrize(
    "told",
    [
        "I care about salary more than anything else.",
        "I value free weekends more than everything.",
    ],
)
def test_an_indefinite_pronoun_is_no_side(library, told):
    """ "more than anything else" sets nothing in particular against the salary: no side is
    taken from it for the next question."""
    query = library.understand(
        "so which path should I choose?", [{"role": "user", "content": told}]
    )
    assert not any("anything" in r or "everything" in r for r in query.roles), query.roles


@pytest.mark.parametrize(
    ("question", "source", "verdict"),
    [
        (
            "Which is better for a hospital porter who wants to work with children?",
            WRITTEN_SOURCE,
            None,
        ),
        (
            "Which is better for a backend developer who wants to build AI products?",
            "ai-engineer-vs-machine-learning-engineer.txt",
            "If you have a strong software engineering background",
        ),
    ],
)
def test_the_one_a_choice_is_asked_for_is_no_side_and_no_reason_to_decline(
    library, question, source, verdict
):
    """ "Which is better for a <role> who ...?" asks which of the article's pair suits that
    person: the person's role, written nowhere, is neither a side nor a reason to decline."""
    from assistant.understand.query import chosen_for

    at = question.lower().find(" for a ") + len(" for a ")
    assert chosen_for(question.lower(), at)
    result = library.ask(question, source=_source(library, source))
    assert not result.abstained, result.answer
    assert result.comparison is not None, result.answer
    if verdict:
        assert "**Verdict:** " + verdict in result.answer, result.answer


def test_closer_to_compares_the_pair_on_what_it_is_closer_to(library):
    """ "Which of the two jobs is closer to teaching?" compares the article's pair; the row is
    labelled by what is compared on ("Teaching"), not by the comparative."""
    result = library.ask(
        "Which of the two jobs is closer to teaching?", source=_source(library, WRITTEN_SOURCE)
    )
    assert result.comparison is not None, result.answer
    assert "**Teaching (Learning Support Assistant)**: The role sits closer to teaching" in (
        result.answer
    ), result.answer


@pytest.mark.parametrize(
    ("word", "written", "met"),
    [
        ("apps", {"a", "production", "application"}, True),
        ("info", {"admission", "information"}, True),
        ("pros", {"production", "programs"}, True),  # may be met, never declined for
        ("apps", {"apply", "app"}, False),  # "apply" is no longer word cut short to "app"
        ("salary", {"salaries"}, False),  # no clipped word: stems decide
        ("ax", {"axes"}, False),
    ],
)
def test_a_clipped_word_is_met_by_the_word_written_in_full(word, written, met):
    from assistant.evidence import _clipped_in

    assert _clipped_in(word, written) is met


def test_a_clipped_word_is_met_only_by_a_word_near_it_in_meaning():
    from assistant.evidence import _clipped_in
    from knowledge.embeddings.wordllama import WordLlamaEmbedder

    embedder = WordLlamaEmbedder()

    def near(short):
        return lambda w: float(embedder.embed_batch([short])[0] @ embedder.embed_batch([w])[0])

    assert _clipped_in("info", {"information"}, near("info"))
    assert _clipped_in("vets", {"veterinarians"}, near("vets"))
    assert not _clipped_in("age", {"agentic"}, near("age"))  # the seed's word
    assert not _clipped_in("cars", {"careers"}, near("cars"))


@pytest.mark.parametrize(
    ("question", "source", "written"),
    [
        ("Do ward clerks use scheduling apps?", WRITTEN_SOURCE, "scheduling application"),
        (
            "Do 18F engineers improve internal apps?",
            "18f-a-day-in-the-life-of-an-18f-engineer.md",
            "internal applications",
        ),
    ],
)
def test_a_question_in_clipped_words_is_not_declined_for_them(library, question, source, written):
    """ "apps" is "applications" cut short: the passage writing it in full answers."""
    result = library.ask(question, source=_source(library, source))
    assert not result.abstained, result.answer
    assert written in result.answer, result.answer


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("Which path lets me work with children more?", "children"),
        ("Which job allows more weekend work?", "weekend"),
    ],
)
def test_a_verb_of_letting_is_no_topic(library, question, label):
    """ "Which path lets me ...?": what it lets one do is the topic, not "lets"."""
    from assistant.understand import understand

    scope = [_source(library, WRITTEN_SOURCE)]
    query = understand(question, [], library.retriever.library, scope=scope)
    assert query.comparison is not None, query
    assert "let" not in query.comparison.aspect.split()
    assert "lets" not in query.comparison.aspect.split()
    assert "allows" not in query.comparison.aspect.split()
    assert label in query.comparison.aspect


@pytest.mark.parametrize(
    ("question", "title", "heading", "asking"),
    [
        # "Pays" is the title's topic, not its subject: pay is not what "What a baker does" asks
        (
            "what's their typical pay? (baker)",
            "Baker vs Pastry Chef: Which Job Pays More",
            "What a Baker Does",
            False,
        ),
        (
            "What does a baker do? (baker)",
            "Baker vs Pastry Chef: Which Job Pays More",
            "What a Baker Does",
            True,
        ),
        # (the cds interview's heading, its title naming the role the follow-up carries)
        (
            "And what's the best part of the job? (product manager)",
            "So what exactly is a product manager?",
            "What's the best part of the job?",
            True,
        ),
    ],
)
def test_a_heading_asks_the_question_only_by_the_titles_subject(
    library, question, title, heading, asking
):
    """The first sentence under a heading that asks the question answers it, when the
    question's other words name the article's subject; a career-lexicon word of the title
    ("Pays") is a topic of the question, which the heading does not ask."""
    from assistant.evidence import sections_asking
    from assistant.understand import understand
    from knowledge.schema import Passage

    passage = Passage(
        id="p",
        text="Bakers start at four in the morning.",
        source="s",
        title=title,
        section=heading,
        ref_ids=[],
        chunk_index=0,
    )
    query = understand(question, [], library.retriever.library)
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    assert bool(sections_asking(query, matcher, [passage])) is asking


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        ("How many ward clerks are there?", "ward clerks"),
        ("how many learning support assistants work in schools", "learning support assistants"),
        ("How many AI engineers are there in the US?", "AI engineers"),
        ("How many vacation days do 18F employees get per year?", None),
        ("How many years does a ward clerk train?", None),
    ],
)
def test_a_question_for_a_number_of_people_in_a_role_is_told_apart(library, question, counted):
    from assistant.evidence import people_counted

    assert people_counted(question, library.retriever.library.roles) == counted


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How many ward clerks are there?", None),
        ("How many AI engineers are there in the US?", None),
        (
            "how many learning support assistants are there",
            "Around 12,000 learning support assistants work in Welsh schools.",
        ),
    ],
)
def test_a_number_of_people_is_answered_by_a_count_never_by_pay(library, question, answer):
    """ "How many X are there?" is answered by a sentence counting them, first; where no
    passage about X gives a number (only pay, "$140,000", or a year, "2026"), it is declined
    rather than answered with the pay figure."""
    result = library.ask(question)
    if answer is None:
        assert result.abstained, result.answer
        assert "they give no number of" in result.answer, result.answer
    else:
        assert not result.abstained, result.answer
        assert result.answer.startswith(answer), result.answer


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "I worked in retail for years. Which job is better for me?",
            "If you have a background in retail or office admin, the ward clerk job",
        ),
        # no background told: the advice is no verdict, a comparison is
        ("Which job is better?", "Ward clerks generally earn more than learning support"),
    ],
)
def test_advice_to_a_reader_with_the_askers_background_is_the_verdict(library, question, verdict):
    """ "I worked in retail. Which job is better for me?": the article's advice to a reader
    with that background ("If you have a background in retail ..., the ward clerk job ...")
    answers, though it compares nothing."""
    result = library.ask(question, source=_source(library, WRITTEN_SOURCE))
    assert "**Verdict:** " + verdict in result.answer, result.answer


@pytest.mark.parametrize(
    ("sentence", "advises"),
    [
        (
            "If you wish to apprentice with an Engineering team, start by speaking with your manager.",
            True,
        ),
        ("But if you're a nurse already, the midwife course is shorter.", True),
        ("Ward clerks who know what you need are rare.", False),
    ],
)
def test_a_sentence_advising_a_reader_is_told_apart(sentence, advises):
    from assistant.compare import _IF_YOU

    assert bool(_IF_YOU.match(sentence)) is advises


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "Which job needs stronger typing skills?",
            "**Verdict (Ward Clerk):** This job demands stronger typing skills",
        ),
        (
            "Does a ward clerk or a learning support assistant need more typing skills?",
            "**Verdict (Ward Clerk):** This job demands stronger typing skills",
        ),
    ],
)
def test_which_side_is_told_by_a_sentence_on_one_side_not_by_they_differ(
    library, question, verdict
):
    """ "Which job needs stronger typing skills?": "This job demands stronger typing skills"
    under the ward clerk's heading says which (and the verdict names the side, the sentence
    only says "This job"); "Both jobs ... need different skills" says only that they differ."""
    result = library.ask(question, source=_source(library, WRITTEN_SOURCE))
    assert verdict in result.answer, result.answer


@pytest.mark.parametrize(
    ("sentence", "generic"),
    [
        ("This role typically requires computer science knowledge and years of experience.", True),
        ("This job demands stronger typing skills, often tested at interview.", True),
        ("The role of SREs is similar to the ML engineer, but the focus is more on uptime.", False),
        ("The job title given to a developer who comes from a computer science background.", False),
    ],
)
def test_a_sentence_on_its_passages_role_by_a_generic_noun_is_told_apart(sentence, generic):
    """(the first, third and fourth as written in the development articles)"""
    from assistant.compare import _THIS_ROLE

    assert bool(_THIS_ROLE.match(sentence)) is generic


@pytest.mark.parametrize(
    ("which", "picked"),
    [
        (True, "This job demands stronger typing skills, often tested at interview."),
        (False, "Both jobs need different skills, and both suit patient people."),
    ],
)
def test_a_sentence_saying_only_that_two_differ_tells_not_which(library, which, picked):
    """Of two sentences scoring alike, "Both jobs need different skills" names both sides and
    leads a comparison; for "which needs stronger typing skills?" it tells not which, and the
    sentence on one side ("This job demands stronger typing skills", under its heading) leads."""
    from assistant.compare import SideFinder, _verdict
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    book = library.retriever.library.roles
    sides = ["ward clerk", "learning support assistant"]
    title = "Ward Clerk vs Learning Support Assistant"
    passages = [
        Passage(
            id="a",
            text="This job demands stronger typing skills, often tested at interview.",
            source="s",
            title=title,
            section="What a Ward Clerk Does",
            ref_ids=[],
            chunk_index=0,
        ),
        Passage(
            id="b",
            text="Both jobs need different skills, and both suit patient people.",
            source="s",
            title=title,
            section="Choosing",
            ref_ids=[],
            chunk_index=1,
        ),
    ]
    one = Sentence(0, 0, passages[0].text, score=0.7, lexical=0.9)
    both = Sentence(1, 0, passages[1].text, score=0.7, lexical=0.9)
    finder = SideFinder(sides, book)
    asked = {"skill", "type", "stronger"}
    got = _verdict([(one, 0), (both, None)], asked, finder, book, passages, which=which)
    assert got is not None and got.text == picked


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("do LSAs work in schools", "do learning support assistants work in schools"),
        ("what do MLEs do", "what do machine learning engineers do"),
        (
            "do mles need distributed computing",
            "do machine learning engineers need distributed computing",
        ),
    ],
)
def test_the_plural_of_an_abbreviation_is_spelled_out(library, question, written):
    """ "MLEs", "mles", "LSAs": the plural of a role's initials the articles never write is the
    role's plural (the singular already was)."""
    assert library.retriever.library.expand_abbreviations(question) == written


@pytest.mark.parametrize(
    ("question", "source", "lead"),
    [
        (
            "Do ward clerks need medical terminology skills?",
            WRITTEN_SOURCE,
            "The job demands strong foundations in typing, filing, and medical terminology.",
        ),
        (
            "Do ML engineers need distributed computing skills?",
            "ai-engineer-vs-machine-learning-engineer.txt",
            "This role demands stronger mathematical foundations",
        ),
        (
            "Do MLOps engineers need model lifecycle skills?",
            "datatalksclub-data-team-roles-explained.md",
            "MLOps engineers know the lifecycle of a machine learning model",
        ),
    ],
)
def test_an_aspects_own_noun_is_met_by_its_kin(library, question, source, lead):
    """ "medical terminology skills": a passage writing "foundations in ... medical
    terminology" (a word of skills) speaks of them; "uniforms" (no aspect's own noun) still
    needs its own word."""
    result = library.ask(question, source=_source(library, source))
    assert not result.abstained, result.answer
    assert result.answer.startswith(lead), result.answer
    declined = library.ask("What are the best uniforms for ward clerks?")
    assert declined.abstained, declined.answer


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "Do learning support assistants always earn less than ward clerks?",
            "**Verdict:** However, learning support assistants in large schools can match",
        ),
        (
            "Is it true that AI engineers always earn less than ML engineers?",
            "**Verdict:** However, top AI engineers who work on proprietary products can match",
        ),
    ],
)
def test_an_always_question_is_answered_by_the_articles_exception(library, question, verdict):
    """ "Do X always earn less than Y?" asks whether there is an exception: the sentence setting
    one against the general comparison ("However, ... can match") is the verdict; "Which pays
    more?" is not answered by it."""
    result = library.ask(question)
    assert verdict in result.answer, result.answer
    plain = library.ask(question.replace(" always", ""))
    assert verdict not in plain.answer, plain.answer
