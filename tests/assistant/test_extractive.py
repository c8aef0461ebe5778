"""Extractive answer composition (`assistant.extractive`, `ExtractiveStrategy`): complete
sentences only, each bringing what it leans on or announces; unit inputs shaped like two
different articles, and real answers over two development articles by other authors."""

from __future__ import annotations

import re

import pytest

from assistant import extractive
from assistant.evidence import Sentence
from tests.assistant.conftest import dev_library

DEV_ARTICLES = [
    "adron-hall-devops-obliviousness-site-reliability.html",
    "18f-a-day-in-the-life-of-an-18f-engineer.md",
    "flogs-cs-degree-vs-bootcamp-vs-self-taught.txt",
]
MARKER = re.compile(r"\s*\[\d+\]")


def _pool(*texts_scores: tuple[int, int, str, float]) -> list[Sentence]:
    pool = [Sentence(p, i, text, score=sc) for p, i, text, sc in texts_scores]
    return sorted(pool, key=lambda s: s.score, reverse=True)


@pytest.mark.parametrize(
    "pool",
    [
        _pool(
            (0, 0, "The term blends two older words into one.", 0.9),
            (0, 1, "It's the pairing of building software and running it.", 0.1),
            (1, 0, "Unrelated teams publish their own guides.", 0.2),
        ),
        _pool(
            (2, 3, "Our office is a consultancy inside a public agency.", 0.8),
            (2, 4, "They advise other agencies on buying technology.", 0.05),
            (0, 0, "Lunch is at noon.", 0.3),
        ),
    ],
)
def test_a_chosen_sentence_brings_the_next_one_when_that_one_leans_on_it(pool):
    chosen = extractive.select(pool)
    top = pool[0]
    texts = [s.text for s in chosen]
    follower = next(s for s in pool if (s.passage, s.position) == (top.passage, top.position + 1))
    assert texts.index(follower.text) == texts.index(top.text) + 1


@pytest.mark.parametrize(
    "pool",
    [
        _pool(
            (1, 2, "Work outside the project is optional for everyone on the team.", 0.05),
            (1, 3, "Some staff give internal talks, while others mentor new hires.", 0.9),
        ),
        _pool(
            (0, 6, "Bootcamp fees run to several thousand dollars per course.", 0.1),
            (0, 7, "However, many schools refund part of the fee after a job offer.", 0.8),
        ),
        _pool(
            (4, 0, "Senior analysts usually earn the most in this field.", 0.2),
            (4, 1, "For example, the best paid lead a whole reporting team.", 0.85),
        ),
    ],
)
def test_a_sentence_that_continues_the_one_before_it_brings_that_one(pool):
    """A connective ("However", "For example", "Some ..., while others ...") leans on the
    sentence before it: alone it would say the opposite or an example of nothing."""
    assert [s.text for s in extractive.select(pool)] == [pool[1].text, pool[0].text]


def test_a_connective_brings_the_sentence_before_it_only_within_the_word_budget():
    before = " ".join(["word"] * 30) + "."
    chosen = "However, the reporting team keeps its own weekly schedule of reviews."
    pool = _pool((0, 0, before, 0.05), (0, 1, chosen, 0.9))
    assert [s.text for s in extractive.select(pool, max_words=30)] == [chosen]
    assert [s.text for s in extractive.select(pool, max_words=60)] == [before, chosen]


@pytest.mark.parametrize(
    "pool",
    [
        _pool(
            (
                2,
                1,
                "Managers give senior engineers several chances to try leading a small project first.",
                0.9,
            ),
            (2, 2, "Examples include running a planning meeting or mentoring an intern.", 0.1),
        ),
        _pool(
            (
                0,
                3,
                "Self-taught developers can show what they are able to do through their public work.",
                0.8,
            ),
            (
                0,
                4,
                "For instance, a portfolio of small apps often carries a junior application.",
                0.05,
            ),
        ),
    ],
)
def test_a_chosen_sentence_brings_the_examples_that_follow_it(pool):
    """ "Examples include ..." right after a chosen sentence says what it means in practice."""
    assert [s.text for s in extractive.select(pool)] == [pool[0].text, pool[1].text]


