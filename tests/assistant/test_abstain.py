"""Amount questions about a role the articles give no figure for are declined, not answered
with another role's or another thing's figure (issue 9)."""

from __future__ import annotations

import pytest

from assistant.evidence import asks_pay, names_figure_of
from tests.assistant.conftest import dev_library

BAKERY = """# Baker vs Pastry Chef: Which Kitchen Career Fits You?

## Pay

Pastry chefs earned a median of $52,000 a year in 2023. Bakers earned about $35,000.
Executive pastry chefs at large hotels earn far more.

## Getting started

Most bakers spend $15,000 on a culinary course, often working as kitchen porters along the way.
A pastry chef usually trains for two years in a restaurant kitchen before running a station.
Wedding pastry chefs work most weekends.
The shop's architecture matters too: an open kitchen lets customers watch the bakers work.
"""


def _passage(text: str, section: str = ""):
    from knowledge.schema import Passage

    return Passage(
        id="p", text=text, source="s", title="Bakery", section=section, ref_ids=[], chunk_index=0
    )


@pytest.mark.parametrize(
    ("text", "section", "phrase", "owned"),
    [
        # the phrase before the figure, or in the figure's own clause: its figure
        ("Night nurses earned a median of $71,000.", "", "night nurses", True),
        ("The median pay for line cooks was $34,000 in 2023.", "", "line cooks", True),
        ("Most earn $34,000 as line cooks in their first year.", "", "line cooks", True),
        # named after a clause break, behind another figure: not its figure
        (
            "Most cooks spend $20,000 on culinary school, often working as line cooks.",
            "",
            "line cooks",
            False,
        ),
        # a heading naming the phrase over a sentence with an amount
        ("The median is $34,000 a year.", "Pay for line cooks", "line cooks", True),
        # the phrase named with no figure at all, or a figure with no phrase
        ("Line cooks work long shifts.", "", "line cooks", False),
        ("Head cooks earned $58,000.", "", "line cooks", False),
    ],
)
def test_a_figure_belongs_to_the_phrase_written_before_it_or_in_its_clause(
    text, section, phrase, owned
):
    assert names_figure_of(phrase, [_passage(text, section)]) is owned


@pytest.mark.parametrize(
    ("question", "pay"),
    [
        ("How much do line cooks make?", True),
        ("What is the salary of a school nurse?", True),
        ("What do teaching assistants get paid?", True),
        ("How much does culinary school cost?", False),
        ("How much time do nurses spend charting?", False),
    ],
)
def test_a_pay_question_is_told_from_a_cost_question(question, pay):
    assert asks_pay(question) is pay


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "abstain", [], written={"bakery.md": BAKERY})


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        # named only beside another figure (a course's cost), or nowhere near a figure
        ("How much do kitchen porters make?", "no figure for kitchen porters"),
        # a word the library never writes before a role it knows
        ("How much does a vegan pastry chef make?", "never mention vegan pastry chef"),
        ("How much does a quantum ML engineer make?", "never mention quantum ML engineer"),
    ],
)
def test_an_amount_no_article_gives_for_the_role_asked_is_declined(library, question, reason):
    result = library.ask(question)
    assert result.abstained, result.answer
    assert reason in result.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How much do pastry chefs make?", "52,000"),
        ("How much does a culinary course cost?", "15,000"),
        ("How much do senior ML engineers make?", "245,000"),  # the seed article
    ],
)
def test_an_amount_the_articles_give_is_still_answered(library, question, figure):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert figure in result.answer


@pytest.mark.parametrize(
    ("question", "declined"),
    [
        # the library writes "architecture", a word close to "architect" but no role
        ("How long does it take to become an architect?", True),
        ("How long does it take to become a pastry chef?", False),
    ],
)
def test_a_role_to_become_is_met_by_a_role_not_by_a_word_near_it(library, question, declined):
    result = library.ask(question)
    assert result.abstained is declined, result.answer
    if declined:
        assert "never mention architect" in result.answer


