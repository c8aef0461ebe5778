"""Coverage judgement (`assistant.evidence`): the thing a question asks for must be in one
passage, on a real store of the seed article plus three development articles by other authors."""

from __future__ import annotations

import pytest

from assistant.evidence import TermMatcher, asked_for
from tests.assistant.conftest import dev_library

DEV_ARTICLES = [
    "datatalksclub-data-team-roles-explained.md",
    "cds-so-what-exactly-is-a-product-manager.md",
    "front-end-developer-handbook-2019.html",
]


@pytest.mark.parametrize(
    ("question", "roles", "expected"),
    [
        (
            "Which hiking boots should a data analyst buy?",
            ["data analyst"],
            [[["hiking", "boots"]]],
        ),
        ("How much overtime do product managers do?", ["product managers"], [[["overtime"]]]),
        ("How many visa sponsorships do employers offer?", [], [[["visa", "sponsorships"]]]),
        # what is ranked, and what an asked-about action is done to
        ("Which city has the best pension scheme for nurses?", [], [[["pension", "scheme"]]]),
        (
            "How can I request a sabbatical as a data engineer?",
            ["data engineer"],
            [[["sabbatical"]]],
        ),
        # Role names are matched as roles; everyday words ("time", "day", "part") name no topic.
        ("What time does a front-end developer's day start?", ["front-end developer"], []),
        ("What is the best part of being a product manager?", ["product manager"], []),
        (
            "Which machine learning engineer skills are rare?",
            ["machine learning engineer"],
            [[["skills"]]],
        ),
        # Alternatives: either one will do; an alternative of everyday words only is no focus.
        (
            "What tools or frameworks does an AI engineer use?",
            ["AI engineer"],
            [[["tools"], ["frameworks"]]],
        ),
        ("Which visa or permit do nurses need?", [], [[["visa"], ["permit"]]]),
        ("What time or place does a shift start?", [], []),
        # A yes/no question whose subject is the role asks about what its verb is done to.
        ("Can head chefs sponsor work visas?", ["head chefs"], [[["visas"]]]),
        ("Do ward nurses get pension plans?", ["ward nurses"], [[["pension"]]]),
        ("Do ward nurses earn more?", ["ward nurses"], []),
        ("Can a teacher sponsor visas?", [], []),  # no role known: no subject to anchor on
        # What is said to exist, and what an action is done to after its preposition.
        ("Is there remote work for ward nurses?", ["ward nurses"], [[["remote"]]]),
        ("Are there any night allowances for teachers?", ["teachers"], [[["allowances"]]]),
        ("How do I prepare for a head chef interview?", ["head chef"], [[["interview"]]]),
        ("Is there a difference?", [], []),
        # what the things do for one: "help", "matter"
        ("What certifications help for ward nurses?", ["ward nurses"], [[["certifications"]]]),
        ("Which languages matter most for chefs?", ["chefs"], [[["languages"]]]),
        ("What does a team lead care about?", [], []),
        # No noun phrase is asked for.
        ("Which of these roles is better paid?", [], []),
        ("What is a product manager?", ["product manager"], []),
        ("How much do data engineers earn?", ["data engineers"], []),
        ("How do I judge one?", [], []),
        ("Which pays more?", [], []),
    ],
)
def test_asked_for_is_the_specific_noun_phrases_a_question_asks_for(question, roles, expected):
    assert asked_for(question, roles) == expected


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "evidence", DEV_ARTICLES)


@pytest.mark.parametrize(
    "question",
    [
        "Which pension plan do product managers in government get?",
        "How much overtime pay do front-end developers receive?",
        "Which visa sponsorship programs should a data engineer apply to?",
        "How many tattoos do machine learning engineers have?",
        "Which city has the best pension scheme for product managers?",
        "How do I request a sabbatical as a front-end developer?",
        "Can product managers sponsor work visas?",
        "Is there remote work for data analysts?",
        "How do I prepare for a product manager interview?",
        "What certifications help for data analysts?",
    ],
)
def test_a_question_whose_asked_for_thing_no_passage_holds_is_declined(library, question):
    result = library.ask(question)
    assert result.abstained, result.answer
    assert "no passage speaks of" in result.answer or "don't cover" in result.answer


@pytest.mark.parametrize(
    "question",
    ["How long does it take to become a sommelier?", "What do I need to work as a falconer?"],
)
def test_a_role_to_become_that_no_article_writes_is_declined(library, question):
    """The question's subject is "it" or "I": the role it is about is the one to become."""
    result = library.ask(question)
    assert result.abstained, result.answer
    assert "never mention" in result.answer


@pytest.mark.parametrize(
    "question",
    [
        "Which tools do data engineers use?",
        "What skills does a front-end developer need?",
        "Which responsibilities does a product manager have?",
        "What salary do machine learning engineers earn?",
        "What are the best skills for a data analyst to learn?",
        "How do I become a front-end developer?",
    ],
)
def test_a_question_whose_asked_for_thing_a_passage_holds_is_answered(library, question):
    result = library.ask(question)
    assert not result.abstained, result.answer
    assert result.citations


@pytest.mark.parametrize(
    ("question", "roles"),
    [
        ("What fills most of a product manager's day?", ["product manager"]),
        ("Which tools fill a data engineer's week?", ["data engineer"]),
    ],
)
def test_a_roles_possessive_is_the_role_not_a_topic_word(library, question, roles):
    from assistant.evidence import TermMatcher

    matcher = TermMatcher(question, library.retriever, library.kb.embedder, roles=roles)
    role_words = {w for r in roles for w in r.split()}
    assert matcher.terms
    assert not [t for t in matcher.terms if t.split("'")[0] in role_words], matcher.terms


