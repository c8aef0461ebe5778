"""Every comparison cites evidence for both sides: each side's cell quotes the side's own
account of itself where its article gives one.

Written for the test: hospital ward cover (relief and locum nurses), a field no development
article covers; each mechanism is also checked on a development article (skipped where
../shared is missing).
"""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings
from tests.assistant.conftest import dev_library

# Each kind of cover has its own section; the locum nurse's opens with the case the author
# calls one in, announcing a list, and a later section names locum nurses again.
COVER = """# Covering a Ward: Relief Nurses and Locum Nurses

## Types of cover

Hospitals fill gaps on a ward in two ways, and the two are easy to mix up.

### Relief Nurse

A relief nurse is someone who covers a ward for a few shifts and then goes back to their own
ward once the gap is closed.

### Locum Nurse

When a ward expects a vacancy to last for months rather than weeks, the hospital brings in a
locum nurse in the following cases:

- Long-term sickness: a nurse on the ward is away for more than a month.
- Maternity leave: a nurse on the ward is away for most of a year.
- Hard-to-fill posts: the advert has run twice without a hire.

## Induction

On top of the ward checklist, the trust asks locum nurses to finish its induction course before
their first night shift.
"""


def _library(tmp_path_factory, name: str, articles: dict[str, str]):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp(name)
    for file_name, text in articles.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in articles], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _row(answer: str, label: str) -> list[str]:
    line = next((x for x in answer.splitlines() if x.startswith(f"| {label} |")), "")
    return [c.strip() for c in line.split("|")[2:-1]]


@pytest.fixture(scope="module")
def cover(tmp_path_factory):
    return _library(tmp_path_factory, "cover", {"ward-cover.md": COVER})


def test_the_opening_of_a_sides_own_section_describes_it_though_a_list_follows(cover):
    r = cover.ask("What's the difference between a relief nurse and a locum nurse?")
    relief, locum = _row(r.answer, "Overview")
    assert "covers a ward for a few shifts" in relief, r.answer
    assert "vacancy to last for months" in locum, r.answer
    assert "induction" not in locum, r.answer


@pytest.fixture(scope="module")
def handbook(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "handbook", ["gitlab-handbook-engineering-career-development.md"]
    )


def test_a_dev_sides_section_opening_announcing_a_list_is_its_overview(handbook):
    r = handbook.ask("What's the difference between an acting manager and an interim manager?")
    acting, interim = _row(r.answer, "Overview")
    assert "occupies a role temporarily" in acting, r.answer
    assert "pursuing a people manager role" in interim, r.answer


# -- a role phrase ends at a sentence's end; a heading's aspect word is no part of its role -----


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # the title's last word, then the heading: "Licensing. Skills consultants" is no title
        (
            "Consultant Career Guide: Pay, Skills and Licensing. Skills consultants need",
            ["Consultant"],
        ),
        ("Notes. Probation Officer", ["Probation Officer"]),
        # a short abbreviation's dot is no sentence end
        (
            "Sr. Probation Officers and Node.js developers",
            ["Sr. Probation Officers", "Node.js developers"],
        ),
    ],
)
def test_a_role_phrase_never_runs_across_a_sentence_end(text, roles):
    from assistant.understand.roles import find_roles

    assert find_roles(text) == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Skills consultants need", ["consultants"]),
        ("Duties technicians take on", ["technicians"]),
        ("Salaries administrators earn", ["administrators"]),
        ("Sales consultants", ["Sales consultants"]),  # no word of the career lexicon
        ("Skills consultant", ["Skills consultant"]),  # one role, written so
    ],
)
def test_a_plural_aspect_word_before_a_plural_role_is_what_a_heading_speaks_of(text, roles):
    from assistant.understand.roles import find_roles

    assert find_roles(text) == roles


