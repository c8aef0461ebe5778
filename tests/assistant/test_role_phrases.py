"""Job-title phrases read from article text (`assistant.understand.roles.find_roles`): what is
no part of a role, on sentences shaped like several articles (BLS pay lines, a front-end guide,
a lab's staff, a kitchen)."""

from __future__ import annotations

import pytest

from assistant.understand.roles import find_roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("A Conversation with Three Analysts", ["Analysts"]),
        ("We hired 40 data engineers last year.", ["data engineers"]),
        ("Two senior nurses run the night shift.", []),
        ("Dozens of data scientists applied.", ["data scientists"]),
        ("New technicians start near $41,000.", ["technicians"]),
    ],
)
def test_a_count_or_newness_is_no_part_of_a_role(text, roles):
    assert find_roles(text) == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # a possessive's tail is no word of the role
        (
            "The median wage for police and sheriff's patrol officers was $72,280.",
            ["patrol officers"],
        ),
        # a plural role noun right after a singular one is its verb
        ("A front-end developer architects and develops websites.", ["front-end developer"]),
        ("A lab technician manages the samples.", ["lab technician"]),
        # ... and any role noun right after a plural one
        ("Engineering managers lead teams of six.", ["Engineering managers"]),
        # compounds still join
        ("She became an engineering manager.", ["engineering manager"]),
        ("Data science managers hire analysts.", ["Data science managers", "analysts"]),
    ],
)
def test_verbs_and_possessives_do_not_extend_a_role(text, roles):
    assert find_roles(text) == roles
