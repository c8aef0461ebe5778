"""Comparisons over an article written for this test in a field no development article covers
(a bakery and a catering business), asked the way people ask: "X vs Y pay", "Compare the
day-to-day work of X and Y", "Which is easier to get into, X or Y?", and a follow-up.

- a one-word side set against a job title in the title ("Baker or Catering Manager?") is a
  role of its own, and keeps its own cells;
- a section headed with the question's own word ("A day at the ovens" for "day-to-day
  work") speaks of it, though the word is an everyday one;
- a verdict that names one side and gives its pay figure is that side's pay cell when the
  cell has no figure;
- a sentence about one side's kind ("Part-time bakers earn much less") is no verdict, and one
  about another kind of a side's head noun ("Banquet managers can out-earn both") is no side's;
- the career lexicon knows the words of entry (apprenticeship, licence, certificate, exam)
  and of demand ("job prospects").
"""

from __future__ import annotations

import re

import pytest

from knowledge.settings import REPO_ROOT, get_settings

SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"

BAKERY = """---
title: "Baker or Catering Manager? Choosing a Food Career"
author: Test Writer
date: 2025-05-01
---

# Baker or Catering Manager? Choosing a Food Career

{{< toc >}}

Food businesses need people who make things and people who run events. This guide sets the
baker and the catering manager side by side.

## A day at the ovens

A baker arrives at three in the morning to mix dough and shape loaves before the shop opens.
By noon the racks are empty and the kitchen is scrubbed for the next night.

## A day at the events

A catering manager meets clients, plans menus for weddings and books the serving staff.
On the night of an event the catering manager walks the room and settles the bill.

## Pay

Bakers earned a median of $36,000 a year. Catering managers earned a median of roughly $61,000,
and those who run hotel banquets often earn more. Banquet managers can out-earn both in wedding
season, but those contracts are short. Part-time bakers at supermarkets earn much less, often
under $30,000.

## Training and licences

Most bakers learn through an apprenticeship at a bakery, with no exam at the end. Catering
managers usually need a licence to serve alcohol and a certificate in food safety.

## Outlook

Jobs for bakers are projected to grow 2% over the decade. Catering manager jobs are projected
to grow 7%, faster than average.

## Which should you choose?

If you want higher pay and like organising people, becoming a catering manager is worth
considering. If you love the craft and quiet early hours, stay a baker.
"""


def _library(tmp_path_factory, file_name: str, text: str, also: tuple[str, ...] = ()):
    """An extractive Assistant over one article written by the test (plus `also`), in a store
    of its own."""
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp(file_name.split(".")[0])
    (folder / file_name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / file_name), *also], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    # with another field's roles in the same library
    also = (str(SEED),) if SEED.is_file() else ()
    return _library(tmp_path_factory, "baker-or-catering-manager.md", BAKERY, also)


def _row(answer: str, label: str) -> str:
    return next((line for line in answer.splitlines() if line.startswith(f"| {label} |")), "")


def _rows(answer: str) -> list[str]:
    return [line.split("|")[1].strip() for line in answer.splitlines()[4:] if line.startswith("|")]


def test_a_one_word_side_keeps_its_own_name_and_cells(bakery):
    r = bakery.ask("baker vs catering manager pay")
    assert r.answer.startswith("**Baker vs Catering Manager**"), r.answer
    pay = _row(r.answer, "Pay")
    assert "$36,000" in pay and "$61,000" in pay, r.answer


def test_a_section_headed_with_the_questions_word_speaks_of_it(bakery):
    r = bakery.ask("Compare the day-to-day work of bakers and catering managers")
    day = _row(r.answer, "Day-to-day work")
    assert "mix dough" in day and "meets clients" in day, r.answer


def test_a_one_sided_verdict_with_the_figure_fills_its_pay_cell(bakery):
    r = bakery.ask("Baker or catering manager: which pays more?")
    pay = _row(r.answer, "Pay")
    assert "$61,000" in pay.split("|")[3], r.answer  # the catering manager's own cell
    assert "**Verdict:**" not in r.answer or "$61,000" not in r.answer.split("**Verdict:**")[1]


def test_a_sentence_about_one_sides_kind_is_no_verdict(bakery):
    r = bakery.ask("Do bakers or catering managers earn more?")
    verdict = r.answer.split("**Verdict:**")[1] if "**Verdict:**" in r.answer else ""
    assert "Part-time" not in verdict and "Banquet" not in verdict, r.answer


def test_another_kind_of_a_sides_head_noun_is_no_sides():
    """ "Line cooks can out-earn both" in a passage that opens on pastry cooks: another kind of
    cook, not the pastry cook's evidence (a one-word side, "baker", has no other kinds)."""
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    text = (
        "Pastry cooks earned a median of $36,000 a year. Line cooks can out-earn both. "
        "Every pastry cook (PC) trains for years."
    )
    lib = Library.build(
        [text, BAKERY],
        [
            {"source": "/k.md", "title": "Pastry Cook vs Catering Manager", "section": "Pay"},
            {"source": "/b.md", "title": "Baker or Catering Manager?", "section": "Pay"},
        ],
    )
    finder = SideFinder(["pastry cook", "catering manager"], lib.roles)
    p = Passage(
        id="x", source="/k.md", title="T", section="Pay", text=text, chunk_index=0, ref_ids=[]
    )
    sibling = Sentence(0, 1, "Line cooks can out-earn both in wedding season.")
    own = Sentence(0, 0, "Pastry cooks earned a median of $36,000 a year.")
    assert side_of(sibling, [p], finder) is None
    assert side_of(own, [p], finder) == 0
    # an abbreviation's kinds are its long form's: "Line cooks" are no pastry cooks ("PC")
    short = SideFinder(["PC", "catering manager"], lib.roles)
    assert side_of(sibling, [p], short) is None
    baker = SideFinder(["baker", "catering manager"], lib.roles)
    kind = Sentence(0, 1, "Part-time bakers at supermarkets earn much less.")
    assert side_of(kind, [p], baker) == 0  # a kind of a one-word side is that side


