"""The program API: one Assistant answers questions from the knowledge base."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator

from knowledge.errors import StoreError
from knowledge.sanitize import display_text
from knowledge.settings import Settings, get_settings
from knowledge.store import KnowledgeBase, is_store_outage, open_knowledge_base

from . import compare, extractive, followed
from .citations import CitationSet
from .evidence import (
    TermMatcher,
    answer_type_test,
    asks_for_source,
    assess,
    score_sentences,
    topic_words,
)
from .llm import LLMError
from .llm_answer import LLMAnswerer
from .query import Comparison, detect_comparison, find_roles, pair_from_title, resolve_followup
from .retrieve import Passage, Retriever
from .verify import strip_links

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
ABSTAIN_TEXT = "The articles in the library don't cover this question"


def reference_urls(refs: dict[str, dict]) -> set[str]:
    """The only URLs an answer may link to: those of the references its passages cite."""
    return {r["url"] for r in refs.values() if r.get("url")}


class QuestionError(ValueError):
    """The question itself cannot be answered as given (empty, too long)."""


def clean_question(question: object) -> str:
    if not isinstance(question, str):
        raise QuestionError("the question must be text")
    text = _CONTROL.sub(" ", _ANSI.sub(" ", question))
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QuestionError("the question is empty: type a question about the articles")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text):,} characters long; the limit is {MAX_QUESTION_CHARS:,}: "
            "ask a shorter question"
        )
    return text


def clean_history(history: object) -> list[dict]:
    if not history:
        return []
    if not isinstance(history, list):
        raise QuestionError("history must be a list of {role, content} turns")
    turns = []
    for turn in history[-12:]:
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant"):
            raise QuestionError(
                'each history turn needs "role" ("user" or "assistant") and "content"'
            )
        content = turn.get("content")
        if not isinstance(content, str):
            continue  # gradio may carry files or components here: only text is conversation
        turns.append(
            {"role": turn["role"], "content": _CONTROL.sub(" ", content)[:MAX_QUESTION_CHARS]}
        )
    return turns


class Assistant:
    def __init__(self, settings: Settings, kb: KnowledgeBase) -> None:
        self.settings = settings
        self.kb = kb
        self.retriever = Retriever(kb)
        self.llm = LLMAnswerer(settings) if settings.llm_enabled else None
        self._pair_lock = threading.Lock()
        self._pair_key = None
        self._pair: list[str] | None = None

    @classmethod
    def open(cls, settings: Settings | None = None, client=None) -> Assistant:
        settings = settings or get_settings()
        return cls(settings, open_knowledge_base(settings, client=client))

    @property
    def mode(self) -> str:
        return "llm" if self.llm else "extractive"

    @property
    def mode_label(self) -> str:
        return f"LLM: {self.llm.name}" if self.llm else "Extractive (no LLM)"

    def warm(self) -> None:
        self.retriever.refresh()
        self.retriever.vocabulary(self.kb.embedder)

    def default_pair(self) -> list[str] | None:
        """The pair of roles "the two roles" means: from the first article titled "X vs Y"."""
        key = self.retriever.generation
        with self._pair_lock:
            if key != self._pair_key:
                pair = None
                for title in self.retriever.titles():
                    pair = pair_from_title(title)
                    if pair:
                        break
                self._pair, self._pair_key = pair, key
            return self._pair

    # -- the pipeline -------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: list | None = None,
        k: int | None = None,
        source: str | None = None,
    ) -> dict:
        result: dict = {}
        for event in self.ask_stream(question, history, k=k, source=source):
            if event["type"] == "final":
                result = event["result"]
        return result

    def ask_stream(
        self,
        question: str,
        history: list | None = None,
        k: int | None = None,
        source: str | None = None,
    ) -> Iterator[dict]:
        """Events: {"type": "delta", "text", "preview"} while an LLM streams, then
        {"type": "final", "result"}.

        Raises QuestionError for a bad question and StoreError when the store cannot be reached.
        """
        try:
            yield from self._ask_stream(question, history, k, source)
        except (QuestionError, StoreError):
            raise
        except Exception as exc:
            if is_store_outage(exc):
                raise StoreError(self._outage_message()) from exc
            raise

    def _outage_message(self) -> str:
        s = self.settings
        if s.chroma_host:
            return (
                f"cannot reach the Chroma server at {s.chroma_host}:{s.chroma_port}; start it "
                f"again with `chroma run --path DIR --port {s.chroma_port}` (the assistant "
                "reconnects by itself), or unset CHROMA_HOST to use the local store"
            )
        return f"the store at {s.store} cannot be read; check the folder and its permissions"

    def _ask_stream(self, question, history, k, source) -> Iterator[dict]:
        t0 = time.perf_counter()
        question = clean_question(question)
        turns = clean_history(history)
        k = max(1, min(int(k or self.settings.top_k), 20))
        deadline = self.llm.deadline() if self.llm else None  # one budget for all LLM calls
        query, inherited = self._resolve(question, turns, deadline)
        standalone = query  # what the LLM is asked: the follow-up made self-contained
        self.retriever.refresh()  # once per question; sub-queries below reuse this check
        query = self.retriever.expand_abbreviations(query)
        comparison = detect_comparison(query, self.default_pair())
        if (
            comparison is None
            and len(inherited) >= 2
            and re.search(
                r"\b(both|each|compare|differ\w*|more|less|better|higher)\b", question, re.I
            )
        ):
            comparison = Comparison(inherited[:2], " ".join(topic_words(question)))
        query_vec = self.kb.embedder.embed_batch([query])[0]
        passages = self._retrieve(query, query_vec, comparison, k, source)
        if comparison is None and source is None:  # "what does <cited source> say ..."
            passages, query = followed.with_named_sources(
                query, query_vec, passages, k, self.retriever, self.kb
            )
        t_retrieve = time.perf_counter()

        matcher = TermMatcher(query, self.retriever, self.kb.embedder)
        sentences = score_sentences(query, matcher, query_vec, passages, self.kb.embedder)
        roles = comparison.sides if comparison else find_roles(query)
        why_not = assess(query, roles, matcher, passages, self.retriever, self.kb.embedder)
        result = {
            "question": question,
            "answer": "",
            "mode": self.mode,
            "abstained": bool(why_not),
            "citations": [],
            "passages": [p.public() for p in passages],
            "notice": None,
            "unsupported": [],
            "incomplete": False,
            "removed_markers": [],
            "stripped": [],
            "comparison": comparison.sides if comparison else None,
            "query": query,
            "timings_ms": {},
        }
        if why_not:
            result["answer"] = self._abstain_text(why_not, passages)
        elif self.llm:
            try:
                refs = self._references(passages)
                yield from self.llm.answer(
                    question,
                    standalone,
                    passages,
                    turns,
                    refs,
                    reference_urls(refs),
                    deadline,
                    result,
                )
            except LLMError as exc:
                log.warning("LLM failed, falling back to extractive: %s", exc.reason)
                result["notice"] = (
                    f"The language model {exc.reason}; showing the extractive answer instead."
                )
                result["mode"] = "extractive"
                self._extractive(comparison, query, sentences, passages, result)
        else:
            self._extractive(comparison, query, sentences, passages, result)
        t_end = time.perf_counter()
        result["timings_ms"] = {
            "retrieve": round((t_retrieve - t0) * 1000, 2),
            "answer": round((t_end - t_retrieve) * 1000, 2),
            "total": round((t_end - t0) * 1000, 2),
        }
        yield {"type": "final", "result": result}

    def _resolve(self, question: str, turns: list[dict], deadline=None) -> tuple[str, list[str]]:
        query, inherited = resolve_followup(question, turns)
        if self.llm and query != question:
            rewritten = self.llm.rewrite(question, turns, deadline, MAX_QUESTION_CHARS)
            if rewritten:
                return rewritten, find_roles(rewritten) or inherited
        return query, inherited

    def _retrieve(self, query, query_vec, comparison, k, source) -> list[Passage]:
        if not comparison:
            return self.retriever.search(query, k, query_vector=query_vec, source=source)
        lists = [
            self.retriever.search(f"{side} {comparison.aspect}".strip(), k, source=source)
            for side in comparison.sides
        ]
        lists.append(self.retriever.search(query, k, query_vector=query_vec, source=source))
        merged: dict[str, Passage] = {}
        for rank in range(k):  # interleave so each side's best evidence is kept
            for lst in lists:
                if rank < len(lst) and lst[rank].id not in merged:
                    merged[lst[rank].id] = lst[rank]
        return list(merged.values())[: k + 3]

    def _abstain_text(self, why: str, passages: list[Passage]) -> str:
        text = f"{ABSTAIN_TEXT}: {why}."
        related: list[str] = []  # distinct sections only, through the one sanitizer
        for p in passages:
            title = " ".join(display_text(p.title).split())
            section = " ".join(display_text(p.section).split())
            line = f"- *{title}* — {section}" if section and section != title else f"- *{title}*"
            if title and line not in related:
                related.append(line)
            if len(related) == 3:
                break
        if related:
            text += "\n\nRelated reading:\n" + "\n".join(related)
        return text

    def _extractive(self, comparison, query, sentences, passages, result) -> None:
        cites = CitationSet(passages)
        if comparison:
            table, verdict = compare.build_table(
                comparison.sides, comparison.aspect, sentences, passages, cites
            )
            parts = []
            if table:
                parts.append(
                    f"**{compare._title(comparison.sides[0])} vs {compare._title(comparison.sides[1])}**\n\n{table}"
                )
            if verdict is not None:
                n = cites.cite(verdict.passage, verdict.text)
                about = compare.verdict_subject(verdict, passages, comparison.sides)
                parts.append(f"**Verdict{about}:** {verdict.text} [{n}]")
            if not table:
                chosen = extractive.select(sentences, wants=answer_type_test(query))
                parts.append(extractive.compose(chosen, cites))
            answer = "\n\n".join(parts)
        else:
            chosen = extractive.select(sentences, wants=answer_type_test(query))
            answer = extractive.compose(chosen, cites)
            if asks_for_source(query):
                answer += self._source_entries(chosen, passages, cites, result)
            answer += followed.beside(chosen, passages, cites, result, self.retriever, self.kb)
        refs = self._references(passages)
        # Article text is quoted as it is, but an image or outside link written into an article
        # must not render in the chat: only the articles' own reference URLs stay.
        result["answer"] = strip_links(answer, reference_urls(refs), result["stripped"])
        result["citations"] = cites.build(refs)

    def _source_entries(self, chosen, passages, cites, result) -> str:
        """For "where does this come from" questions: the reference-list entry behind the
        chosen sentences, quoted and cited as a passage of its own."""
        lines = []
        for s in chosen:
            entry = next(
                (self.retriever.reference_entry(r) for r in passages[s.passage].ref_ids[:1]), None
            )
            if entry is None or len(lines) == 2:  # at most two: the answer stays short
                continue
            index = next((i for i, p in enumerate(passages) if p.id == entry.id), None)
            if index is None:
                passages.append(entry)
                result["passages"].append(entry.public())
                index = len(passages) - 1
            if index not in cites.cited_passages():
                lines.append(f"{entry.text} [{cites.cite(index, entry.text)}]")
        return "".join(f"\n\nSource: {line}" for line in lines)

    def _references(self, passages: list[Passage]) -> dict[str, dict]:
        return self.kb.references_by_id([r for p in passages for r in p.ref_ids])
