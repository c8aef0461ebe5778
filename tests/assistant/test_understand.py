"""Question understanding: roles learned from the library, comparisons, follow-ups, intents.

Inputs come from several kinds of article (a role-vs-role guide, a DevOps essay, a product
management Q&A, a data-team overview), so nothing passes on one article's wording alone.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, RoleBook, resolve_followup, understand
from assistant.understand.lexicon import aspect_named, aspects
from assistant.understand.query import topic_of
from assistant.understand.vocabulary import abbreviations, learn_roles
from knowledge.settings import REPO_ROOT
from knowledge.text import content_terms

DEV_CORPUS = REPO_ROOT.parent / "shared" / "corpus-dev"

ARTICLES = [
    (
        "/a/ai-vs-ml.txt",
        "AI Engineer vs Machine Learning Engineer: Which Career Path Pays More",
        "Salary",
        "Senior ML engineers reach total compensation of $245,000. AI engineers earn less.",
    ),
    (
        "/b/devops.html",
        "DevOps vs SRE: what changes on call",
        "DevOps vs SRE",
        "Site Reliability Engineering (SRE) teams track error budgets. A DevOps engineer "
        "automates the delivery pipeline.",
    ),
    (
        "/c/pm.md",
        "So what exactly is a product manager?",
        "Product manager or project manager",
        "Product managers decide what gets built; project managers track the schedule.",
    ),
    (
        "/d/data.md",
        "Data team roles explained",
        "Roles in a team",
        "A team has a data analyst, data scientist, data engineer, ML engineer, and SRE/MLOps "
        "person. Frontend and backend developers build the product; a frontend developer "
        "owns the pages.",
    ),
]


def library(articles=ARTICLES) -> Library:
    docs = [a[3] for a in articles]
    metas = [{"source": a[0], "title": a[1], "section": a[2]} for a in articles]
    return Library.build(docs, metas)


@pytest.fixture(scope="module")
def lib() -> Library:
    return library()


def test_bare_roles_and_spelled_out_abbreviations_are_learned(lib):
    book = lib.roles
    for question, role in [
        ("DevOps vs SRE: which metrics matter?", "DevOps"),
        ("What does an SRE do on call?", "SRE"),
        ("Is frontend work easier to start?", "frontend"),
        ("What does a data analyst do?", "data analyst"),
    ]:
        found = book.find(question)
        assert any(book.same(f, role) for f in found), (question, found)
    assert book.same("SRE", "site reliability engineers")
    assert abbreviations(["Site Reliability Engineering (SRE) is a practice."]) == {
        "SRE": "site reliability engineering"
    }


def test_learning_keeps_out_words_that_are_not_roles():
    book = learn_roles(
        ["Benefits and drawbacks of this solution", "Tools or workflows: a guide"],
        ["We use Python, SQL, and Airflow every day."],
        {},
    )
    assert not book.find("Which tools and workflows help?")
    assert not book.find("Is Python better than SQL?")


def test_two_named_roles_are_the_comparison_whatever_the_titles_say(lib):
    q = understand(
        "What is the difference between product and project managers?",
        [],
        lib,
        scope=list(lib.titles),
    )
    assert q.comparison is not None
    assert [lib.roles.key(s) for s in q.comparison.sides] == ["product manager", "project manager"]
    q = understand("ML engineer or software engineer: which pays more?", [], lib, scope=None)
    assert q.comparison and q.comparison.sides == ["ML engineer", "software engineer"]
    assert q.wants == "amount" and "pay" in content_terms(q.comparison.aspect)


def test_bare_roles_in_vs_questions_are_compared(lib):
    for question, sides in [
        ("DevOps vs SRE: which metrics matter?", ("devops", "sre")),
        ("Frontend vs backend: which should I learn first?", ("frontend", "backend")),
    ]:
        q = understand(question, [], lib, scope=list(lib.titles))
        assert q.comparison, question
        assert all(lib.roles.same(a, b) for a, b in zip(q.comparison.sides, sides, strict=True))


def test_the_title_pair_stands_in_only_with_one_article_in_scope_and_no_role_named(lib):
    one = ["/a/ai-vs-ml.txt"]
    q = understand("Which of the two roles pays more?", [], lib, scope=one)
    assert q.comparison and lib.roles.same(q.comparison.sides[1], "ML engineer")
    assert (
        understand("Which of the two roles pays more?", [], lib, scope=list(lib.titles)).comparison
        is None
    )
    q = understand("Which pays more, product or project managers?", [], lib, scope=one)
    assert q.comparison and lib.roles.same(q.comparison.sides[0], "product manager")


def test_follow_up_keeps_the_roles_and_takes_its_topic_from_its_own_words(lib):
    history = [
        {"role": "user", "content": "Compare data analysts and data scientists"},
        {"role": "assistant", "content": "| Aspect | ... |"},
    ]
    q = understand("and which one is easier to get into?", history, lib)
    assert q.comparison is not None
    assert [lib.roles.key(s) for s in q.comparison.sides] == ["data analyst", "data scientist"]
    aspect = set(content_terms(q.comparison.aspect))
    assert aspect_named(aspect)[0].name == "Entry and education"
    assert "compar" not in aspect


def test_a_self_contained_question_inherits_nothing(lib):
    history = [
        {"role": "user", "content": "How much do data scientists earn?"},
        {"role": "assistant", "content": "..."},
    ]
    q = understand("What does a DevOps engineer automate?", history, lib)
    assert not q.inherited and not q.followup
    assert "earn" not in q.text
    text, inherited = resolve_followup("What does a DevOps engineer automate?", history, lib.roles)
    assert text == "What does a DevOps engineer automate?" and inherited == []


def test_author_and_date_questions_are_recognised_in_and_out_of_a_conversation(lib):
    history = [{"role": "user", "content": "What do product managers do?"}]
    assert understand("Who wrote the article?", history, lib).intent == "author"
    assert understand("Who is the author of the DevOps essay?", [], lib).intent == "author"
    assert understand("When was it published?", history, lib).intent == "date"
    assert understand("Who prepared the report?", [], lib).intent == "author"
    assert understand("Who compiled this guide?", history, lib).intent == "author"
    # what a role prepares is no question about the writing
    assert understand("Who prepares the meals, cooks or waiters?", [], lib).intent != "author"
    assert understand("Who earns more, SREs or DevOps engineers?", [], lib).intent == "comparison"


def test_abbreviations_and_amounts_are_spelled_as_the_library_writes_them(lib):
    q = understand("Do senior MLE roles reach $245k?", [], lib)
    assert "$245,000" in q.text
    assert "machine learning" in q.text.lower()


def test_the_lexicon_covers_the_general_career_aspects_only():
    names = [a.name for a in aspects()]
    assert names == [
        "Pay",
        "Skills",
        "Day-to-day work",
        "Demand",
        "Entry and education",
        "Progression",
    ]
    assert aspect_named(set(content_terms("what is the salary")))[0].name == "Pay"
    assert aspect_named(set(content_terms("what is the weather"))) == []


def test_roles_learned_from_the_development_articles():
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"the development articles are not at {DEV_CORPUS}")
    from ingest.load import decode

    docs, metas = [], []
    for path in sorted(DEV_CORPUS.iterdir()):
        kind = path.suffix.lstrip(".")
        if kind in ("md", "txt", "html") and path.stat().st_size < 200_000:  # keep it quick
            loaded = decode(str(path), kind, path.read_bytes())
            docs.append(loaded.text[:200_000])
            metas.append({"source": str(path), "title": path.stem, "section": ""})
    lib = Library.build(docs, metas)
    for role in ["DevOps", "SRE", "data analyst", "product manager", "frontend", "backend"]:
        q = understand(f"Tell me about {role} work", [], lib)
        wanted = lib.roles.keys(lib.expand_abbreviations(role))
        assert any(lib.roles.keys(r) & wanted for r in q.roles), (role, q.roles)


def test_a_role_book_is_bounded_and_its_matching_linear():
    book = RoleBook([f"role{i} lead" for i in range(5000)])
    assert len(book) == RoleBook.MAX_PHRASES
    text = "a " * 50_000 + "role1 lead"
    assert book.find(text)


@pytest.mark.parametrize(
    ("titles", "question", "expected"),
    [
        (
            ["data analyst", "data engineer"],
            "What's the main tool data analysts use?",
            ["data analysts"],
        ),
        (["product manager"], "Which budget product managers approve?", ["product managers"]),
        # A phrase the library does not end on stays whole.
        (
            ["ml engineers"],
            "What do machine learning engineers build?",
            ["machine learning engineers"],
        ),
        (
            ["site reliability engineer"],
            "Do site reliability engineers carry pagers?",
            ["site reliability engineers"],
        ),
    ],
)
def test_a_job_title_phrase_is_cut_to_the_librarys_own_role_at_its_end(titles, question, expected):
    assert RoleBook(titles).find(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A plural agent noun before "or"/"and" is its own role, not a modifier of the head.
        ("Do dietitians or lab technicians earn more?", ["dietitians", "lab technicians"]),
        (
            "Which is harder, counselors or pharmacy technicians?",
            ["counselors", "pharmacy technicians"],
        ),
        # A modifier (not a plural person) still shares the head noun after it.
        ("Do pharmacy or lab technicians earn more?", ["pharmacy technician", "lab technicians"]),
    ],
)
def test_a_plural_role_never_shares_the_head_noun_after_it(question, expected):
    book = RoleBook(["dietitian", "counselor", "lab technician", "pharmacy technician"])
    assert [r.lower() for r in book.find(question)] == expected


@pytest.mark.parametrize(
    ("titles", "answer", "expected_role"),
    [
        (["data engineer", "data analyst"], "Data engineers usually earn more.", "Data engineers"),
        (["product manager"], "Product managers tend to earn the most.", "Product managers"),
    ],
)
def test_they_in_a_followup_with_its_own_topic_are_the_roles_an_earlier_answer_named(
    titles, answer, expected_role
):
    """ "What tools do they need for that?" keeps its own topic; "they" are the people the
    conversation's answers named, even with a "Why is that?" turn in between, and the first
    question's topic ("pays") is not borrowed."""
    history = [
        {"role": "user", "content": "Which role pays more at the senior level?"},
        {"role": "assistant", "content": answer},
        {"role": "user", "content": "Why is that?"},
        {"role": "assistant", "content": "The work needs rarer skills."},
    ]
    text, inherited = resolve_followup(
        "What tools do they need for that?", history, RoleBook(titles)
    )
    assert inherited == [expected_role]
    assert "pays" not in text and "tools" in text