@pytest.mark.parametrize(
    ("role", "heading", "lead"),
    [
        (
            "product manager",
            "What a Product Manager Does",
            "The job sits closer to project management.",
        ),
        ("data analyst", "A Data Analyst's Week", "It borrows a lot from software engineering."),
    ],
)
def test_a_sentence_naming_no_role_is_about_the_role_its_heading_names(
    library, role, heading, lead
):
    """The heading names a passage's subject; a field named in its first sentence ("software
    engineering") does not make the passage about another role."""
    from assistant.evidence import TermMatcher
    from knowledge.schema import Passage

    passage = Passage(
        id="p",
        text=f"{lead} You spend most days in meetings.",
        source="s",
        title="t",
        section=heading,
        ref_ids=[],
        chunk_index=0,
    )
    matcher = TermMatcher(
        f"What does a {role} do all day?", library.retriever, library.kb.embedder, roles=[role]
    )
    assert matcher.role_focus("You spend most days in meetings.", passage) == 1.0


@pytest.mark.parametrize(
    ("first", "followup"),
    [
        ("What are the downsides of being a product manager?", "What are the upsides then?"),
        ("What are the drawbacks of front-end bootcamps?", "And the upsides?"),
    ],
)
def test_a_followup_in_its_own_new_words_is_not_declined_for_them(library, first, followup):
    """Words no article uses ("upsides" where they say "pros") do not make a follow-up of an
    answered question unanswerable."""
    earlier = library.ask(first)
    assert not earlier.abstained, earlier.answer
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": earlier.answer}]
    result = library.ask(followup, history)
    assert not result.abstained, result.answer


@pytest.mark.parametrize(
    ("title", "question"),
    [
        ("Jane Roe - Staff Engineer at Acme", "How did Jane Roe get promoted at Acme?"),
        ("Why analysts love spreadsheets", "Why do analysts love spreadsheets?"),
    ],
)
def test_the_article_title_lends_its_words_to_every_sentence_alike(library, title, question):
    """A section heading tells what its sentences are about; the article's own title heads
    every sentence, so a byline under it ("Story recorded in March.") gains nothing from it
    over the article's other sentences: the title lends its subject words to all of them
    alike (see `_subject_words`), and the question's other words choose among them."""
    from assistant.evidence import score_sentences
    from assistant.understand import understand
    from knowledge.schema import Passage

    def passage(section: str) -> Passage:
        return Passage(
            id=section,
            text="Story recorded in March of that year.",
            source="s",
            title=title,
            section=section,
            ref_ids=[],
            chunk_index=0,
        )

    query = understand(question, [], library.retriever.library)
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    vec = library.kb.embedder.embed_batch([query.text])[0]

    def lexical(p: Passage) -> float:
        return score_sentences(query, matcher, vec, [p], library.kb.embedder)[0].lexical

    under_title = lexical(passage(title))
    assert under_title == lexical(passage(title + " "))  # the same heading, a trailing space
    assert under_title == lexical(passage("Early years"))  # as much as under any other heading
    headed = Passage(
        id="h",
        text="Story recorded in March of that year.",
        source="s",
        title="Other",
        section=title,
        ref_ids=[],
        chunk_index=0,
    )
    assert lexical(headed) > 0


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Should I apply for a job titled 'growth hacker'?", True),
        ("How can I get into product work from a government job?", True),
        ("Any tips on picking a bootcamp?", True),
        ("Is a paid course worth it for a front-end developer?", True),
        ("Do I need a degree to become a data analyst?", True),
        ("What does a product manager do all day?", False),
        ("How much do data engineers earn?", False),
        ("When do most meetings take place?", False),
    ],
)
def test_a_question_asking_what_to_do_is_told_apart(question, asks):
    from assistant.evidence import asks_advice

    assert asks_advice(question) is asks


@pytest.mark.parametrize(
    ("question", "advising", "describing"),
    [
        (
            "Should I pay for an expensive front-end course?",
            "Before you pay for a course, remember that free tutorials cover the same ground.",
            "Front-end courses have become expensive and popular in recent years.",
        ),
        (
            "How can I move into product management as a data analyst?",
            "If you want to move into product management, ask to shadow a product manager.",
            "Product management is a role many data analysts move into after some years.",
        ),
    ],
)
def test_an_advice_question_favours_the_sentence_that_tells_the_reader_what_to_do(
    library, question, advising, describing
):
    """Of two sentences on the same topic, the one speaking to the reader gains on the other
    when the question asks what to do (as much as a sentence giving an asked-for figure), and
    not when the same words are asked as a plain question."""
    from assistant.evidence import ANSWER_TYPE_BONUS, advice_bonus, score_sentences
    from assistant.understand import understand
    from knowledge.schema import Passage

    passages = [
        Passage(id=str(i), text=t, source="s", title="t", section="", ref_ids=[], chunk_index=i)
        for i, t in enumerate([describing, advising])
    ]
    query = understand(question, [], library.retriever.library)
    plain = query.model_copy(update={"question": "Tell me about this."})
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=query.roles)
    vec = library.kb.embedder.embed_batch([query.text])[0]

    def margin(q) -> float:
        got = {
            s.text: s.score for s in score_sentences(q, matcher, vec, passages, library.kb.embedder)
        }
        return got[advising] - got[describing]

    assert margin(query) == pytest.approx(margin(plain) + ANSWER_TYPE_BONUS)
    assert advice_bonus(True, describing) == 0
    assert advice_bonus(True, "What do you need to learn first?") == 0  # a question back


