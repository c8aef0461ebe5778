"""Extractive answers from the seeded store: cited, side by side, follow-ups, abstention."""

import re

import pytest

from assistant.service import QuestionError

MARKER = re.compile(r"\[(\d+)\]")


def _check_citations(result):
    markers = {int(n) for n in MARKER.findall(result["answer"])}
    numbers = [c["n"] for c in result["citations"]]
    assert markers == set(numbers), "every [n] has a citation and every citation is used"
    for c in result["citations"]:
        assert c["quote"] and c["quote"] in c["text"], "the quote is a sentence of the passage"
        assert c["title"] and c["section"] and c["source"]


def test_fact_question_cites_the_right_passage(assistant):
    result = assistant.ask("What is the median base salary for AI engineers in the US?")
    assert not result["abstained"]
    assert "$140,000" in result["answer"]
    _check_citations(result)
    cited = next(c for c in result["citations"] if "$140,000" in c["text"])
    assert cited["reference"]["label"] == "LinkedIn, 2026"
    assert (
        cited["reference"]["url"] == "https://www.linkedin.com/pulse/jobs-rise-2026-linkedin-news/"
    )


def test_answer_is_concise(assistant):
    result = assistant.ask("What does a machine learning engineer do?")
    prose = MARKER.sub("", result["answer"])
    assert len(prose.split()) <= 140


def test_comparison_is_a_table_with_citations_in_every_cell(assistant):
    result = assistant.ask("Compare AI engineers and ML engineers")
    assert result["comparison"] and len(result["comparison"]) == 2
    rows = [ln for ln in result["answer"].splitlines() if ln.startswith("|")]
    assert len(rows) >= 3, result["answer"]
    for row in rows[2:]:
        cells = [c for c in row.strip("|").split("|")][1:]
        assert len(cells) == 2
        assert all(MARKER.search(c) for c in cells), row
    _check_citations(result)
    texts = " ".join(c["text"] for c in result["citations"])
    assert "AI engineer" in texts and (
        "ML engineer" in texts or "machine learning engineer" in texts
    )


def test_which_pays_more_gives_the_verdict(assistant):
    result = assistant.ask("Which role pays more?")
    assert "ML engineers generally earn more at the senior level" in result["answer"]
    _check_citations(result)


def test_comparison_of_roles_not_in_the_seed_is_detected(assistant):
    result = assistant.ask("Data scientist vs data engineer: who earns more?")
    assert result["comparison"] == ["Data scientist", "data engineer"]
    assert result["abstained"], "the articles cover neither role"


def test_follow_up_uses_the_conversation(assistant):
    history = [
        {"role": "user", "content": "What does a machine learning engineer do?"},
        {"role": "assistant", "content": "They design, train and evaluate models."},
    ]
    result = assistant.ask("And how much do they earn?", history)
    assert "$245,000" in result["answer"]
    assert "machine learning engineer" in result["query"].lower()


def test_follow_up_about_growth(assistant):
    history = [
        {"role": "user", "content": "Which role pays more?"},
        {"role": "assistant", "content": "ML engineers generally earn more at the senior level."},
    ]
    result = assistant.ask("And how fast is the AI engineer role growing?", history)
    assert "third-fastest-growing" in result["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "How do I bake sourdough bread?",
        "What is the average ML engineer salary in Germany?",
        "How much do data scientists earn?",
    ],
)
def test_abstains_on_questions_the_article_does_not_cover(assistant, question):
    result = assistant.ask(question)
    assert result["abstained"], result["answer"]
    assert result["citations"] == []
    assert not MARKER.search(result["answer"])
    assert "Related reading" in result["answer"]


def test_does_not_abstain_on_what_the_article_answers(assistant):
    for q in [
        "Which report ranked AI engineer among the fastest-growing roles?",
        "What math does an ML engineer need?",
        "I have a physics background, which path suits me?",
    ]:
        assert not assistant.ask(q)["abstained"], q


def test_retrieval_can_be_restricted_to_one_article(assistant):
    source = assistant.kb.records().popitem()[0]
    result = assistant.ask("Which role pays more?", source=source)
    assert all(p["source"] == source for p in result["passages"])
    with_other = assistant.ask("Which role pays more?", source="/nowhere/else.txt")
    assert with_other["passages"] == [] and with_other["abstained"]


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "x" * 100_000, None, 42])
def test_bad_questions_get_a_clear_error(assistant, bad):
    with pytest.raises(QuestionError) as err:
        assistant.ask(bad)
    assert "question" in str(err.value)


def test_control_characters_are_removed(assistant):
    result = assistant.ask("Which role\x07 pays\x1b more?")
    assert "\x07" not in result["question"] and not result["abstained"]


def test_bad_history_gets_a_clear_error(assistant):
    with pytest.raises(QuestionError):
        assistant.ask("Which role pays more?", history=[{"role": "system", "content": "x"}])
    with pytest.raises(QuestionError):
        assistant.ask("Which role pays more?", history="not a list")


def test_follow_up_naming_a_new_role_keeps_the_topic(assistant):
    history = [
        {"role": "user", "content": "How much do AI engineers earn?"},
        {"role": "assistant", "content": "Median base salaries range from $140,000 to $185,000."},
    ]
    result = assistant.ask("What about ML engineers?", history)
    assert "earn" in result["query"]
    assert "$245,000" in result["answer"]


def test_passages_with_nothing_to_quote_get_a_stated_decline_never_an_empty_answer(
    make_settings, tmp_path
):
    # Written for this test: a heading over a wall of job-title words, no sentence in it.
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    words = ["Senior", "Staff", "Principal", "Lead", "Chief", "Head", "Engineer", "Nurse"]
    wall = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(300))
    article = tmp_path / "wall.txt"
    article.write_text(f"Senior Staff Principal\n\n{wall}\n", encoding="utf-8")
    settings = make_settings()
    kb = open_knowledge_base(settings)
    assert ingest_sources([str(article)], kb, settings).ok
    result = Assistant(settings, kb).ask("What does a senior staff principal engineer do?")
    assert result.abstained and not result.citations
    assert "no sentence that answers it" in result.answer, result.answer