# A comparison article that gives no skills for either side, and each side's own guide: the
# consultant's files its skills under "Skills consultants need", a list naming no role.
ADVISORY = {
    "auditor-vs-consultant.md": """---
title: "Auditor vs Consultant: Which Advisory Career?"
---

# Auditor vs Consultant: Which Advisory Career?

Auditors and consultants both advise businesses, but one checks the past and the other plans
the future.

## What each role focuses on

Auditors focus on a company's accounts, checking that every figure in the annual report can be
traced to a receipt or a contract. Consultants focus on a client's problems, from cutting costs
to opening a new market.

## Salary comparison

Auditors earned a median of $79,000 a year, while consultants earned a median of $95,000.

## Education and licensing

An auditor usually needs an accounting degree and a CPA licence. A consultant often joins a firm
straight after a business degree.
""",
    "consultant.md": """---
title: "Consultant Career Guide: Salary, Skills and Licensing"
---

# Consultant Career Guide: Salary, Skills and Licensing

Consultants help companies solve problems they cannot solve alone.

## Skills consultants need

- Clear writing for reports that busy directors will actually read
- Proficiency with spreadsheets and financial models
- Knowledge of how the client's industry makes its money
- Patience to interview staff who do not want to be interviewed

## Consultant salary

Consultants earned a median of $95,000 a year.
""",
    "auditor.md": """---
title: "Auditor Career Guide"
---

# Auditor Career Guide

Auditors examine financial records for companies and public bodies.

## Skills

Auditors need a sound knowledge of accounting standards and tax law, and the patience to test
hundreds of transactions one by one.
""",
}
CONSULTANT_SKILLS = (
    "Clear writing",
    "Proficiency with spreadsheets",
    "Knowledge of how",
    "Patience",
)


@pytest.fixture(scope="module")
def advisory(tmp_path_factory):
    return _library(tmp_path_factory, "advisory", ADVISORY)


@pytest.mark.parametrize(
    "question",
    [
        "How do the skills of auditors and consultants differ?",
        "Compare the skills of an auditor and a consultant",
    ],
)
def test_a_sides_skills_list_under_a_heading_naming_it_fills_its_cell(advisory, question):
    r = advisory.ask(question)
    auditor, consultant = _row(r.answer, "Skills")
    assert "accounting standards" in auditor, r.answer
    assert any(item in consultant for item in CONSULTANT_SKILLS), r.answer
    assert "do not cover" not in r.answer, r.answer


@pytest.fixture(scope="module")
def data_team(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "data-team", ["datatalksclub-data-team-roles-explained.md"]
    )


def test_a_dev_articles_title_and_heading_name_the_headings_role_only(data_team):
    from assistant.understand.roles import find_roles

    retriever = data_team.retriever
    source = next(s for s in retriever.library.titles if "data-team-roles" in s)
    headed = [p for p in retriever.article_passages(source) if p.section.strip() == "Data Analyst"]
    assert headed
    # "... on Skills and Responsibilities. Data Analyst": no "Responsibilities. Data Analyst",
    # no "Skills Analyst"
    for p in headed:
        assert find_roles(f"{p.title}. {p.section}") == ["Data Analyst"]


# -- a role named only in a condition after the main clause is the reader's background --------

MATERNITY = {
    "midwife.md": """---
title: "Midwife Career Guide"
---

# Midwife Career Guide

A midwife supports women through pregnancy, labour and the first weeks after birth, and runs
low-risk births without a doctor.

## How to become a midwife

You need a three-year midwifery degree, or a shortened 18-month course if you are already a
registered nurse. Every student completes supervised placements on labour wards.

## Pay

Newly qualified midwives start on about $42,000 a year.
""",
    "nurse.txt": """Registered Nurse: A Career Profile

Registered nurses assess patients, give medicines and treatments, and coordinate care with doctors and therapists in hospitals, clinics and homes.

Training
Nurses train through a three-year nursing degree with clinical placements, then register with the national nursing board before they can practise.

Salary
The median salary for registered nurses is about $86,000 a year, with overtime and night shifts adding more.
""",
}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "You need a midwifery degree, or a shorter course if you are already a nurse.",
            "You need a midwifery degree, or a shorter course.",
        ),
        ("Bakers start early unless they work in a hotel.", "Bakers start early."),
        # a sentence opening on its condition keeps it: its main clause follows
        (
            "If you are a nurse, the course is shorter.",
            "If you are a nurse, the course is shorter.",
        ),
        ("But if you are a nurse, it is shorter.", "But if you are a nurse, it is shorter."),
    ],
)
def test_a_condition_after_the_main_clause_is_left_out(text, kept):
    from assistant.compare import without_conditions

    assert without_conditions(text) == kept


@pytest.fixture(scope="module")
def maternity(tmp_path_factory):
    return _library(tmp_path_factory, "maternity", MATERNITY)


