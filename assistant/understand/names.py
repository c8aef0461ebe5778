"""People named in a question: "What does Marcus like most?", "How did he get that job?
(Marcus)" (a name a follow-up carries). General English shapes only."""

from __future__ import annotations

import re

# "What does Amara Osei ...", "Where did Tom ...": the title-case subject after an auxiliary
NAMED_DOER = re.compile(
    # (the name may end the question: "Who is Dan Na?")
    r"\b(?:do|does|did|is|was|has|had|will|would|can|could|should)\s+"
    r"((?:[A-Z][\w'’-]{1,40}(?:\s+|(?=[?.!,]|$))){1,3})"
    # ... or whom it took ("How long did it take Tomasz to switch?", "the hardest part for Ravi")
    r"|\b(?:take|takes|took|for)\s+((?:[A-Z][\w'’-]{1,40}(?:\s+|(?=[?.!,]|$))){1,3})"
)
# "Amara", "Mary-Jo", "O'Neil": title case, no acronym ("AI") and no inner capital ("DevOps")
NAME_WORD = re.compile(r"^[A-Z][a-z]{1,40}(?:[-'’][A-Z]?[a-z]{1,40}){0,2}$")
# a name a follow-up carries at its end: "How did he get that job? (Marcus)"
_CARRIED_NAME = re.compile(
    r"\(([A-Z][a-z]{1,40}(?: [A-Z][a-z]{1,40}){0,2})(?: [^()]{1,200})?\)\s*$"
)


def doer_names(question: str) -> list[str]:
    """The title-case words right after the question's auxiliary, a name if any ("What does
    Marcus like ...?" -> ["Marcus"])."""
    return [
        t
        for m in NAMED_DOER.finditer(question)
        for t in (m.group(1) or m.group(2)).split()
        if NAME_WORD.match(t)
    ]


def asked_name(question: str) -> list[str]:
    """`doer_names`, else the name a follow-up carries; [] when there is none."""
    carried = _CARRIED_NAME.search(question[-200:])
    return doer_names(question) or (carried.group(1).split() if carried else [])