def test_a_sentence_about_one_sides_kind_is_no_verdict_of_the_pair():
    from assistant.compare import SideFinder, _verdict
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    lib = Library.build([BAKERY], [{"source": "/b.md", "title": "", "section": ""}])
    finder = SideFinder(["baker", "catering manager"], lib.roles)
    text = "Catering managers earned $61,000. Part-time bakers at supermarkets earn much less."
    p = Passage(
        id="x", source="/b.md", title="T", section="Pay", text=text, chunk_index=0, ref_ids=[]
    )
    kind = Sentence(0, 1, "Part-time bakers at supermarkets earn much less.", score=0.9)
    own = Sentence(0, 2, "Bakers earn much less than catering managers.", score=0.1)
    asked = {"earn", "pay", "salari"}
    assert _verdict([(kind, 0)], asked, finder, lib.roles, [p]) is None
    assert _verdict([(kind, 0), (own, 0)], asked, finder, lib.roles, [p]) is own


def test_entry_words_of_any_trade_make_an_entry_row(bakery):
    r = bakery.ask("Which is easier to get into, baker or catering manager?")
    entry = _row(r.answer, "Entry and education")
    assert "apprenticeship" in entry and "licence" in entry, r.answer


def test_a_follow_up_on_job_prospects_asks_for_demand(bakery):
    first = "Baker or catering manager: which pays more?"
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": bakery.ask(first).answer},
    ]
    r = bakery.ask("and which one has better job prospects?", history)
    assert _rows(r.answer)[:1] == ["Demand"], r.answer
    assert re.search(r"2%.*7%", _row(r.answer, "Demand")), r.answer


def test_the_seed_keeps_its_one_sided_verdict_without_a_figure(bakery):
    """ "In comparing salaries, ML engineers generally earn more at the senior level." opens
    with its side and gives no figure: it stays the verdict."""
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    r = bakery.ask("AI engineer vs ML engineer: which pays more?")
    assert "**Verdict:** In comparing salaries, ML engineers generally earn more" in r.answer


def test_a_heading_line_of_plain_text_is_no_part_of_a_cell():
    """A plain-text article writes "Pay" on a line of its own; the cell quotes the sentence."""
    from assistant.compare import _untitled
    from knowledge.schema import Passage

    text = "Pay\nBakers earned a median of $36,000 a year. Most work nights."
    p = Passage(
        id="x", source="/b.txt", title="T", section="T", text=text, chunk_index=0, ref_ids=[]
    )
    assert _untitled("Pay Bakers earned a median of $36,000 a year.", p).startswith("Bakers")
    assert _untitled("Most work nights.", p) == "Most work nights."
    assert _untitled("Pay rises.", p) == "Pay rises."  # too short to hold a heading and a claim


PLAIN = """Baker vs Catering Manager: Which Food Job Is for You?

What bakers do
Bakers mix dough, shape loaves and watch the ovens before dawn.

What catering managers do
Catering managers meet clients, plan menus and book the serving staff.

Pay
Bakers earned a median of $36,000 a year. Catering managers earned a median of $61,000.
"""


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _library(tmp_path_factory, "baker-vs-catering-manager.txt", PLAIN)


def test_what_a_role_does_is_its_day_to_day_work(plain):
    r = plain.ask("Compare the day-to-day work of bakers and catering managers")
    day = _row(r.answer, "Day-to-day work")
    assert "mix dough" in day and "meet clients" in day, r.answer
    assert "What bakers do" not in day, r.answer
    pay = _row(plain.ask("baker vs catering manager pay").answer, "Pay")
    assert "| Bakers earned" in pay, pay


def test_an_abbreviation_of_a_persons_title_stands_alone():
    """ "certified public accountant (CPA)": "CPA vs financial analyst" names a CPA, where a
    title pair "Accountant vs Financial Analyst" is two roles, not one."""
    from assistant.understand import Library

    text = (
        "Many accountants become a certified public accountant (CPA). A financial analyst "
        "builds models. Financial analysts earn more than accountants."
    )
    lib = Library.build(
        [text], [{"source": "/a.md", "title": "Accountant vs Financial Analyst", "section": ""}]
    )
    assert "accountant vs financial analyst" not in lib.roles.phrases
    assert "cpa" in lib.roles.lone
    assert lib.roles.find("CPA vs financial analyst pay") == ["CPA", "financial analyst"]


def test_another_name_an_article_gives_a_role_is_that_role():
    """ "A lawyer, also called an attorney, ...": "attorney vs paralegal" compares the lawyer;
    "a chef (also known as a head cook)" likewise. A name given to no known role is no role."""
    from assistant.understand import Library
    from assistant.understand.vocabulary import other_names

    text = (
        "A lawyer, also called an attorney, meets clients. Many start work as a paralegal. "
        "A lawyer earns more than a paralegal. The stove, also called a range, is hot."
    )
    assert other_names([text]) == {"attorney": "A lawyer", "range": "The stove"}
    lib = Library.build(
        [text], [{"source": "/l.md", "title": "Paralegal vs Lawyer", "section": ""}]
    )
    assert lib.roles.find("attorney vs paralegal") == ["attorney", "paralegal"]
    assert lib.roles.same("attorney", "lawyers")
    assert not lib.roles.find("Is the range hot?")


def test_another_name_given_with_an_abbreviation_or_in_the_plural_is_that_role():
    """ "A dental therapist (DT), sometimes called an oral health therapist, ...", "Dental
    nurses, often called chairside assistants, ...": the role is known by those names too."""
    from assistant.understand import Library

    text = (
        "A dental therapist (DT), sometimes called an oral health therapist, fills teeth. "
        "Dental nurses, often called chairside assistants, hand instruments to the dentist. "
        "A dental therapist earns more than a dental nurse."
    )
    lib = Library.build(
        [text],
        [{"source": "/d.md", "title": "Dental Therapist vs Dental Nurse", "section": ""}],
    )
    assert lib.roles.same("oral health therapist", "dental therapist")
    assert lib.roles.same("chairside assistants", "dental nurse")
    assert lib.roles.same("chairside assistant", "dental nurses")