def test_a_sides_entry_sentence_naming_the_other_as_a_background_is_its_own(maternity):
    r = maternity.ask("Is it easier to become a midwife or a registered nurse?")
    midwife, nurse = _row(r.answer, "Entry and education")
    assert "midwifery degree" in midwife, r.answer
    assert "midwifery degree" not in nurse and "nursing degree" in nurse, r.answer


def test_a_dev_sentence_naming_another_role_in_its_condition_is_its_subjects(practitioners):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    retriever = practitioners.retriever
    source = next(s for s in retriever.library.titles if "practitioners-guide" in s)
    passage = next(
        p for p in retriever.article_passages(source) if "nice and clean database" in p.text
    )
    text = next(x for x in passage.text.split(". ") if "nice and clean database" in x)
    finder = SideFinder(["data scientist", "data engineer"], retriever.library.roles)
    # "The data a data scientist gets can still be very rough even if it is from a nice and
    # clean database that a data engineer sets up": the data scientist's
    assert side_of(Sentence(0, 0, text), [passage], finder) == 0


@pytest.fixture(scope="module")
def practitioners(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "practitioners",
        ["practitioners-guide-data-science-role-and-skill-tracks.html"],
    )


# -- a side the library knows by no role name, opening the sentence, is its subject ------------

CLASSROOM = {
    "teacher-or-assistant.md": """---
title: "Teacher or Teaching Assistant? How the Two Classroom Jobs Differ"
---

# Teacher or Teaching Assistant? How the Two Classroom Jobs Differ

A classroom usually has one teacher in charge, and often a teaching assistant working alongside.

## Responsibilities

A teacher plans lessons, marks work and answers to parents and the head for how the class does.
A teaching assistant supports individual pupils, runs small reading groups and helps the teacher
prepare materials.

## Qualifications

Teachers need a degree and a teaching qualification. Teaching assistants often need no degree,
though many take a level 3 certificate.
""",
}


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    return _library(tmp_path_factory, "classroom", CLASSROOM)


def test_a_side_opening_its_sentence_is_its_subject_though_the_other_is_named_later(classroom):
    r = classroom.ask("What's the difference between a teacher and a teaching assistant?")
    teacher, assistant = _row(r.answer, "Overview")
    assert "plans lessons" in teacher, r.answer
    assert "supports individual pupils" in assistant, r.answer


@pytest.fixture(scope="module")
def flogs(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "flogs", ["flogs-cs-degree-vs-bootcamp-vs-self-taught.txt"]
    )


def test_a_dev_sentence_opening_on_one_side_is_that_sides(flogs):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    retriever = flogs.retriever
    source = next(s for s in retriever.library.titles if "flogs" in s)
    passage = next(p for p in retriever.article_passages(source) if "condensed version" in p.text)
    text = next(x for x in passage.text.splitlines() if "condensed version" in x).lstrip("- ")
    finder = SideFinder(["bootcamp", "computer science degree"], retriever.library.roles)
    # "Concise: Bootcamps fit a condensed version of a computer science degree into a 2-3 month
    # period": the bootcamp's
    assert side_of(Sentence(0, 0, text), [passage], finder) == 0


# -- a joint subject with its abbreviations in brackets is the pair's -------------------------

NURSING_ROLES = """---
title: "RN vs LPN: Two Nursing Roles Compared"
---

# RN vs LPN: Two Nursing Roles Compared

Registered nurses (RNs) and licensed practical nurses (LPNs) often work on the same ward.

## Pay

RNs earned a median of $86,000 in 2023. LPNs earned a median of $59,000.

## Training

An RN needs an associate or bachelor's degree in nursing and must pass the NCLEX-RN. An LPN
completes a one-year certificate programme and passes the NCLEX-PN.
"""
FIREFIGHTER = """Firefighter: Job Profile

Firefighters put out fires, rescue people from crashes and collapsed buildings, and answer many medical calls.

Becoming a firefighter
Candidates pass a written test and a physical ability test, then train at a fire academy for about 14 weeks. Many departments also want an EMT certificate.

Pay
Firefighters earned a median of $57,000 in 2023.
"""


@pytest.fixture(scope="module")
def nursing(tmp_path_factory):
    return dev_library(
        tmp_path_factory,
        "nursing",
        ["cds-so-what-exactly-is-a-product-manager.md"],
        {"rn-vs-lpn.md": NURSING_ROLES, "firefighter.txt": FIREFIGHTER},
    )


