"""Answers asked again while nothing was written come from the answer cache; any write to the
store, an LLM, or a different conversation means a fresh answer."""

from __future__ import annotations

import threading
import time

from assistant import service
from assistant.answer_cache import AnswerCache
from assistant.result import AskResult
from assistant.retrieve import CHECK_EVERY
from assistant.service import Assistant
from ingest.pipeline import ingest_sources
from knowledge.settings import get_settings
from knowledge.store import open_knowledge_base

QUESTION = "What kind of math does a machine learning engineer need to know?"
# Written for this test: a field no article of the store covers.
KITCHEN = """# Line Cook vs Pastry Cook

A line cook works the grill and the fryer during service. A pastry cook bakes the breads and
desserts before the doors open, and a line cook earns about $38,000 a year in most cities.
"""


def _result(answer: str) -> AskResult:
    return AskResult(question="q", answer=answer, citations=[{"n": 1, "text": "t"}])


def test_the_cache_keeps_copies_and_drops_the_least_recently_used():
    cache = AnswerCache(2)
    keys = [AnswerCache.key("s1", f"q{i}", [], 5, None) for i in range(3)]
    for i, key in enumerate(keys[:2]):
        cache.put(key, _result(f"a{i}"))
    got = cache.get(keys[0])
    got.citations.append({"n": 2})  # a caller changing its copy changes nothing kept
    assert cache.get(keys[0]).citations == [{"n": 1, "text": "t"}]
    cache.put(keys[2], _result("a2"))  # keys[1] was used least recently
    assert cache.get(keys[1]) is None and cache.get(keys[0]).answer == "a0"
    assert len(cache) == 2
    # the conversation, k, the source and the store's stamp are all part of the key
    turns = [{"role": "user", "content": "What does a data engineer do?"}]
    assert AnswerCache.key("s1", "q0", turns, 5, None) != keys[0]
    assert AnswerCache.key("s2", "q0", [], 5, None) != keys[0]
    assert AnswerCache.key("s1", "q0", [], 4, None) != keys[0]
    none = AnswerCache(0)
    none.put(keys[0], _result("a"))
    assert none.get(keys[0]) is None


def test_an_answer_being_computed_is_waited_for_not_computed_again():
    cache = AnswerCache(4)
    key = AnswerCache.key("s1", "How long is a night shift?", [], 5, None)
    assert cache.claim(key) is None  # the first asker answers
    got: list = []
    second = threading.Thread(target=lambda: got.append(cache.claim(key)))
    second.start()
    second.join(0.3)
    assert second.is_alive() and not got  # the second asker waits instead of answering too
    cache.put(key, _result("twelve hours"))
    second.join(5)
    assert got and got[0].answer == "twelve hours"
    assert cache.claim(key).answer == "twelve hours"  # later askers get it at once


def test_a_claim_given_up_lets_the_next_asker_answer():
    cache = AnswerCache(4)
    key = AnswerCache.key("s1", "What does a sous chef earn?", [], 5, None)
    assert cache.claim(key) is None
    got: list = []
    second = threading.Thread(target=lambda: got.append(cache.claim(key)))
    second.start()
    second.join(0.2)
    cache.release(key)  # the first answer failed: nothing kept
    second.join(5)
    assert got == [None]  # the second asker now answers it itself
    # an answer that takes too long is not waited for beyond the limit
    started = time.monotonic()
    assert cache.claim(key, wait_s=0.2) is None
    assert time.monotonic() - started >= 0.2


def _assistant(store) -> Assistant:
    settings = get_settings(store=store)
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    return Assistant(settings, open_knowledge_base(settings))


def test_an_answer_is_served_again_until_the_store_changes(store_copy, tmp_path):
    assistant = _assistant(store_copy)
    first = assistant.ask(QUESTION)
    assert "cached" not in first.timings_ms
    again = assistant.ask(QUESTION)
    assert again.timings_ms.get("cached") == 1.0
    assert again.answer == first.answer and again.citations == first.citations
    # another conversation is another question
    history = [
        {"role": "user", "content": "How much do AI engineers earn?"},
        {"role": "assistant", "content": "(answer)"},
    ]
    assert "cached" not in assistant.ask(QUESTION, history).timings_ms
    # a write through another handle on the store (another process or replica would do the
    # same): the stamp changes, and the next answer once CHECK_EVERY has passed is computed
    # against the new library
    article = tmp_path / "kitchen.md"
    article.write_text(KITCHEN, encoding="utf-8")
    settings = get_settings(store=store_copy)
    assert ingest_sources([str(article)], open_knowledge_base(settings), settings).ok
    time.sleep(CHECK_EVERY)
    after = assistant.ask(QUESTION)
    assert "cached" not in after.timings_ms
    pay = assistant.ask("How much does a line cook earn?")
    assert "38,000" in pay.answer, pay.answer


def test_the_stamp_is_read_again_after_check_every_or_a_write_of_this_process(
    store_copy, tmp_path, monkeypatch
):
    assistant = _assistant(store_copy)
    other = open_knowledge_base(get_settings(store=store_copy))  # another replica's handle
    monkeypatch.setattr(service, "CHECK_EVERY", 3600.0)
    assistant.ask(QUESTION)
    before = assistant.stamp()
    other._stamp()  # another replica writes
    # within CHECK_EVERY the stamp last read keys the answers: no Chroma read for it
    assert assistant.stamp() == before != other.stamp()
    assert assistant.ask(QUESTION).timings_ms.get("cached") == 1.0
    # once CHECK_EVERY has passed it is read again
    monkeypatch.setattr(service, "CHECK_EVERY", 0.0)
    assert assistant.stamp() == other.stamp()
    assert "cached" not in assistant.ask(QUESTION).timings_ms
    # a write through this process is seen at once, however recent the last read
    monkeypatch.setattr(service, "CHECK_EVERY", 3600.0)
    assert assistant.ask(QUESTION).timings_ms.get("cached") == 1.0
    article = tmp_path / "kitchen.md"
    article.write_text(KITCHEN, encoding="utf-8")
    assert ingest_sources([str(article)], assistant.kb, assistant.settings).ok
    assert assistant.stamp() == other.stamp()
    assert "cached" not in assistant.ask(QUESTION).timings_ms
    assert "38,000" in assistant.ask("How much does a line cook earn?").answer


def test_llm_answers_are_not_kept(seeded_store, openai_server):
    settings = get_settings(store=seeded_store, openai_base_url=openai_server.base_url)
    settings.chroma_host = None
    assistant = Assistant(settings, open_knowledge_base(settings))
    assert assistant.llm is not None and assistant.answers.size == 0