@pytest.mark.parametrize(
    ("question", "same_side", "other_side"),
    [
        ("What are the upsides of a bootcamp?", "Bootcamp — Pros", "Bootcamp — Cons"),
        ("Any drawbacks to self-study?", "Self-study: disadvantages", "Self-study: benefits"),
        # the hardest part of a job is its downside, its most rewarding part an upside
        ("The toughest thing about nights?", "The hardest part is sleep.", "The perks are pay."),
        ("Most rewarding bit of teaching?", "The best perk is summer.", "The hardest part."),
        # burnout is what an article calls a caring job's downside
        ("Any drawbacks to ward nursing?", "Burnout is common on night wards.", "Pay is good."),
    ],
)
def test_the_words_for_upsides_and_downsides_meet_their_kin_not_their_opposites(
    library, question, same_side, other_side
):
    """An article heads its lists "Pros" and "Cons"; people ask for "upsides" or "drawbacks"."""
    from assistant.evidence import LEXICON_MATCH

    matcher = TermMatcher(question, library.retriever, library.kb.embedder, roles=[])
    asked = next(
        i
        for i, t in enumerate(matcher.terms)
        if t in {"upsides", "drawbacks", "toughest", "rewarding"}
    )
    assert matcher.match(same_side)[asked] == LEXICON_MATCH
    assert matcher.match(other_side)[asked] < LEXICON_MATCH


@pytest.mark.parametrize(
    ("question", "text", "spelled_terms"),
    [
        # cds spells out "product manager (PM)"; the handbook "user interface (UI)"
        ("What does product management involve?", "Few people enter the PM space early.", 2),
        ("Which user interface skills matter?", "Good UI work takes years of practice.", 2),
    ],
)
def test_an_abbreviation_an_article_spells_out_meets_the_words_it_stands_for(
    library, question, text, spelled_terms
):
    """ "the PM space" speaks of product management; an abbreviation only guessed from
    capitalized runs ("AI" from some heading's initials) stands for nothing."""
    matcher = TermMatcher(question, library.retriever, library.kb.embedder, roles=[])
    assert int((matcher.match(text) == 1.0).sum()) == spelled_terms
    lib = library.retriever.library
    guessed = [k for k in lib.acronyms if k not in lib.spelled]
    probes = [
        (k, TermMatcher(lib.acronyms[k], library.retriever, library.kb.embedder, roles=[]))
        for k in guessed[:20]
    ]
    probes = [(k, p) for k, p in probes if p.terms]
    assert probes
    for short, probe in probes:
        assert probe.match(f"Nothing here but {short} and more.").max() < 1.0, short


@pytest.mark.parametrize(
    ("question", "near", "far"),
    [
        (
            "How did she get promoted to lead engineer?",
            "You became a lead engineer last year. How did that promotion happen?",
            "What do you like least about your job?",
        ),
        (
            "What does a product manager's typical week look like?",
            "What does your typical week look like as a product manager?",
            "Which books would you recommend to a new hire?",
        ),
    ],
)
def test_sentences_under_an_interview_question_like_the_one_asked_gain(
    library, question, near, far
):
    """An interview heads each answer with the question it answers: the same sentence scores
    higher under a heading that asks what the user asks, and a heading that asks nothing (no
    question mark) adds nothing."""
    from assistant.evidence import HEADING_QUESTION, score_sentences
    from assistant.understand import understand
    from knowledge.schema import Passage

    text = "It happened gradually over many months of steady work."

    def scored(section: str) -> float:
        p = Passage(
            id=section, text=text, source="s", title="t", section=section, ref_ids=[], chunk_index=0
        )
        return score_sentences(query, matcher, vec, [p], library.kb.embedder)[0].score

    query = understand(question, [], library.retriever.library)
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=[])
    vec = library.kb.embedder.embed_batch([query.text])[0]
    heading_sim = float(library.kb.embedder.embed_batch([near])[0] @ vec)
    plain = near.rstrip("?") + "."
    assert scored(near) == pytest.approx(scored(plain) + HEADING_QUESTION * heading_sim)
    assert scored(near) > scored(far)


@pytest.mark.parametrize(
    ("roles", "about_subject", "about_other"),
    [
        (
            ["data engineer", "data analyst"],
            "Data engineers build the pipelines every morning.",
            "Data analysts write the weekly reports.",
        ),
        (
            ["product manager", "data analyst"],
            "Product managers decide what the team builds next.",
            "Data analysts fetch the numbers behind each decision.",
        ),
    ],
)
def test_a_question_naming_several_roles_is_about_its_subject(
    library, roles, about_subject, about_other
):
    """ "What do data engineers set up for analysts?" is about data engineers: a sentence about
    them gains, one only about the other role loses; without a subject, several roles say
    nothing about focus."""
    question = f"What do {roles[0]}s prepare for {roles[1]}s?"
    plain = TermMatcher(question, library.retriever, library.kb.embedder, roles=roles)
    focused = TermMatcher(
        question, library.retriever, library.kb.embedder, roles=roles, subject=roles[0]
    )
    assert plain.role_focus(about_subject) == plain.role_focus(about_other) == 0.0
    assert focused.role_focus(about_subject) == 1.0
    assert focused.role_focus(about_other) == -1.0


def test_a_role_is_missing_when_its_words_are_only_scattered_over_a_passage():
    from assistant.evidence import missing_roles
    from assistant.understand.roles import RoleBook
    from knowledge.schema import Passage

    book = RoleBook(["data scientist", "front-end developer"])

    def passage(text: str) -> Passage:
        return Passage(
            id="p", text=text, source="a.md", title="T", section="S", ref_ids=[], chunk_index=0
        )

    scattered = passage("Security matters to every team. Our engineers review each release.")
    together = passage("A security engineer reviews each release before it ships.")
    assert missing_roles(["security engineer"], [scattered], book) == ["security engineer"]
    assert missing_roles(["security engineer"], [together], book) == []