def test_a_plural_abbreviation_names_the_side_its_singular_names(nursing):
    r = nursing.ask("RN vs LPN pay")
    rn, lpn = _row(r.answer, "Pay")
    assert "$86,000" in rn and "$59,000" in lpn, r.answer
    r = nursing.ask(
        "What's the difference between a registered nurse and a licensed practical nurse?"
    )
    assert r.comparison and "| Pay |" in r.answer, r.answer
    # the dev article's own spelled-out abbreviation is learnt as before
    assert nursing.retriever.library.roles.aliases.get("pm") == "product manager"


def test_a_joint_subject_with_its_abbreviations_is_neither_sides(nursing):
    r = nursing.ask("Compare the training of a firefighter and an LPN")
    assert "often work on the same ward" not in r.answer, r.answer


def test_the_seeds_joint_subject_stays_the_pairs(nursing):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    retriever = nursing.retriever
    source = next(s for s in retriever.library.titles if "machine-learning-engineer" in s)
    passage = next(p for p in retriever.article_passages(source) if "most searched" in p.text)
    text = next(x for x in passage.text.split(". ") if "most searched" in x)
    finder = SideFinder(["AI engineer", "machine learning engineer"], retriever.library.roles)
    # "AI engineer and machine learning engineer are among tech's most searched job titles"
    assert side_of(Sentence(0, 0, text), [passage], finder) is None


# -- advice to a reader with a wish the asker never told weighs less than a side's account ----

DENTAL = """Dental Hygienist vs Dental Assistant: Which Path Fits You?

Dental hygienists and dental assistants both work chairside, but their jobs differ more than patients think.

Dental Hygienist vs Dental Assistant: What Dental Hygienists Do

A dental hygienist cleans teeth, takes x-rays and screens patients for gum disease.

The role is clinical and largely independent. Hygienists see their own patients on a schedule, usually eight to ten a day, and they chart what they find for the dentist to review.

Dental Hygienist vs Dental Assistant: What Dental Assistants Do

A dental assistant prepares the treatment room, sterilizes instruments and hands the dentist tools during procedures.

The role is supportive. Assistants also book appointments, process insurance forms and calm nervous patients.

Choosing Between Them

If you want independence and higher pay, the hygienist path is worth the extra schooling. If you want to start working quickly, the assistant path gets you into a clinic within a year.
"""


@pytest.fixture(scope="module")
def dental(tmp_path_factory):
    return _library(tmp_path_factory, "dental", {"dental.txt": DENTAL})


def test_a_sides_own_account_outweighs_advice_to_a_reader_with_a_wish(dental):
    r = dental.ask("Compare the day-to-day work of a dental hygienist and a dental assistant")
    hygienist, assistant = _row(r.answer, "Day-to-day work")
    assert "patients on a schedule" in hygienist, r.answer
    assert "If you want" not in assistant and "treatment room" in assistant, r.answer


@pytest.fixture(scope="module")
def seed_only(tmp_path_factory):
    from knowledge.settings import REPO_ROOT

    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    return _library(tmp_path_factory, "seed-only", {seed.name: seed.read_text(encoding="utf-8")})


def test_the_seeds_pay_cell_is_the_figure_not_the_advice(seed_only):
    r = seed_only.ask(
        "AI engineer vs machine learning engineer - which one is more in demand right now?"
    )
    ai, _ml = _row(r.answer, "Pay")
    # "If you have a strong software engineering background ... still highly compensated" is
    # advice to a reader with that background; the article gives the AI engineer's figure
    assert ai.startswith("LinkedIn"), r.answer


# -- "This job ..." under a side's own heading is that side's, whatever role it names later ----

WARD_ROLES = """---
title: "RN vs LPN: Two Nursing Roles Compared"
---

# RN vs LPN: Two Nursing Roles Compared

Registered nurses (RNs) and licensed practical nurses (LPNs) often work on the same ward.

## What an RN Does

The role centres on assessment and planning. This job means writing the care plan for each
patient, giving intravenous medicines and supervising the rest of the nursing team.

## What an LPN Does

The role is mostly hands-on. This job means taking vital signs, changing dressings and helping
patients wash and eat, under the direction of an RN.

## Pay

RNs earned a median of $86,000 in 2023. LPNs earned a median of $59,000.
"""