def test_a_role_to_become_may_be_another_word_for_a_role_the_library_names(library):
    from assistant.evidence import _near_a_role
    from assistant.understand.roles import RoleBook

    embedder = library.kb.embedder
    assert _near_a_role(["attorney"], RoleBook(["lawyer", "notary"]), embedder)
    assert not _near_a_role(["attorney"], RoleBook(["pastry chef", "baker"]), embedder)


@pytest.mark.parametrize(
    ("question", "roles", "judged"),
    [
        ("Is job security better for night nurses?", ["night nurses"], [[["security"]]]),
        ("Are the tips higher for waiters?", ["waiters"], [[["tips"]]]),
        ("Is the pay better for line cooks?", ["line cooks"], [[["pay"]]]),
        # no comparative: nothing judged ("rare" is what is said of them)
        ("Are line cooks rare?", ["line cooks"], []),
    ],
)
def test_the_thing_a_comparative_question_judges_is_asked_for(question, roles, judged):
    from assistant.evidence import asked_for

    assert asked_for(question, roles) == judged


@pytest.mark.parametrize(
    ("question", "declined", "said"),
    [
        ("Is job security better for pastry chefs?", True, "“security”"),
        ("Is job security better for AI engineers?", True, "“security”"),  # the seed article
        ("Is the pay better for pastry chefs?", False, "52,000"),
        ("Is the pay higher for ML engineers?", False, "245,000"),
    ],
)
def test_a_judged_thing_no_article_writes_is_declined(library, question, declined, said):
    result = library.ask(question)
    assert result.abstained is declined, result.answer
    assert said in result.answer


@pytest.mark.parametrize(
    ("question", "declined", "said"),
    [
        # the narrowing word is written, but never with a figure or a word for pay
        ("How much do wedding pastry chefs make?", True, "no figure for wedding pastry chefs"),
        # told with a word for pay beside the role's own figure
        ("How much do executive pastry chefs make?", False, "far more"),
        # the seed article: "Senior ML engineers ... $245,000"
        ("What is the salary of a senior ML engineer?", False, "245,000"),
    ],
)
def test_a_role_narrowed_by_words_before_it_needs_its_own_figure(library, question, declined, said):
    result = library.ask(question)
    assert result.abstained is declined, result.answer
    assert said in result.answer


@pytest.mark.parametrize(
    ("phrase", "clipped"),
    [
        ("vets", True),  # of "veterinarian"
        ("a pharm", True),  # of "pharmacist"
        ("flight instructors", False),  # "instructors" is no cut-short "instructional"
        ("designers", False),  # a whole word, not cut short
        ("ai", False),  # too short to tell
    ],
)
def test_a_subject_cut_short_from_a_role_word_is_that_role(phrase, clipped):
    from assistant.evidence import _clips_a_role
    from assistant.understand.roles import RoleBook

    book = RoleBook(["veterinarian", "pharmacist", "instructional designer"])
    assert _clips_a_role(phrase, book) is clipped


MASONRY = """# Stonemason Apprenticeship FAQ

## Do apprentices get paid?

Yes. Apprentices usually start at 60 percent of a qualified stonemason's wage and get raises each year.

## What does a qualified stonemason earn?

A qualified craftsman earns a median of $51,000 a year, and master stonemasons can earn much more.

## Is the work seasonal?

It can be. Relief masons can out-earn both during the busy summer months, but the contracts are short.

## Memorial designers

Memorial designers plan headstones with families and earn about $47,000 a year.
"""