@pytest.mark.parametrize(
    ("first", "followup", "kept", "dropped"),
    [
        (
            "What are the downsides of working at a startup?",
            "What are the upsides then?",
            ["working", "startup"],
            ["downsides"],
        ),
        (
            "What is the weekly schedule for a coding bootcamp?",
            "And the cost?",
            ["coding", "bootcamp"],
            ["weekly", "schedule"],
        ),
        (
            "What are the risks about freelancing with no savings?",
            "What about the rewards?",
            ["freelancing", "savings"],
            ["risks"],
        ),
    ],
)
def test_a_followup_asking_for_a_thing_of_its_own_borrows_only_what_was_asked_about(
    first, followup, kept, dropped
):
    """ "The upsides then?" after "the downsides of X?" asks about X: the thing asked for before
    ("downsides") would pull the answer back to the first question."""
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": "An answer."},
    ]
    text, inherited = resolve_followup(followup, history, RoleBook([]))
    assert not inherited
    assert all(w in text for w in kept), text
    assert not any(w in text for w in dropped), text


@pytest.mark.parametrize(
    ("first", "followup", "kept"),
    [
        # nothing asked for before the "of": the whole earlier topic is the subject
        ("In most startups, what happens to testing?", "And what about hiring?", ["testing"]),
        # a follow-up with no topic of its own borrows the whole earlier topic
        ("What are the downsides of remote work?", "Why is that?", ["downsides", "remote"]),
        # the follow-up fills the same slot ("for ..."): what was asked for stays
        ("What skills do you need for pastry?", "and for bread?", ["skills"]),
        ("What qualifications are required for midwifery?", "What about for nursing?", ["qualif"]),
        ("What equipment do you need for beekeeping?", "And for gardening?", ["equipment"]),
    ],
)
def test_a_followup_otherwise_borrows_the_whole_earlier_topic(first, followup, kept):
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "An answer."}]
    text, _inherited = resolve_followup(followup, history, RoleBook([]))
    assert all(w in text for w in kept), text