@pytest.fixture(scope="module")
def ward_roles(tmp_path_factory):
    return _library(tmp_path_factory, "ward-roles", {"rn-vs-lpn.md": WARD_ROLES})


def test_a_generic_subject_is_the_job_its_heading_names(ward_roles):
    r = ward_roles.ask("Compare the day-to-day work of an RN and an LPN")
    rn, lpn = _row(r.answer, "Day-to-day work")
    assert "vital signs" not in rn, r.answer
    assert "vital signs" in lpn or "hands-on" in lpn, r.answer


def test_the_seeds_generic_subject_is_its_headings_side(seed_only):
    from assistant.compare import SideFinder, side_of
    from assistant.evidence import Sentence

    retriever = seed_only.retriever
    source = next(iter(retriever.library.titles))
    passage = next(
        p for p in retriever.article_passages(source) if "stronger mathematical" in p.text
    )
    text = next(x for x in passage.text.split(". ") if "stronger mathematical" in x)
    finder = SideFinder(["AI engineer", "machine learning engineer"], retriever.library.roles)
    # "This role demands stronger mathematical foundations ..." under "... What ML Engineers Do"
    assert side_of(Sentence(0, 0, text), [passage], finder) == 1


# -- each side's own section says what it is, before a section setting the two side by side ---

IMAGING = """---
title: "Sonographer or Radiographer? Careers in Medical Imaging"
---

# Sonographer or Radiographer? Careers in Medical Imaging

## 1. What is a sonographer?

Sonographers use ultrasound to make images of organs, blood vessels and unborn babies. Much of
the work is one-to-one: a sonographer talks patients through each scan.

## 2. What is a radiographer?

Radiographers take X-rays and run CT and MRI scanners. They often work in busy emergency
departments, positioning injured patients quickly and safely.

## 3. Training

Most sonographers complete a two-year associate degree in diagnostic medical sonography.
Radiographers usually finish a two-year radiography programme and must pass a state licensing
exam.
"""


@pytest.fixture(scope="module")
def imaging(tmp_path_factory):
    return _library(tmp_path_factory, "imaging", {"imaging.md": IMAGING})


def test_each_sides_own_section_opening_is_its_overview(imaging):
    r = imaging.ask("sonographers vs radiographers")
    sono, radio = _row(r.answer, "Overview")
    assert "use ultrasound" in sono and "take X-rays" in radio, r.answer


@pytest.fixture(scope="module")
def product(tmp_path_factory):
    return dev_library(tmp_path_factory, "product", ["cds-so-what-exactly-is-a-product-manager.md"])


def test_a_dev_section_setting_the_sides_side_by_side_still_leads(product):
    # no section of its own opens with either side: the author's contrast still answers
    r = product.ask("How is product management different from project management?")
    product_cell, project_cell = _row(r.answer, "Overview")
    assert "[" in product_cell, r.answer
    assert "milestones and resources" in project_cell, r.answer


# -- "physically demanding" asks no demand ------------------------------------------------------

TRADES = {
    "electrician.md": """---
title: "Electrician Career Guide"
---

# Electrician Career Guide

Electricians install, maintain and repair electrical wiring in homes, factories and offices.

## Job outlook

Employment of electricians is projected to grow 11 percent over the decade, much faster than
average, as buildings add solar panels and car chargers.
""",
    "plumber.txt": """Plumber Career Profile

Plumbers install and repair the pipes that carry water, gas and waste through buildings.

Outlook
Jobs for plumbers are expected to grow 6 percent, about as fast as average.
""",
}


@pytest.fixture(scope="module")
def trades(tmp_path_factory):
    return _library(tmp_path_factory, "trades", TRADES)


def _first_row(answer: str) -> str:
    rows = [
        x
        for x in answer.splitlines()
        if x.startswith("| ") and not x.startswith(("| Aspect", "| ---"))
    ]
    return rows[0].split("|")[1].strip() if rows else ""


def test_a_demanding_job_is_no_question_of_demand(trades):
    r = trades.ask("Which is more physically demanding, electrician or plumber?")
    assert _first_row(r.answer) != "Demand", r.answer
    r = trades.ask("Which is more in demand, electrician or plumber?")
    assert _first_row(r.answer) == "Demand", r.answer