@pytest.mark.parametrize(
    ("text", "phrase", "yes_no", "owned"),
    [
        # a share of a wage beside a word for pay is a figure of pay
        (
            "Apprentices start at 60 percent of a qualified mason's wage.",
            "apprentices",
            False,
            True,
        ),
        # a percentage with no word for pay is none ("grow 10%")
        ("Jobs for apprentices are expected to grow 10 percent.", "apprentices", False, False),
        # a yes/no question ("Do relief masons earn more?") needs only a word for pay
        ("Relief masons can out-earn both in summer.", "relief masons", True, True),
        ("Relief masons can out-earn both in summer.", "relief masons", False, False),
        # ... told of the phrase, not of another subject in another clause
        (
            "Masons out-earn most trades, often working as relief cooks.",
            "relief cooks",
            True,
            False,
        ),
        # the plural "-men" is the singular "-man"
        ("A qualified craftsman earns a median of $51,000.", "craftsmen", False, True),
    ],
)
def test_a_share_of_a_wage_is_a_figure_and_a_yes_no_question_needs_none(
    text, phrase, yes_no, owned
):
    assert names_figure_of(phrase, [_passage(text)], yes_no) is owned


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Are school cooks paid well?", "school cooks"),
        ("Is a florist well paid?", "florist"),
        ("Do relief masons earn more?", "relief masons"),
        ("Are florists rare?", ""),  # no pay asked
        ("Is the pay better for florists?", ""),  # the pay is what is judged
    ],
)
def test_who_a_pay_question_is_about(question, subject):
    from assistant.evidence import paid_subject

    assert paid_subject(question) == subject


@pytest.fixture(scope="module")
def masonry(tmp_path_factory):
    return dev_library(tmp_path_factory, "masonry", [], written={"masonry.md": MASONRY})


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # yes/no pay questions about a narrowed role, told without a dollar figure
        ("Do stonemason apprentices get paid?", "60 percent"),
        ("Do apprentices get paid?", "60 percent"),
        ("How much do apprentices get paid?", "60 percent"),
        ("Do relief masons earn more?", "out-earn"),
        ("How much do craftsmen make?", "51,000"),
    ],
)
def test_a_pay_question_the_articles_answer_without_a_dollar_figure_is_answered(
    masonry, question, said
):
    result = masonry.ask(question)
    assert not result.abstained, result.answer
    assert said in result.answer


@pytest.mark.parametrize(
    "question",
    ["Are kitchen porters paid well?", "Do kitchen porters get paid well?"],
)
def test_a_yes_no_pay_question_about_a_subject_with_no_pay_told_is_declined(library, question):
    # the bakery article names kitchen porters only beside a course's cost
    result = library.ask(question)
    assert result.abstained, result.answer
    assert "no figure for kitchen porters" in result.answer


def test_a_source_named_only_in_the_reference_list_says_nothing_the_articles_quote():
    from assistant.evidence import cited_only
    from knowledge.schema import Passage

    body = Passage(
        id="b",
        text="Pastry chefs earned a median of $52,000 (Kitchen Survey, 2024).",
        source="s",
        title="Bakery",
        section="Pay",
        ref_ids=[],
        chunk_index=0,
    )
    refs = Passage(
        id="r",
        text="Kitchen Survey. (2024). Pay in kitchens.\nOvenworks Institute. (2023). Bread.",
        source="s",
        title="Bakery",
        section="References",
        ref_ids=[],
        chunk_index=1,
        is_reference_list=True,
    )
    assert cited_only("What does the Ovenworks Institute say?", [body, refs]) == [
        "Ovenworks Institute"
    ]
    # quoted in the text: the articles say what it says
    assert cited_only("What does the Kitchen Survey say?", [body, refs]) == []
    # no reference list found: nothing to judge
    assert cited_only("What does the Ovenworks Institute say?", [body]) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # a British spelling meets the American one, either way round
        ("Mental health counselors earned a median of $53,000.", "counsellors"),
        ("Harbour pilots earned a median of $90,000.", "harbor pilots"),
    ],
)
def test_a_subject_spelled_the_other_way_meets_its_figure(text, phrase):
    assert names_figure_of(phrase, [_passage(text)])


def test_a_figure_given_under_another_name_of_the_titled_role_is_its_own():
    from dataclasses import replace

    from assistant.evidence import _another_name
    from assistant.understand.roles import RoleBook

    book = RoleBook(["florist", "shop manager", "retail store manager", "garden center manager"])
    wanted = book.keys("shop manager")
    titled = _passage("Retail store managers earned a median of $48,000.")
    titled = replace(titled, title="Florist vs Shop Manager")
    # the title names the asked role; the sentence names one of its kind the title does not
    assert _another_name(book, titled.text, titled, wanted)
    # a role of another kind ("florist") is not the asked role under another name
    other = replace(titled, text="Florists earned a median of $35,000.")
    assert not _another_name(book, other.text, other, wanted)
    # an article whose title does not name the asked role lends it no figure
    untitled = replace(titled, title="Garden Center Manager Careers")
    assert not _another_name(book, untitled.text, untitled, wanted)


