"""The LLM answering strategy: rewrite a follow-up, stream an answer, check it, or give up.

`LLMAnswerer.answer` either fills the result with a checked LLM answer (flags, notice and
`incomplete` set as needed) or raises LLMError, after which the caller shows the extractive
answer with the error's reason as a notice.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from .citations import CitationSet
from .llm import ChatModel, Deadline, LeakGuard, LLMError, build_messages, rewrite_messages
from .verify import Preview, check_answer, renumber

log = logging.getLogger(__name__)
# A finish reason that says the model stopped on its own.
_FINISHED = {"stop", "eos", "end_turn", "stop_sequence"}
_SENTENCE_END = re.compile(r"[.!?](?:[*_)\]\"”’]{0,3})(?=\s|$)|\n")
_ABSTAINS = re.compile(r"\b(?:don't|do not|doesn't|does not) (?:cover|answer|mention)", re.I)


class LLMAnswerer:
    def __init__(self, settings, model: ChatModel | None = None) -> None:
        self.settings = settings
        self.model = model or ChatModel(settings)

    @property
    def name(self) -> str:
        return self.model.name

    def deadline(self) -> Deadline:
        return Deadline(self.settings.llm_deadline)

    def rewrite(
        self, question: str, turns: list[dict], deadline: Deadline, max_chars: int
    ) -> str | None:
        """The follow-up made self-contained by the model, or None (then the heuristic is used).
        Its own short timeout, no retry: a stalled rewrite must not eat the answer's time."""
        try:
            timeout = min(self.settings.llm_rewrite_timeout, deadline.remaining())
            rewritten = self.model.complete(rewrite_messages(question, turns), deadline, timeout)
        except LLMError as exc:
            log.info("follow-up rewrite by LLM failed (%s); using the heuristic", exc.reason)
            return None
        rewritten = rewritten.strip()
        return rewritten if 0 < len(rewritten) <= max_chars else None

    def answer(
        self,
        question: str,
        query: str,
        passages: list,
        turns: list[dict],
        refs: dict[str, dict],
        allowed: set[str],
        deadline: Deadline,
        result: dict,
    ) -> Iterator[dict]:
        """Stream the model's answer as delta events, then check it into `result`."""
        model, s = self.model, self.settings
        messages = build_messages(question, passages, turns, query=query, canary=model.canary)
        guard = LeakGuard(model.system_prompt, model.canary)
        preview = Preview(allowed)
        stream = model.stream(messages, deadline)
        pieces: list[str] = []
        size, capped = 0, False
        for piece in stream:
            room = s.llm_max_chars - size
            if len(piece) > room:
                piece, capped = piece[:room], True
            pieces.append(piece)
            size += len(piece)
            if guard.feed(piece):
                raise LLMError(_LEAKED)
            # The raw text may carry an image or link that the final check would remove: the
            # preview is what a page may render while the answer is still arriving.
            yield {"type": "delta", "text": piece, "preview": preview.feed(piece)}
            if capped:
                break  # closes the stream: the model is not read any further
        if guard.finish():
            raise LLMError(_LEAKED)
        raw = "".join(pieces)
        finish = stream.finish_reason
        cut_off = capped or finish == "length"
        if not cut_off and finish not in _FINISHED:
            if finish is None:
                raise LLMError("stopped mid-answer (the stream ended without a finish reason)")
            raise LLMError(f"stopped its answer early (finish reason {finish!r})")
        if cut_off:
            raw = _whole_sentences(raw)
            if not raw:
                raise LLMError("was cut off before finishing a sentence")
        raw = raw.strip()
        if not raw:
            raise LLMError("returned an empty answer")

        checked = check_answer(raw, passages, allowed)
        flagged = len(checked.unsupported)
        if checked.claims and flagged * 2 > checked.claims:
            raise LLMError(
                f"gave an answer the passages mostly do not support ({flagged} of "
                f"{checked.claims} statements flagged)"
            )
        answer = renumber(checked.text, checked.used)
        if cut_off:
            why = (
                f"ASSISTANT_LLM_MAX_CHARS, {s.llm_max_chars} characters"
                if capped
                else f"ASSISTANT_LLM_MAX_TOKENS, {s.llm_max_tokens} tokens"
            )
            answer += "\n\n⚠️ *(answer incomplete: cut off at the length limit)*"
            result["incomplete"] = True
            result["notice"] = (
                f"The language model's answer was cut off at its length limit ({why}); "
                "it is shown incomplete."
            )
        result["answer"] = answer
        result["unsupported"] = [
            {"sentence": renumber(u["sentence"], checked.used), "reason": u["reason"]}
            for u in checked.unsupported
        ]
        result["removed_markers"] = checked.removed_markers
        result["stripped"] = checked.stripped
        cites = CitationSet(passages)
        for old in checked.used:
            cites.cite(old - 1, checked.quotes.get(old, ""))
        result["citations"] = cites.build(refs, excerpts=False)
        if not checked.used and _ABSTAINS.search(raw):
            result["abstained"] = True


_LEAKED = "repeated its own instructions instead of answering"


def _whole_sentences(text: str) -> str:
    """The text up to its last complete sentence (or line)."""
    end = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
    return text[:end].rstrip()