@pytest.mark.parametrize(
    "question",
    [
        "Should I pick the data analyst track or the data scientist track?",
        "Should I choose product management or project management?",
        "I'm considering going for data analyst or data scientist, which?",
    ],
)
def test_a_verb_of_choosing_is_no_topic_of_a_comparison(lib, question):
    q = understand(question, [], lib)
    assert q.comparison is not None, question
    assert q.comparison.aspect == "", (question, q.comparison.aspect)


def test_a_plus_title_is_the_role_and_above():
    from assistant.understand.roles import role_key

    assert role_key("Staff-plus engineers") == role_key("staff engineer")
    assert role_key("Staff+ Engineer") == role_key("staff engineer")
    assert role_key("C++ developer") != role_key("C developer")  # a language, not a level


def test_a_list_of_three_roles_is_three_sides(lib):
    q = understand("Compare data analysts, data scientists and data engineers", [], lib)
    assert q.comparison is not None
    assert [lib.roles.key(s) for s in q.comparison.sides] == [
        "data analyst",
        "data scientist",
        "data engineer",
    ]
    q = understand("data analyst vs data scientist: which one works with data engineers?", [], lib)
    assert q.comparison is not None and len(q.comparison.sides) == 2


def _turns(*questions: str) -> list[dict]:
    out: list[dict] = []
    for q in questions:
        out += [{"role": "user", "content": q}, {"role": "assistant", "content": "(answer)"}]
    return out


WARD = [
    (
        "/w/ward.md",
        "Working on a hospital ward",
        "Charge nurse",
        "A charge nurse runs the shift and assigns patients. A ward clerk keeps the records. "
        "Charge nurses earn a shift differential on nights.",
    ),
    (
        "/w/school.md",
        "Routes into teaching",
        "Credential programme",
        "A credential programme takes a year. An alternative certification route lets career "
        "changers teach while they study.",
    ),
]


@pytest.mark.parametrize(
    "earlier, question, sides",
    [
        # a role, then "that" set against another role
        (["What does a charge nurse do?"], "And how is that different from a ward clerk?", 2),
        (["What does a data engineer do?"], "How is that different from a data scientist?", 2),
        # something that is no role: what the question asked about
        (
            ["Tell me about the credential programme."],
            "Is it faster than a certification route?",
            2,
        ),
    ],
)
def test_a_pronoun_set_against_a_new_side_is_the_earlier_subject(earlier, question, sides):
    lib = library(ARTICLES + WARD)
    q = understand(question, _turns(*earlier), lib)
    assert q.comparison is not None and len(q.comparison.sides) == sides, q
    first = q.comparison.sides[0].lower()
    assert first in earlier[0].lower(), q.comparison
    assert q.comparison.sides[1].lower() in question.lower(), q.comparison
    # without the conversation, the pronoun stands for nothing: no comparison
    assert understand(question, [], lib).comparison is None or "that" in question


def test_the_earlier_topic_carries_into_that_comparison_and_the_next_why():
    lib = library(ARTICLES + WARD)
    history = _turns("How much do charge nurses earn?")
    q = understand("How does that compare to a ward clerk?", history, lib)
    assert q.comparison and q.comparison.aspect == "earn", q.comparison
    history += _turns("How does that compare to a ward clerk?")
    why = understand("Why is that?", history, lib)
    assert why.comparison and [s.lower() for s in why.comparison.sides] == [
        "charge nurses",
        "ward clerk",
    ], why
    assert "earn" in why.text, why.text
    # the next question set against a third side keeps the first subject
    history += _turns("Why is that?")
    q = understand("And how does it compare with a data analyst?", history, lib)
    assert q.comparison and q.comparison.sides[0].lower() == "charge nurses", q.comparison


def test_a_question_naming_both_sides_ignores_the_earlier_subject():
    lib = library(ARTICLES + WARD)
    q = understand(
        "Is a data analyst different from a data scientist?",
        _turns("What does a charge nurse do?"),
        lib,
    )
    assert q.comparison and {s.lower() for s in q.comparison.sides} == {
        "data analyst",
        "data scientist",
    }, q.comparison


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # time, effort, experience: a quantity, not money
        ("How much time do night nurses spend charting?", "count"),
        ("How much experience does a sous chef need?", "count"),
        ("How much effort goes into lesson planning?", "count"),
        ("How much of a teacher's week is marking?", "count"),
        # money, by a verb or a money word
        ("How much do night nurses earn?", "amount"),
        ("How much money does a sous chef make?", "amount"),
        ("How much does culinary school cost?", "amount"),
    ],
)
def test_how_much_asks_for_money_only_when_it_is_not_time_or_effort(question, kind):
    from assistant.understand.query import answer_kind

    assert answer_kind(question) == kind


def test_a_time_share_question_is_answered_with_the_share_not_declined_for_want_of_pay():
    """'How much time do data scientists spend cleaning data?' asks for a share of time: the
    data-science guide gives it in per cent, no money figure; it is not declined."""
    dev = REPO_ROOT.parent / "shared" / "corpus-dev"
    if not dev.is_dir():
        pytest.skip(f"the development articles are not at {dev}")
    import tempfile
    from pathlib import Path

    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    with tempfile.TemporaryDirectory() as tmp:
        settings = get_settings(store=Path(tmp) / "store")
        settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
        kb = open_knowledge_base(settings)
        source = dev / "practitioners-guide-data-science-role-and-skill-tracks.html"
        assert ingest_sources([str(REPO_ROOT / "corpus"), str(source)], kb, settings).ok
        result = Assistant(settings, kb).ask(
            "How much time do data scientists spend cleaning data?", []
        )
    assert not result.abstained, result.answer
    assert "%" in result.answer


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        # who the author is
        ("Who wrote the article on night nursing?", "author"),
        ("Who is the author?", "author"),
        ("What is the author's name?", "author"),
        # what the author says: a question about the subject
        ("Why does the author dislike twelve-hour shifts?", "fact"),
        ("What does the author recommend to new sous chefs?", "fact"),
        ("What is the author's advice on lesson planning?", "fact"),
    ],
)
def test_a_question_about_what_the_author_says_is_not_a_question_about_the_byline(question, intent):
    from assistant.understand.query import intent_of

    assert intent_of(question, None) == intent


