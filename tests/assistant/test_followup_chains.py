"""Follow-ups of follow-ups: a question whose subject is a pronoun ("Is it hard to learn?", "What
do they earn?") was about what the question before it named, and so is the question after it.

Made-up articles from a kitchen and a ward, plus a development article (the data-team guide),
so no mechanism passes on the seed article's wording.
"""

from __future__ import annotations

import pytest

from assistant.understand import Library, understand
from assistant.understand.query import intent_of

from .conftest import dev_library

KITCHEN_AND_WARD = [
    (
        "/k/kitchen.md",
        "Kitchen manager vs pastry designer: who runs what",
        "Who runs what",
        "A kitchen manager orders the produce and plans the rota. A pastry designer sketches "
        "the cakes. Kitchen managers earn $61,000 a year.",
    ),
    (
        "/w/ward.md",
        "Charge nurse vs ward clerk: a night on the ward",
        "Charge nurse",
        "A charge nurse runs the shift. A ward clerk keeps the records.",
    ),
]


def _library() -> Library:
    docs = [a[3] for a in KITCHEN_AND_WARD]
    metas = [{"source": a[0], "title": a[1], "section": a[2]} for a in KITCHEN_AND_WARD]
    return Library.build(docs, metas)


def _chat(*turns: str) -> list[dict]:
    return [
        {"role": "user" if i % 2 == 0 else "assistant", "content": t} for i, t in enumerate(turns)
    ]


def test_that_after_a_pronoun_question_is_the_role_named_before_it():
    """ "How does that compare with a ward clerk?" after "What does a charge nurse do?" and "Is
    it hard to learn?": the charge nurse against the ward clerk, not "hard" against him."""
    lib = _library()
    history = _chat(
        "What does a charge nurse do?",
        "A charge nurse runs the shift.",
        "Is it hard to learn?",
        "It takes years on the ward.",
    )
    q = understand("How does that compare with a ward clerk?", history, lib)
    assert q.comparison is not None, q
    assert [s.lower() for s in q.comparison.sides] == ["charge nurse", "ward clerk"], q


def test_the_other_role_after_a_they_question_is_the_one_beside_the_role_named_before():
    """ "What about the other role?" after "What does a pastry designer do?" and "What do they
    earn?": the kitchen manager, the pastry designer's other side."""
    lib = _library()
    history = _chat(
        "What does a pastry designer do?",
        "A pastry designer sketches the cakes.",
        "What do they earn?",
        "The article gives no figure.",
    )
    q = understand("What about the other role?", history, lib)
    assert [r.lower() for r in q.roles] == ["kitchen manager"], q


def test_a_question_whose_own_subject_is_a_pronoun_with_nothing_before_keeps_its_phrase():
    """With no earlier question to lean on, "Is it worth the training?" still lends what it
    asked about: nothing is lost when there is nothing further back."""
    lib = _library()
    history = _chat("Is it worth the training?", "It depends.")
    q = understand("How does that compare with a ward clerk?", history, lib)
    assert q.comparison is not None
    assert [s.lower() for s in q.comparison.sides][1] == "ward clerk"
    assert "ward clerk" not in q.comparison.sides[0].lower()


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Which one should I choose if I come from nursing?", "fact"),
        ("so which path suits me if we come from retail?", "fact"),
        ("Where does that wage figure come from?", "source"),
        ("Where do the kitchen numbers come from?", "source"),
    ],
)
def test_where_the_asker_comes_from_asks_no_source(question, intent):
    assert intent_of(question, None) == intent


@pytest.fixture(scope="module")
def data_team(tmp_path_factory):
    return dev_library(
        tmp_path_factory, "followup-chains", ["datatalksclub-data-team-roles-explained.md"]
    )


def test_a_chain_over_a_development_article_keeps_the_role_named_first(data_team):
    """The data-team guide: "How does that compare with a data scientist?" after "What does a
    data engineer do?" and "Is it a hard job?" sets the data engineer against the data
    scientist."""
    library = data_team.retriever.library
    history = _chat(
        "What does a data engineer do?",
        "A data engineer builds the pipelines.",
        "Is it a hard job?",
        "It needs strong engineering skills.",
    )
    q = understand("How does that compare with a data scientist?", history, library)
    assert q.comparison is not None, q
    sides = [s.lower() for s in q.comparison.sides]
    assert sides[0].startswith("data engineer") and sides[1].startswith("data scientist"), q
    # and the other role after a "they" question is asked of the role named before it
    history = _chat(
        "What does a data analyst do?",
        "A data analyst fetches the data and explains it.",
        "What tools do they use?",
        "SQL and dashboards.",
    )
    q = understand("Why?", history, library)
    assert any(r.lower().startswith("data analyst") for r in q.roles), q


def test_that_figure_is_the_one_the_last_question_asked_for():
    """ "Who reports that figure?" after "What does a charge nurse do?" and "How much do they
    make?": a source question about the charge nurse's pay, not about charge nurses at large
    (and "reports" asks for a source as "report" does)."""
    lib = _library()
    history = _chat(
        "What does a charge nurse do?",
        "A charge nurse runs the shift.",
        "How much do they make?",
        "About $78,000 a year.",
    )
    q = understand("Who reports that figure?", history, lib)
    assert q.intent == "source", q
    assert "charge nurse" in q.standalone.lower() and "pay" in q.standalone, q


def test_that_number_over_a_development_article_carries_the_pay_asked(data_team):
    library = data_team.retriever.library
    history = _chat(
        "What does a data engineer do?",
        "A data engineer builds the pipelines.",
        "how much do they earn?",
        "The article gives no figure.",
    )
    q = understand("which source is that number from?", history, library)
    assert "data engineer" in q.standalone.lower() and "earn" in q.standalone, q
