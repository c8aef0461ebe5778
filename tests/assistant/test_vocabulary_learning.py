"""What a library learns when it loads (roles, their aliases, abbreviations) is what a careful
reader takes from its articles: abbreviations mean what an article says they mean, a word
that only qualifies a role is no role, and a judgement of a person is no job title.

Each rule is checked on text written for the test (nursing, teaching, kitchens) and on a
development article.
"""

from __future__ import annotations

import json

import pytest

from assistant.understand import Library, RoleBook
from assistant.understand.roles import find_roles
from assistant.understand.vocabulary import (
    ArticleVocab,
    learn_roles,
    paired_abbreviations,
)
from knowledge.settings import REPO_ROOT

DEV_CORPUS = REPO_ROOT.parent / "shared" / "corpus-dev"
SEED = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"


def _dev_text(name: str) -> str:
    from ingest.load import decode

    path = DEV_CORPUS / name
    if not path.is_file():
        pytest.skip(f"the development articles are not at {DEV_CORPUS}")
    return decode(str(path), path.suffix.lstrip("."), path.read_bytes()).text


WARD = """# Working on an Intensive Care Ward

ICU nurses look after one or two patients per shift. Most intensive care unit nurses trained
on a general ward first, and ICU shifts run twelve hours. The hospital's AI tools flag
patients whose vital signs change; Advanced Imaging is run by another department.
"""

SCHOOL = """# Teaching Physical Education

PE teachers plan lessons for every year group. Physical education teachers also run the
sports day, and physical education teachers coach teams after school. The PE department
shares a budget with Music.
"""


def test_an_abbreviation_written_in_place_of_its_words_stands_for_them():
    """ "ICU nurses" and "intensive care unit nurses": the same word after each, so ICU is
    the intensive care unit; "AI" beside a heading's "Advanced Imaging" pairs with nothing."""
    paired = paired_abbreviations([WARD])
    assert paired == {"ICU": "intensive care unit"}
    # two letters: "PE teachers" twice against "physical education teachers"
    assert paired_abbreviations([SCHOOL]) == {"PE": "physical education"}
    # once is no evidence for two letters (initials fall together by chance)
    once = "PE teachers plan lessons. Physical education teachers run the sports day."
    assert paired_abbreviations([once]) == {}
    # a long form of function words ("all of the") spells nothing
    assert paired_abbreviations(["AOT staff cook. All of the staff cook."]) == {}


def test_a_lower_case_abbreviation_without_vowels_pairs_too():
    """A title made from a file name ("bsn degree vs diploma") writes its abbreviation in
    lower case; a word with a vowel ("one degree") is an English word, not an abbreviation."""
    text = "bsn degree vs diploma\n\nA Bachelor Science Nursing degree takes three years."
    assert paired_abbreviations([text]) == {"BSN": "bachelor science nursing"}
    assert paired_abbreviations(["one degree. Our New England degree"]) == {}


def test_a_library_expands_only_what_its_articles_define_or_pair():
    lib = Library.build(
        [WARD, SCHOOL],
        [
            {"source": "/w/ward.md", "title": "Intensive care", "section": ""},
            {"source": "/s/school.md", "title": "PE", "section": ""},
        ],
    )
    assert lib.spelled["ICU"] == "intensive care unit"
    assert lib.spelled["PE"] == "physical education"
    assert "AI" not in lib.spelled


def test_the_development_articles_pair_their_abbreviations():
    seed = SEED.read_text(encoding="utf-8")
    assert paired_abbreviations([seed]) == {"ML": "machine learning"}
    # The handbook writes "Application Interfaces" in a heading; no article pairs "AI" with it.
    handbook = _dev_text("front-end-developer-handbook-2019.html")
    assert "AI" not in paired_abbreviations([seed, handbook])
    # GitLab writes "IC track" and "Infrastructure Career Page": no pairing, so no guess.
    assert "IC" not in paired_abbreviations(
        [_dev_text("gitlab-handbook-engineering-career-development.md")]
    )