def test_another_name_said_to_be_used_somewhere_is_that_role():
    """ "Sous chefs (called second chefs in the United Kingdom) ...": the name is read without
    the place it is used in, so a question using it asks about that role."""
    from assistant.understand import Library
    from assistant.understand.vocabulary import other_names

    text = (
        "Sous chefs (called second chefs in the United Kingdom) and line cooks share a kitchen. "
        "A pastry cook, known as a patissier across most of Europe, bakes. "
        "A sous chef earns more than a line cook."
    )
    assert other_names([text]) == {"second chefs": "Sous chefs", "patissier": "A pastry cook"}
    lib = Library.build(
        [text], [{"source": "/k.md", "title": "Sous Chef vs Line Cook", "section": ""}]
    )
    assert lib.roles.same("second chef", "sous chef")
    assert lib.roles.find("second chef vs line cook") == ["second chef", "line cook"]


def test_another_name_someone_calls_a_role_is_that_role():
    """ "Restaurant managers (the BLS calls them food service managers) ...": the name a body
    calls the role by is that role, so the sentence giving its pay is the manager's; "we call
    it" where no role was just named (the development handbook's "So we call it 'technical
    leverage'") gives no name."""
    from assistant.understand import Library
    from assistant.understand.vocabulary import other_names
    from knowledge.settings import REPO_ROOT

    text = (
        "Restaurant managers (the BLS calls them food service managers) run the whole house. "
        "Food service managers earned a median of $65,310 a year. "
        "A restaurant manager earns more than a line cook."
    )
    assert other_names([text]) == {"food service managers": "Restaurant managers"}
    lib = Library.build(
        [text], [{"source": "/r.md", "title": "Line Cook or Restaurant Manager?", "section": ""}]
    )
    assert lib.roles.same("food service managers", "restaurant manager")
    handbook = (
        REPO_ROOT.parent
        / "shared"
        / "corpus-dev"
        / "gitlab-handbook-engineering-career-development.md"
    )
    if handbook.exists():
        text = handbook.read_text(encoding="utf-8")
        assert "we call it" in text.lower()
        assert not [n for n in other_names([text]) if "leverage" in n]


def test_another_name_ending_in_the_other_sides_head_noun_stays_its_own_role():
    """ "Baker vs Pastry Chef" makes a bare "chef" the pastry chef; but "bread chef", another
    name the article gives bakers, is the baker, not a "bread pastry chef"."""
    from assistant.understand import Library

    text = (
        "Bakers (called bread chefs in some hotels) start work at four. A pastry chef "
        "decorates cakes. A pastry chef earns more than a baker."
    )
    lib = Library.build(
        [text], [{"source": "/b.md", "title": "Baker vs Pastry Chef", "section": ""}]
    )
    assert lib.unclipped("How much does a chef earn?") == "How much does a pastry chef earn?"
    asked = "What does a bread chef earn?"
    assert lib.unclipped(asked) == asked
    assert lib.roles.find(asked) == ["bread chef"]
    assert lib.roles.same("bread chef", "baker")


def test_another_name_with_its_place_beside_a_development_article_is_that_role():
    """The development data-roles article with one sentence giving a role another name used
    somewhere: that name is the role; the article's own roles stay as they were."""
    from assistant.understand import Library
    from ingest.load import decode
    from ingest.structure import parse_article
    from knowledge.settings import REPO_ROOT

    path = REPO_ROOT.parent / "shared" / "corpus-dev" / "datatalksclub-data-team-roles-explained.md"
    if not path.is_file():
        pytest.skip(f"the development articles are not at {path.parent}")
    loaded = decode(str(path), "md", path.read_bytes())
    article = parse_article(loaded.source, loaded.text, "md", loaded.title_hint)
    docs = ["\n\n".join(s.paragraphs) for s in article.sections]
    meta = [
        {"source": str(path), "title": article.title, "section": s.heading}
        for s in article.sections
    ]
    before = Library.build(docs, meta)
    added = " Data engineers (called pipeline engineers in some start-ups) build pipelines."
    after = Library.build([*docs[:-1], docs[-1] + added], meta)
    assert after.roles.same("pipeline engineers", "data engineer")
    assert not before.roles.same("pipeline engineers", "data engineer")
    assert before.roles.find("What does a data analyst do?") == ["data analyst"]
    assert after.roles.find("What does a data analyst do?") == ["data analyst"]


def test_a_one_word_side_set_against_a_hyphenated_job_title_is_a_role():
    """ "Midwife vs Obstetric-Care Practitioner": the hyphen does not make the other side
    something else than a job title, so "midwife" alone is a role of the library."""
    from assistant.understand import Library

    text = "Many nurses go on to work as a midwife. Obstetric-care practitioners work in clinics."
    lib = Library.build(
        [text],
        [{"source": "/m.md", "title": "Midwife vs Obstetric-Care Practitioner", "section": ""}],
    )
    assert lib.roles.find("How much does a midwife earn?") == ["midwife"]


def test_another_name_of_no_role_in_a_development_article_names_no_role():
    # The front-end handbook names things, not roles, in these forms ("... interpreter (CLI),
    # also known as command-line user interface", "... (sometimes called integration and
    # testing ...)"): the wider pattern reads them, but they name no role of the library.
    from assistant.understand import Library
    from ingest.load import decode
    from knowledge.settings import REPO_ROOT

    path = REPO_ROOT.parent / "shared" / "corpus-dev" / "front-end-developer-handbook-2019.html"
    if not path.is_file():
        pytest.skip(f"the development articles are not at {path.parent}")
    text = decode(str(path), "html", path.read_bytes()).text
    lib = Library.build(
        [text], [{"source": str(path), "title": "Front-end Developer Handbook", "section": ""}]
    )
    assert lib.roles.find("What does a command-line user interface do?") == []
    assert lib.roles.find("What does a front-end developer do?") == ["front-end developer"]