def test_the_seeds_demand_question_still_asks_demand(seed_only):
    r = seed_only.ask(
        "AI engineer vs machine learning engineer - which one is more in demand right now?"
    )
    assert "in demand" in r.answer, r.answer


# -- an adverb of frequency before a sentence's subject leaves the subject what it is -----------

PHARMACY = {
    "pharmacist-vs-technician.md": """---
title: "Pharmacist vs Pharmacy Technician: Which Pharmacy Career Fits You?"
---

# Pharmacist vs Pharmacy Technician: Which Pharmacy Career Fits You?

Both jobs keep a pharmacy running, but they differ in training, responsibility and pay.

## What a pharmacist does

A pharmacist checks every prescription for safety and counsels patients on how to take their
medicines.

## What a pharmacy technician does

Usually a pharmacy technician counts tablets, labels bottles and keeps the stock shelves full.
Technicians also take calls from patients about refills.

## Training

Pharmacists complete a four-year Doctor of Pharmacy degree. A pharmacy technician can start
after a certificate course of six months to a year, and many learn on the job.
""",
}


@pytest.fixture(scope="module")
def pharmacy(tmp_path_factory):
    return _library(tmp_path_factory, "pharmacy", PHARMACY)


def test_a_side_after_an_adverb_of_frequency_is_its_sentences_subject(pharmacy):
    from assistant.compare import describes, subject_role

    book = pharmacy.retriever.library.roles
    assert describes("So often a pharmacy technician counts tablets.", "pharmacy technician", book)
    assert subject_role("All too often a pharmacist works late.", book) == "pharmacist"
    assert not describes("So often the shelves are full.", "pharmacy technician", book)
    r = pharmacy.ask("What's the difference between a pharmacist and a pharmacy technician?")
    _, technician = _row(r.answer, "Overview")
    assert "counts tablets" in technician, r.answer


@pytest.fixture(scope="module")
def adron(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "adron", ["adron-hall-devops-obliviousness-site-reliability.html"]
    )


def test_a_dev_side_after_an_adverb_of_frequency_is_its_sentences_subject(adron):
    from assistant.compare import describes

    retriever = adron.retriever
    source = next(s for s in retriever.library.titles if "adron-hall" in s)
    passage = next(p for p in retriever.article_passages(source) if "So often a DevOps" in p.text)
    # "So often a DevOps Engineer is hired without ...": a passage saying what the role is,
    # which a side's search keeps first (with the whole library, it is otherwise not read)
    assert describes(passage.text, "DevOps engineer", retriever.library.roles)
    r = adron.ask(
        "What's the difference between a DevOps engineer and a site reliability engineer?"
    )
    devops, _ = _row(r.answer, "Overview")
    assert "So often a DevOps Engineer is hired" in devops, r.answer


# -- "an X & Y <role noun>": one person who does both, no two one-word roles -----------------

BUILDING_TRADES = [
    (
        "Electrician vs HVAC Technician",
        "Most small firms want an HVAC & refrigeration technician who can also read wiring "
        "diagrams. An electrician installs wiring, lighting and the controls of HVAC units.",
    ),
    (
        "Who works on the site",
        "Plumbers and glaziers work beside carpenters and roofers on every new house.",
    ),
]


def test_modifiers_joined_before_a_singular_role_noun_name_no_roles_alone():
    from assistant.compare import describes
    from assistant.understand import Library

    metas = [{"source": "/b/trades.md", "title": t, "section": t} for t, _ in BUILDING_TRADES]
    book = Library.build([t for _, t in BUILDING_TRADES], metas).roles
    wiring = "An electrician installs wiring, lighting and the controls of HVAC units."
    assert book.find(wiring) == ["electrician"]
    assert describes(wiring, "electrician", book)
    # plural, or joined by "or": two roles sharing the noun, each word a role of its own
    plural = [*BUILDING_TRADES, ("Jobs", "We hire HVAC and refrigeration technicians in spring.")]
    metas.append({"source": "/b/jobs.md", "title": "Jobs", "section": "Jobs"})
    book = Library.build([t for _, t in plural], metas).roles
    assert book.find("Apply to join the HVAC crew.") == ["HVAC"]


@pytest.fixture(scope="module")
def handbook_2019(tmp_path_factory):
    return dev_library(tmp_path_factory, "fed", ["front-end-developer-handbook-2019.html"])