@pytest.mark.parametrize(
    ("sentence", "itself"),
    [
        # about the text: what it covers, what it is, where the reader goes next
        ("In this article, we'll look at what a ward nurse does on a night shift.", True),
        ("This is a guide that every new line cook can use to learn the kitchen.", True),
        ("We published our first recipe post to share a day in a pastry kitchen.", True),
        ("Let's start with the first station: the grill.", True),
        ("Below is a list of the knives a commis chef should own.", True),
        # the page's own links
        ("Learn more about Chef Rossi on her blog, Instagram, and YouTube.", True),
        ("Follow us on Mastodon for new recipes.", True),
        # about the subject
        ("A ward nurse checks each patient's vital signs every four hours.", False),
        ("This role demands calm under pressure and a steady hand.", False),
        ("Line cooks follow the head chef's recipes and plating guides.", False),
        ("New nurses learn more about triage in their first month on the ward.", False),
    ],
)
def test_a_sentence_about_the_text_itself_is_told_apart(sentence, itself):
    from assistant.evidence import about_itself

    assert about_itself(sentence) is itself


def test_a_sentence_about_the_text_itself_ranks_below_the_content(library):
    """'In this article, we'll ...' loses SELF_REFERENCE_PENALTY against a sentence of content,
    unless the question asks about the article; a sentence announcing a list keeps its place
    (its list is the content)."""
    from assistant.evidence import (
        SELF_REFERENCE_PENALTY,
        score_sentences,
        self_reference_penalty,
    )
    from assistant.understand import understand
    from knowledge.schema import Passage

    meta = "In this article, we'll talk about what a school nurse does during a school day."
    content = "A school nurse treats injuries and gives pupils their medication during the day."
    passages = [
        Passage(id=str(i), text=t, source="s", title="t", section="", ref_ids=[], chunk_index=i)
        for i, t in enumerate([meta, content])
    ]
    vec_of = library.kb.embedder.embed_batch

    def margin(question: str) -> float:
        query = understand(question, [], library.retriever.library)
        matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=[])
        got = score_sentences(query, matcher, vec_of([question])[0], passages, library.kb.embedder)
        scores = {s.text: s.score for s in got}
        return scores[content] - scores[meta]

    # the same words, asked about the subject and about the article
    subject, article = (
        "What does a school nurse do?",
        "What does the article say a school nurse does?",
    )
    assert self_reference_penalty(subject, meta) == SELF_REFERENCE_PENALTY
    assert self_reference_penalty(article, meta) == 0
    assert self_reference_penalty(subject, "Here is a list of what to pack for a shift:") == 0
    # "about" asks about the article only in "What is this article about?"
    assert self_reference_penalty("What is this article about?", meta) == 0
    assert self_reference_penalty("What do school nurses learn about first aid?", meta) > 0
    assert margin(subject) > 0
    assert margin(subject) - margin(article) > SELF_REFERENCE_PENALTY / 2


def test_a_dev_articles_own_introduction_does_not_answer_for_its_content(library):
    """The data-team article opens "In this article, we'll talk about different roles in a data
    team": a question about those roles is answered by the roles, not by that sentence."""
    result = library.ask("What roles does a data team have?", [])
    assert not result.abstained
    assert "product manager" in result.answer.lower()
    assert "in this article" not in result.answer.lower()


def _passages(*texts: str):
    from knowledge.schema import Passage

    return [
        Passage(id=str(i), text=t, source="s", title="t", section="", ref_ids=[], chunk_index=i)
        for i, t in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("role", "led"),
    [
        # "What ward does Amara Osei lead?", "How did Amara Osei help technicians settle in?"
        ("Amara Osei lead", True),
        ("Amara Osei help technicians", True),
        ("Mary-Jo lead", True),  # a hyphenated first name
        # the passages write these words in lower case too: a kind of role, not a name
        ("Senior Technician", False),
        ("Laboratory Manager", False),
        # no title-case word first ("AI" is an acronym), or a name the passages never write
        ("AI engineer", False),
        ("Okonkwo lead", False),
    ],
)
def test_a_role_phrase_opening_with_a_name_is_told_apart(role, led):
    from assistant.evidence import led_by_a_name

    passages = _passages(
        "Amara Osei runs the blood lab at a city hospital. Mary-Jo trains the new staff.",
        "A senior technician checks every sample twice; the laboratory manager signs the log.",
        "I lead a team of six lab technicians, says Amara Osei.",
    )
    assert led_by_a_name(role, passages) is led


def test_a_question_about_a_named_person_is_not_declined_for_the_name(library):
    """The product-manager Q&A quotes Stevie-Ray: "What kind of team does Stevie-Ray lead?" is
    about a person the article names, not about a role called "Stevie-Ray lead"."""
    result = library.ask("What kind of team does Stevie-Ray lead?", [])
    assert not result.abstained, result.answer
    assert "Stevie-Ray" in result.answer


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("What is triage?", ["triag"]),
        ("What's a charge nurse?", ["charg", "nurs"]),
        ("What does mise en place mean?", ["mise", "en", "place"]),
        ("So what is the lesson study cycle?", ["lesson", "studi", "cycl"]),
        # a ranking, a comparison, a figure or a long clause asks for no term
        ("What is the best knife for a line cook?", []),
        ("What is the difference between a nurse and a midwife?", []),
        ("What is the average salary of a teacher?", []),
        ("What is a head chef accountable for during a dinner service?", []),
    ],
)
def test_the_term_a_what_is_question_asks_to_have_defined(question, term):
    from assistant.evidence import defined_term

    assert defined_term(question) == term