def test_a_role_asked_by_its_head_noun_alone_is_each_role_of_that_kind():
    from assistant.evidence import _of_its_kind
    from assistant.understand.roles import RoleBook

    book = RoleBook(["pastry chef", "baker", "kitchen porter"])
    assert _of_its_kind("chefs", book) == book.keys("pastry chef")
    assert _of_its_kind("porters", book) == book.keys("kitchen porter")
    assert _of_its_kind("bakers", book) == set()  # a role of its own, not a kind of one
    assert _of_its_kind("wedding chefs", book) == set()  # several words: a narrowed role


def test_a_pay_question_naming_only_the_head_noun_is_answered_from_its_kind(masonry):
    # the article names "memorial designers" with a figure, never "designers" alone
    result = masonry.ask("How much do designers make?")
    assert not result.abstained, result.answer
    assert "47,000" in result.answer


def test_someone_unnamed_is_no_subject_the_library_must_write(library):
    """ "What is the best career for someone who loves bread?" asks about the careers, not about
    a "someone" the articles would have to mention."""
    r = library.ask("What is the best career for someone who loves bread?")
    assert "never mention someone" not in r.answer, r.answer


def test_a_sum_in_any_currency_is_pay_and_a_how_question_asks_no_amount():
    from assistant.evidence import names_figure_of
    from assistant.understand.query import answer_kind

    kroner = _passage("A lighthouse keeper in Norway earns about 512,000 kroner a year.")
    assert names_figure_of("lighthouse keeper", [kroner])
    # a year alone is no sum of pay
    assert not names_figure_of("lighthouse keeper", [_passage("Lighthouse keepers earn well.")])
    assert answer_kind("How much do lighthouse keepers earn?") == "amount"


def test_how_a_salary_is_negotiated_is_answered_without_a_figure(library):
    r = library.ask("How do bakers negotiate their salary?")
    assert "give no figure" not in r.answer, r.answer


WARDS = """# Ward Nurse vs Community Nurse: Which Suits You?

## What a ward nurse does

Ward nurses look after eight to twelve patients per shift in a hospital, giving medications and
watching vital signs through the night. Ward nurses earn a median of $61,000 a year, and senior
ward nurses on nights earn $74,000.

## What a community nurse does

Community nurses visit patients at home, dress wounds and teach families to manage long-term
conditions, driving between eight and ten visits a day.

## Choosing the right path for your background

If you are calm under pressure and like a fast pace, the ward is the better start. If you speak a
second language, drive, and enjoy working alone with families, community nursing suits you best.
"""


@pytest.fixture(scope="module")
def wards(tmp_path_factory):
    return dev_library(tmp_path_factory, "wards", [], written={"wards.md": WARDS})


@pytest.mark.parametrize(
    "question",
    [
        "I speak Welsh and I can drive, which should I pick?",
        "i know Welsh and first aid, which one should I choose?",
        "I'm a Cardiff graduate. Which path suits me?",
    ],
)
def test_a_name_in_the_background_the_asker_tells_does_not_decline_the_question(wards, question):
    """The asker's own background ("I know Welsh") is no subject of the question: the article's
    advice by background answers it, though it never writes that name."""
    result = wards.ask(question)
    assert not result.abstained, result.answer
    assert "community nursing suits you best" in result.answer


