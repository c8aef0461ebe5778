"""When only one passage has sentences strong enough to answer, the answer reads on in it: a
third sentence of that passage is not left out for the sake of evidence from several passages
that the others cannot give. Article written for this test (dental hygiene)."""

from __future__ import annotations

import pytest

from tests.assistant.conftest import dev_library

HYGIENE = """# Dental Hygienist Career Guide

## What dental hygienists do

Dental hygienists clean teeth, take x-rays and teach patients how to care for their gums.

## Advancement

Dental hygienists may specialize in periodontal care or children's dentistry by earning an
extra certificate. With experience and further training, they may become clinic managers,
public health coordinators or teachers in hygiene programs. Some go on to become dental
therapists, which requires a master's degree.

## Pay

Dental hygienists earned a median of $87,530 in 2023.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    return dev_library(tmp_path_factory, "onepassage", [], {"dental-hygienist.md": HYGIENE})


def test_the_one_strong_passage_is_read_on(library):
    history = [
        {"role": "user", "content": "How do I become a dental hygienist?"},
        {"role": "assistant", "content": "An associate degree and a state licence."},
    ]
    r = library.ask("What about advancement after that?", history)
    for said in ("specialize in periodontal care", "clinic managers", "dental therapists"):
        assert said in r.answer, r.answer
