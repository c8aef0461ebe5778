"""'What kind of person is it for?' of a role, in a library of several articles: the role's own
article's sentence on whom it suits is read, wherever that article puts it, though other
articles write the role and the question's words more. Articles written for this test (ambulance
work, a field no development article covers), and the seed article among development articles."""

from __future__ import annotations

import pytest

from knowledge.settings import get_settings

TECHNICIAN = """# Working as an Ambulance Technician

## What an ambulance technician does

An ambulance technician answers emergency calls, assesses patients at the scene and gives treatment on the
way to hospital. Ambulance technicians work in pairs on an ambulance and hand each patient over to the
emergency department.

## Training

Ambulance technicians complete a three-year course in emergency care with placements on ambulances.

## Pay

A newly qualified ambulance technician earns about 35,000 pounds a year.

## Deciding

If you stay calm when others panic and like never knowing what the next call brings, ambulance technician
work gives you a varied and meaningful working life.
"""

ROTA = """# Ambulance Service Rotas

Ambulance technicians work twelve-hour shifts, and ambulance technicians on nights cover the busiest hours of the
weekend. Ambulance technicians swap shifts through the rota office, and ambulance technicians with children often
ask for day shifts.

Ambulance technicians on a rapid response car work alone, and ambulance technicians on an ambulance work in pairs.
Ambulance technicians take a meal break at the station when the calls allow it.

Ambulance technicians from other services cover gaps in the rota, and ambulance technicians on the permanent staff
train them on the local routes. Each person on the rota is a kind of person the service relies
on, and every kind of person can find a shift that fits.

Ambulance technicians on the ambulance technician rota record every shift they work, and an ambulance technician who works a bank
holiday is paid a higher rate. An ambulance technician may ask for a change to the rota once a month.

Ambulance technicians who lead a team sit on the rota committee, and an ambulance technician on the committee is the
person other ambulance technicians go to about their shifts, whatever kind of shift it is.
"""

EQUIPMENT = """# What Ambulance Technicians Carry

Ambulance technicians carry a defibrillator, oxygen and a drugs pack on every ambulance, and an ambulance technician
checks each item at the start of a shift. An ambulance technician signs for the controlled drugs, and the
person who hands over the pack signs too.

Ambulance technicians restock the ambulance after each call, and an ambulance technician who finds a fault reports it
to the station. Every kind of kit has an ambulance technician responsible for it, and that person keeps its
log up to date.
"""

KINDS = """# Kinds of People in Emergency Services

Emergency services employ every kind of person: call handlers, dispatchers, ambulance technicians,
technicians and managers. A person who answers calls needs a clear voice, and a person who
dispatches needs a map of the area in their head. The kind of person who manages a station
spends most of the day on rotas and budgets, and ambulance technicians report to that person.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    from assistant.service import Assistant
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    folder = tmp_path_factory.mktemp("whom-it-suits")
    names = {
        "technician.md": TECHNICIAN,
        "rota.md": ROTA,
        "kinds.md": KINDS,
        "equipment.md": EQUIPMENT,
    }
    for name, text in names.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = get_settings(store=folder / "store")
    settings.openai_api_key = settings.openai_base_url = settings.chroma_host = None
    kb = open_knowledge_base(settings)
    report = ingest_sources([str(folder / n) for n in names], kb, settings)
    assert report.ok, report.as_dict()
    return Assistant(settings, kb)


def _follow_up(assistant, first: str, second: str, k: int | None = None):
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": assistant.ask(first, k=k).answer},
    ]
    return assistant.ask(second, history, k=k)


def test_the_roles_own_sentence_on_whom_it_suits_is_read(service):
    # (few passages read: the other articles' passages on paramedics, kinds and persons fill
    # them, as many articles' passages do in a large library)
    r = _follow_up(
        service, "What does an ambulance technician do?", "what kind of person is it for?", k=2
    )
    assert "stay calm when others panic" in r.answer, r.answer


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from tests.assistant.conftest import dev_library

    return dev_library(
        tmp_path_factory,
        "whom-it-suits-dev",
        [
            "datatalksclub-data-team-roles-explained.md",
            "practitioners-guide-data-science-role-and-skill-tracks.html",
            "data-engineering-cookbook-v0.4-preview.pdf",
        ],
    )


def test_the_seeds_sentence_on_whom_the_ml_path_suits_among_development_articles(library):
    r = _follow_up(
        library, "What does the machine learning engineering path involve?", "who is it for?"
    )
    assert "quantitative background" in r.answer, r.answer