@pytest.mark.parametrize(
    "question",
    ["Do community nurses need to speak Welsh?", "I speak Welsh. How much do Welsh nurses earn?"],
)
def test_a_name_the_question_asks_about_still_declines_it(wards, question):
    assert wards.ask(question).abstained


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("How much do ward nurses make at entry level?", None),
        ("What's the starting salary for a ward nurse?", None),
        ("How much do junior ward nurses earn?", None),
        ("What do senior ward nurses earn?", "$74,000"),
        ("How much do ward nurses earn?", "$61,000"),
        # the seed article gives a senior ML engineer's figure, and no beginner's
        ("How much do ML engineers make at entry level?", None),
        ("What do senior ML engineers earn?", "$245,000"),
    ],
)
def test_a_pay_question_at_a_career_level_needs_a_figure_for_that_level(wards, question, told):
    """A figure for seniors answers no question about beginners: "at entry level", "starting",
    "junior" need a figure the article gives for that level."""
    result = wards.ask(question)
    if told is None:
        assert result.abstained, result.answer
        assert "figure for" in result.answer or "never mention junior" in result.answer
    else:
        assert not result.abstained, result.answer
        assert told in result.answer


LINE_COOKS = """# Line Cook vs Pastry Cook

By Tomas Reyes | May 2, 2025

## Pay

Line cooks earn a median of $36,000 a year. Entry-level cooks typically start at about $29,500.
Head pastry cooks earn more.

## The work

Line cooks work the grill and the fryer during service. Pastry cooks bake bread before dawn.
"""


@pytest.fixture(scope="module")
def line_cooks(tmp_path_factory):
    return dev_library(tmp_path_factory, "cooks", [], written={"cooks.md": LINE_COOKS})


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("What is the starting salary for a junior line cook?", "$29,500"),
        ("How much do beginner line cooks make?", "$29,500"),
        ("What do trainee line cooks earn?", "$29,500"),
        ("What do veteran line cooks earn?", None),
        # the seed article tells a senior ML engineer's figure: an experienced one's too
        ("What do experienced ML engineers earn?", "$245,000"),
        ("How much do junior ML engineers earn?", None),
    ],
)
def test_a_career_level_is_met_by_another_word_for_that_level(line_cooks, question, told):
    """ "Entry-level cooks start at $29,500" answers a junior, beginner or trainee line cook's
    pay; "senior" answers "experienced"; neither answers the other end of the career."""
    result = line_cooks.ask(question)
    if told is None:
        assert result.abstained, result.answer
    else:
        assert not result.abstained, result.answer
        assert told in result.answer


@pytest.fixture(scope="module")
def with_data_roles(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "kinds",
        ["datatalksclub-data-team-roles-explained.md"],
        written={"cooks.md": LINE_COOKS},
    )


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What are the skills for maritime data engineering?", "maritime data engineering"),
        ("What are the skills for sushi cooking?", "sushi cooking"),
        ("What is the salary for seismic data engineering?", "seismic data engineering"),
    ],
)
def test_a_kind_the_library_never_writes_before_a_known_word_is_declined(
    with_data_roles, question, reason
):
    """ "maritime data engineering", "sushi cooking": the head ("data engineering", "cooking")
    is written, the word before it never, nor any word close to it; the articles say nothing
    of that kind of it, so the question is declined rather than answered about the head."""
    result = with_data_roles.ask(question)
    assert result.abstained, result.answer
    assert f"never mention {reason}" in result.answer


@pytest.mark.parametrize(
    "question",
    ["What are the skills for data engineering?", "What are the skills for a line cook?"],
)
def test_a_kind_the_library_writes_is_answered(with_data_roles, question):
    assert not with_data_roles.ask(question).abstained


def test_an_answer_quoted_only_from_another_roles_part_says_whose_it_is(wards):
    """ "Do ward nurses dress wounds at home?" is answered only in the part on community nurses:
    the answer says the article tells it of them, not of ward nurses; an answer about the asked
    role says nothing of the kind. So on the seed article: its linear algebra is the ML
    engineer's ("This role demands ...", under "What ML Engineers Do")."""
    result = wards.ask("Do ward nurses dress wounds at home?")
    assert not result.abstained, result.answer
    assert result.answer.lower().startswith("the articles say this of community nurse")
    assert "not of ward nurses" in result.answer
    own = wards.ask("Do ward nurses give medications at night?")
    assert not own.answer.startswith("The articles say this of"), own.answer
    seed = wards.ask("Do AI engineers need to know linear algebra?")
    assert seed.answer.startswith("The articles say this of ML Engineers, not of AI engineers")