def test_the_sentence_opening_with_the_term_rises_but_never_above_the_best(library):
    """Of the sentences opening with the term asked about, the best one rises by
    DEFINITION_BONUS, capped at the best sentence's score; others opening with it do not."""
    from assistant.evidence import DEFINITION_BONUS, score_sentences
    from assistant.understand import understand

    texts = [
        "Every ward keeps a triage desk by the door, and the triage nurse sits there.",
        "Triage sorts arriving patients by how urgently they need care.",
        "Triage nurses often work twelve-hour shifts.",
    ]
    passages = _passages(*texts)
    query = understand("What is triage?", [], library.retriever.library)
    plain = query.model_copy(update={"question": "Tell me about triage."})
    matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=[])
    vec = library.kb.embedder.embed_batch([query.text])[0]

    def scores(q) -> dict[str, float]:
        got = score_sentences(q, matcher, vec, passages, library.kb.embedder)
        return {s.text: s.score for s in got}

    defined, before = scores(query), scores(plain)
    top = max(before.values())
    opening = max(texts[1:], key=lambda t: before[t])
    other = next(t for t in texts[1:] if t != opening)
    lifted = max(before[opening], min(before[opening] + DEFINITION_BONUS, top))
    assert defined[opening] == pytest.approx(lifted)
    assert lifted > before[opening] or before[opening] == top
    assert defined[other] == pytest.approx(before[other])  # one definition, not every opening
    assert defined[texts[0]] == pytest.approx(before[texts[0]])


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "guide", ["practitioners-guide-data-science-role-and-skill-tracks.html"]
    )


def test_a_what_is_question_gets_the_sentence_that_defines_the_term(guide):
    """The data-science guide's section "Analysis" opens "Analysis turns raw data into
    meaningful insights ...": 'What is the analysis track?' is answered with it, not only with
    the overview that lists the tracks."""
    answer = guide.ask("What is the analysis track?", []).answer
    assert "Analysis turns raw data into meaningful insights" in answer, answer


def test_a_dev_title_line_heads_the_cell_of_the_topic_asked(guide):
    """The data-science guide writes "1. Data preprocessing for data engineer" as a line of its
    text, then the engineer's part without the word: the asked topic's row cites that part."""
    answer = guide.ask(
        "How does data preprocessing differ for a data engineer versus a data scientist?", []
    ).answer
    # the topic's row, or its one-sided line where the other side's part is the verdict
    topic = [ln for ln in answer.splitlines() if ln.startswith(("| Preprocessing |", "**Prep"))]
    assert any("clean schema out of the data lake" in ln for ln in topic), answer


def test_a_sentence_introducing_a_list_is_matched_with_its_items_for_a_what_question(library):
    """'The tools of a pastry chef include:' names no tool; its items do. A "What ...?"
    question is matched against the sentence with its items, a yes/no question against the
    sentence alone."""
    from assistant.evidence import score_sentences
    from assistant.understand import understand

    intro = "The tools of a pastry chef include:"
    passages = _passages(
        f"{intro}\n- Piping bags — for icing cakes;\n- A bench scraper — to portion dough.\n\n"
        "Pastry chefs start work before dawn."
    )

    def lexical(question: str) -> float:
        query = understand(question, [], library.retriever.library)
        matcher = TermMatcher(query.text, library.retriever, library.kb.embedder, roles=[])
        vec = library.kb.embedder.embed_batch([query.text])[0]
        got = score_sentences(query, matcher, vec, passages, library.kb.embedder)
        return next(s.lexical for s in got if s.text == intro)

    assert lexical("What do pastry chefs use for icing cakes?") > 0.5
    assert lexical("Can pastry chefs use icing cakes?") < 0.5


def test_a_what_question_answered_by_a_list_item_gets_that_list(library):
    """The data-team article lists data scientists' skills under 'The skills of data
    scientists include:'; one item is 'Flask, Docker, and similar — to create simple web
    services for serving the models'."""
    answer = library.ask("What tools do data scientists use to serve their models?", []).answer
    assert "Flask" in answer, answer
    # ... and the data analysts' list ends the same way: "Tableau or similar tools for
    # building dashboards"
    answer = library.ask("Which tool do data analysts use to build dashboards?", []).answer
    assert "Tableau" in answer, answer


@pytest.fixture(scope="module")
def interview(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "interview", ["staffeng-dan-na-staff-engineer-and-team-lead.html"]
    )


def test_the_pages_own_links_do_not_answer_for_the_interview(interview):
    """The staff-engineer interview opens "Learn more about Dan on his blog, Twitter, and
    Linkedin.": a question about Dan's work as a team lead is answered by the interview."""
    answer = interview.ask("What is Dan Na responsible for as a team lead?", []).answer
    assert "accountable for the output of my team" in answer, answer
    assert "Learn more about Dan" not in answer


def test_an_everyday_question_word_pulls_no_capitalized_run_in(library):
    """The handbook's capitalized runs have the initials of everyday words ("Front End
    Engineers" for "fee"): a question writing such a word in lower case means the word, so
    the run's words are not searched for; written in capitals it may be the abbreviation."""
    from wordfreq import zipf_frequency

    from knowledge.text import STOPWORDS, stem, words

    retriever = library.retriever
    lib = retriever.library
    everyday = [
        k
        for k, v in lib.acronyms.items()
        if k not in lib.spelled
        and len(k) >= 3
        and k.lower() not in STOPWORDS
        and zipf_frequency(k.lower(), "en") >= 4.0
    ]
    assert everyday
    for short in everyday[:10]:
        extra = {stem(w) for w in words(lib.acronyms[short])} - {stem(short.lower())}
        asked = retriever.query_terms(f"Is the {short.lower()} worth it?")
        assert not extra & set(asked), short
        assert extra & set(retriever.query_terms(f"Is the {short} worth it?")), short


def _titled(title: str, text: str, section: str = ""):
    from knowledge.schema import Passage

    return Passage(
        id="p", text=text, source=title, title=title, section=section, ref_ids=[], chunk_index=0
    )


def test_a_bare_role_noun_beside_the_asked_role_names_no_other_role(library):
    """ "... or call in an engineer": a bare role noun is nobody in particular, so the sentence
    is still all about the role asked about."""
    matcher = TermMatcher(
        "What does a data analyst do when a dashboard breaks?",
        library.retriever,
        library.kb.embedder,
        roles=["data analyst"],
    )
    text = "When a dashboard breaks, data analysts trace the query or call in an engineer."
    assert matcher.role_focus(text, _titled("t", text)) == 1.0
    both = "When a dashboard breaks, data analysts call the data engineers."
    assert matcher.role_focus(both, _titled("t", both)) == 0.0