def test_a_learned_role_and_its_plural_share_a_key():
    # A role the library teaches need not end in a job-title noun of the lexicon: "nurse
    # practitioner" (made-up ward text), "coding bootcamp" (the bootcamp article's words).
    from assistant.understand.roles import role_key

    assert role_key("Nurse practitioners") == role_key("nurse practitioner")
    assert role_key("pastry chefs") == role_key("Pastry Chef")
    assert role_key("Coding Bootcamps") == role_key("coding bootcamp")
    assert role_key("Machine Learning Engineers") == role_key("ML engineer")  # as before
    for kept in ("campus", "boss", "analysis", "ops"):  # no plural "s" to take off
        assert role_key(kept) == kept
    book = RoleBook(["Nurse Practitioner", "Registered Nurse"])
    found = book.find("Nurse practitioners earned a median of roughly $126,000.")
    assert found and book.keys(found[0]) & book.keys("nurse practitioner")


NURSE_GUIDE = """# Registered Nurse vs Nurse Practitioner

Many nurses wonder whether to stay at the bedside. This guide compares the registered nurse (RN)
and the nurse practitioner (NP) roles on pay, training and daily work.

## Salary

The median pay for registered nurses was about $86,000 a year. Nurse practitioners earned a
median of roughly $126,000, and those in acute care often earn more.

## What does a nurse practitioner do?

A nurse practitioner diagnoses illnesses, orders tests and prescribes medication.
"""


def test_the_figure_for_a_learned_role_named_in_the_plural_is_found(make_settings, tmp_path):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    article = tmp_path / "rn-vs-np.md"
    article.write_text(NURSE_GUIDE, encoding="utf-8")
    settings = make_settings()
    kb = open_knowledge_base(settings)
    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    assert ingest_sources([str(seed), str(article)], kb, settings).ok
    assistant = Assistant(settings, kb)
    pay = assistant.ask("How much does a nurse practitioner make?")
    assert not pay.abstained and "$126,000" in pay.answer, pay.answer
    table = assistant.ask("RN vs NP: which pays more?").answer
    row = next(ln for ln in table.splitlines() if ln.startswith("| Pay |"))
    assert "$86,000" in row and "$126,000" in row, table
    assert "This guide compares" not in table  # what the text covers is no verdict


KITCHEN_AND_WARD = [
    (
        "/k/kitchen.md",
        "Kitchen manager vs pastry designer: who runs what",
        "Lab technician",
        "A kitchen manager orders the produce and plans the rota. A pastry designer sketches "
        "the cakes. Lab technicians test the flour. A floor manager seats the guests.",
    ),
    (
        "/w/ward.md",
        "Charge nurse vs ward clerk: a night on the ward",
        "Charge nurse",
        "A charge nurse runs the shift. A ward clerk keeps the records.",
    ),
    (
        "/w/bar.md",
        "Careers behind the bar: sommelier vs bar manager",
        "Sommelier",
        "A sommelier chooses the wines. A bar manager orders the stock and sets the rota.",
    ),
]


@pytest.mark.parametrize(
    ("earlier", "question", "other"),
    [
        ("What does a charge nurse do?", "and the other one?", "ward clerk"),
        ("What does a pastry designer do?", "What about the other role?", "kitchen manager"),
        # (the pair set side by side after the title's colon)
        ("What does a sommelier do?", "What about the other one, what do they do?", "bar manager"),
    ],
)
def test_the_other_one_is_the_role_set_beside_the_last_one(earlier, question, other):
    """ "And the other one?" after a question about one side of an article's "X vs Y": the
    other side, not the same role again."""
    lib = library(KITCHEN_AND_WARD)
    q = understand(question, _turns(earlier), lib)
    assert [r.lower() for r in q.roles] == [other], q
    assert q.comparison is None


def test_the_other_one_falls_back_to_another_role_the_last_answer_named():
    lib = library(ARTICLES)  # "Data team roles explained" sets no pair side by side
    history = [
        {"role": "user", "content": "What does a data analyst do?"},
        {"role": "assistant", "content": "A data analyst reports; a data engineer builds."},
    ]
    q = understand("And the other one?", history, lib)
    assert [r.lower() for r in q.roles] == ["data engineer"], q


@pytest.mark.parametrize(
    "opening", ["ok, ", "Okay ", "Thanks! ", "great, ", "ok thanks, ", "Hmm, "]
)
def test_a_replys_opening_word_asks_nothing(opening):
    """ "ok, and which is easier to get into?" is the follow-up "and which is easier to get
    into?": the same sides, and "ok" is no topic."""
    lib = library(KITCHEN_AND_WARD)
    history = _turns("Which pays more, a charge nurse or a ward clerk?")
    q = understand(f"{opening}and which is easier to get into?", history, lib)
    assert q.comparison and [s.lower() for s in q.comparison.sides] == [
        "charge nurse",
        "ward clerk",
    ], q
    assert q.topic == ["easier"], q.topic


@pytest.mark.parametrize(
    "question", ["Right now, who runs the shift?", "Well paid jobs on a ward?", "OK"]
)
def test_words_that_only_look_like_an_opening_stay(question):
    from assistant.understand.followup import without_interjection

    assert without_interjection(question) == question


def test_people_named_by_a_roles_one_modifier_are_that_role():
    """ "lab folks" are the library's lab technicians; "data people" stay as written where the
    library has several data roles."""
    lib = library(KITCHEN_AND_WARD)
    q = understand("Do lab folks earn more?", [], lib)
    assert [r.lower() for r in q.roles] == ["lab technicians"], q
    data = library(ARTICLES)
    assert data.people_as_roles("Do data people code?") == "Do data people code?"


@pytest.mark.parametrize(
    ("word", "noun"),
    [("mgr", "manager"), ("dsgnr", "designer"), ("eng", "engineer"), ("xyz", None)],
)
def test_a_role_noun_written_by_its_consonants_is_spelled_out(word, noun):
    from assistant.understand.vocabulary import _clipped_role_noun

    assert _clipped_role_noun(word) == noun