KITCHEN = """# Pastry Chef vs Line Cook

## What a pastry chef does

Pastry chefs plan the dessert menu and bake every morning. This role demands precise weighing,
exact oven temperatures and patience with laminated dough.

## What a line cook does

Line cooks work the grill and the fryer at speed during dinner service, plating a dish every
few minutes.
"""


def test_an_answer_led_by_another_roles_part_says_whose_each_part_is_for_any_question(
    tmp_path_factory, wards
):
    """Not only a yes/no question: "What precision does a line cook need?" opens on the pastry
    chef's "This role demands precise weighing" (a sentence naming no role, under the pastry
    chef's heading) before the line cooks' own sentence, and "What math do AI engineers need?"
    on the seed article's ML section: the answer says whose each part is. Sentences that each
    name their role say it themselves, and stay as they are."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("kitchen")  # the kitchen article alone
    (folder / "kitchen.md").write_text(KITCHEN, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder / "kitchen.md")], kb, settings).ok
    result = Assistant(settings, kb).ask("What precision does a line cook need?")
    assert result.answer.startswith("The articles say this of Pastry chefs, not of line cook")
    assert "Of line cook: Line cooks work the grill" in result.answer, result.answer
    seed = wards.ask("What math do AI engineers need?")
    assert seed.answer.startswith("The articles say this of ML Engineers, not of AI engineers")
    # no AI engineer sentence speaks of math ("a strong software engineering background" is
    # no subject of study): none is quoted as theirs
    assert "Of AI engineers: " not in seed.answer, seed.answer
    named = wards.ask("What do ward nurses do with families at home?")
    assert not named.answer.startswith("The articles say this of Community nurses, not of ward")
    assert "Of ward nurses:" not in named.answer, named.answer


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("A PGCE adds one year of teacher training.", True),
        ("Most teachers qualify in a two-year programme.", True),
        ("Trainees spend 4-6 months on placement.", True),
        ("It takes several weeks to get a school placement.", True),
        ("Heads often have decades in the classroom.", True),
        ("Teachers plan lessons for twelve classes.", False),
        ("Teachers earned $45,000 in 2024.", False),
    ],
)
def test_a_span_of_time_is_a_number_with_a_unit_of_time(text, span):
    from assistant.evidence import _SPAN

    assert bool(_SPAN.search(text)) is span


def test_how_long_a_path_takes_is_declined_when_no_passage_gives_a_span_of_time(wards):
    """The ward article says what nurses do and earn, never how long getting there takes."""
    for question in (
        "How long does it take to become a community nurse?",
        "How many years until a ward nurse is senior?",
    ):
        result = wards.ask(question)
        assert result.abstained, result.answer
        assert "no length of time" in result.answer
    assert not wards.ask("How many patients does a ward nurse look after?").abstained


GARDENS = """# Landscape Designer vs Garden Technician

## Pay

Landscape designers earn a median of $58,000 a year, and garden technicians about $36,000.
Entry-level designers typically start at about $41,500; junior technicians start at $29,000.

## The work

Landscape designers draw planting plans for clients. Garden technicians mow, prune and plant.
"""


@pytest.fixture(scope="module")
def gardens(tmp_path_factory):
    return dev_library(tmp_path_factory, "gardens", [], written={"gardens.md": GARDENS})


@pytest.mark.parametrize(
    "question",
    [
        "What is the starting salary for a junior landscape designer?",
        "What do entry-level landscape designers earn?",
    ],
)
def test_the_asked_roles_head_noun_at_a_level_is_that_role(gardens, question):
    """ "Entry-level designers ... $41,500" in "Landscape Designer vs Garden Technician": the
    landscape designer at the start of the career, by its head noun, though the sentence goes
    on to the technicians' figure; so it is the answer's, not another role's figure."""
    result = gardens.ask(question)
    assert not result.abstained, result.answer
    assert "Entry-level designers typically start at about $41,500" in result.answer


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Newly qualified midwives start at about 31,000 pounds a year.", True),
        ("Band 7 pays around 46,000 to 57,000 pounds.", True),
        ("Porters must lift 50 pounds without help.", False),
        ("A full sack weighs 110 pounds.", False),
        # pounds by the hour, week or year are a wage, however few
        ("Kitchen porters earn about 11.44 pounds an hour in most hotels.", True),
        ("Trainee croupiers are paid 450 pounds per week.", True),
        ("Each tray of glasses weighs 12 pounds when full.", False),
    ],
)
def test_thousands_of_pounds_are_a_sum_but_a_weight_is_not(text, amount):
    from assistant.evidence import OFFERS

    assert bool(OFFERS["amount"].search(text)) is amount