def test_a_sentence_naming_no_role_belongs_to_the_role_its_articles_title_names(library):
    """ "My day starts with the deliveries" in an article titled for a kitchen manager is no
    data analyst's day; under a title naming the data analyst, or naming a role itself, it
    is not set aside."""
    matcher = TermMatcher(
        "What does a data analyst do all day?",
        library.retriever,
        library.kb.embedder,
        roles=["data analyst"],
    )
    day = "My day starts with the deliveries and ends with the stock count."
    assert matcher.titled_otherwise(day, _titled("A day in the life of a kitchen manager", day))
    assert not matcher.titled_otherwise(day, _titled("A day in the life of a data analyst", day))
    assert not matcher.titled_otherwise(day, _titled("Notes from a busy kitchen", day))
    named = "A kitchen manager counts the stock at night."
    assert not matcher.titled_otherwise(
        named, _titled("A day in the life of a kitchen manager", named)
    )


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Night nurses earn more because the shift differential adds 15%.", True),
        ("The higher pay for head chefs is due to the years of line work it takes.", True),
        ("Fewer teachers apply, which leads to larger classes.", True),
        ("Night nurses earn a shift differential.", False),
    ],
)
def test_a_why_question_favours_the_sentence_that_gives_a_reason(sentence, reason):
    from assistant.evidence import ANSWER_TYPE_BONUS, answer_type_bonus
    from assistant.understand import Query

    why = Query(question="Why do night nurses earn more?", standalone="", text="", explains=True)
    what = Query(question="What do night nurses earn?", standalone="", text="")
    assert answer_type_bonus(why, sentence) == (ANSWER_TYPE_BONUS if reason else 0.0)
    assert answer_type_bonus(what, sentence) == 0.0


def test_an_agent_noun_is_met_by_the_verb_a_passage_writes(library):
    """ "The top earners" asks about those who earn: a passage writing "the top 10 percent earn"
    speaks of them; a word no passage writes in any form is still unmet."""
    from assistant.evidence import focus_unmet
    from knowledge.schema import Passage

    passage = Passage(
        id="p",
        text="New ward nurses earn $52,000, while the top 10 percent earn more than $90,000.",
        source="s",
        title="Nursing pay",
        section="Pay",
        ref_ids=[],
        chunk_index=0,
    )
    kb = library.kb
    assert focus_unmet(["earners"], [passage], library.retriever, kb.embedder) == []
    assert focus_unmet(["tattoos"], [passage], library.retriever, kb.embedder) == ["tattoos"]
    # "-er" comes off only to meet a word the passage writes: "pension" is not met by "pens"
    assert focus_unmet(["pensioner"], [passage], library.retriever, kb.embedder) == ["pensioner"]


def test_a_pay_verb_is_met_by_a_passage_writing_another_word_for_pay(library):
    """ "Can night nurses earn top salaries?" is met by a passage on night nurses matching the
    highest salaries, though it never writes "earn"; a word of no pay ("tattoos") still is
    not. The seed article's "top AI engineers ... can match the highest salaries" answers the
    same question of AI engineers."""
    from assistant.evidence import focus_unmet
    from knowledge.schema import Passage

    passage = Passage(
        id="p",
        text="Charge nurses who take night shifts on intensive care wards can match the highest "
        "salaries in the hospital.",
        source="s",
        title="Nursing careers",
        section="Pay",
        ref_ids=[],
        chunk_index=0,
    )
    kb = library.kb
    focus = ["nights", "earn", "salaries"]
    assert focus_unmet(focus, [passage], library.retriever, kb.embedder) == []
    assert focus_unmet(["paid"], [passage], library.retriever, kb.embedder) == []
    assert focus_unmet(["earn", "tattoos"], [passage], library.retriever, kb.embedder) == [
        "tattoos"
    ]
    result = library.ask("Can AI engineers working on proprietary products earn top salaries?")
    assert not result.abstained, result.answer
    assert "proprietary products can match the highest salaries" in result.answer


LOCKSMITHS = """Locksmith or Security Installer? Two Trades Compared

By Test Writer

What they do

A locksmith opens, repairs and rekeys locks for homes and cars. An experienced installer can
become a site supervisor or run a crew.

Getting licensed

Locksmiths must hold a state licence: a 40-hour course, a written exam and a background check.
Security installers learn on the job with an alarm company.

Pay

Locksmiths earn a median of $48,000 a year.
"""


@pytest.fixture(scope="module")
def locksmiths(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("locksmiths")
    (folder / "locksmith.txt").write_text(LOCKSMITHS, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(folder / "locksmith.txt")], kb, settings).ok
    return Assistant(settings, kb)


def test_a_question_about_becoming_a_role_is_answered_first_by_the_way_in(locksmiths):
    """ "What do I need to become a locksmith?" has no word of licences or courses, and "can
    become a site supervisor" shares its verb: the sentence on getting in answers first."""
    r = locksmiths.ask("What do I need to become a locksmith?")
    assert r.answer.startswith("Locksmiths must hold a state licence"), r.answer


def test_a_word_for_what_one_works_with_is_met_by_any_other(library):
    """ "What tools do electricians use?" is met by a passage on the equipment they carry, and
    "What tools does an AI engineer work with?" by the seed article's "agentic frameworks"; a
    thing of another kind ("uniforms") is not met by them."""
    from assistant.evidence import focus_unmet
    from assistant.understand.lexicon import kin_of
    from knowledge.schema import Passage
    from knowledge.text import stem

    passage = Passage(
        id="p",
        text="Electricians carry voltage testers, crimpers and conduit benders: equipment they "
        "check before every job.",
        source="s",
        title="A day as an electrician",
        section="On site",
        ref_ids=[],
        chunk_index=0,
    )
    kb = library.kb
    assert focus_unmet(["tools"], [passage], library.retriever, kb.embedder) == []
    assert focus_unmet(["uniforms"], [passage], library.retriever, kb.embedder) == ["uniforms"]
    assert stem("equipment") in kin_of(stem("tools"))
    assert stem("frameworks") in kin_of(stem("tools"))
    assert stem("frameworks") not in kin_of(stem("salary"))