def test_a_dash_after_a_vs_side_ends_it():
    lib = library(KITCHEN_AND_WARD)
    q = understand("kitchen mgr vs floor mgr - which is harder?", [], lib)
    assert q.comparison and q.comparison.sides == ["kitchen manager", "floor manager"], q


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("Where does the pay gap between nurses and clerks come from?", True),
        ("What causes the shortage of night nurses?", True),
        ("What's behind the higher pay for head chefs?", True),
        ("Where do charge nurses work?", False),
        ("Where does that number come from?", False),  # a source, not a cause
        ("Where did the salary figures come from?", False),
        ("What does a ward clerk do?", False),
    ],
)
def test_a_question_for_a_cause_asks_why(question, why):
    from assistant.understand.query import asks_why

    assert asks_why(question) is why


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Are culinary courses quick?", "count"),
        ("Is nursing school slow to finish?", "count"),
        ("Is demand for night nurses growing quickly?", "rate"),
    ],
)
def test_quick_or_slow_asks_for_a_time_span(question, kind):
    from assistant.understand.query import answer_kind

    assert answer_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "too"),
    [
        ("Who wrote the bakery post and when?", True),
        ("Who wrote it, and what year?", True),
        ("Who wrote the bakery post?", False),
        ("Who is the author of the night shift piece?", False),
    ],
)
def test_a_byline_question_may_ask_for_the_date_too(question, too):
    from assistant.understand.query import asks_date_too

    assert asks_date_too(question) is too


MIDWIFE = [
    (
        "/a/ward.md",
        "Midwife vs Maternity Nurse Manager",
        "Pay",
        "A midwife earns about $90,000 a year. A maternity nurse manager earns $120,000 and "
        "trains for six years.",
    )
]


@pytest.mark.parametrize(
    ("first", "followup", "kind"),
    [
        ("How much does a midwife earn?", "What about a maternity nurse manager?", "amount"),
        ("How long does a midwife train?", "And a maternity nurse manager?", "count"),
        # a follow-up with a topic of its own asks what it says, not what came before
        ("How much does a midwife earn?", "What about a maternity nurse manager's hours?", None),
        ("How much does a midwife earn?", "Why?", None),  # a reason, not an amount
    ],
)
def test_a_followup_naming_only_a_role_asks_what_the_last_question_asked(first, followup, kind):
    lib = library(MIDWIFE)
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "..."}]
    query = understand(followup, history, lib)
    assert query.wants == kind, (query.standalone, query.wants)


GARAGE = [
    (
        "/g/garage.md",
        "Mechanical engineer vs mechanic: which trade?",
        "Mechanical engineer",
        "A mechanical engineer designs engines; mechanical engineers use CAD.",
    ),
    (
        "/g/garage.md",
        "Mechanical engineer vs mechanic: which trade?",
        "Mechanic",
        "A mechanic fixes cars and owns tools.",
    ),
    (
        "/g/garage.md",
        "Mechanical engineer vs mechanic: which trade?",
        "Pay",
        "Mechanics earn hourly; a mechanical engineer earns a salary.",
    ),
    (
        "/g/shop.md",
        "Inside a garage",
        "Apprentices",
        "A mechanic apprentice learns fast. The mechanic shop opens early. Mechanics share tools.",
    ),
    (
        "/g/shop2.md",
        "Garage life",
        "Tools",
        "Every mechanic keeps a torque wrench; mechanics swap parts. A workshop manager orders "
        "them.",
    ),
]


@pytest.mark.parametrize(
    ("question", "spelled"),
    [
        # before a role noun, a clipped word is the one the library's job title writes with
        # it ("mechanical engineer"), not the commonest word it starts ("mechanics")
        ("mech eng vs mechanic?", "mechanical engineer vs mechanic?"),
        ("mech eng salary", "mechanical engineer salary"),
        # ... and a noun written by its consonants after a modifier, on the same line
        ("mech eng vs workshop mgr?", "mechanical engineer vs workshop manager?"),
    ],
)
def test_a_clipped_word_before_a_role_noun_is_the_job_titles_word(question, spelled):
    assert library(GARAGE).expand_abbreviations(question) == spelled


def test_a_short_word_is_never_read_as_a_clipped_contraction():
    """The garage articles write "won't" twice and "won" never: "Who won ..." stays."""
    texts = GARAGE + [
        ("/g/a.md", "Parts", "Parts", "The parts won't arrive before Monday."),
        ("/g/b.md", "Tyres", "Tyres", "Winter tyres won't fit the van."),
    ]
    assert library(texts).expand_abbreviations("Who won the cup?") == "Who won the cup?"


CLINIC_TEXT = """Veterinary technicians take blood samples and prepare animals for surgery.
Veterinarians diagnose illnesses. A veterinary technician earns less than a veterinarian."""


def _clinic() -> Library:
    return Library.build(
        [CLINIC_TEXT],
        [{"source": "/vet.md", "title": "Veterinary Technician vs Veterinarian", "section": ""}],
    )


def _turns(*pairs: str) -> list[dict]:
    out = []
    for i, text in enumerate(pairs):
        out.append({"role": "user" if i % 2 == 0 else "assistant", "content": text})
    return out


def test_a_follow_up_keeps_sides_an_earlier_question_typed_cut_short():
    lib = _clinic()
    history = _turns("Vet tech vs veterinarian: which pays more?", "(a table)")
    q = understand("and which one takes longer to train for?", history, lib, scope=None)
    assert q.comparison is not None
    assert q.comparison.sides == ["veterinary technician", "veterinarian"]


def test_a_follow_up_with_its_own_topic_looks_past_a_question_without_roles():
    """ "what about the day-to-day?" after "and which one takes longer ...?" (no role of its
    own) compares the sides of the question before that, on its own topic."""
    lib = _clinic()
    history = _turns(
        "Veterinary technician vs veterinarian: which pays more?",
        "(a table)",
        "and which one takes longer to train for?",
        "(another table)",
    )
    q = understand("what about the day-to-day?", history, lib, scope=None)
    assert q.comparison is not None and len(q.comparison.sides) == 2, q
    assert "longer" not in q.comparison.aspect