def test_an_everyday_word_that_qualifies_a_role_names_no_role_alone():
    """ "an acting or interim ward manager": "acting" and "interim" qualify the manager; a
    heading "Timeline for interim roles" speaks of no interim manager. A word of the trade
    ("phlebotomy") names its role alone."""
    text = (
        "Cover for an acting or interim manager comes from the next ward; a phlebotomy "
        "technician starts at seven. Phlebotomy and theatre technicians share a room."
    )
    book = learn_roles([], [text], {})
    assert "interim" not in book.phrases and "acting" not in book.phrases
    assert "theatre" not in book.phrases
    assert "phlebotomy" in book.phrases
    assert not RoleBook(list(book.phrases.values()) + ["interim manager"]).find(
        "Timeline for interim roles"
    )


def test_gitlab_interim_is_no_role_alone():
    text = _dev_text("gitlab-handbook-engineering-career-development.md")
    book = learn_roles(["Types of Interim Roles — Interim Manager"], [text], {})
    assert "interim manager" in book.phrases
    assert "interim" not in book.phrases and "acting" not in book.phrases
    assert not book.find("Timeline for interim roles")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("After a year I became a better manager and a calmer one.", "manager"),
        ("A good kitchen manager tastes every sauce.", "kitchen manager"),
        ("She is an excellent ward manager.", "ward manager"),
    ],
)
def test_a_judgement_of_a_person_is_no_job_title(text, role):
    assert find_roles(text) == [role]
    assert RoleBook(["kitchen manager"]).find(text) == [role]


def test_the_staffeng_better_manager_is_a_manager():
    text = _dev_text("staffeng-dan-na-staff-engineer-and-team-lead.html")
    at = text.find("better manager")
    assert at >= 0
    sentence = text[max(0, at - 40) : at + 60]
    assert not any("better" in r.lower() for r in find_roles(sentence))


def test_slash_items_share_the_role_noun_and_lists_lose_their_lead_words():
    """ "Triage/Ward Technician" is a triage technician and a ward technician, not a role named
    "Triage"; "(aka Kitchen Manager or Catering Manager)" names a kitchen manager; a bullet's
    dash is not part of a role."""
    book = learn_roles(
        ["Triage/Ward Technician: who does what"],
        [
            "Head Chef (aka Kitchen Manager or Catering Manager): runs the pass, tastes sauces.",
            "A larger kitchen might include:\n- Pastry Chefs\n- Prep Technicians / Porters\n",
        ],
        {},
    )
    assert "triage technician" in book.phrases and "ward technician" in book.phrases
    assert "triage" not in book.phrases
    assert "kitchen manager" in book.phrases and not any("aka" in p for p in book.phrases)
    assert "prep technicians" in book.phrases
    assert not any(p.startswith("-") or p.startswith(" ") for p in book.phrases.values())


def test_the_handbook_css_html_developer_is_two_developers():
    text = _dev_text("front-end-developer-handbook-2019.html")
    book = learn_roles([], [text], {})
    assert "css developer" in book.phrases and "html developer" in book.phrases
    assert not any(p.startswith("aka ") for p in book.phrases)


def test_a_saved_vocabulary_learnt_by_other_rules_is_read_again():
    art = ArticleVocab.of("Ward", [WARD], [{"section": ""}])
    data = json.loads(json.dumps(art.as_json()))
    assert ArticleVocab.from_json(data).paired == {"ICU": "intensive care unit"}
    with pytest.raises(ValueError):
        ArticleVocab.from_json({**data, "learnt_by": data["learnt_by"] - 1})
    old = {k: v for k, v in data.items() if k not in ("paired", "learnt_by")}
    with pytest.raises((KeyError, ValueError)):
        ArticleVocab.from_json(old)  # saved before pairings were learnt