def test_a_dev_articles_html_and_css_developer_names_no_role_html(handbook_2019):
    from assistant.compare import describes

    retriever = handbook_2019.retriever
    book = retriever.library.roles
    source = next(s for s in retriever.library.titles if "front-end-developer" in s)
    passage = next(p for p in retriever.article_passages(source) if "architects and" in p.text)
    text = next(x for x in passage.text.splitlines() if "architects and" in x)
    # "... front-end HTML & CSS developer v.s. front-end application developer": no role "HTML"
    assert book.find(text) == ["front-end developer"]
    assert describes(text, "front-end developer", book)


# -- beside one side's generic verdict, the other side's own comparison ------------------------

SURVEY = {
    "surveyor-vs-drafter.md": """---
title: "Land Surveyor vs Drafter: Two Jobs Behind Every Building Plan"
---

# Land Surveyor vs Drafter: Two Jobs Behind Every Building Plan

Land surveyors and drafters both turn a site into drawings, but they spend their days in very
different places.

## What a Land Surveyor Does

A land surveyor measures boundaries, heights and angles on site with total stations and GPS
receivers. This role demands far more mathematics, trigonometry and geometry above all, because
every boundary is computed from angles and distances.

## What a Drafter Does

A drafter turns engineers' sketches into finished drawings for the builders. The job sits closer
to the office than to fieldwork, and most of the day is spent at a desk.

## Licensing

Surveyors need a state licence to sign a boundary survey. Drafters need no licence.

## Pay

Land surveyors earned a median of $68,000 a year; drafters earned a median of $61,000.
""",
}


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    return _library(tmp_path_factory, "survey", SURVEY)


def test_beside_one_sides_generic_verdict_the_other_sides_own_comparison_is_shown(survey):
    r = survey.ask("Does a land surveyor or a drafter need more math?")
    assert "**Verdict (Land Surveyor):** This role demands far more mathematics" in r.answer, (
        r.answer
    )
    assert "**Drafter:** The job sits closer to the office than to fieldwork" in r.answer, r.answer


def test_beside_the_seeds_generic_verdict_the_other_sides_own_comparison_is_shown(seed_only):
    r = seed_only.ask("does AI engineering or ML engineering require more math")
    assert "This role demands stronger mathematical foundations" in r.answer, r.answer
    assert "The role sits closer to software engineering than research." in r.answer, r.answer


# -- a quantifier before a sentence's subject leaves the subject what it is --------------------

KITCHEN = [
    (
        "The line cook",
        "A line cook works one station, grilling or frying, for the whole service.",
    ),
    ("Moving up", "Most sous chefs started as line cooks and were promoted after five years."),
    ("Pharmacy", "A pharmacist checks every prescription for safety."),
]


def test_a_sentence_whose_subject_follows_a_quantifier_is_that_subjects():
    from assistant.compare import SideFinder, side_of, subject_role
    from assistant.evidence import Sentence
    from assistant.understand import Library
    from tests.assistant.test_sides import _passage

    title = "Sous Chef vs Line Cook: Life in a Kitchen"
    metas = [{"source": "/k/kitchen.md", "title": title, "section": s} for s, _ in KITCHEN]
    book = Library.build([t for _, t in KITCHEN], metas).roles
    text = KITCHEN[1][1]
    assert subject_role(text, book) == "sous chefs"
    assert subject_role("Many of the line cooks work nights.", book) == "line cooks"
    # "Most sous chefs started as line cooks": a third role's, no line cook's evidence
    finder = SideFinder(["line cook", "pharmacist"], book)
    passage = _passage("/k/kitchen.md", "Moving up", text)
    assert side_of(Sentence(0, 0, text), [passage], finder) is None


def test_a_dev_sentence_whose_subject_follows_a_quantifier_is_that_subjects(handbook_2019):
    from assistant.compare import subject_role
    from knowledge.text import split_sentences

    retriever = handbook_2019.retriever
    source = next(s for s in retriever.library.titles if "front-end-developer" in s)
    passage = next(p for p in retriever.article_passages(source) if "by way of first" in p.text)
    text = next(x for x in split_sentences(passage.text) if "by way of first" in x)
    # "Most front-end developers learn about JavaScript and then DOM by way of first learning
    # jQuery": the front-end developers'
    assert subject_role(text, retriever.library.roles) == "front-end developers"
