"""The program API: one Assistant answers questions from the knowledge base."""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterator

from knowledge.compute import one_blas_thread
from knowledge.errors import StoreError
from knowledge.quick_imports import import_wordfreq
from knowledge.sanitize import display_text
from knowledge.settings import Settings, get_settings
from knowledge.store import KnowledgeBase, is_store_outage, open_knowledge_base
from knowledge.text import content_terms, fold_accents, split_sentences, stem, words, written_form

from . import compare, followed
from .answer_cache import AnswerCache
from .answering import (
    REFERS_BACK,
    Evidence,
    LLMStrategy,
    answer_runs,
    choose,
    quoted_from,
    reference_urls,
)
from .compare import SideFinder, describes, heading_aspects, own_heading
from .evidence import (
    FOCUS_SPECIFICITY,
    TermMatcher,
    _text_stems,
    asked_for,
    asked_name,
    asks_way_in,
    asks_whom_it_suits,
    assess,
    clause_of_role,
    judged_of_role,
    led_by_a_name,
    named_person,
    own_turns,
    says_whom_it_suits,
    score_sentences,
    speaks_of_any,
    with_spelled_out,
)
from .llm import LLMError
from .llm_answer import LLMAnswerer
from .result import AskResult
from .retrieve import CHECK_EVERY, Passage, Retriever
from .understand import Query, asks_of_a_pair, topic_of, understand
from .understand.lexicon import AMOUNT_CUES, DAY_TO_DAY_WORD, ENTRY_WORD, aspect_named
from .understand.query import asks_about_the_article, asks_nothing
from .understand.sides import become_phrase
from .understand.vocabulary import load_word_frequencies, specificity

log = logging.getLogger(__name__)
MAX_QUESTION_CHARS = 2000
RANKING_DEPTH = 4  # "which role pays the most?" reads k * this passages
PAIR_SEARCH = (
    5  # "the two roles": each paired article's best passages read for the question's words
)
CLIPPED_MIN = 4  # letters of a clipped word ("math", "stats") matched as a longer word's start
CLIPPED_REST = 3  # letters at least that the longer word's stem adds ("math" -> "mathemat")
SUITS_ARTICLES = 3  # articles read for a sentence on whom a role suits
SUITS_PASSAGES = 2  # passages such sentences add to an answer's pool
# a hyphenated compound or a tag, as a question writes it ("#connect-engineering", "on-call")
_COMPOUND = re.compile(r"#?[A-Za-z][A-Za-z0-9]{0,30}(?:-[A-Za-z0-9]{1,30}){1,3}")
COMPOUND_DEPTH = 20  # passages searched with a compound's words for those writing it whole
COMPOUND_ARTICLES = 2  # articles at most writing it for it to count as rare
COMPOUND_PASSAGES = 2  # passages it adds to an answer's pool
MAX_PAIR_CHOICES = 6  # pairs offered when the question fits several articles' pairs as well
# a pair referred to, not what is asked of it ("the two jobs", "which one")
_PAIR_WORDS = frozenset(
    "two one roles role jobs job paths path careers career tracks track".split()
)
ANSWER_POOL_EXTRA = 3  # passages beyond k a single (non-comparison) answer reads
NAMED_ARTICLES = 2  # articles a person's name may byline and still be one person's own
PANEL_DEPTH = 40  # passages of a named person's article read to find their own turns
DESCRIBE_DEPTH = 4  # a comparison side with no aspect: candidates per passage kept
OWN_EXTRA = 2  # passages a one-role question adds from the role's own article (_within_own)
# ... searched this many times deeper than an answer's pool: a common word ("technical")
# weighs little beside the role's name
FOCUS_DEPTH = 3
FOCUS_EXTRA = 2  # passages writing a one-role question's asked-for words, added (_meeting_focus)
OWN_ARTICLES = 2  # a comparison side's own articles read for the section on the aspect asked
SIDE_DEPTH = 3  # a comparison side reads k * this passages to find an article with both sides
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
ABSTAIN_TEXT = "The articles in the library don't cover this question"
SMALL_TALK_TEXT = (
    "I answer questions from the {n} in the library: ask about a role's pay, skills, "
    "day-to-day work, demand, how to get in or how to progress, or ask me to compare two "
    "roles. Every answer quotes the articles and cites them."
)
NOTHING_TO_QUOTE = "the passages found hold no sentence that answers it"
NOTHING_MORE = (
    "The library has nothing more on this: the passages that speak to it were all shown in the "
    "answers above."
)


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


CHOICE_PASSAGES = 2  # passages of advice on choosing read beside a choice's two sides