LONG = "Engineers on the platform team write, test and run the services that the agency relies on."


def test_a_following_sentence_that_does_not_lean_on_a_long_chosen_one_stays_out():
    pool = _pool((0, 0, LONG, 0.9), (0, 1, "Lunch is served at noon on Fridays.", 0.05))
    assert [s.text for s in extractive.select(pool)] == [LONG]


@pytest.mark.parametrize(
    "pool",
    [
        _pool(
            (0, 4, "After we ship, the work goes on.", 0.9),
            (0, 5, "We keep releasing small iterations for months.", 0.05),
        ),
        _pool(
            (3, 0, "Nobody reports to a product lead.", 0.8),
            (3, 1, "Teams decide together what to build next week.", 0.1),
        ),
    ],
)
def test_a_short_chosen_sentence_brings_the_one_it_leads_into(pool):
    chosen = [s.text for s in extractive.select(pool)]
    assert chosen == [pool[0].text, pool[1].text]


@pytest.mark.parametrize(
    "label", ["Site Operations Engineer", "Data preprocessing for analysts and scientists"]
)
def test_a_heading_line_is_never_an_answer_sentence(label):
    pool = _pool(
        (0, 0, label, 0.95),
        (1, 2, "Operations engineers keep the services running at night.", 0.9),
    )
    assert [s.text for s in extractive.select(pool)] == [
        "Operations engineers keep the services running at night."
    ]


@pytest.mark.parametrize(
    ("text", "open_"),
    [
        ("He suggests a title such as", True),
        ("The skills needed are:", False),
        ("It ends here.", False),
        ("“A quoted line.”", False),
        ("If you see job titles like…", True),
        ("If you see job titles like...", True),
        ("Smith, J. (2024). Field guide. https://example.org/guide", False),
    ],
)
def test_open_ended_sentences_are_the_ones_without_end_punctuation(text, open_):
    assert extractive.open_ended(text) is open_


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "extractive", DEV_ARTICLES)


QUESTIONS = [
    "What job title should I use instead of DevOps?",
    "How would you describe site reliability engineering in one line?",
    "Where does the word DevOps come from?",
    "What kind of organization is 18F?",
    "When do 18F engineers hold their meetings?",
    "What does an 18F engineer do after the daily stand-up?",
]


def _units(answer: str) -> list[str]:
    """The answer's cited pieces (each sentence or list ends with its [n]), markers removed."""
    return [MARKER.sub("", p).strip() for p in re.split(r"(?<=\])\s+", answer) if p.strip()]


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_answer_stops_on_a_sentence_that_announces_more(library, question):
    """A sentence ending in a colon or in no punctuation is followed by what it announces
    (list items or a sentence), no heading line stands alone, and prose stays short."""
    result = library.ask(question)
    assert not result.abstained, result.answer
    prose = [ln for ln in result.answer.splitlines() if ln.strip() and not ln.startswith("- ")]
    # "about 120": a sentence may bring the one it leans on a little past the budget
    assert len(MARKER.sub("", " ".join(prose)).split()) <= extractive.MAX_WORDS + 20, result.answer
    units = _units(result.answer)
    last = units[-1].splitlines()[-1]
    assert last.startswith("- ") or not extractive.open_ended(last), result.answer
    assert not last.endswith(":"), result.answer
    assert not any(extractive._label(u) for u in units if "\n" not in u), result.answer


def test_a_sentence_left_open_brings_the_list_in_the_next_chunk(library):
    """The list an open sentence introduces may open the next chunk; it comes along, cited."""
    result = library.ask("What job title should I use instead of DevOps?")
    lines = [MARKER.sub("", ln).strip() for ln in result.answer.splitlines() if ln.strip()]
    opened = [
        i for i, ln in enumerate(lines) if not ln.startswith("- ") and extractive.open_ended(ln)
    ]
    assert opened, result.answer
    assert all(i + 1 < len(lines) and lines[i + 1].startswith("- ") for i in opened), result.answer
    assert len(result.citations) >= 2