CLINIC = """# Veterinary Technician vs Veterinarian

Veterinary technicians take blood samples and prepare animals for surgery. Veterinarians
diagnose illnesses. A veterinary technician usually completes a two-year degree; becoming a
vet tech is the faster route.
"""

AVIATION = """# Airline Pilot vs Air Traffic Controller

Pilots run pre-flight checks and fly the route. Controllers watch radar screens. Airline pilots
earn more than air traffic controllers, and both careers need years of training.
"""

TEAM = """# Nurse Practitioner vs Registered Nurse

Nurse practitioners diagnose and prescribe. Registered nurses give medications.
"""


def _clinic_library() -> Library:
    return Library.build(
        [CLINIC, AVIATION, TEAM],
        [
            {"source": f"/{n}.md", "title": t.splitlines()[0].lstrip("# "), "section": ""}
            for n, t in (("vet", CLINIC), ("air", AVIATION), ("rn", TEAM))
        ],
    )


def test_a_job_title_typed_cut_short_is_read_as_the_library_writes_it():
    lib = _clinic_library()
    assert lib.unclipped("Vet tech vs veterinarian: which pays more?") == (
        "veterinary technician vs veterinarian: which pays more?"
    )
    assert lib.unclipped("how much do vet techs make") == "how much do veterinary technicians make"
    # written in full, or with nothing cut, it stays as typed
    for q in ("What does a veterinary technician do?", "Is the vet on call at night?"):
        assert lib.unclipped(q) == q


def test_a_bare_head_of_a_title_pair_side_is_that_side_in_a_question():
    lib = _clinic_library()
    assert lib.bare_heads == {
        "pilot": "Airline Pilot",
        "controller": "Air Traffic Controller",
        "practitioner": "Nurse Practitioner",
    }
    assert lib.unclipped("Pilot or air traffic controller, which is better paid?") == (
        "airline pilot or air traffic controller, which is better paid?"
    )
    # the side written in full is left alone; "nurse" begins another title ("nurse
    # practitioner"), so it names no one side
    for q in ("Airline pilots vs controllers?", "How much does a nurse make?"):
        assert lib.unclipped(q).startswith(q.split()[0])
    assert "nurse" not in lib.bare_heads


def test_a_title_pair_with_no_person_in_it_gives_no_bare_heads():
    lib = Library.build(
        ["A CS degree takes four years. A coding bootcamp takes months."],
        [{"source": "/d.md", "title": "CS Degree vs Coding Bootcamp", "section": ""}],
    )
    assert lib.bare_heads == {}