ELECTRICIANS = """# Becoming an Electrician

## What the job takes

Electricians need expertise in the state code, and the knowledge that licensing requires takes
years to build. Every electrician carries voltage testers, crimpers and conduit benders, the
equipment of the trade. Most electricians work for contractors on new housing.
"""


def test_a_word_for_what_one_works_with_is_not_met_by_words_of_knowing(tmp_path):
    """ "What tools do electricians use?" asks what they work with: the sentence on the
    equipment they carry answers it, not the one on the expertise and knowledge the trade
    requires (words of the skills aspect, not of tools). So the seed article's "What tools do
    ML engineers use?" opens on the frameworks they spend time on, not on the expertise that
    explains their pay."""
    from assistant.service import Assistant
    from assistant.understand.lexicon import kin_of
    from ingest.pipeline import ingest_sources
    from knowledge.settings import get_settings
    from knowledge.store import open_knowledge_base
    from knowledge.text import stem

    assert stem("expertise") not in kin_of(stem("tools"))
    assert stem("expertise") in kin_of(stem("skills"))
    source = tmp_path / "electricians.md"
    source.write_text(ELECTRICIANS, encoding="utf-8")
    from knowledge.settings import REPO_ROOT

    seed = REPO_ROOT / "corpus" / "ai-engineer-vs-machine-learning-engineer.txt"
    settings = get_settings(store=tmp_path / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(source), *([str(seed)] if seed.is_file() else [])], kb, settings).ok
    assistant = Assistant(settings, kb)
    answer = assistant.ask("What tools do electricians use?").answer
    assert answer.startswith("Every electrician carries voltage testers"), answer
    assert "expertise" not in answer, answer
    if seed.is_file():
        answer = assistant.ask("What tools do ML engineers use?").answer
        assert answer.startswith("ML engineers spend significant time"), answer


def test_what_tools_a_role_works_with_is_answered_from_the_frameworks_it_lists(library):
    result = library.ask("What tools does an AI engineer work with?")
    assert not result.abstained, result.answer
    assert "agentic frameworks" in result.answer.split("[")[0]


def test_an_abbreviation_a_passage_spells_out_as_a_coined_term_is_mentioned(library):
    """ "CPD" in a question is the "continuing professional-development" a passage writes, and
    the seed article's "retrieval-augmented generation" is "RAG"; initials of words with no
    compound among them, or of no words side by side, spell nothing."""
    from assistant.evidence import focus_unmet, spelled_out, unknown_names
    from knowledge.schema import Passage

    def passage(text: str) -> Passage:
        return Passage(
            id="p", text=text, source="s", title="t", section="", ref_ids=[], chunk_index=0
        )

    teaching = passage("Teachers log thirty hours of continuing professional-development a year.")
    assert spelled_out("CPD", [teaching])
    assert not spelled_out("CPD", [passage("Continuing professional development is logged.")])
    assert not spelled_out("THY", [teaching])  # "thirty hours ... year": not side by side
    kb = library.kb
    assert focus_unmet(["cpd", "hours"], [teaching], library.retriever, kb.embedder) == []
    assert (
        unknown_names("Do teachers log CPD hours?", library.retriever, kb.embedder, [teaching])
        == []
    )
    assert unknown_names("Do teachers log CPD hours?", library.retriever, kb.embedder) == ["CPD"]
    result = library.ask("Do AI engineers build RAG pipelines?")
    assert not result.abstained, result.answer
    assert "retrieval-augmented generation pipeline" in result.answer


def test_a_comparison_on_something_no_passage_speaks_of_finds_its_aspect_unmet(library):
    """ "Which is more stable, teaching or nursing?" over passages on their pay and shifts: no
    article judges either on stability. An aspect the passages meet, a lexicon aspect (met by
    its kin: "rewarding", "easier"), a question of fit, or a typo is no such aspect."""
    from assistant.evidence import aspect_unmet
    from knowledge.schema import Passage

    passages = [
        Passage(
            id=f"p{i}",
            text=text,
            source="s",
            title="Teaching or Nursing?",
            section="",
            ref_ids=[],
            chunk_index=i,
        )
        for i, text in enumerate(
            [
                "Teachers earn a salary set by the district and plan lessons each evening.",
                "Nurses work twelve-hour shifts on a research-oriented hospital ward.",
            ]
        )
    ]
    sides = ["teaching", "nursing"]
    kb = library.kb

    def unmet(aspect: str) -> list[str]:
        return aspect_unmet(aspect, sides, passages, library.retriever, kb.embedder)

    assert unmet("stable") == ["stable"]
    assert unmet("flexible stressful") == ["flexible", "stressful"]
    for met in ("research oriented", "shifts", "rewarding", "easier", "fits", "diference", ""):
        assert unmet(met) == [], met
    result = library.ask("Which is more stable, AI engineering or ML engineering?")
    assert result.abstained and "“stable”" in result.answer, result.answer


def test_a_sentence_naming_no_role_is_about_the_one_role_its_articles_title_names(library):
    """In an article titled for one role ("What It's Like to Be a Data Analyst"), a sentence
    naming none is about that role; a title naming other or several roles, or a bare role
    noun asked about, places nothing."""
    matcher = TermMatcher(
        "What does a data analyst do all day?",
        library.retriever,
        library.kb.embedder,
        roles=["data analyst"],
    )
    day = "I spend the mornings cleaning spreadsheets."
    assert matcher.role_focus(day, _titled("What It's Like to Be a Data Analyst", day)) == 1.0
    assert matcher.role_focus(day, _titled("Data Analyst vs Data Engineer", day)) == 0.0
    assert matcher.role_focus(day, _titled("Notes from a busy office", day)) == 0.0
    bare = TermMatcher(
        "What does an engineer do all day?",
        library.retriever,
        library.kb.embedder,
        roles=["engineer"],
    )
    assert bare.role_focus(day, _titled("Engineering Career Development", day)) == 0.0