def test_neighbour_chunks_are_found_after_a_restart(library):
    """A fresh process reads the article vocabulary from its cache; the chunks around a passage
    must still be found (lists and announced sentences that open the next chunk need them)."""
    from assistant.service import Assistant
    from knowledge.store import open_knowledge_base

    again = Assistant(library.settings, open_knowledge_base(library.settings))
    again.warm()
    for name in DEV_ARTICLES:
        source = next(s for s in again.retriever.sources() if s.endswith(name))
        passages = again.retriever.passages_of(source)
        assert len(passages) >= 3
        before, after = again.retriever.neighbour_passages(passages[1])
        assert before is not None and before.id == passages[0].id
        assert after is not None and after.id == passages[2].id


@pytest.mark.parametrize("short", ["This is the best.", "Oh well, um."])
def test_a_sentence_too_short_to_say_anything_is_not_chosen_on_its_own(short):
    pool = _pool(
        (0, 3, short, 0.9),
        (2, 0, "Hearing that the service helped someone makes the work worth it.", 0.7),
    )
    assert [s.text for s in extractive.select(pool)] == [
        "Hearing that the service helped someone makes the work worth it."
    ]


@pytest.mark.parametrize("short", ["Bakers earned about $35,000.", "Most earn $72,000."])
def test_a_short_sentence_saying_a_figure_is_an_answer_of_its_own(short):
    pool = _pool(
        (0, 3, short, 0.9),
        (2, 0, "Most bakers spend $15,000 on a culinary course, often working as porters.", 0.5),
    )
    assert [s.text for s in extractive.select(pool)][0] == short


@pytest.mark.parametrize(
    "label", ["The Offline Cookbook [read]", "Site Reliability Engineering Resources"]
)
def test_a_heading_scoring_above_every_sentence_does_not_empty_the_answer(label):
    """The floor under which sentences are left out is set by the best sentence that can be
    chosen, not by a heading line that cannot."""
    pool = _pool(
        (0, 0, label, 0.9),
        (1, 1, "Data engineers set up the pipelines that feed the warehouse.", 0.45),
        (2, 0, "Analysts then query the warehouse for their weekly reports.", 0.4),
    )
    assert [s.text for s in extractive.select(pool)] == [pool[1].text, pool[2].text]


@pytest.mark.parametrize("question", [*QUESTIONS, "What does SRE stand for, and what does it do?"])
def test_each_citation_shows_what_its_answer_quotes(library, question):
    """A citation shows an excerpt of its passage: it still holds every sentence and list
    item the answer quotes beside its [n]."""
    from tests.assistant.test_citations import assert_citations_show_their_quotes

    result = library.ask(question)
    assert result.citations, result.answer
    assert_citations_show_their_quotes(result)


def test_the_figure_asked_for_comes_in_only_when_it_speaks_of_the_topic():
    """A question asking for an amount whose best sentences give none in figures ("a great deal
    of money") gets the best sentence that gives one, when that sentence speaks of the topic;
    a chef's pay does not say what cooking school costs."""
    from assistant.evidence import OFFERS

    def pool(figure_lexical: float) -> list[Sentence]:
        best = Sentence(0, 0, "Cooking school costs a great deal of money for most students.")
        best.score, best.lexical = 0.8, 0.9
        figure = Sentence(1, 0, "Head chefs at large hotels earn $90,000 a year.")
        figure.score, figure.lexical = 0.5, figure_lexical
        return [best, figure]

    wants = OFFERS["amount"].search
    assert len(extractive.select(pool(0.1), wants=wants)) == 1  # about pay, not school costs
    assert len(extractive.select(pool(0.6), wants=wants)) == 2  # (were it about the school)