@pytest.mark.parametrize(
    "question",
    [
        "When was the sourdough guide last updated?",
        "when was this post updated?",
        "When did the editor update the nursing article?",
    ],
)
def test_a_question_about_when_an_article_was_updated_asks_for_its_date(question):
    from assistant.understand.query import intent_of

    assert intent_of(question, None) == "date"
    assert intent_of("When was the ward rota updated?", None) == "fact"  # no piece of writing


def test_a_short_question_about_a_person_the_library_never_writes_inherits_nothing():
    lib = Library.build(
        ["Marine biologists earn a median of $70,600. Employers value coding skills."],
        [{"source": "/m.md", "title": "What It's Like to Be a Marine Biologist", "section": ""}],
    )
    history = _turns("What do marine biologists earn?", "A median of $70,600. [1]")
    q = understand("How much does an oceanographer earn?", history, lib, scope=None)
    assert q.roles == [] and q.inherited == [] and not q.followup
    q = understand("What do employers look for?", history, lib, scope=None)
    assert q.inherited == ["marine biologists"] and q.followup


def test_a_question_about_the_asker_after_a_turn_telling_their_background_is_asked_with_it():
    from assistant.understand.followup import with_background

    told = [
        {"role": "user", "content": "I'm a ward nurse with ten years on nights."},
        {"role": "assistant", "content": "Ward nurses work twelve-hour shifts."},
    ]
    assert with_background("Which specialty suits me?", told) == (
        "I'm a ward nurse with ten years on nights. Which specialty suits me?"
    )
    assert with_background("i like kids || what should i do?".split(" || ")[1], told[:1]) == (
        "I'm a ward nurse with ten years on nights. what should i do?"
    )
    # a question about no one in particular, one telling its own background, and a turn that
    # asked something rather than told it are left as typed
    asked = [{"role": "user", "content": "I'm a nurse, what do midwives earn?"}]
    for question, history in (
        ("How much do midwives earn?", told),
        ("I know maths. Which path suits me?", told),
        ("Which path suits me?", asked),
        ("Which path suits me?", []),
    ):
        assert with_background(question, history) == question


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("Which role needs stronger people skills?", {"need", "stronger", "peopl", "skill"}),
        ("Which of the two is safer for your back?", {"safer", "back"}),
        ("Which job has longer shifts?", {"longer", "shift"}),
    ],
)
def test_a_which_question_with_a_comparative_adjective_compares_the_articles_pair(question, aspect):
    """ "stronger", "safer", "longer" compare as "more" does: with one article in scope, its
    title's pair ("Ward Nurse vs Community Nurse") is compared on the rest of the question."""
    lib = Library.build(
        ["Ward nurses work twelve-hour shifts. Community nurses drive between visits."],
        [{"source": "/w.md", "title": "Ward Nurse vs Community Nurse", "section": ""}],
    )
    q = understand(question, [], lib, scope=["/w.md"])
    assert q.comparison is not None, question
    assert [lib.roles.key(s) for s in q.comparison.sides] == ["ward nurse", "community nurse"]
    assert set(content_terms(q.comparison.aspect)) == aspect
    assert understand("Which ward is the strongest?", [], lib, scope=["/w.md"]).comparison is None


def _shop() -> Library:
    text = (
        "Welders join metal parts. Machinists shape metal on lathes. Welders earn $51,000, "
        "and machinists earn $48,000."
    )
    return Library.build(
        [text], [{"source": "/s.md", "title": "Welder vs Machinist", "section": ""}]
    )


def test_a_follow_up_after_how_much_do_they_make_borrows_pay_not_make():
    lib = _shop()
    history = _turns("What does a welder do?", "(answer)", "How much do they make?", "(answer)")
    q = understand("And machinists?", history, lib, scope=None)
    assert "pay" in q.standalone and "make" not in q.standalone.split("(")[-1], q


def test_which_one_after_two_single_role_questions_compares_them():
    lib = _shop()
    history = _turns("How much do welders make?", "(answer)", "And machinists?", "(answer)")
    q = understand("Which one is easier to get into?", history, lib, scope=None)
    assert q.comparison is not None, q
    assert {s.lower() for s in q.comparison.sides} == {"welders", "machinists"}, q
    # one role asked about before: "which one" chooses between it and the role its article's
    # title sets beside it ("Welder vs Machinist")
    q = understand("Which one is easier to get into?", history[2:], lib, scope=None)
    assert q.comparison is not None, q
    assert {s.lower() for s in q.comparison.sides} == {"welder", "machinists"}, q
    # ... and where no title or answer sets another role beside it, nothing to choose between
    alone = Library.build(
        ["Welders join metal parts. Welders earn $51,000."],
        [{"source": "/w.md", "title": "Life as a Welder", "section": ""}],
    )
    history = _turns("How much do welders make?", "(answer)")
    assert understand("Which one is easier to get into?", history, alone).comparison is None


def test_a_superlative_about_one_named_role_ranks_no_roles():
    """ "Which employers pay welders the most?" asks about employers of the one role it
    names; "Which of these jobs pays the most?" ranks the library's roles."""
    lib = _shop()
    assert not understand("Which employers pay welders the most?", [], lib, scope=None).ranking
    assert understand("Which of these jobs pays the most?", [], lib, scope=None).ranking


@pytest.mark.parametrize(
    "question",
    [
        "How did you get into nursing?",
        "How did he get that job?",
        "How do I land a job as a baker?",
        "How did she get hired?",
        "How did she get a position at the hospital?",
        "How did he get his foot in the door?",
    ],
)
def test_how_one_gets_in_is_the_entry_topic_in_everyday_words(question):
    assert "entry" in topic_of(question, [])


@pytest.mark.parametrize(
    "question",
    [
        "How much do nurses get paid?",
        "What do bakers get in a typical week, pay-wise?",
        "What does the job involve?",
        "Is it easy to get into nursing school?",  # "easy" already names entry: once
    ],
)
def test_other_gets_ask_no_entry(question):
    assert topic_of(question, []).count("entry") <= (1 if "easy" in question else 0)


