"""A choice asked for a kind of reader ("X or Y for someone who likes Z?") is answered with
the article's advice to that reader, as "Should I become X or Y?" is: the advice on choosing is
read though the question asks a topic, and a verb of liking is no topic of it; advice naming a
side by its field ("wildlife biology") names it though both sides share a modifier. Articles
written for this test (emergency services, wildlife), plus the seed article's own advice by
background."""

from __future__ import annotations

import pytest

from .conftest import dev_library

RESCUE = """# Paramedic vs Firefighter: Two Careers in the Emergency Services

## What a paramedic does

A paramedic assesses patients at the scene, gives drugs and oxygen, and keeps them stable in
the ambulance on the way to hospital.

## What a firefighter does

A firefighter puts out fires, cuts people free from crashed cars and checks buildings for fire
safety.

## Pay

Paramedics earned a median of $53,000 a year, while firefighters earned a median of $57,000.

## Which should you choose?

Choose to be a firefighter if you like hard physical work, heavy kit and a close crew. Choose
to be a paramedic if you enjoy medicine and calm talk with worried people.
"""


WILDLIFE = """# Wildlife Biologist vs Wildlife Photographer

## What a wildlife biologist does

A wildlife biologist counts animals in the field, tags birds and writes reports on how a
species is faring.

## What a wildlife photographer does

A wildlife photographer waits in hides for hours to take pictures of animals and sells them to
magazines.

## Which role is right for you?

If you are drawn to fieldwork and enjoy statistics and writing reports, wildlife biology is
likely the better fit. If you enjoy travel, art and selling your own work, wildlife
photography will probably suit you more.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    written = {"paramedic-vs-firefighter.md": RESCUE, "wildlife-careers.md": WILDLIFE}
    return dev_library(tmp_path_factory, "reader", [], written)


def _verdict(answer: str) -> str:
    return answer.split("**Verdict:**", 1)[1] if "**Verdict:**" in answer else ""


def test_a_choice_for_someone_who_likes_a_thing_takes_the_advice_to_that_reader(library):
    r = library.ask("paramedic or firefighter for someone who likes talking with patients?")
    assert r.comparison == ["paramedic", "firefighter"], r.answer
    assert _verdict(r.answer).lstrip().startswith("Choose to be a paramedic"), r.answer
    r = library.ask("Which suits a person who loves physical work, paramedic or firefighter?")
    assert _verdict(r.answer).lstrip().startswith("Choose to be a firefighter"), r.answer


def test_the_asker_telling_what_they_like_takes_the_advice_too(library):
    # ("like" is the asker's verb, no word of the advice it meets: "if you like hard work")
    r = library.ask("Should I become a paramedic or a firefighter? I like people.")
    assert _verdict(r.answer).lstrip().startswith("Choose to be a paramedic"), r.answer


def test_the_seed_articles_advice_by_background_answers_a_reader_who_likes_statistics(library):
    r = library.ask("AI engineer or ML engineer for someone who likes statistics?")
    assert "If you have a quantitative background in statistics" in _verdict(r.answer), r.answer


def test_advice_naming_a_side_by_its_field_is_the_verdict_though_the_sides_share_a_modifier(
    library,
):
    """ "Wildlife biology" is the wildlife biologist's path: the two sides share "wildlife", but
    the heads' roots ("biolo", "photogra") tell the fields apart."""
    r = library.ask("wildlife biologist or wildlife photographer for someone who likes art?")
    assert "wildlife photography will probably suit you more" in _verdict(r.answer), r.answer
    r = library.ask("Wildlife biologist or wildlife photographer for someone who likes statistics?")
    assert "wildlife biology is likely the better fit" in _verdict(r.answer), r.answer