def test_the_length_asked_for_comes_in_from_the_sentence_going_on_from_the_topic():
    """ "How long does it take to become a welder?": "Welding programs run at community colleges
    and trade schools." speaks of the topic; the sentence after it, "Full-time programs take 6 to
    18 months.", names no welder and no topic word but goes on from it, so it answers. A
    stronger figure of another role ("An ironworker needs four years") or one off the topic
    (the first wanted sentence) does not stand in its way."""
    from assistant.evidence import OFFERS

    def sent(passage, position, text, score, lexical, off_role=False):
        s = Sentence(passage, position, text)
        s.score, s.lexical, s.off_role, s.on_role = score, lexical, off_role, not off_role
        return s

    topic = sent(
        0,
        0,
        "Welding programs run at community colleges, technical institutes and union training "
        "centres in every state.",
        0.8,
        0.8,
    )
    other = sent(
        1, 0, "An ironworker apprenticeship needs four years of training.", 0.45, 0.8, True
    )
    stray = sent(2, 1, "Some shops let apprentices test after 12 months.", 0.5, 0.0)
    length = sent(0, 1, "Full-time programs take 6 to 18 months.", 0.4, 0.0)
    wants = OFFERS["count"].search
    assert wants(length.text) and not wants(topic.text)
    got = extractive.select([topic, stray, other, length], wants=wants, own_role=True)
    assert length in got and other not in got and stray not in got
    # with nothing about the asked role to give the length, another role's is taken as before
    got = extractive.select([topic, other], wants=wants, own_role=True)
    assert other in got


def test_a_degree_cost_question_is_not_answered_with_another_articles_figure(library):
    """The bootcamp article says a degree costs "tens of thousands of dollars", in words; the
    seed article's "$245,000" for senior ML engineers is a figure, but not a cost."""
    answer = library.ask("How much does a computer science degree cost?", []).answer
    assert "tens of thousands of dollars" in answer
    assert "$" not in answer


def test_why_the_author_thinks_something_is_answered_from_the_article_not_its_byline(library):
    """'Why does the author dislike DevOps in job titles?' asks for the DevOps article's
    reasons; 'Who wrote it?' is the question its byline answers."""
    why = library.ask("Why does the author dislike DevOps in job titles?", [])
    assert "written by" not in why.answer and why.citations, why.answer
    assert "DevOps" in why.answer
    who = library.ask("Who wrote the article about DevOps?", [])
    assert "written by" in who.answer


def test_a_dev_roles_two_kinds_of_work_are_compared_side_by_side(library):
    """The 18F post: "an 18F engineer's technical work" against "the business development
    calls they join" compares two kinds of the engineer's work, each cited from its passage (the
    calls' passage opens "I join a call with the business development team")."""
    result = library.ask(
        "How does an 18F engineer's technical work compare with the business development calls "
        "they join?"
    )
    assert result.comparison == ["technical work", "business development calls"], result.answer
    cited = " ".join(c["text"] for c in result.citations)
    assert "solving some technical problems" in cited, result.answer
    assert "business development team" in cited, result.answer


def test_a_count_or_a_time_span_written_in_words_offers_the_answer():
    """ "How long ...?" / "How many ...?" is answered by a number, in digits or in words: a sous
    chef's "three to five years" (made-up) or the GitLab handbook's interim periods "not
    exceeding three months"; "one" counts only as a span of time, not in "no one"."""
    from assistant.evidence import OFFERS

    offers = OFFERS["count"].search
    assert offers("Most cooks work the line for three to five years before becoming sous chef.")
    assert offers("The interim period not exceeding three months should take precedence.")
    assert offers("A bridge programme takes one to two years.")
    assert offers("Charge nurses cover 12-hour shifts.")
    assert not offers("No one becomes a sous chef without running a station first.")
    assert not offers("A sous chef plans the menu with the head chef.")