def _interleave(lists: list[list[Passage]], cap: int, depth: int | None = None) -> list[Passage]:
    """The lists' passages by rank, first list first within a rank, each passage once."""
    merged: dict[str, Passage] = {}
    for rank in range(depth or max((len(x) for x in lists), default=0)):
        for lst in lists:
            if rank < len(lst) and lst[rank].id not in merged:
                merged[lst[rank].id] = lst[rank]
    return list(merged.values())[:cap]


def _said_of(p: Passage) -> str:
    """A passage's title, heading and text, read as one text."""
    return f"{p.title}. {p.section}. {p.text}"


def _one_article_first(
    lists: list[list[Passage]], k: int, asked: list[Passage] = (), finder: SideFinder | None = None
) -> list[list[Passage]]:
    """Each side's k passages. When one article speaks of every side, its passages come first
    on each side: an article that discusses both roles contrasts them on its own terms, where
    passages stitched from unrelated articles answer different questions. `asked`: the whole
    question's own best passages; of the articles every side finds, the one most of them come
    from is the one (it speaks of the topic asked, not only of the two sides). With `finder`
    (the comparison's sides), an article speaks of a side only where one of that side's
    passages from it names the side (in its title, heading or text): a side's search that
    found nothing naming it ("paralegal" in a library that never learnt it as a role) brings
    the other side's article too, which says nothing of it."""
    if finder is None:
        found = [{p.source for p in lst} for lst in lists]
    else:
        found = [
            {p.source for p in lst if i in finder.sides_in(_said_of(p), pair=False)}
            for i, lst in enumerate(lists)
        ]
    shared = set.intersection(*found) if found else set()
    if not shared:
        return [lst[:k] for lst in lists]

    def standing(src: str) -> int:  # the article both sides find soonest
        return sum(next(i for i, p in enumerate(lst) if p.source == src) for lst in lists)

    def asked_for(src: str) -> int:  # how many of the question's own passages it gives
        return sum(p.source == src for p in asked)

    best = min(sorted(shared), key=lambda src: (-asked_for(src), standing(src)))
    return [sorted(lst, key=lambda p: p.source != best)[:k] for lst in lists]