MIDWIVES = """# Midwife vs Health Visitor

## Pay

Midwives in private clinics earn about $64,000 a year, and health visitors earn $59,000.
In Scotland, both professions start at Band 5 (about 31,000 pounds in 2024) and can progress
to Band 7 (around 48,000 pounds) as specialists or team leads.

## The work

Midwives care for women in labour. Health visitors see families at home after the birth.
"""


@pytest.fixture(scope="module")
def midwives(tmp_path_factory):
    return dev_library(tmp_path_factory, "midwives", [], written={"midwives.md": MIDWIVES})


def test_a_figure_for_both_professions_is_the_asked_roles_too(midwives):
    """ "In Scotland, both professions start at Band 5 (about 31,000 pounds) ... as specialists
    or team leads": "both professions" of "Midwife vs Health Visitor" are the midwife too, and
    the roles it goes on to name are what they become, so the sentence answers a midwife's pay
    in Scotland."""
    result = midwives.ask("How much do midwives earn in Scotland?")
    assert not result.abstained, result.answer
    assert "about 31,000 pounds" in result.answer, result.answer


@pytest.mark.parametrize(
    ("question", "roles", "judged"),
    [
        ("Is being a pastry chef stressful?", ["pastry chef"], "stressful"),
        ("Is nursing a remote job?", ["nursing"], "remote"),  # the job noun is no topic
        ("Are line cooks stressed for money?", ["line cooks"], "stressed"),
        ("What is the average age of bakers?", ["bakers"], "age"),  # the head noun
        ("What's the dress code for pastry chefs?", ["pastry chefs"], "code"),
        # what the role is, or a career-lexicon aspect: nothing judged
        (
            "What's the classic description of site reliability engineering?",
            ["site reliability engineering"],
            None,
        ),
        ("What is the growth rate for bakers?", ["bakers"], None),
        # a longer phrase after the role says more than what it is
        (
            "Is machine learning engineering considered one of the highest-paying technical jobs?",
            ["machine learning engineering"],
            None,
        ),
    ],
)
def test_what_a_question_says_a_role_is_is_judged(question, roles, judged):
    from assistant.evidence import judged_of_role

    assert judged_of_role(question, roles) == judged


@pytest.mark.parametrize(
    ("question", "declined", "said"),
    [
        ("Is being a pastry chef stressful?", True, "“stressful”"),
        ("Is being an AI engineer stressful?", True, "“stressful”"),  # the seed article
        # the seed writes "agentic", which "age" only starts
        ("What is the average age of AI engineers?", True, "“age”"),
        ("What is the dress code for pastry chefs?", True, "“code”"),
        # said in the articles' words, or in the career lexicon's
        ("Is being a pastry chef lucrative?", False, "52,000"),
        ("Is ML engineering more research oriented?", False, "model development"),
        ("Is AI engineering a growing field?", False, "fastest-growing"),
    ],
)
def test_what_no_article_says_a_role_is_is_declined(library, question, declined, said):
    result = library.ask(question)
    assert result.abstained is declined, result.answer
    assert said in result.answer


def test_a_short_word_is_spelled_out_only_as_a_word_near_it_in_meaning(library):
    expand = library.retriever.library.expand_abbreviations
    # the seed writes "agentic" and "mathematical": "age" is no clip of the one, "math" is
    assert "average age of" in expand("What is the average age of AI engineers?")
    assert "math" not in expand("What math do ML engineers need?").split()