def test_a_proper_name_meets_a_career_word_only_as_that_very_word(library):
    """ "Bureau of Labor Statistics" names an agency: it says nothing of statistics skills,
    though "statistics" is a skills word of the lexicon; the common noun still is one."""
    from knowledge.text import name_words

    matcher = TermMatcher(
        "What skills does a nurse need?", library.retriever, library.kb.embedder, roles=["nurse"]
    )
    agency = "According to the U.S. Bureau of Labor Statistics, nurses earned $86,070 in 2023."
    assert matcher.score(agency, names=name_words(agency)) == 0.0
    plain = "Nurses need statistics and charting."
    assert matcher.score(plain, names=name_words(plain)) > 0.5


def test_how_much_does_x_make_is_met_by_the_sentences_saying_pay(library):
    """ "make" is every question's word; in "How much does X make?" it asks for pay, so the
    sentences saying pay meet the question and a definition of the role does not."""
    matcher = TermMatcher(
        "How much does a lighthouse keeper make?",
        library.retriever,
        library.kb.embedder,
        roles=["lighthouse keeper"],
    )
    assert matcher.terms
    assert matcher.score("Keepers earn about $40,000 a year.") > 0.5
    assert matcher.score("A lighthouse keeper tends the lamp through the night.") == 0.0
    plain = TermMatcher(
        "What does a lighthouse keeper make for dinner?",
        library.retriever,
        library.kb.embedder,
        roles=["lighthouse keeper"],
    )
    assert plain.score("Keepers earn about $40,000 a year.") == 0.0


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Does an AWS certification raise pay?", "AWS certification"),
        ("Does a master's degree increase your salary?", "master degree"),
        ("Do travel nurses make more money?", "travel nurses"),
        ("Are school principals paid well?", "school principals"),
        ("How much do tax accountants make?", "tax accountants"),
    ],
)
def test_a_yes_no_pay_questions_subject_stops_before_the_verb_done_to_pay(question, subject):
    from assistant.evidence import paid_subject

    assert paid_subject(question) == subject


@pytest.mark.parametrize(
    ("question", "role", "own"),
    [
        ("Which is easier to get into if I'm a software developer?", "software developer", True),
        ("As a teacher, should I become a nurse?", "teacher", True),
        ("As a teacher, should I become a nurse?", "nurse", False),
        ("I am a senior data analyst. What comes next?", "data analyst", True),
        ("Is a software developer paid well?", "software developer", False),
        ("I want to be a software developer.", "software developer", False),
    ],
)
def test_the_askers_own_job_is_no_role_asked_about(question, role, own):
    """A role named only as the asker's job ("I'm a ...") does not make a question one the
    articles cannot answer when they never name it."""
    from assistant.evidence import self_described

    assert self_described(question, role) is own


def test_becoming_a_plural_role_with_no_article_asks_the_way_in(library):
    """ "How do people usually become school nurses?" asks what getting in takes, as "How do I
    become a school nurse?" does; "become better at charting" asks no way into a role. On the
    seed article the sentence on how AI engineers come in leads."""
    from assistant.evidence import _asks_way_in
    from assistant.understand import Query

    def query(question: str, roles: list[str]) -> Query:
        return Query(question=question, standalone=question, text=question, roles=roles)

    assert _asks_way_in(query("How do people usually become school nurses?", ["school nurses"]))
    assert _asks_way_in(query("How do I become a school nurse?", ["school nurse"]))
    assert not _asks_way_in(query("How do nurses become better at charting?", ["nurses"]))
    result = library.ask("How do people usually become AI engineers?")
    assert result.answer.startswith("AI engineers are more numerous, often transitioning")


def test_a_lexicon_word_meets_its_kin_only_in_a_form_that_speaks_of_its_aspect(library):
    """ "What is the job outlook for nurses?" (demand) is met by "Nurses are in demand", not by
    "The ward demands stamina" (a requirement); so the seed's "This role demands stronger
    mathematical foundations" says nothing of the ML engineer's outlook."""
    from assistant.evidence import LEXICON_MATCH, TermMatcher

    m = TermMatcher(
        "What is the job outlook for nurses?", library.retriever, library.kb.embedder, roles=[]
    )
    at = m.terms.index("outlook")
    assert m.match("Nurses are in demand across the country.")[at] == LEXICON_MATCH
    assert m.match("The ward demands stamina and calm.")[at] < LEXICON_MATCH
    result = library.ask("What is the job outlook for ML engineers over the next 10 years?")
    assert "This role demands" not in result.answer


@pytest.mark.parametrize(
    ("question", "advice"),
    [
        ("I'm a ward nurse with ten years on nights. Community or ward?", True),
        ("I know first aid and Welsh, which should I pick?", True),
        ("im a ward nurse, which should i pick?", True),  # typed with no apostrophe
        ("Should I train as a midwife?", True),
        ("I'm a ward nurse.", False),  # tells, asks nothing
        ("How much do ward nurses earn?", False),
    ],
)
def test_a_choice_asked_right_after_the_askers_background_asks_for_advice(question, advice):
    from assistant.evidence import asks_advice

    assert asks_advice(question) is advice


def test_scores_equal_to_nine_places_are_a_tie_kept_in_passage_order():
    from assistant.evidence import _tied

    # float sums of one vector product differ in their last bits from process to process
    assert _tied(0.4123456789012) == _tied(0.4123456789013)
    assert _tied(0.41) > _tied(0.4099)