def test_dev_article_titles_typed_cut_short(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    assistant = dev_library(
        tmp_path_factory, "cut-short", ["datatalksclub-data-team-roles-explained.md"]
    )
    assistant.retriever.refresh()
    lib = assistant.retriever.library
    assert lib.unclipped("data eng vs data sci: who earns more?") == (
        "data engineer vs data scientist: who earns more?"
    )


HEALTH_LIST = """# 5 Healthcare Jobs Without Medical School

## 1. Dental Hygienist

Dental hygienists clean teeth. The median salary is $87,530 a year.

## 2. Radiologic Technologist

Radiologic technologists take X-rays. They earn a median of $67,180.

## 3. Sonographer

Sonographers use ultrasound. They earn a median of $84,410.

## 4. Medical Laboratory Scientist

Lab scientists analyze samples and earn about $57,380.
"""

TIPS = ["1. Update Your Resume", "2. Network Better", "3. Find a Mentor", "4. Write a Cover Letter"]


def test_a_list_articles_numbered_job_headings_are_its_roles():
    from assistant.understand.vocabulary import listed_titles

    sections = [line[3:] for line in HEALTH_LIST.splitlines() if line.startswith("## ")]
    assert listed_titles(sections) == [
        "Dental Hygienist",
        "Radiologic Technologist",
        "Sonographer",
        "Medical Laboratory Scientist",
    ]
    # numbered tips are no jobs, and two numbered persons are no list of jobs
    assert listed_titles(TIPS) == []
    assert listed_titles(["1. Dental Hygienist", "2. Sonographer", "Pay"]) == []
    title = "5 Healthcare Jobs Without Medical School"
    parts = HEALTH_LIST.split("\n## ")[1:]
    lib = Library.build(
        [p.split("\n", 1)[1] for p in parts],
        [{"source": "/h.md", "title": title, "section": s} for s in sections],
    )
    found = {
        r.lower() for r in lib.roles.find("Is a sonographer paid more than a dental hygienist?")
    }
    assert found == {"sonographer", "dental hygienist"}


def test_a_title_typed_by_its_last_words_cut_short_is_the_whole_title():
    lib = Library.build(
        [
            "Medical laboratory scientists analyze samples. A medical laboratory scientist earns well."
        ],
        [{"source": "/l.md", "title": "Medical Laboratory Scientist", "section": "Pay"}],
    )
    assert lib.unclipped("What degree does a lab scientist need?") == (
        "What degree does a medical laboratory scientist need?"
    )


def test_a_clipped_word_the_library_never_writes_is_the_word_it_writes_once():
    """ "What math do pharmacists need?" where the only such word is "mathematical"."""
    lib = Library.build(
        ["Pharmacists need strong mathematical skills to check every dose."],
        [{"source": "/p.md", "title": "Pharmacist Careers", "section": "Skills"}],
    )
    assert "mathematical" in lib.expand_abbreviations("What math do pharmacists need?")


def test_a_job_titles_word_typed_one_letter_wrong_is_read_as_the_library_writes_it():
    lib = _clinic_library()
    # dropped, doubled, swapped and changed letters, a plural kept
    assert lib.respelled("how much do veterinary technicans make") == (
        "how much do veterinary technicians make"
    )
    assert lib.respelled("Nurse practitionner vs registered nurse?") == (
        "Nurse practitioner vs registered nurse?"
    )
    assert lib.respelled("what does a veterinarain do") == "what does a veterinarian do"
    assert lib.respelled("Do air trafic controlers earn more?") == (
        "Do air traffic controllers earn more?"
    )
    # a word the library writes, a short word, a word two letters off, and an everyday word one
    # letter from a title's word ("controlled") stay as typed
    for q in (
        "Do pilots fly the route?",
        "Is a nurse a nurse?",
        "How do vetrinarins work?",
        "Is the airspace controlled by them?",
    ):
        assert lib.respelled(q) == q


def test_a_mistyped_role_on_the_seed_article_is_that_role():
    from assistant.understand import understand

    text = SEED.read_text(encoding="utf-8")
    lib = Library.build([text], [{"source": str(SEED), "title": text.splitlines()[0]}])
    q = understand("whats the diference between ai engneer and ml enginer", [], lib)
    assert q.comparison is not None
    assert [lib.roles.key(s) for s in q.comparison.sides] == [
        lib.roles.key("AI engineer"),
        lib.roles.key("ML engineer"),
    ]


def test_a_title_saying_what_one_becomes_names_a_role():
    """Single-role articles in trades whose titles end in no role noun ("Be a Marine
    Biologist", "Become an Electrician") still name their role; judging words and things one
    becomes a part of do not."""
    from assistant.understand.vocabulary import became_titles

    body = ["Many people work as a nurse for years before they specialise."]
    assert became_titles(["What It's Really Like to Be a Marine Biologist"], body) == [
        "Marine Biologist"
    ]
    assert became_titles(["How to Become an Electrician in 2025"], body) == ["Electrician"]
    assert became_titles(["So You Want to Become a Nurse? A Guide"], body) == ["Nurse"]
    assert became_titles(["A Day in the Life of a Dental Hygienist"], body) == ["Dental Hygienist"]
    assert became_titles(["How to Become a Better Writer"], body) == []
    assert became_titles(["Be a Part of Our Team"], body) == []
    text = "Marine biologists spend a day or two a week in the field. Most write grants."
    lib = Library.build(
        [text], [{"source": "/m.md", "title": "What It's Like to Be a Marine Biologist"}]
    )
    assert lib.roles.find("How much does a marine biologist earn?") == ["marine biologist"]
    hygiene = "Hygienists clean teeth. Assistants prepare the room."
    lib = Library.build([hygiene], [{"source": "/e.md", "title": "How to Become an Electrician"}])
    assert lib.roles.find("Do electricians work weekends?") == ["electricians"]


def test_a_person_no_article_writes_is_a_new_subject():
    """ "How much does an oceanographer earn?" is short, but it names its own person: it asks
    about them, not about the role asked about before; a person the articles do write
    ("employers") may still be the earlier role's."""
    text = "Marine biologists earn a median of $70,600. Employers value coding skills."
    lib = Library.build(
        [text], [{"source": "/m.md", "title": "What It's Like to Be a Marine Biologist"}]
    )
    assert lib.unwritten_person("How much does an oceanographer earn?") == "oceanographer"
    assert lib.unwritten_person("What do employers look for?") is None
    assert lib.unwritten_person("How much do they earn?") is None
    assert lib.unwritten_person("How long does training take?") is None


def test_an_everyday_word_an_article_writes_typed_one_letter_off_is_read_as_written():
    lib = Library.build(
        [
            "Ward nurses need clinical skills. The salary is $61,000 a year, paid annually "
            "with a bonus. Requirements include a licence. Drugs sit in the Omnicell cabinet."
        ],
        [{"source": "/w.md", "title": "Ward Nurse vs Community Nurse", "section": ""}],
    )
    assert (
        lib.respelled("what skils does a ward nurse need") == "what skills does a ward nurse need"
    )
    assert lib.respelled("whats the sallary") == "whats the salary"
    assert lib.respelled("what are the requirments") == "what are the requirements"
    # a capitalized word may be a name; a word no everyday English text uses is no target; a
    # word the library writes, or an English word of its own ("skill"), stays as typed
    for q in ("Does Skils hire nurses?", "Is the omnicel locked?", "What skill matters?"):
        assert lib.respelled(q) == q


def test_a_title_pair_is_found_whatever_the_case_of_its_pair_word():
    """`pair_in_title` skips the pattern for titles with no pair word; a pair written in any
    case ("VS", "Versus", "v.") is still found, and a title without one has none."""
    from assistant.understand.vocabulary import pair_in_title

    assert pair_in_title("Charge Nurse vs Nurse Manager: who runs the ward?") == [
        "Charge Nurse",
        "Nurse Manager",
    ]
    assert pair_in_title("Teaching Assistant VERSUS Classroom Teacher") == [
        "Teaching Assistant",
        "Classroom Teacher",
    ]
    assert pair_in_title("Sous Chef V. Head Chef") == ["Sous Chef", "Head Chef"]
    assert pair_in_title("Pastry Chef VS. Baker") == ["Pastry Chef", "Baker"]
    assert pair_in_title("Line cook Vſ prep cook") == ["Line cook", "prep cook"]  # long s
    assert pair_in_title("A Day in the Life of a School Nurse") is None
    # a pair only a subtitle sets side by side is the title's pair too; a pair before the
    # colon still wins over one after it
    assert pair_in_title("Nursing careers: midwife vs doula") == ["midwife", "doula"]
    assert pair_in_title("Nursing careers, a guide") is None
    assert pair_in_title("Sous Chef vs Head Chef: and what of baker vs pastry chef?") == [
        "Sous Chef",
        "Head Chef",
    ]
    assert pair_in_title("Canvas versions of a teacher's planner") is None


def test_a_career_level_and_an_organisation_are_no_roles():
    """ "a traineeship or entry-level assistant job": "entry-level" qualifies the assistant
    as "frontend" does a developer, but it names a stage of a career, no job; "the Society of
    Pastry Chefs (SPC)" is an organisation (the noun before "of" heads its name), where "the
    Director of Catering (DOC)" is a director."""
    text = (
        "Most pastry chefs start with a traineeship or entry-level assistant job, or an "
        "apprenticeship or entry-level technician post. Pastry chefs and line cooks share a "
        "kitchen. The Society of Pastry Chefs (SPC) sets exams; the Director of Catering (DOC) "
        "signs them off."
    )
    spelled = {"SPC": "society of pastry chefs", "DOC": "director of catering"}
    book = learn_roles(["Pastry Chef vs Line Cook"], [text], spelled)
    assert not book.find("An entry-level job pays less than a chef's.")
    assert not book.find("SPC exams are hard.")
    assert book.find("The DOC signs them off.") == ["DOC"]
    # a development article's "Senior-level role" and "Staff-level roles" name no role either
    gitlab = _dev_text("gitlab-handbook-engineering-career-development.md")
    dev = learn_roles([], [gitlab], {})
    assert not dev.find("Once someone reaches a Senior-level role, and wants to progress")
    assert not [p for p in dev.phrases if p.endswith("level")]


def _fields_library(title: str, body: str) -> Library:
    return Library.build(
        [f"# {title}\n\n{body}"], [{"source": "/f.md", "title": title, "section": ""}]
    )


@pytest.mark.parametrize(
    ("title", "body", "typed", "clipped", "unclipped"),
    [
        (
            "Civil Engineering vs Quantity Surveying: Which Career Pays More?",
            "Most site managers come from civil engineering. Quantity surveying suits people "
            "who like numbers.",
            "How much does a civil engineer earn?",
            "Is civil eng a good start?",
            "Is civil engineering a good start?",
        ),
        (
            "Digital Marketing vs Sales Operations: Two Ways Into Retail",
            "Digital marketing means campaigns and analytics; sales operations means pipelines.",
            "How big is the digital market for small shops?",
            "Is digi marketing a good start?",
            "Is digital marketing a good start?",
        ),
    ],
)
def test_a_whole_word_one_ending_short_of_a_title_word_is_not_cut_short(
    title, body, typed, clipped, unclipped
):
    lib = _fields_library(title, body)
    # the library names a field ("civil engineering"); the person typed whole ("civil
    # engineer") is that person, not the field cut short
    assert lib.unclipped(typed) == typed
    # a word cut short is still read as the title's word
    assert lib.unclipped(clipped) == unclipped


MATERNITY = """Ward Nurse or Community Midwife? Choosing a Path in Maternity Care

Many students cannot decide whether to become a ward nurse or to train as a community midwife.
A ward nurse works shifts on a hospital ward. To become a community midwife you need a
midwifery degree. Ward nurses earn about the same as community midwives at the start.
"""

PRACTICE = """Bigger or Smaller? Choosing a Practice to Work In

Bigger practices pay more. Smaller practices are friendlier and quieter.
"""


def test_a_choice_of_two_jobs_whose_heads_are_no_agent_nouns_is_learned_from_the_text():
    lib = Library.build(
        [MATERNITY, PRACTICE],
        [
            {"source": "/m.txt", "title": MATERNITY.splitlines()[0], "section": ""},
            {"source": "/p.txt", "title": PRACTICE.splitlines()[0], "section": ""},
        ],
    )
    # "nurse" and "midwife" end in no agent suffix; the text says one becomes each
    assert {"ward nurse", "community midwife"} <= set(lib.roles.phrases)
    assert lib.title_pair("/m.txt") == ["Ward Nurse", "Community Midwife"]
    assert "/m.txt" in lib.side_by_side
    # a choice of two things no one becomes sets no roles side by side
    assert lib.title_pair("/p.txt") is None and "/p.txt" not in lib.side_by_side
    # nor are comparatives persons for their "-er" ending: no text counts "biggers"
    assert not {"bigger", "smaller"} & set(lib.roles.phrases)


PHARMACY = """# Pharmacist vs Pharmacy Technician: Which Career Fits You?

Pharmacists check prescriptions and advise patients. Pharmacy technicians count tablets and
label bottles. Becoming a pharmacist takes a four-year degree; a pharmacy technician can start
with a short course.
"""

VET = """# Veterinary Surgeon vs Veterinary Technician

Veterinary surgeons diagnose and operate. Veterinary technicians take blood samples and
prepare animals for surgery.
"""


def test_a_role_named_by_one_word_in_a_follow_up_is_the_side_set_beside_the_last_role():
    seed = SEED.read_text(encoding="utf-8")
    lib = Library.build(
        [PHARMACY, VET, seed],
        [
            {"source": "/rx.md", "title": PHARMACY.splitlines()[0][2:], "section": ""},
            {"source": "/vet.md", "title": VET.splitlines()[0][2:], "section": ""},
            {"source": "/seed.txt", "title": seed.splitlines()[0], "section": ""},
        ],
    )
    asked = [{"role": "user", "content": "How long does it take to become a pharmacist?"}]
    assert lib.side_by_head("and a technician?", asked) == "and a pharmacy technician?"
    assert lib.side_by_head("what about technicians?", asked) == "what about pharmacy technicians?"
    vet = [{"role": "user", "content": "What does a veterinary surgeon do?"}]
    assert lib.side_by_head("and a technician?", vet) == "and a veterinary technician?"
    # the seed article's pair: the engineer set beside the AI engineer
    ai = [{"role": "user", "content": "How much does an AI engineer earn?"}]
    assert lib.side_by_head("and the other engineer?", ai) == (
        "and the other machine learning engineer?"
    )
    # a role named in full, or no role asked before, leaves the question as it is
    assert lib.side_by_head("and a dental technician?", asked) == "and a dental technician?"
    assert lib.side_by_head("and a technician?", []) == "and a technician?"


def test_a_follow_up_naming_a_bare_head_asks_of_the_side_beside_the_last_role():
    from assistant.understand import understand

    lib = Library.build(
        [PHARMACY, VET],
        [
            {"source": "/rx.md", "title": PHARMACY.splitlines()[0][2:], "section": ""},
            {"source": "/vet.md", "title": VET.splitlines()[0][2:], "section": ""},
        ],
    )
    history = [
        {"role": "user", "content": "How long does it take to become a pharmacist?"},
        {"role": "assistant", "content": "A four-year degree."},
    ]
    query = understand("and a technician?", history, lib)
    assert query.roles == ["pharmacy technician"], query


def test_an_abbreviation_with_another_name_after_it_is_spelled_out():
    """ "gas tungsten arc welding (GTAW, or TIG)": the abbreviation is spelled out though its
    brackets go on to another name; a list in brackets ("(HTML, CSS, DOM, and JavaScript)" in
    the development handbook) spells nothing."""
    from assistant.understand.vocabulary import abbreviations

    weld = (
        "Welders use shielded metal arc welding (SMAW, or stick) outdoors and gas tungsten arc "
        "welding (GTAW, also called TIG) on thin stainless steel. Licensed vocational nurses (LVNs; "
        "known as LPNs elsewhere) give medications."
    )
    got = abbreviations([weld])
    assert got["SMAW"] == "shielded metal arc welding"
    assert got["GTAW"] == "gas tungsten arc welding"
    assert got["LVN"] == "licensed vocational nurse"
    handbook = _dev_text("front-end-developer-handbook-2019.html")
    assert "HTML" not in abbreviations([handbook]) and "CRUD" not in abbreviations([handbook])


def test_a_field_typed_for_its_people_is_read_as_the_people_the_library_names():
    title = "Social Worker vs Mental Health Counselor: Which Path Fits You?"
    body = "Social workers connect clients with resources. Mental health counselors run therapy."
    lib = _fields_library(title, body)
    # "social work" is the social worker cut short by an agent noun's ending, not another form
    assert lib.unclipped("Is social work growing fast?") == "Is social worker growing fast?"