def test_what_follows_entry_is_not_how_one_gets_in():
    assert "entry" not in topic_of("What often happens to nurses who get hired by agencies?", [])


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who was interviewed?", "person"),
        ("Who is the interview with?", "person"),
        ("And who are the speakers on the panel?", "person"),
        ("Who did they talk to for this piece?", "person"),
        ("Who earns more, nurses or midwives?", "amount"),
        ("Who is this career for?", None),
        ("Who should become a baker?", None),
    ],
)
def test_a_question_asking_who_was_interviewed_wants_a_person(question, kind):
    from assistant.understand.query import answer_kind

    assert answer_kind(question) == kind


def test_how_long_it_takes_to_get_in_is_the_entry_topic():
    assert "entry" in topic_of("How long does it take to become a pastry chef?", [])
    assert "entry" not in topic_of("How long are a pastry chef's shifts?", [])


def test_how_long_is_the_questions_form_not_its_topic():
    from assistant.evidence import topic_words

    assert "long" not in topic_words("How long is the training for a sommelier?")
    assert "long" in topic_words("Do sommeliers work long hours?")


@pytest.mark.parametrize(
    "question",
    ["Where does the pay data for nurses come from?", "What is the source of the salary figures?"],
)
def test_a_question_about_where_figures_come_from_asks_for_a_source_not_an_amount(lib, question):
    from assistant.understand.query import asks_origin

    query = understand(question, [], lib)
    assert query.intent == "source" and asks_origin(query.intent, question)
    assert not asks_origin("source", "How much of a nurse's time goes into wrangling data?")


def test_why_after_a_question_about_a_role_asks_why_of_its_topic(lib):
    history = [
        {"role": "user", "content": "Is the DevOps engineer job growing?"},
        {"role": "assistant", "content": "An answer."},
    ]
    text, inherited = resolve_followup("Why?", history, lib.roles)
    assert "growing" in text and inherited, text
    nurse = RoleBook(["pediatric nurse"])
    history[0]["content"] = "Are pediatric nurse salaries rising?"
    text, _inherited = resolve_followup("Why is that?", history, nurse)
    assert "rising" in text, text


def test_how_long_getting_in_takes_is_a_comparisons_entry_aspect():
    book = RoleBook(["pastry chef", "line cook"])
    from assistant.understand.query import _aspect

    sides = ["pastry chef", "line cook"]
    assert (
        _aspect(
            "How long does it take to become a pastry chef compared to a line cook?", sides, book
        )
        == "entry"
    )
    assert (
        _aspect("Which works longer hours, a pastry chef or a line cook?", sides, book) != "entry"
    )


def test_take_is_a_light_verb_never_a_comparisons_topic(lib):
    """ "Which takes longer to train for?": "takes" is the question's verb; as a topic word it
    met "takes X-rays" in a hygienist's description."""
    from assistant.understand.query import _aspect

    book = RoleBook(["pharmacist", "dental hygienist"])
    sides = ["pharmacist", "dental hygienist"]
    aspect = _aspect(
        "Which takes longer to train for, pharmacist or dental hygienist?", sides, book
    )
    assert "takes" not in aspect.split() and "train" in aspect.split()
    # the seed's roles: "Which takes more math?" compares math
    q = understand("Which takes more math, AI engineering or ML engineering?", [], lib)
    assert q.comparison is not None and "takes" not in q.comparison.aspect.split()


def test_verbs_of_suiting_and_liking_name_no_comparison_topic(lib):
    """ "Which job suits someone who likes cooking?": what the person likes is the topic, not
    "suits" or "likes" (a row labelled "Suits cooking")."""
    from assistant.understand.query import _aspect

    book = RoleBook(["line cook", "pharmacist"])
    sides = ["line cook", "pharmacist"]
    question = "Which job suits someone who likes cooking, line cook or pharmacist?"
    aspect = _aspect(question, sides, book).split()
    assert "cooking" in aspect and not {"suits", "likes"} & set(aspect)
    q = understand("Which role fits someone who enjoys statistics, AI engineer or MLE?", [], lib)
    assert q.comparison is not None
    aspect = q.comparison.aspect.split()
    assert "statistics" in aspect and not {"fits", "enjoys"} & set(aspect)


DENTAL = (
    "/e/dental.md",
    "Dental Nurse vs Dental Hygienist",
    "Two chairside jobs",
    "A dental nurse, sometimes called a dental assistant, prepares the instruments and keeps "
    "the records. A dental hygienist cleans teeth and gives advice on oral care. Many dental "
    "nurses train as hygienists after a few years.",
)


@pytest.mark.parametrize(
    ("articles", "first", "pair"),
    [
        (
            [DENTAL],
            "Can a dental nurse become a dental hygienist?",
            ["dental nurse", "dental hygienist"],
        ),
        (ARTICLES, "Can a data analyst become a data engineer?", ["data analyst", "data engineer"]),
    ],
)
def test_a_followup_to_a_question_that_compared_nothing_compares_nothing(articles, first, pair):
    """ "And how long does that usually take?" after "Can a dental nurse become a dental
    hygienist?": "that" is the move the question asked about, both roles in their places, not
    a table setting the two side by side; a follow-up asking to choose still compares them."""
    book = library(articles).roles
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "Yes."}]
    text, inherited = resolve_followup("And how long does that usually take?", history, book)
    assert inherited == [] and "become" in text, (text, inherited)
    comparison = understand("And how long does that usually take?", history, library(articles))
    assert comparison.comparison is None
    _text, inherited = resolve_followup("And which one earns more?", history, book)
    assert sorted(inherited) == sorted(pair)


def test_another_name_the_library_gives_a_role_is_no_abbreviation_to_write_in_capitals():
    """ "sometimes called a dental assistant" names the dental nurse another way; its words
    are not written in capitals in a table's header, as a spelled-out abbreviation is."""
    from assistant.compare import title_case

    lib = library([DENTAL, ARTICLES[1]])
    assert lib.roles.key("dental assistant") == lib.roles.key("dental nurse")
    assert title_case("dental assistant", lib.roles) == "Dental Assistant"
    assert title_case("sre", lib.roles) == "SRE"