def test_another_articles_sentence_about_another_role_drops_after_one_about_the_asked_role():
    """After a sentence about the asked role (a line cook's), another article's sentence about
    another role (a ward clerk's day) adds nothing; a sentence of the same article stays, and
    without a sentence about the asked role nothing is dropped."""
    asked = Sentence(0, 0, "A line cook preps the station before every service.", 1.0)
    asked.on_role, asked.source = True, "kitchen.md"
    elsewhere = Sentence(1, 0, "My day starts with the admissions paperwork on the ward.", 0.9)
    elsewhere.off_role, elsewhere.source = True, "ward.md"
    beside = Sentence(2, 0, "The head chef checks every plate before it leaves the pass.", 0.85)
    beside.off_role, beside.source = True, "kitchen.md"
    texts = [s.text for s in extractive.select([asked, elsewhere, beside])]
    assert texts == [asked.text, beside.text]
    asked.on_role = False  # no sentence is about the asked role alone: nothing is set aside
    texts = [s.text for s in extractive.select([asked, elsewhere, beside])]
    assert elsewhere.text in texts


ZOO = """Zookeeper vs Aquarist: Caring for Animals at Work
By Lena Brandt | May 2, 2023

Zookeepers feed animals, clean enclosures and watch for signs of illness. Aquarists keep
tanks balanced and care for fish and corals.

Skills for the job

Zookeepers need physical stamina, calm around large animals and careful record keeping.
Aquarists need water chemistry and diving skills.

Job outlook

Zookeeper jobs are expected to grow about 3 percent, as zoos expand their conservation work.
"""

PARK = """Park Ranger vs Arborist: Working Among Trees
By Tom Achebe | June 9, 2022

Arborists climb and prune trees; park rangers patrol trails and teach visitors.

Key skills

Both roles require patience and stamina in all weather. Arborists need rope access and
chainsaw skills, and rangers need first aid and public speaking.

Job outlook

Employment of arborists and park rangers is projected to grow 8 percent over the decade.
"""


@pytest.fixture(scope="module")
def outdoors(tmp_path_factory):
    return dev_library(tmp_path_factory, "outdoors", [], written={"zoo.txt": ZOO, "park.txt": PARK})


@pytest.mark.parametrize(
    ("question", "own"),
    [
        ("What skills do arborists need?", "park.txt"),
        ("What skills do zookeepers need?", "zoo.txt"),
    ],
)
def test_an_article_that_never_names_the_asked_role_adds_nothing_to_its_answer(
    outdoors, question, own
):
    """Three articles speak of skills (the seed too: "Both roles ... require different
    skills"); only one names the role asked about. The others' sentences are about their own
    roles and stay out of the answer."""
    r = outdoors.ask(question)
    assert not r.abstained, r.answer
    assert "require different skills" not in r.answer, r.answer
    assert {c["source"].rsplit("/", 1)[-1] for c in r.citations} == {own}, r.answer


@pytest.mark.parametrize(
    "question",
    [
        "What is the job outlook for arborists?",
        "How fast are arborist jobs growing?",  # the seed's "fastest-growing" ranks first
        "Is there demand for arborists?",  # ... or comes in as the growth figure asked for
    ],
)
def test_a_sentence_naming_the_asked_role_beside_another_keeps_other_articles_out(
    outdoors, question
):
    """ "Employment of arborists and park rangers ..." is about the arborist asked about too:
    other articles' growth sentences about other roles (zookeepers, the seed's AI engineer)
    stay out, whether they rank above it or come in as the figure asked for."""
    r = outdoors.ask(question)
    assert "8 percent" in r.answer, r.answer
    assert {c["source"].rsplit("/", 1)[-1] for c in r.citations} == {"park.txt"}, r.answer