class DenseWarm:
    """A probe query on its own thread: Chroma loads the dense index for it, holding the GIL
    for only part of that (about 60% of it, measured against a busy thread), so the warm-up's
    Python work goes on meanwhile. `wait()` re-raises what the query raised (a store that
    cannot be reached fails the warm-up as before)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.error: BaseException | None = None
        self.loaded = False  # False after an empty collection: nothing was loaded yet
        self._thread = threading.Thread(target=self._run, name="warm-dense", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            # No count() first: Chroma's first count holds the GIL while it runs (about 1 s at
            # 100k chunks), a query lets the other threads run. An empty store finds nothing.
            probe = self.kb.embedder.embed_batch(["career"])[0]
            got = self.kb.chunks.query(query_embeddings=[probe.tolist()], n_results=1, include=[])
            self.loaded = bool(got["ids"] and got["ids"][0])
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by wait()
            self.error = exc

    @property
    def spent(self) -> bool:
        """Over without loading the index (an empty store, or an error): worth another go."""
        return not self._thread.is_alive() and not self.loaded

    def wait(self) -> None:
        self._thread.join()
        if self.error is not None:
            raise self.error


def _clipped_in(word: str, written: set[str]) -> bool:
    """A word the question clips that the text writes whole: "math" of "mathematical", whose
    stem goes on for some letters more ("career" is another word than "care", not its whole)."""
    return len(word) >= CLIPPED_MIN and any(
        w.startswith(word) and len(stem(w)) >= len(word) + CLIPPED_REST for w in written
    )


class Assistant:
    """Orchestrates one question: understand -> retrieve -> judge coverage -> answer."""

    def __init__(self, settings: Settings, kb: KnowledgeBase) -> None:
        one_blas_thread()  # many small products per question: see knowledge/compute.py
        self.settings = settings
        self.kb = kb
        self.retriever = Retriever(kb)
        self.llm = LLMAnswerer(settings) if settings.llm_enabled else None
        # Only extractive answers are kept (see answer_cache).
        self.answers = AnswerCache(0 if self.llm else settings.answer_cache)
        self._warm_lock = threading.Lock()
        self._dense: DenseWarm | None = None
        # The store's stamp as last read: (stamp, when, this process's write generation then)
        self._stamp_read: tuple[str | None, float, int] | None = None

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
        dense = self.warm_dense()
        import_wordfreq()  # what load_word_frequencies imports, without its stack walk
        load_word_frequencies()
        self.retriever.refresh()
        library = self.retriever.library  # the per-article vocabulary a question reads
        # ... and the whole-library facts read once per library state, which the first question
        # needing each would read (9,000 titles and bylines at 100k chunks)
        library.side_by_side  # noqa: B018
        library.listing_roles  # noqa: B018
        library.title_words  # noqa: B018
        self.retriever.author_words()
        _vocab, vecs = self.retriever.vocabulary(self.kb.embedder)
        self.retriever.distinct_rows(vecs)  # what a question's unknown words are tested against
        if self.retriever.size:
            # The followed-pages index reads every source record (the first question would).
            followed.index(self.retriever, self.kb)
        dense.wait()

    def warm_dense(self) -> DenseWarm:
        """Start loading Chroma's dense (HNSW) index, which it reads on the first query (about
        1 s at 100k chunks, in Chroma's native code).
        Later calls return the same handle unless that one ended without loading the index."""
        with self._warm_lock:
            if self._dense is None or self._dense.spent:
                self._dense = DenseWarm(self.kb)
            return self._dense

    def stamp(self) -> str | None:
        """The store's stamp (`KnowledgeBase.stamp`), read again once CHECK_EVERY seconds have
        passed since the last read, or at once after a write through this process: a write
        through another process or replica is seen within CHECK_EVERY, as the retriever's
        searches see it. Every ask reads it (the key of its kept answer, and the index's
        check), and each read is a Chroma lookup: 0.4-1 ms of CPU, about a fifth of gradio's
        own cost per event in a burst of 50 askers."""
        generation = self.kb.generation  # before the read: a write meanwhile reads again
        now = time.monotonic()
        kept = self._stamp_read
        if kept is not None and kept[2] == generation and now - kept[1] < CHECK_EVERY:
            return kept[0]
        stamp = self.kb.stamp()
        self._stamp_read = (stamp, now, generation)
        return stamp

    # -- the pipeline -------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: list | None = None,
        k: int | None = None,
        source: str | None = None,
    ) -> AskResult:
        result = None
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
        {"type": "final", "result": AskResult}.

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

    def understand(
        self,
        question: str,
        turns: list[dict],
        source: str | None = None,
        deadline=None,
        stamp: str | None = None,
    ) -> Query:
        """The question read into a `Query` against the library as it is now (`stamp`: the
        store's stamp, when the caller has just read it)."""
        # once per question; sub-queries below reuse this check
        self.retriever.refresh(stamp=stamp)
        library = self.retriever.library
        scope = [source] if source else self.retriever.sources()
        query = understand(question, turns, library, scope=scope)
        if query.comparison is None and not query.roles and len(scope) > 1:
            # "Compare the two roles" over several articles: the pair of the article the
            # question is most about, when its title sets two roles side by side.
            query = self._pair_of_best_article(question, turns, query) or query
        if self.llm and query.followup and not query.continues:
            rewritten = self.llm.rewrite(question, turns, deadline, MAX_QUESTION_CHARS)
            if rewritten:
                query = understand(question, turns, library, scope=scope, standalone=rewritten)
        return query

    def _pair_of_best_article(self, question: str, turns: list[dict], query: Query):
        """ "Which of the two roles cares more about X?", "Which pays more?" asked among several
        articles: the pair of the article, of those whose title sets two roles side by side,
        that writes the most of the question's other words; none when an article whose title
        lists three or more jobs writes as many. Several writing as many: the pairs
        are offered to choose from; none writing any: no pair. A follow-up with no pair of its
        own ("how much does it pay?") takes the pair its conversation's last question found."""
        text = query.text
        if not asks_of_a_pair(text):
            last = next((t["content"] for t in reversed(turns) if t.get("role") == "user"), "")
            if not (turns and query.followup and last and asks_of_a_pair(last)):
                return None
            text = last
        if query.ranking and not re.search(r"\b(two|both|either)\b", text, re.I):
            return None  # "which of these roles pays the most?": every role, not one pair
        library = self.retriever.library
        paired = library.side_by_side
        if not paired:
            return None
        # an article whose title lists three or more jobs competes too: a question it fits
        # best is asked of its jobs, not of another article's pair
        listed = library.listing_roles
        topic = [w for w in topic_of(text, []) if w not in _PAIR_WORDS]
        fits: dict[str, int] = {}
        for source in (*paired, *listed):
            written = set(words(library.titles.get(source, "")))
            for passage in self.retriever.search(text, PAIR_SEARCH, source=source):
                written.update(words(f"{passage.section} {passage.text}"))
            stems = {stem(w) for w in written}
            # each word as telling as it is specific: "LLMs" says which article more than
            # "deals" (written in another's "the real deal")
            said = [
                w for w in topic if stem(written_form(w, stems)) in stems or _clipped_in(w, written)
            ]
            fits[source] = round(sum(specificity(w) for w in said), 6)
        best = max(fits.values())
        if topic and best == 0:
            return None  # no pair's article writes what is asked
        chosen = sorted(s for s, n in fits.items() if n == best)
        if any(s in listed for s in chosen):
            return None
        if len(chosen) > 1:
            pairs = [list(library.title_pair(s)) for s in chosen[:MAX_PAIR_CHOICES]]
            return query.model_copy(update={"pair_choices": pairs})
        # asked of that article's pair, so its answer keeps to that article (as it would were
        # it the only one): "Why care about the difference between these two jobs?" is answered
        # from its passages, not from another article's "care"
        found = understand(question, turns, library, scope=chosen)
        return found.model_copy(update={"within": chosen[0]})

    def _ask_stream(self, question, history, k, source) -> Iterator[dict]:
        t0 = time.perf_counter()
        question = clean_question(question)
        turns = clean_history(history)
        k = max(1, min(int(k or self.settings.top_k), 20))
        stamp = self.stamp()  # read once: the cache's key, and the index's check below
        if not self.answers.size:
            yield from self._answer_stream(question, turns, k, source, t0, None, stamp)
            return
        key = self.answers.key(stamp, question, turns, k, source)
        kept = self.answers.claim(key)  # waits while another asker answers the same question
        if kept is not None:  # asked before, and nothing has been written since
            kept.timings_ms = {"total": round((time.perf_counter() - t0) * 1000, 2)}
            kept.timings_ms["cached"] = 1.0
            yield {"type": "final", "result": kept}
            return
        try:
            yield from self._answer_stream(question, turns, k, source, t0, key, stamp)
        finally:  # answered, failed or abandoned: nobody waits on this key any more
            self.answers.release(key)

    def _answer_stream(self, question, turns, k, source, t0, key, stamp=None) -> Iterator[dict]:
        if asks_nothing(question):
            # "thanks!", "hi", "who are you?": no question for the articles; what to ask
            n = len(self.retriever.library.titles)
            what = f"{n} article{'s' if n != 1 else ''}"
            yield {
                "type": "final",
                "result": AskResult(
                    question=question,
                    answer=SMALL_TALK_TEXT.format(n=what),
                    abstained=True,
                    timings_ms={"total": round((time.perf_counter() - t0) * 1000, 2)},
                ),
            }
            return
        deadline = self.llm.deadline() if self.llm else None  # one budget for all LLM calls
        query = self.understand(question, turns, source, deadline, stamp)
        source = source or query.within
        query_vec = self.kb.embedder.embed_batch([query.text])[0]
        passages = self._retrieve(query, query_vec, k, source)
        if query.continues:
            # "tell me more": the next best passages on the same question, none shown before
            passages = self._not_shown(query, query_vec, k, source, len(passages))
        if query.intent in ("author", "date") and source is None and REFERS_BACK.search(question):
            # "Who wrote it?" after a question: "it" is the article that answered that question.
            # An earlier question about the article itself ("Who wrote it?" before "When was it
            # published?") searched for nothing: the question before it did.
            last = next(
                (
                    t["content"]
                    for t in reversed(turns)
                    if t["role"] == "user" and not asks_about_the_article(t["content"])
                ),
                None,
            )
            found = self.retriever.search(last, k) if last else []
            passages = found or passages
        if query.comparison is None and source is None:  # "what does <cited source> say ..."
            passages, text = followed.with_named_sources(
                query.text, query_vec, passages, k, self.retriever, self.kb
            )
            query = query.model_copy(update={"text": text})
        spelled = with_spelled_out(query.question, query.text, passages, self.retriever)
        if spelled != query.text:  # "What's RAG?": in the words a passage spells it out in
            query = query.model_copy(update={"text": spelled})
        if query.comparison is None and query.roles:
            # "What ward does Amara Osei run?": the name and its verb are no role to look for
            named = [r for r in query.roles if not led_by_a_name(r, passages)]
            if len(named) != len(query.roles):
                query = query.model_copy(update={"roles": named})
        t_retrieve = time.perf_counter()

        # A question naming several roles, no comparison ("What do data engineers set up for
        # analysts?"), is about the role it names first.
        subject = query.roles[0] if query.comparison is None and len(query.roles) > 1 else None
        if subject is not None:
            # "How does a teacher become a school counselor?": the way from one role to the
            # other, told of either ("Counselors must then obtain a certification", "Many
            # legal secretaries move into paralegal work"): neither is the only subject
            target = become_phrase(query.question)
            book = self.retriever.library.roles
            if target and any(book.same(r, target) for r in query.roles[1:]):
                subject = None
        matcher = TermMatcher(
            query.text, self.retriever, self.kb.embedder, roles=query.roles, subject=subject
        )
        sentences = score_sentences(query, matcher, query_vec, passages, self.kb.embedder)
        evidence = Evidence(
            query=query,
            passages=passages,
            sentences=sentences,
            matcher=matcher,
            retriever=self.retriever,
            references=self.retriever.references_by_id,
            record=self.kb.record,
            history=turns,
            kb=self.kb,
            query_vec=query_vec,
            source=source,
            shown=answer_runs(query.shown),
        )
        result = AskResult(
            question=question,
            mode=self.mode,
            passages=[p.public() for p in passages],
            comparison=query.sides,
            query=query.text,
        )
        strategy = choose(query, LLMStrategy(self.llm, deadline) if self.llm else None)
        why_not = None
        if strategy.name not in ("metadata", "summary", "pair_choice"):  # no passages quoted
            why_not = assess(query, matcher, passages, self.retriever, self.kb.embedder)
        if query.continues and (why_not or not passages):
            # what is left does not answer the question: the answers given were all there is
            result.abstained = True
            result.answer = NOTHING_MORE
        elif why_not:
            result.abstained = True
            result.answer = self._abstain_text(why_not, passages)
        else:
            try:
                draft = yield from strategy.answer(evidence)
            except LLMError as exc:
                log.warning("LLM failed, falling back to extractive: %s", exc.reason)
                result.notice = (
                    f"The language model {exc.reason}; showing the extractive answer instead."
                )
                strategy = choose(query, None)
                draft = yield from strategy.answer(evidence)
            result.answer = draft.answer
            result.mode = draft.mode
            result.incomplete = draft.incomplete
            result.notice = draft.notice or result.notice
            result.abstained = draft.abstained
            result.citations = draft.citations
            result.unsupported = draft.unsupported
            result.removed_markers = draft.removed_markers
            result.stripped = draft.stripped
            result.passages += draft.added_passages
            if not result.answer.strip() and not result.abstained:
                # The passages found held no sentence a strategy could quote (text without
                # sentence boundaries, a wall of one repeated word): say so, never answer "".
                result.abstained = True
                result.citations = []
                result.answer = self._abstain_text(NOTHING_TO_QUOTE, passages)
        t_end = time.perf_counter()
        result.timings_ms = {
            "retrieve": round((t_retrieve - t0) * 1000, 2),
            "answer": round((t_end - t_retrieve) * 1000, 2),
            "total": round((t_end - t0) * 1000, 2),
        }
        if key is not None:
            self.answers.put(key, result)
        yield {"type": "final", "result": result}

    def _retrieve(self, query: Query, query_vec, k: int, source: str | None) -> list[Passage]:
        search = self.retriever.search
        if not query.comparison:
            if query.ranking:  # "Which of these roles pays the most?": every article's figures
                named = aspect_named(set(content_terms(" ".join(query.topic))))
                text = f"{query.text} {named[0].hint}" if named else query.text
                # deeper than one answer: each role's figure may sit in its own article
                return search(text, RANKING_DEPTH * k, source=source, roles=query.roles)
            # One answer reads its sentences from a few passages more than k: the sentence that
            # answers often sits in a passage ranked just below the first k (no table to fill).
            depth = k + ANSWER_POOL_EXTRA
            found = search(
                query.text, depth, query_vector=query_vec, source=source, roles=query.roles
            )
            found, theirs, name = self._within_named(query, found, depth, source)
            found = self._within_own(query, found, depth, source)
            found = self._meeting_focus(query, found, depth, source)
            if len(query.roles) == 1 and asks_whom_it_suits(query.question):
                # "What kind of person is it for?" of a role: its article's own sentence on
                # whom the role suits, wherever that article puts it, among many articles
                found = found + self._saying_whom_it_suits(query.roles[0], found, k)
            # "What is #connect-engineering?": a rare compound asked as written is found as
            # written, though its parts are everyday words other passages write more
            found = found + self._writing_compounds(query.question, found)
            if query.wants == "amount":
                # "How much does X make?": the lexicon's pay words also find the passage with
                # the figure, which need not share the question's verb
                hint = aspect_named(AMOUNT_CUES)[0].hint
            else:
                # "What is the job outlook for X?" over articles that never write "outlook":
                # the lexicon's other words for the aspect ("demand", "growth") find them
                topic = set(content_terms(" ".join(query.topic)))
                named = aspect_named(topic)
                if not named and asks_way_in(query):
                    # "How does a teacher become a school counselor?": the way in (a degree,
                    # a licence, experience first), in whatever words the article uses
                    named = aspect_named({stem(ENTRY_WORD)})
                doc_freq = self.retriever.doc_freq
                # ("day to day" is written in every article as "day": any day, "your first
                # day", so its aspect's words search too)
                if not named or (
                    any(t in doc_freq for t in topic & named[0].words)
                    and DAY_TO_DAY_WORD not in query.topic
                ):
                    return found
                hint = named[0].hint
            # ... the question's own best lead; for one role, the passages about it first: a
            # figure under the role's own heading ("QA Engineer" / "Median salary: $98,000")
            # need not name it again
            one = query.roles[0] if len(query.roles) == 1 else None
            extra = [
                search(f"{query.text} {hint}", depth, source=src, roles=query.roles, about=one)
                for src in (theirs or [source])
            ]
            if theirs:  # a narrator's own articles only, as found above
                extra = [own_turns(e, name) for e in extra]
            return _interleave([found, *extra], depth)
        aspect = query.comparison.aspect
        named = aspect_named(set(content_terms(aspect)))
        if named:  # the lexicon's name for the aspect widens the search: "entry", "pay"
            aspect = f"{aspect} {named[0].hint}"
        # Each side's own search: its role words count in full, they are what it is about.
        deep = SIDE_DEPTH * k
        lists = [
            search(f"{side} {aspect}".strip(), deep, source=source, roles=[], about=side)
            if aspect.strip()
            else self._describing(side, k, source, keep=deep)
            for side in query.comparison.sides
        ]
        asked = (
            search(query.text, k, query_vector=query_vec, source=source, roles=query.roles)
            if aspect.strip()
            else []
        )
        advice = []
        if compare.asks_to_choose(query.question):
            # "Should I become X or Y?": the article's advice on choosing, however it is
            # headed, is what the verdict quotes
            advice = search(
                f"{query.text} {compare.CHOICE_HINT}", k, source=source, roles=query.roles
            )
        if named:
            # A section the author heads with the aspect asked ("Skills", "How to become a
            # nurse") holds each side's own account of it, though its text may name neither
            # the side nor the aspect ("- Calm judgement when a birth does not go to plan"
            # under "Skills" in "Midwife Career Guide"): it comes first among the side's
            # passages, read from the side's own article where the search did not reach it.
            lists = [
                self._filed_first(lst, side, named[0].name, k)
                for side, lst in zip(query.comparison.sides, lists, strict=True)
            ]
        finder = SideFinder(query.comparison.sides, self.retriever.library.roles)
        lists = _one_article_first(lists, k, asked, finder)
        cap = k + 3
        if aspect.strip() and not named:
            # A topic the career lexicon does not name may find nothing on one side; what each
            # side is comes next, for the overview row the table falls back to.
            lists += [self._describing(side, k, source) for side in query.comparison.sides]
            cap += 1
        # The whole question's own best passages lead; each side's follow. A question with no
        # topic ("What's the difference between X and Y?") is all about the two sides: their
        # own passages take the room.
        if aspect.strip():
            lists.insert(0, asked)
        found = _interleave(lists, cap, k)
        if advice:
            # (the advice comes beside the sides' own passages, taking none of their room,
            # from the articles they come from)
            held, sources = {p.id for p in found}, {p.source for p in found}
            found += [p for p in advice if p.id not in held and p.source in sources][
                :CHOICE_PASSAGES
            ]
            found += self._choice_section(query, found, k)
        return found

    def _choice_section(self, query: Query, found: list[Passage], k: int) -> list[Passage]:
        """For a choice question ("Should I pick X or Y?"), an article found that heads a
        section with the choice itself (a heading naming every side: "Did you consider being a
        charge nurse, and why did you stay a staff nurse?") answers it there, though the answer
        names neither side ("... alternating between both roles makes you better at both"):
        that section's passages the choice's own search ranks first in its article, at most
        CHOICE_PASSAGES, none already read."""
        finder = SideFinder(query.comparison.sides, self.retriever.library.roles)
        held = {p.id for p in found}
        out: list[Passage] = []
        for source in dict.fromkeys(p.source for p in found):
            article = self.retriever.passages_of(source)
            if not any(compare.heads_the_choice(p, finder) for p in article):
                continue
            ranked = self.retriever.search(
                f"{query.text} {compare.CHOICE_HINT}",
                SIDE_DEPTH * k,
                source=source,
                roles=query.roles,
            )
            out += [p for p in ranked if p.id not in held and compare.heads_the_choice(p, finder)][
                :CHOICE_PASSAGES
            ]
        return out

    def _not_shown(
        self, query: Query, query_vec, k: int, source: str | None, keep: int
    ) -> list[Passage]:
        """ "tell me more": the question's passages read deeper, leaving out those the answers
        given to it quoted; at most `keep` (as many as the question itself reads)."""
        shown = answer_runs(query.shown)
        deeper = self._retrieve(query, query_vec, min(k * (2 + len(query.shown)), 20), source)
        book = self.retriever.library.roles
        # what the passages must still be about: the roles or sides asked of, else the
        # question's specific words ("resort"), so that reading deeper finds no other subject
        subjects = list(query.sides or query.roles)
        specific = {stem(w) for w in query.topic if specificity(w) >= FOCUS_SPECIFICITY}

        def on_subject(p: Passage) -> bool:
            text = f"{p.section}. {p.text[:20_000]}"
            if subjects:
                return speaks_of_any(text, subjects, book)
            return not specific or bool(specific & _text_stems(text)[0])

        return [p for p in deeper if not quoted_from(p, shown) and on_subject(p)][:keep]

    def _writing_compounds(self, question: str, found: list[Passage]) -> list[Passage]:
        """Up to COMPOUND_PASSAGES passages not found yet that write a hyphenated compound or
        tag the question writes ("#connect-engineering", "on-call"), as written, when at most
        COMPOUND_ARTICLES articles write it (a common one, "day-to-day", decides nothing)."""
        out: list[Passage] = []
        held = {p.id for p in found}
        for m in _COMPOUND.finditer(question[:1000]):
            compound = m.group(0).lower()
            writing = [
                p
                for p in self.retriever.writing(words(compound), COMPOUND_DEPTH)
                if compound in p.text.lower()
            ]
            if not writing or len({p.source for p in writing}) > COMPOUND_ARTICLES:
                continue
            for p in writing:
                if p.id not in held and len(out) < COMPOUND_PASSAGES:
                    out.append(p)
                    held.add(p.id)
        return out

    def _saying_whom_it_suits(self, role: str, found: list[Passage], k: int) -> list[Passage]:
        """Up to SUITS_PASSAGES passages not found yet, with a sentence saying whom a path suits
        that names the role, of the articles whose title names it or else of the first k found
        that name it (SUITS_ARTICLES at most)."""
        book = self.retriever.library.roles
        keys = book.keys(role)
        own = {stem(w) for w in words(role)}

        def names_role(text: str) -> bool:
            return own <= {stem(w) for w in words(text)} or any(
                book.keys(r) & keys for r in book.find(text)
            )

        held = {p.id for p in found}
        # the articles whose title names the role, then those of the best passages naming it
        titled = [s for s, title in self.retriever.library.titles.items() if names_role(title)]
        sources = list(
            dict.fromkeys([*titled, *(p.source for p in found[:k] if names_role(p.text))])
        )
        out: list[Passage] = []
        for src in sources[:SUITS_ARTICLES]:
            for p in self.retriever.article_passages(src):
                if p.id in held or len(out) >= SUITS_PASSAGES:
                    continue
                if any(
                    says_whom_it_suits(s) and names_role(s)
                    for s in split_sentences(p.text[:20_000])
                ):
                    out.append(p)
        return out

    def _within_named(
        self, query: Query, found: list[Passage], depth: int, source: str | None
    ) -> tuple[list[Passage], list[str], list[str]]:
        """A question about a person one or two articles are about ("What does Marcus like
        most about his job?"): the name's few passages (the intro) would lead whatever was
        asked, so the question's other words are searched inside those articles, and in a
        panel among the person's own turns (`own_turns`); other articles do not answer for
        them. Returns the passages, a narrator's articles (see below) and the name."""
        # the name's own passages: fused with the likeness of whole texts, a word only a few
        # passages write can rank below the k kept
        doers = asked_name(query.text)
        if not doers or source:  # (one article asked about already: nothing to narrow)
            return found, [], []
        name, sources = named_person(query.text, self.retriever.writing(doers, depth) + found)
        bylined = not name
        if not name:
            # the narrator a byline names ("How long did it take Tomasz to switch?" of a post
            # by Tomasz Nowak): the article is theirs, though its text never writes the name
            said = {fold_accents(w) for w in words(" ".join(doers))}
            sources = [s for s, by in self.retriever.bylines().items() if said and said <= by]
            if not sources or len(sources) > NAMED_ARTICLES:
                return found, [], []
            name = doers
        rest = re.sub(rf"\b(?:{'|'.join(map(re.escape, name))})(?:['’]s)?\b", " ", query.text)
        inside = [
            own_turns(
                self.retriever.search(rest, PANEL_DEPTH, source=src, roles=query.roles), name
            )[:depth]
            for src in sources
        ]
        # The person's own articles answer; another article's advice is not theirs
        narrowed = _interleave(inside, depth)
        if not narrowed:
            return found, [], []
        # (a narrator's article is all theirs, so every further search keeps to it; a person
        # an article introduces has their own passages found, and its introduction is not
        # searched for again)
        return narrowed, (sources if bylined else []), name

    def _own_articles(self, found: list[Passage], side: str) -> list[str]:
        """Of the passages' articles, those whose title names the side and no other role
        ("Midwife Career Guide"), at most OWN_ARTICLES."""
        book = self.retriever.library.roles
        finder = SideFinder([side], book)
        own: list[str] = []
        for p in found:
            if p.source in own or finder.sides_in(p.title, pair=False) != {0}:
                continue
            if any(finder.sides_in(r, pair=False) != {0} for r in book.find(p.title)):
                continue  # "Architect vs Civil Engineer": an article about two roles
            own.append(p.source)
            if len(own) == OWN_ARTICLES:
                break
        return own

    def _within_own(
        self, query: Query, found: list[Passage], depth: int, source: str | None
    ) -> list[Passage]:
        """A question about one role with an article of its own ("How to Become a Wind Turbine
        Technician"): every passage there names the role, so the role's words rank its
        introduction first whatever was asked; the question's other words are searched inside
        that article too, and its best passages join the ones found."""
        if source or query.comparison is not None or len(query.roles) != 1:
            return found
        own = self._own_articles(found, query.roles[0])
        if not own:
            return found
        rest = query.text
        for role in self.retriever.library.roles.find(query.text):
            rest = re.sub(rf"(?<![\w-]){re.escape(role)}", " ", rest, flags=re.I)
        if not content_terms(rest):
            return found
        inside = [self.retriever.search(rest, depth, source=src, roles=[]) for src in own]
        # after the passages found, which keep their places: a few of the article's own
        seen = {p.id for p in found}
        more = [p for p in _interleave(inside, depth) if p.id not in seen][:OWN_EXTRA]
        return [*found, *more]

    def _meeting_focus(
        self, query: Query, found: list[Passage], depth: int, source: str | None
    ) -> list[Passage]:
        """ "Can a PM be technical?": when no passage found writes the words a one-role
        question asks for (`asked_for`, `judged_of_role`), they are searched with the role, and
        the best passages about it that write them join the ones found; the role's name alone
        can outrank "They are typically less technical than the rest of the team"."""
        if query.comparison is not None or query.followup or len(query.roles) != 1:
            return found
        role = query.roles[0]
        choices = [c for wanted in asked_for(query.text, query.roles) for c in wanted]
        judged = judged_of_role(query.text, query.roles)
        if judged:
            choices.append(words(judged))
        said = clause_of_role(query.text, query.roles)
        if said:
            choices.append(said)
        wanted = [{stem(w) for w in c} for c in choices if c]
        if not wanted:
            return found

        book = self.retriever.library.roles
        keys = book.keys(role)

        def writes(p: Passage) -> bool:
            """Writes the asked-for words, of the role (a passage naming it, or under a
            heading or title naming it)."""
            said = _text_stems(f"{p.section} {p.text}")[0]
            return any(w <= said for w in wanted) and any(
                book.keys(r) & keys for r in book.find(_said_of(p))
            )

        if any(writes(p) for p in found):
            return found
        text = f"{role} {' '.join(w for c in choices for w in c)}"
        seen = {p.id for p in found}
        more = [
            p
            for p in self.retriever.search(
                text, FOCUS_DEPTH * depth, source=source, roles=query.roles, about=role
            )
            if p.id not in seen and writes(p)
        ]
        return [*found, *more[:FOCUS_EXTRA]]

    def _filed_first(self, found: list[Passage], side: str, aspect: str, k: int) -> list[Passage]:
        """The side's passages with those its own articles file under `aspect` first (see
        `compare.heading_aspects`). Its own articles: among its k best passages, those whose
        title names the side and no other role ("Midwife Career Guide"), at most OWN_ARTICLES."""
        book = self.retriever.library.roles
        own = self._own_articles(found[:k], side)
        seen = {p.id for p in found}
        extra = [
            p
            for src in own
            for p in self.retriever.article_passages(src)
            if p.id not in seen and aspect in heading_aspects(p, book)
        ]
        filed = [p for p in found if aspect in heading_aspects(p, book)]
        filed_ids = {p.id for p in filed}
        return [*filed, *extra, *(p for p in found if p.id not in filed_ids)]

    def _describing(
        self, side: str, k: int, source: str | None, keep: int | None = None
    ) -> list[Passage]:
        """A side of a comparison that asks about no aspect: what the role is. Among its best
        DESCRIBE_DEPTH * k passages, those with a sentence whose subject is the role come
        first; `keep` of them (k by default) are returned."""
        book = self.retriever.library.roles
        depth = max(DESCRIBE_DEPTH * k, 2 * (keep or k))
        found = self.retriever.search(side, depth, source=source, roles=[], about=side)
        role = book.role_for(side) or side  # a field's sections are headed by its role too
        # The opening passage of a section headed by the role is where its article introduces
        # it ("## Data Scientist": "The roles of a data scientist and ... are similar. However,
        # data scientists ..."): it leads, then passages whose sentences have the role as subject.
        leads: dict[tuple[str, str], Passage] = {}
        for p in found:
            named = book.find(own_heading(p.section))
            if named and all(book.one_role(r, role) for r in named):
                lead = leads.get((p.source, p.section))
                if lead is None or p.chunk_index < lead.chunk_index:
                    leads[(p.source, p.section)] = p
        opening = {p.id for p in leads.values()}
        return sorted(
            found, key=lambda p: (p.id not in opening, not describes(p.text, side, book))
        )[: keep or k]

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


__all__ = ["Assistant", "AskResult", "QuestionError", "reference_urls"]