def test_a_title_moving_from_one_job_to_another_names_both_jobs():
    """ "From Barback to Head Bartender" names two jobs when the text writes each as a person
    ("as a head bartender", "every barback who ..."); "From Zero to Hero" and "From Idea to
    Launch" name none."""
    bar = (
        "/f/bar.txt",
        "From Barback to Head Bartender: Notes from Behind the Bar",
        "Starting out",
        "A barback restocks the ice and glassware. As a head bartender you run the bar, plan "
        "the cocktail list and train every barback who joins.",
    )
    hero = (
        "/g/hero.txt",
        "From Zero to Hero: Notes on Learning Fast",
        "Starting out",
        "Nobody learns everything at once. Our first app took a year to build.",
    )
    book = library([bar, hero, ARTICLES[1]]).roles
    assert book.find("How much does a head bartender earn?") == ["head bartender"]
    assert book.find("What does a barback do all night?") == ["barback"]
    assert book.find("What does a hero do?") == []


def test_what_one_side_does_that_the_other_does_not_is_a_comparison():
    nursing = library(
        [
            (
                "/n/np-or-rn.md",
                "Nurse Practitioner vs Registered Nurse: Scope and Pay",
                "Scope",
                "A nurse practitioner can prescribe medication. A registered nurse gives the "
                "medication a doctor or nurse practitioner prescribes.",
            ),
            *ARTICLES,
        ]
    )
    for question, sides, lib_ in [
        (
            "What can a nurse practitioner do that a registered nurse can't?",
            ["nurse practitioner", "registered nurse"],
            nursing,
        ),
        (
            "What do DevOps engineers know that SREs don't?",
            ["DevOps engineers", "SREs"],
            library(),
        ),
    ]:
        q = understand(question, [], lib_)
        assert q.comparison is not None and q.comparison.sides == sides, q
        # the negated auxiliary is no topic
        assert not any("'" in w for w in q.topic), q.topic
    # a negation that sets no second role against the first asks no comparison
    q = understand("What does a nurse practitioner do that isn't listed?", [], nursing)
    assert q.comparison is None, q


@pytest.mark.parametrize(
    ("first", "then", "carried"),
    [
        ("Tell me about a registered nurse's shifts", "How long do those last?", "shifts"),
        (
            "What are the DevOps engineer's on-call rotations like?",
            "how many of those are there?",
            "rotations",
        ),
    ],
)
def test_a_pronoun_for_the_things_asked_about_carries_them(first, then, carried):
    nursing = library(
        [
            (
                "/n/np-or-rn.md",
                "Nurse Practitioner vs Registered Nurse: Scope and Pay",
                "Shifts",
                "A registered nurse works twelve-hour shifts. A nurse practitioner keeps clinic hours.",
            ),
            *ARTICLES,
        ]
    )
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "..."}]
    q = understand(then, history, nursing)
    assert q.followup and carried in q.standalone, q
    # the side's possessive is the side, not a topic word
    assert not any(w.endswith("'s") for w in understand(first, [], nursing).topic)


def test_a_role_after_an_articles_name_is_that_role_there_unless_the_library_names_it():
    lib_ = library(
        [
            (
                "/h/hvac-technician-or-plumber.md",
                "HVAC Technician or Plumber?",
                "Pay",
                "HVAC technicians earned a median of $57,300. Plumbers earned $61,550. HVAC work "
                "leans on electrical troubleshooting.",
            ),
            (
                "/k/kestrelworks-engineering-handbook.md",
                "Engineering career development",
                "Promotion",
                "At Kestrelworks, engineers are promoted by a committee. See kestrelworks.io/careers for "
                "the handbook. Kestrelworks pays senior engineers more.",
            ),
            *ARTICLES,
        ]
    )
    # "HVAC" names the first article, and the library names "HVAC technician" as a role
    assert understand("How much do HVAC technicians earn?", [], lib_).roles == ["HVAC technicians"]
    # "Kestrelworks" is a place: its engineers are the library's engineers
    q = understand("How do Kestrelworks engineers get promoted?", [], lib_)
    assert q.roles == ["engineers"] and "kestrelworks" in q.topic, q


@pytest.mark.parametrize(
    "then", ["who earns more?", "And who has it easier?", "so who's better paid?"]
)
def test_who_with_a_comparative_after_two_roles_compares_them(then):
    nursing = library(
        [
            (
                "/n/np-or-rn.md",
                "Nurse Practitioner vs Registered Nurse: Scope and Pay",
                "Pay",
                "A nurse practitioner earns more than a registered nurse.",
            ),
            *ARTICLES,
        ]
    )
    history = [
        {"role": "user", "content": "What does a nurse practitioner do?"},
        {"role": "assistant", "content": "A nurse practitioner can prescribe medication. [1]"},
        {"role": "user", "content": "and a registered nurse?"},
        {"role": "assistant", "content": "A registered nurse gives medication. [1]"},
    ]
    q = understand(then, history, nursing)
    assert q.comparison is not None, q
    assert {s.lower() for s in q.comparison.sides} == {"nurse practitioner", "registered nurse"}, q


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("What should I study to be a dental hygienist?", "dental hygienist"),
        ("What does it take to be a pilot?", "pilot"),
        ("what do I need to study to be a data engineer", "data engineer"),
    ],
)
def test_studying_to_be_a_role_asks_the_way_in_not_a_source(lib, question, role):
    from assistant.understand.sides import become_phrase

    assert become_phrase(question) == role
    assert understand(question, [], lib).intent != "source"
    # a study the article cites is still a source asked
    assert understand("Which study does the article cite for that?", [], lib).intent == "source"


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        (
            "Nurse practitioner or registered nurse: which suits someone who likes working with patients?",
            "patients",
        ),
        (
            "data analyst or frontend developer, which job suits someone who likes working with numbers?",
            "numbers",
        ),
        ("Which is better if you enjoy working on code, DevOps or SRE?", "code"),
    ],
)
def test_what_one_likes_working_with_is_the_topic(question, aspect):
    nursing = library(
        [
            (
                "/n/np-or-rn.md",
                "Nurse Practitioner vs Registered Nurse: Scope and Pay",
                "Patients",
                "A nurse practitioner sees patients alone. A registered nurse works with patients.",
            ),
            *ARTICLES,
        ]
    )
    q = understand(question, [], nursing)
    assert q.comparison is not None and q.comparison.aspect == aspect, q