GUIDE = """# Baker vs Catering Manager

This guide looks at the baker's pay, training, daily work and outlook.

## Pay

Bakers earned a median of $36,000 a year. Catering managers earned a median of $61,000 a year.
Wedding catering managers at luxury hotels earn much more, often above $90,000.

## Daily work

A catering manager plans menus and books the serving staff for weddings.
"""


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return _library(tmp_path_factory, "guide.md", GUIDE)


def test_a_sentence_about_the_guide_itself_fills_no_cell(guide):
    r = guide.ask("Compare the daily work of bakers and catering managers")
    assert "This guide" not in r.answer.split("**Verdict:**")[0], r.answer
    assert "plans menus" in r.answer, r.answer


def test_a_comparison_about_a_kind_of_the_side_does_not_answer_which_pays_more(guide):
    r = guide.ask("Baker or catering manager: which pays more?")
    assert "$61,000" in _row(r.answer, "Pay"), r.answer


def test_both_sides_set_against_someone_else_is_no_verdict():
    """ "Master bakers and catering managers who run their own business can earn far more"
    sets both against employees, not one against the other; "Bakers and catering managers
    both work weekends, but bakers start earlier" does set them side by side."""
    from assistant.compare import SideFinder, _verdict
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    lib = Library.build([BAKERY], [{"source": "/b.md", "title": "", "section": ""}])
    finder = SideFinder(["baker", "catering manager"], lib.roles)
    p = Passage(
        id="x", source="/b.md", title="T", section="Pay", text="t", chunk_index=0, ref_ids=[]
    )
    joint = Sentence(
        0, 0, "Master bakers and catering managers who own a business earn far more.", score=0.9
    )
    contrast = Sentence(
        0, 1, "Bakers and catering managers both earn more in spring, but bakers earn less.", 0.1
    )
    asked = {"earn", "pay", "salari"}
    assert _verdict([(joint, None)], asked, finder, lib.roles, [p]) is None
    assert _verdict([(joint, None), (contrast, None)], asked, finder, lib.roles, [p]) is contrast


AVIATION = """---
title: "Airline Pilot vs Air Traffic Controller: Which Aviation Career Fits You?"
author: "Test Author"
date: 2024-09-02
---

{{< figure src="/img/tower.jpg" caption="A control tower at dusk" >}}

Aviation offers two well-paid careers that keep planes moving: flying them, and directing them.

## Pay at a glance

| Career | Median pay | Typical schedule |
|---|---|---|
| Airline pilot | $219,140 | Multi-day trips, nights away |
| Air traffic controller | $137,380 | Rotating shifts, home every night |

## Training

An airline pilot needs a commercial pilot license, an instrument rating and 1,500 flight hours.
Air traffic controllers are trained at an academy after passing an aptitude test.

## A typical day

Pilots run pre-flight checks, brief the crew, fly the route and handle weather changes.
Controllers watch radar screens, issue clearances and keep aircraft apart.
"""


@pytest.fixture(scope="module")
def aviation(tmp_path_factory):
    also = (str(SEED),) if SEED.is_file() else ()
    return _library(tmp_path_factory, "pilot-vs-controller.md", AVIATION, also)


def test_a_table_row_naming_a_side_fills_its_pay_cell(aviation):
    """A pay table's rows ("Airline pilot — Median pay: $219,140;") are short and end in no
    full stop, yet each is its side's pay; a bare "pilot" in the question is the title's."""
    answer = aviation.ask("Pilot or air traffic controller: what is the median pay?").answer
    pay = _row(answer, "Pay")
    assert "$219,140" in pay and "$137,380" in pay, answer
    assert "Airline Pilot" in answer.splitlines()[0], answer


def test_a_bare_head_in_its_own_article_is_that_side(aviation):
    """ "Pilots run pre-flight checks" in the article titled for airline pilots speaks of
    that side, though it drops the modifier."""
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from knowledge.schema import Passage

    aviation.retriever.refresh()
    finder = SideFinder(
        ["airline pilot", "air traffic controller"], aviation.retriever.library.roles
    )
    text = AVIATION.split("## A typical day")[1].strip()
    p = Passage(
        id="x",
        source="/a.md",
        title="Airline Pilot vs Air Traffic Controller",
        section="A typical day",
        text=text,
        chunk_index=0,
        ref_ids=[],
    )
    pilots, controllers = (Sentence(0, i, line) for i, line in enumerate(text.splitlines()))
    assert side_of(pilots, [p], finder) == 0
    assert side_of(controllers, [p], finder) == 1
    # in another article, "controllers" may be another role (a finance team's)
    other = Passage(
        id="y",
        source="/f.md",
        title="Accountant vs Financial Analyst",
        section="Work",
        text=controllers.text,
        chunk_index=0,
        ref_ids=[],
    )
    assert side_of(Sentence(0, 0, controllers.text), [other], finder) is None


WARD_GUIDE = """# Veterinary Technician vs Veterinarian: Salary, Training and Daily Work

Both veterinary technicians and veterinarians care for animals, but their training,
responsibilities and pay differ a great deal. Pay is the biggest gap between the two careers.

## Salary comparison

| Role | Median salary |
|---|---|
| Veterinary technician | $43,740 |
| Veterinarian | $119,100 |

Veterinarians earn almost three times as much as technicians, largely because of their
doctoral training.

## Education and training

A veterinary technician usually completes a two-year associate degree. A veterinarian needs a
four-year Doctor of Veterinary Medicine degree after an undergraduate degree, then a license.

## Day-to-day work

Veterinary technicians take blood samples, prepare animals for surgery and take X-rays.
Veterinarians diagnose illnesses, perform surgery, prescribe medication and talk owners
through treatment options.

## Which career is right for you?

If you want to lead treatment decisions and can commit to eight years of study, aim for
veterinarian.
"""