def test_another_roles_sentence_with_the_questions_words_drops_after_the_asked_roles():
    """ "Do sous chefs work nights?": after a sentence about sous chefs, one about line cooks
    that meets the question's words better ("Nights are normal", in the line cooks' paragraph)
    answers for another role, even from the same article; one that does not stays."""
    asked = Sentence(0, 0, "A sous chef runs the kitchen when the head chef is away.", 1.0)
    asked.on_role, asked.source, asked.lexical = True, "kitchen.md", 0.1
    other = Sentence(1, 0, "Nights and weekends are normal on the line.", 0.9)
    other.off_role, other.source, other.lexical = True, "kitchen.md", 0.8
    texts = [s.text for s in extractive.select([asked, other], own_role=True)]
    assert texts == [asked.text]
    # a follow-up's role comes from the conversation: its sentences are not set aside so
    assert other.text in [s.text for s in extractive.select([asked, other])]
    other.lexical = 0.05  # context that the question's words do not single out
    assert other.text in [s.text for s in extractive.select([asked, other], own_role=True)]
    asked.on_role = False  # no sentence about the asked role: nothing is set aside
    other.lexical = 0.8
    assert other.text in [s.text for s in extractive.select([asked, other], own_role=True)]


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        (  # an interview: the interviewer's set-up gives its rank to the advice that follows
            _pool(
                (0, 0, "I asked Ines what she would tell a student midwife.", 0.9),
                (0, 1, "Her answer was short.", 0.2),
                (0, 2, "First, look after your back and your sleep every single week.", 0.3),
                (0, 3, "Second, find a mentor on your first placement and ask everything.", 0.1),
                (0, 4, "Finally, keep your notes short and finish them before you go home.", 0.1),
                (1, 0, "Midwives in the community team earn the same as ward midwives.", 0.5),
            ),
            [
                "First, look after your back",
                "Second, find a mentor",
                "Finally, keep your notes",
            ],
        ),
        (  # a cooking profile: "We asked him how ..." answers nothing itself
            _pool(
                (2, 0, "We asked the head chef how he plans a new menu each season.", 0.8),
                (2, 1, "He starts at the market and tastes what the growers bring in.", 0.3),
                (3, 0, "Line cooks usually start on the cold station.", 0.4),
            ),
            ["He starts at the market"],
        ),
    ],
)
def test_a_reported_question_gives_way_to_its_answer_and_a_first_step_brings_the_rest(
    pool, expected
):
    chosen = [s.text for s in extractive.select(pool)]
    assert not any(t.startswith(("I asked", "We asked")) for t in chosen), chosen
    for start in expected:
        assert any(t.startswith(start) for t in chosen), chosen
    assert chosen.index(next(t for t in chosen if t.startswith(expected[0]))) == 0


@pytest.mark.parametrize(
    "text",
    [
        "When asked what she earns, she said about $60,000.",
        "Recruiters asked whether I could start in May, and I did.",
    ],
)
def test_an_answer_that_mentions_asking_is_no_question(text):
    assert not extractive.asks(text)


def test_a_sentence_naming_no_role_from_an_article_silent_on_the_asked_role_stays_out():
    # "How much does a school nurse earn?": the nursing article's sentences name the nurse;
    # the restaurant article's pay sentence names no role at all. It matches the question's
    # pay words, but it is that article's own subject, not the nurse's pay.
    nurse = Sentence(0, 0, "School nurses earn a median of $61,000 a year.", score=0.9)
    nurse.on_role, nurse.source = True, "nursing.md"
    more = Sentence(0, 1, "Nurses with a bachelor's degree and ten years earn the most.", 0.8)
    more.on_role, more.source = True, "nursing.md"
    tips = Sentence(1, 0, "Tips and a share of the service charge add to the wage on busy nights.")
    tips.score, tips.source = 0.75, "restaurant.md"
    got = extractive.select([nurse, more, tips], own_role=True)
    assert tips not in got and nurse in got and more in got
    # ... but a sentence naming no role from the asked role's own article stays
    same = Sentence(0, 2, "Overtime for evening events adds a little to the pay each month.")
    same.score, same.source = 0.75, "nursing.md"
    assert same in extractive.select([nurse, more, same], own_role=True)
    # ... and with no role asked (or no article about it), nothing is left out for it
    assert tips in extractive.select([nurse, more, tips], own_role=False)


@pytest.fixture(scope="module")
def all_dev(tmp_path_factory):
    from tests.assistant.conftest import DEV

    names = sorted(p.name for p in DEV.iterdir()) if DEV.is_dir() else []
    return dev_library(tmp_path_factory, "all-dev", names)


