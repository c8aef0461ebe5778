"""`_role_matches` (the job-title scan searched from near each role noun) gives exactly the
matches of `_ROLE.finditer` (the regex tried at every word), on texts from several fields and
on generated runs of words, spaces, abbreviations and punctuation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.understand.roles import _ROLE, _role_matches

TEXTS = [
    "Charge nurses and ward managers plan the rota; a senior staff nurse leads each shift.",
    "A first-year apprentice electrician earns less than a journeyman; master electricians "
    "and site managers sign off the work.",
    "Dr. A. Okafor, clinical lead, said:\n\n  Our lead\tnurse  practitioner  and the "
    "pharmacy technician meet daily.",
    "Sous chefs, line cooks and the kitchen manager's deputy; front-of-house supervisors.",
    "Leadership, misleading claims, and (engineering) managers: a paralegal vs. legal "
    "secretary, the e.g. senior litigation consultant's view.",
    "Loan officers, credit analysts & risk managers: the C++ developer, a .NET architect, "
    "data/ML engineers x/data engineers.",
    "Our   plumbers\n\n\nand HVAC technicians report to the field-service director.",
    "engineer" * 3 + " leadleadlead testers, " + "a" * 45 + " manager",
    "",
    "No role here, only words about shifts, pay and rotas.",
]

ATOMS = [
    "engineer",
    "Engineers",
    "lead",
    "leads",
    "leader",
    "Leading",
    "nurse",
    "data",
    "AI",
    "ML",
    "and",
    "or",
    "vs.",
    "&",
    "Dr.",
    "J.",
    "e.g.",
    "c++",
    "C#",
    "front-end",
    "a/b",
    ",",
    ".",
    "(",
    ")",
    "'s",
    "ing",
    "s",
    "manager",
    "management",
    "officer",
    "tester",
    "analysts",
    "the",
    "-",
    "#",
    "q" * 45,
    "\x1c",
    "\u00e9",
]
SPACES = ["", " ", " ", "  ", "\n", "\t", "\n\n"]


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def test_texts_from_several_fields_match_as_the_full_scan():
    for text in TEXTS:
        assert _spans(_role_matches(text)) == _spans(_ROLE.finditer(text)), text


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ATOMS), st.sampled_from(SPACES)), max_size=30))
def test_generated_texts_match_as_the_full_scan(parts):
    text = "".join(a + s for a, s in parts)
    assert _spans(_role_matches(text)) == _spans(_ROLE.finditer(text))