def test_what_a_role_does_is_answered_from_the_part_headed_for_its_work(tmp_path_factory):
    """ "What does a veterinarian do?" has no word of "day-to-day work", yet the part of the
    article headed so answers it, before the degree and the advice."""
    clinic = _library(tmp_path_factory, "vet-tech-vs-vet.md", WARD_GUIDE)
    answer = clinic.ask("What does a veterinarian do?").answer
    first_two = " ".join(answer.split("] ")[:2])
    assert "Veterinarians diagnose illnesses" in first_two, answer


def test_a_table_row_is_one_sentence_whatever_its_semicolons():
    from assistant.evidence import prose_sentences

    text = (
        "Pay varies by role.\n"
        "Airline pilot — Median pay: $219,140; Typical schedule: Multi-day trips, nights away.\n"
        "Air traffic controller — Median pay: $137,380; Typical schedule: Rotating shifts.\n"
        "Senior captains earn more."
    )
    assert prose_sentences(text) == [
        "Pay varies by role.",
        "Airline pilot — Median pay: $219,140; Typical schedule: Multi-day trips, nights away.",
        "Air traffic controller — Median pay: $137,380; Typical schedule: Rotating shifts.",
        "Senior captains earn more.",
    ]


@pytest.fixture(scope="module")
def two_fields(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vet-article")
    (folder / "vet-tech-vs-vet.md").write_text(WARD_GUIDE, encoding="utf-8")
    return _library(tmp_path_factory, "pilot-vs-controller.md", AVIATION, (str(folder),))


def test_one_roles_table_row_answers_without_the_next_row(two_fields):
    answer = two_fields.ask("What is the median salary of a veterinary technician?").answer
    assert "$43,740" in answer and "$119,100" not in answer, answer


def test_a_cross_article_comparison_takes_each_sides_row_and_no_other_pairs_verdict(two_fields):
    """Veterinarian (one article) against airline pilot (another): each pay cell is its side's
    table row, and "pay differs between the two careers" of the vet article is no verdict on
    this pair."""
    answer = two_fields.ask("Which pays more, a veterinarian or an airline pilot?").answer
    pay = _row(answer, "Pay")
    assert "$119,100" in pay and "$219,140" in pay, answer
    assert "the two careers" not in answer and "technicians and veterinarians" not in answer, answer


GARDENS = """# Landscape Gardener vs Tree Surgeon: Which Outdoor Career?

Both jobs keep you outside all year. This guide sets the two side by side.

## Pay

Landscape gardeners earned a median of $38,000 a year. Tree surgeons earned a median of $52,000.

## Getting started

A landscape gardener can start with a short horticulture course or none at all. A tree surgeon
needs chainsaw certificates and a climbing qualification before working at height. Because most
firms will train a keen beginner on the job, landscape gardening is easier to get into.

## Outlook

Jobs for landscape gardeners are projected to grow 4% over the decade. Tree surgeon jobs are
expected to grow 9% as cities plant more trees. Becoming a landscape gardener is much faster.
"""

KITCHEN = """# Head Chef vs Kitchen Porter: Life Behind the Pass

## Pay

Head chefs earned a median of $58,000 a year. Kitchen porters earned a median of $29,000. The
two professions differ most in pay, with head chefs far ahead.

## Getting in

A head chef usually spends ten years working up through the kitchen brigade. A kitchen porter
needs no qualification at all. This makes the porter job far easier to get into.
"""


@pytest.fixture(scope="module")
def outdoors(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kitchen-article")
    (folder / "head-chef-vs-kitchen-porter.md").write_text(KITCHEN, encoding="utf-8")
    return _library(tmp_path_factory, "gardener-vs-tree-surgeon.md", GARDENS, (str(folder),))


def _verdict_of(answer: str) -> str:
    return answer.split("**Verdict:**")[1] if "**Verdict:**" in answer else ""


def test_a_sides_field_names_it_and_its_comparison_is_the_verdict(outdoors):
    """ "..., landscape gardening is easier to get into": the field of the landscape gardener
    opens the main clause, so the sentence compares the two sides (a verdict), and it is no
    cell of the other side."""
    answer = outdoors.ask("Landscape gardener or tree surgeon: which is easier to get into?").answer
    assert "landscape gardening is easier" in _verdict_of(answer), answer
    assert "landscape gardening is easier" not in _row(answer, "Entry and education"), answer


def test_a_comparative_of_the_question_is_no_aspect_word(outdoors):
    """ "growing faster": "faster" says which way to compare, so "Becoming a landscape gardener
    is much faster" (about entry) is no demand cell."""
    answer = outdoors.ask("Which is growing faster, landscape gardeners or tree surgeons?").answer
    demand = _row(answer, "Demand")
    assert "4%" in demand and "9%" in demand, answer
    assert "much faster" not in answer, answer


def test_a_bare_head_after_a_determiner_makes_a_verdict(outdoors):
    answer = outdoors.ask("Head chef or kitchen porter: which is easier to get into?").answer
    assert "porter job far easier" in _verdict_of(answer), answer


def test_the_two_professions_of_another_pair_is_no_cross_article_verdict(outdoors):
    """Tree surgeon (one article) against head chef (another): "The two professions differ most
    in pay, with head chefs far ahead" sets head chefs against kitchen porters."""
    answer = outdoors.ask("Which pays more, a tree surgeon or a head chef?").answer
    pay = _row(answer, "Pay")
    assert "$52,000" in pay and "$58,000" in pay, answer
    assert "two professions" not in answer, answer


def test_a_field_is_spelled_from_a_side_of_several_words_only():
    from assistant.compare import _field_pattern

    field = _field_pattern("occupational therapist", ["occupational therapist", "pharmacist"])
    assert field.search("Occupational therapy is usually quicker to enter.")
    assert not field.search("An occupational hazard of the job.")
    assert _field_pattern("pharmacist", ["pharmacist", "occupational therapist"]) is None
    # two sides with the same modifiers: "dental assistance" would name either
    assert _field_pattern("dental assistant", ["dental assistant", "dental hygienist"]) is None


def test_money_in_a_sentence_about_a_cost_is_no_pay():
    """ "Culinary school can cost $30,000" is a price: no evidence of what a cook earns; a
    figure beside a pay word stays pay though the sentence names a fee too."""
    from assistant.compare import _fit, earned_money
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    pay = next(a for a in aspects() if a.name == "Pay")
    assert _fit(Sentence(0, 0, "Culinary school can cost $30,000 or more."), pay) == 0
    assert not earned_money("Tuition for a nursing degree runs to $40,000.")
    assert earned_money("Line cooks earn $35,000 a year after agency fees.")
    assert earned_money("Head chefs take home about $58,000.")


def test_breaks_in_a_shift_are_no_entry():
    from assistant.compare import _fit
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    entry = next(a for a in aspects() if a.name == "Entry and education")
    shift = "Nurses on the ward work twelve-hour shifts with two short breaks."
    assert _fit(Sentence(0, 0, shift), entry) == 0
    way_in = "Most cooks break into the trade as kitchen porters."
    assert _fit(Sentence(0, 0, way_in), entry) > 0


def test_a_field_names_its_side_even_when_the_side_is_abbreviated():
    """ "Speech therapy is quicker to enter" is about the speech therapist ("ST"), also when
    the question writes the side short; the main clause's subject is that side."""
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    text = (
        "A speech therapist (ST) helps children and adults who struggle to talk or swallow. "
        "A school counselor (SC) supports pupils. "
        "Because a one-year diploma is still accepted, speech therapy is quicker to enter."
    )
    meta = {"source": "/s.md", "title": "Speech Therapist vs School Counselor", "section": "Entry"}
    lib = Library.build([text], [meta])
    p = Passage(
        id="x",
        source="/s.md",
        title=meta["title"],
        section="Entry",
        text=text,
        chunk_index=0,
        ref_ids=[],
    )
    quick = Sentence(
        0, 2, "Because a one-year diploma is still accepted, speech therapy is quicker to enter."
    )
    for sides in (["speech therapist", "school counselor"], ["ST", "SC"]):
        finder = SideFinder(sides, lib.roles)
        assert finder.field_subject(quick.text) == {0}, sides
        assert side_of(quick, [p], finder) == 0, sides


def test_managing_a_task_is_no_progression():
    from assistant.compare import _fit
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import aspects

    up = next(a for a in aspects() if a.name == "Progression")
    duty = "A sous chef manages the stock room and orders produce."
    assert _fit(Sentence(0, 0, duty), up) == 0
    assert _fit(Sentence(0, 0, "Sous chefs can move up to kitchen manager."), up) > 0


def test_a_list_has_no_lead_sentence_for_its_other_items():
    """A passage that is a list ("- Knife skills, which most line cooks already have", "-
    Bookkeeping and a trading licence") under a heading naming no side: the first item names
    line cooks, the others are no line cook's evidence."""
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    items = (
        "- Knife skills, which most line cooks already have\n"
        "- Bookkeeping and a trading licence for the van\n"
        "- A loyal following on social media"
    )
    prose = "A line cook works the grill through the dinner rush. Most of them stand for hours."
    title = "Line Cook or Food Truck Owner? A Switch Guide"
    lib = Library.build([items, prose], [{"source": "/f.md", "title": title, "section": "S"}] * 2)
    finder = SideFinder(["line cook", "food truck owner"], lib.roles)

    def passage(text: str) -> Passage:
        return Passage(
            id="x",
            source="/f.md",
            title=title,
            section="Skills you need to switch",
            text=text,
            chunk_index=0,
            ref_ids=[],
        )

    second = Sentence(0, 1, "Bookkeeping and a trading licence for the van")
    assert side_of(second, [passage(items)], finder) is None
    # a prose passage's first sentence still speaks for the sentences after it
    assert side_of(Sentence(0, 1, "Most of them stand for hours."), [passage(prose)], finder) == 0


def test_a_list_item_of_several_sentences_leads_its_own_next_sentence():
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from knowledge.schema import Passage

    item = (
        "- **Long hours:** while line cooks get a steady wage, the shifts run late. "
        "This means family dinners are rare.\n- **Heat:** the grill is hot."
    )
    title = "Line Cook or Food Truck Owner? A Switch Guide"
    lib = Library.build([item], [{"source": "/f.md", "title": title, "section": "Cons"}])
    finder = SideFinder(["line cook", "food truck owner"], lib.roles)
    p = Passage(
        id="x", source="/f.md", title=title, section="Cons", text=item, chunk_index=0, ref_ids=[]
    )
    assert side_of(Sentence(0, 1, "This means family dinners are rare."), [p], finder) == 0


def test_a_reason_clause_weighs_less_than_the_claim():
    """ "Nurse aide jobs are expected to grow 5 percent, since hospitals hand more tasks to
    aides" claims demand; the tasks are only its reason."""
    from assistant.compare import _claim_fit, _fit
    from assistant.evidence import Sentence
    from assistant.understand.lexicon import DAY_TO_DAY, aspects

    by_name = {a.name: a for a in aspects()}
    s = Sentence(
        0,
        0,
        "Nurse aide jobs are expected to grow 5 percent, since hospitals hand more tasks to aides.",
    )
    assert _fit(s, by_name[DAY_TO_DAY]) > _fit(s, by_name["Demand"])  # word for word
    assert _claim_fit(s, by_name["Demand"]) > _claim_fit(s, by_name[DAY_TO_DAY])


HEALTH_JOBS = """# Four Healthcare Jobs Without Medical School

## 1. Dental Hygienist

Dental hygienists clean teeth and teach patients about oral care. The median salary is $87,530
a year.

## 2. Radiologic Technologist

Radiologic technologists take X-rays and CT scans. They earn a median of $67,180.

## 3. Respiratory Therapist

Respiratory therapists treat patients with breathing problems. The median pay is $70,540.

## 4. Diagnostic Medical Sonographer

Sonographers use ultrasound to image organs. They earn a median of $84,410.
"""


def test_a_ranking_over_these_jobs_keeps_to_the_articles_its_words_point_to(tmp_path_factory):
    """ "Which of these healthcare jobs pays the most?" lists the list article's jobs (each a
    numbered heading), not the veterinary article's roles beside them."""
    folder = tmp_path_factory.mktemp("vet-beside")
    (folder / "vet-tech-vs-vet.md").write_text(WARD_GUIDE, encoding="utf-8")
    health = _library(tmp_path_factory, "healthcare-jobs.md", HEALTH_JOBS, (str(folder),))
    answer = health.ask("Which of these healthcare jobs pays the most?").answer
    for figure in ("$87,530", "$67,180", "$70,540", "$84,410"):
        assert figure in answer, answer
    assert "$119,100" not in answer and "$43,740" not in answer, answer


LIBRARY_JOBS = """Librarian or Archivist? Two Careers With Books

By Test Writer
Updated: March 3, 2025

Both jobs look after collections, but the work differs.

Pay

Many librarians add evening shifts and paid overtime to their base pay. Librarians in city
systems earn a median of $58,000.

Archivists earn much more. The median salary is about $64,000 a year, and senior archivists at
national archives earn $90,000.

Training

Librarians need a master's degree in library science. Archivists usually study history.
"""


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    return _library(tmp_path_factory, "librarian-or-archivist.txt", LIBRARY_JOBS)


def test_a_pay_cell_gives_the_sides_figure_over_a_sentence_without_one(libraries):
    # "Archivists earn much more" judges, and "add evening shifts to their base pay" speaks
    # of pay, but neither lets the reader compare: each side's cell is its own figure
    r = libraries.ask("Librarian vs archivist: which pays more?")
    pay = _row(r.answer, "Pay").split("|")
    assert "$58,000" in pay[2] and "$64,000" in pay[3], r.answer
    # a date question in "Updated:" wording is the article's date
    assert "March 3, 2025" in libraries.ask("When was the librarian article last updated?").answer


def test_a_pay_cells_options_keep_figures_and_judgements_only():
    from assistant.compare import _figure_beside, _figures_first, aspects
    from assistant.evidence import Sentence

    pay = next(a for a in aspects() if a.name == "Pay")
    day = next(a for a in aspects() if a.name != "Pay")
    shifts = Sentence(0, 0, "Many librarians add evening shifts to their base pay.")
    figure = Sentence(0, 1, "Librarians earn a median of $58,000 a year.")
    judging = Sentence(1, 0, "Archivists earn much more.")
    options = [(5.0, shifts), (4.0, figure), (6.0, judging)]
    kept = [s for _, s in _figures_first(options, pay, {(1, 0)})]
    assert kept == [figure, judging]  # overtime without a figure goes; the judgement stays
    assert _figures_first(options, day, {(1, 0)}) == options  # other rows: as scored
    assert _figures_first([(5.0, shifts)], pay, set()) == [(5.0, shifts)]  # no figure at all
    # a judging cell without a figure shows the side's best unused figure after it
    assert _figure_beside(judging, options, pay, set()) is figure
    assert _figure_beside(judging, options, pay, {(0, 1)}) is None
    assert _figure_beside(figure, options, pay, set()) is None


WARDS = """# Ward Nurse vs Midwife

## Training

Ward nurses need a bachelor's degree in nursing, although master's programmes are becoming more
common, and must pass a licensing exam. Midwives complete a three-year midwifery degree.

## Pay

Ward nurses on hospital day shifts earn about $58,000 a year, while those on night rotas earn
slightly more. Midwives earn a median of $64,000 a year.

## The work

Ward nurses care for patients recovering from surgery. Midwives care for women in labour.
"""


@pytest.fixture(scope="module")
def wards(tmp_path_factory):
    also = (str(SEED),) if SEED.is_file() else ()
    return _library(tmp_path_factory, "ward-nurse-or-midwife.md", WARDS, also)


@pytest.mark.parametrize(
    "question",
    [
        "What is the difference between a ward nurse and a midwife?",
        "Should I become a ward nurse or a midwife?",
        "Ward nurse vs midwife: which pays more?",
    ],
)
def test_a_comparison_in_a_clause_about_something_else_is_no_verdict(wards, question):
    """ "Ward nurses need a degree, although master's programmes are becoming more common",
    "Ward nurses on day shifts earn $58,000, while those on night rotas earn slightly more":
    the comparison is of programmes, or of nurses against nurses, in a clause of its own that
    names neither side, so it is no verdict on the pair."""
    r = wards.ask(question)
    verdict = r.answer.split("**Verdict:**")[1] if "**Verdict:**" in r.answer else ""
    assert "becoming more" not in verdict and "slightly more" not in verdict, r.answer


def test_the_seed_keeps_its_verdict_whose_comparison_comes_before_its_clause(wards):
    """ "AI engineers are more numerous, ..., which makes entry into this field more
    accessible": its first comparison is in the main clause, so it stays a verdict."""
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    r = wards.ask("Which is easier to get into, AI engineering or ML engineering?")
    assert "**Verdict:** AI engineers are more numerous" in r.answer, r.answer


TUTORS = """TEACHER VS TUTOR

Pay
---

Teachers earn a median of $62,000 a year. Tutors earn about $24 an hour.

Frequently asked questions
--------------------------

Q: Can a tutor become a teacher?
A: Yes, but most states require a teaching licence and a semester of supervised practice first.

Q: Is teaching harder than tutoring?
A: Most new teachers say so: managing thirty pupils is far harder than coaching one.
"""


@pytest.fixture(scope="module")
def tutors(tmp_path_factory):
    dev = (
        REPO_ROOT.parent
        / "shared"
        / "corpus-dev"
        / "staffeng-dan-na-staff-engineer-and-team-lead.html"
    )
    also = tuple(str(p) for p in (SEED, dev) if p.is_file())
    return _library(tmp_path_factory, "teacher-or-tutor.txt", TUTORS, also)


def test_a_yes_no_question_a_faq_heading_asks_is_answered_by_its_answer(tutors):
    """ "Can a tutor become a teacher?" asked of an article whose FAQ asks just that: the
    answer under it, with its yes or no, leads; "Is teaching harder than tutoring?" compares
    two things, but the FAQ answers it, so no table of the two sides is drawn."""
    r = tutors.ask("Can a tutor become a teacher?")
    assert r.answer.startswith("Yes, but most states require a teaching licence"), r.answer
    r = tutors.ask("Is teaching harder than tutoring?")
    assert "| Aspect |" not in r.answer, r.answer
    assert r.answer.startswith("Most new teachers say so"), r.answer


def test_a_development_interviews_own_yes_no_question_is_answered_by_its_answer(tutors):
    """The development interview's question, asked as it heads its answer, draws no table of
    two of its words ("Process vs Architectural Change"): the interviewee's answer leads."""
    dev = (
        REPO_ROOT.parent
        / "shared"
        / "corpus-dev"
        / "staffeng-dan-na-staff-engineer-and-team-lead.html"
    )
    if not dev.is_file():
        pytest.skip(f"the development articles are not at {dev.parent}")
    r = tutors.ask(
        "Do you spend time advocating for technology, practice, process or architectural "
        "change? Can you share a story of influencing your organization?"
    )
    assert "| Aspect |" not in r.answer, r.answer
    assert r.answer.startswith("I don’t really think about advocacy"), r.answer


SCHOOLS = """# Teacher vs Teaching Assistant

## What teachers do

Teachers plan lessons, mark work and lead a class of thirty pupils.

## What teaching assistants do

Teaching assistants support small groups and pupils with extra needs in the classroom.

## Pay

Teachers earn a median of $62,000 a year. Teaching assistants earn about $31,000.

## Training

Teachers need a degree and a teaching licence. Teaching assistants train on the job.

## Which is right for you?

If you want to start working in schools quickly and without a degree, become a teaching
assistant. Pick teaching if you want to lead your own class and earn more over a career.
"""


@pytest.fixture(scope="module")
def schools(tmp_path_factory):
    also = (str(SEED),) if SEED.is_file() else ()
    return _library(tmp_path_factory, "teacher-or-teaching-assistant.md", SCHOOLS, also)


@pytest.mark.parametrize(
    "question",
    [
        "Should I become a teacher or a teaching assistant?",
        "Which is better for me, teacher or teaching assistant?",
    ],
)
def test_a_choice_asked_for_oneself_takes_the_articles_advice_as_its_verdict(schools, question):
    """ "Should I become X or Y?" names no topic: the article's advice on choosing ("If you
    want ..., become a teaching assistant", under "Which is right for you?") is the verdict,
    and the table keeps the sides' own rows."""
    r = schools.ask(question)
    verdict = r.answer.split("**Verdict:**")[1] if "**Verdict:**" in r.answer else ""
    assert "become a teaching" in verdict or "Pick teaching if you" in verdict, r.answer
    assert "$62,000" in r.answer, r.answer


def test_the_seed_keeps_its_advice_verdict_for_a_choice(schools):
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED}")
    r = schools.ask("Should I become an AI engineer or an ML engineer?")
    assert "**Verdict:** If you have" in r.answer, r.answer


def test_a_cell_keeps_the_sentences_own_start_over_a_later_clause_saying_little_more():
    """ "Ward nurses need a bachelor's degree in nursing (a three- or four-year programme),
    although ..., and must pass a national licensing exam": the entry cell quotes the
    sentence's start (the degree, said of the side), not only its last clause, which says
    barely more of entry; a later clause saying clearly more still wins."""
    from assistant.compare import clause
    from assistant.understand.lexicon import aspects

    entry = next(a for a in aspects() if a.name.startswith("Entry"))
    text = (
        "Ward nurses need a bachelor's degree in nursing (a three- or four-year programme), "
        "although accelerated courses for graduates of other subjects are becoming more common "
        "in the larger cities, and must pass a national licensing exam."
    )
    assert clause(text, entry).startswith("Ward nurses need a bachelor's degree in nursing")
    more = (
        "Ward nurses often say the first year on the ward is the hardest part of the whole "
        "job, and most must pass a licensing exam, a degree, a certificate and an apprenticeship "
        "in training."
    )
    assert clause(more, entry).startswith("…")


def test_a_verb_of_doing_more_than_another_compares_the_two(bakery):
    """ "Do catering managers out-earn bakers?" sets one side against the other as "earn more
    than" does, on what the verb without its "out" names: both pay figures side by side. So
    does the seed article's "By how much can ML engineers out-earn AI engineers?"."""
    from assistant.understand.query import connected

    assert connected("Do catering managers out-earn bakers?", "catering managers", "bakers")
    assert connected("Nurses outnumber doctors", "Nurses", "doctors")
    for question in (
        "Do catering managers out-earn bakers?",
        "Can catering managers outearn bakers?",
    ):
        r = bakery.ask(question)
        pay = _row(r.answer, "Pay")
        assert "$36,000" in pay and "$61,000" in pay, r.answer
    if SEED.is_file():
        r = bakery.ask("By how much can ML engineers out-earn AI engineers?")
        pay = _row(r.answer, "Pay")
        assert "$245,000" in pay and "$140,000" in pay, r.answer