def test_a_dev_answer_about_one_role_leaves_out_another_articles_roleless_sentences(all_dev):
    # The seed speaks of ML engineers' work; another development article's sentences about how
    # data scientists spend their time ("They spend most of their time ...") are not about it.
    r = all_dev.ask("What does a machine learning engineer spend time on?")
    assert not r.abstained, r.answer
    assert "feature engineering" in r.answer, r.answer
    assert "communicating with different stakeholders" not in r.answer, r.answer


def test_a_sentence_leaning_on_the_one_before_does_not_bring_the_next_one_leaning_too():
    # "It pays well." leans on "A line cook ...": it brings that sentence; the next "It is also
    # ..." leans on the line cook as well, not on "It pays well": one more fact, not asked.
    pool = _pool(
        (0, 0, "A line cook works one station of a busy restaurant kitchen every night.", 0.5),
        (0, 1, "It is a steady job, and it pays a fair hourly wage with paid overtime.", 0.9),
        (0, 2, "It is also a job that involves standing for ten hours in a hot room.", 0.3),
    )
    got = [s.text for s in extractive.select(pool)]
    assert got[0].startswith("A line cook") and "pays a fair hourly wage" in got[1]
    assert not any("standing for ten hours" in t for t in got), got
    # a sentence that does not lean on another still brings the "It ..." after it
    pool = _pool(
        (0, 0, "A line cook is paid a fair hourly wage with paid overtime in most kitchens.", 0.9),
        (0, 1, "It is the usual first job for culinary school graduates.", 0.3),
    )
    assert len(extractive.select(pool)) == 2


def test_on_the_seed_a_leaning_sentence_brings_its_antecedent_not_the_next_fact(library):
    # "This role demands stronger mathematical foundations ..." leans on the ML engineer named
    # before it; "It also requires comfort with training infrastructure ..." after it is one
    # more fact about the role, not about the math asked for.
    r = library.ask("How much math does a machine learning engineer need?")
    assert "stronger mathematical foundations" in r.answer, r.answer
    assert "It also requires comfort with training infrastructure" not in r.answer, r.answer


def test_a_sentence_an_article_repeats_is_shown_once():
    # a guide that closes each section with the same line: the answer says it once
    line = "Many florists say the job is a craft learned over years of service."
    pool = _pool(
        (0, 2, line, 0.9),
        (1, 2, line, 0.85),
        (2, 0, "Florists condition fresh flowers and build bouquets to order.", 0.8),
        (3, 2, line.replace("florists", "Florists").upper().lower().capitalize(), 0.75),
    )
    assert [s.text for s in extractive.select(pool)] == [line, pool[2].text]


FIELD_NOTES = """# A Night Nurse's Field Notes

How to use this document: read one section before each shift. It's a collection of habits
that I rely on in my daily work as a night nurse.

## The shift

Night nurses check every patient's chart at the start of the shift, give the late medication
round and watch the monitors through the small hours. Most night nurses hand over to the day
team at seven with a written report on each patient.
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    return dev_library(tmp_path_factory, "notes", [], written={"notes.md": FIELD_NOTES})


def test_a_sentence_leaning_on_one_about_the_text_itself_is_about_it_too(notes, all_dev):
    # "It's a collection of ..." after "How to use this document:" speaks of the document
    r = notes.ask("What does a night nurse do all day?")
    assert "It's a collection" not in r.answer and "chart" in r.answer, r.answer
    r = all_dev.ask("What does a data engineer do all day?")  # the cookbook PDF's preface
    assert "collection of skills" not in r.answer, r.answer


def test_a_comparison_cell_is_no_sentence_about_the_text_itself(all_dev):
    # the cookbook PDF's "It's a collection of skills, that I value highly in my daily work as
    # a data engineer." follows "How to use this document:"
    r = all_dev.ask("Data engineer or data scientist for someone who loves statistics?")
    assert "collection of skills" not in r.answer, r.answer
