"""Hostile inputs that made ingest's regexes super-linear, or that expand far beyond their
size, finish quickly. Each runs in a child process that is killed after a generous limit."""

from __future__ import annotations

import zlib

import pytest

from ingest.load import decode
from knowledge.errors import IngestError
from tests.ingest.helpers import pdf_from_objects
from tests.support.child import finishes

LIMIT_S = 20  # generous: the fixed code takes well under a second on each input


def _finishes(code: str) -> None:
    finishes(code, LIMIT_S)


PIPELINE = """
from ingest.clean import clean_text
from ingest.load import decode
from ingest.split import chunk_article
from ingest.structure import parse_article

def run(name, kind, data):
    loaded = decode(name, kind, data)
    article = parse_article(loaded.source, clean_text(loaded.text), loaded.kind,
                            loaded.title_hint, structured=loaded.structured)
    return article, chunk_article(article, "v1")
"""


@pytest.mark.parametrize("kind", ["md", "txt", "html"])
def test_markdown_emphasis_runs_are_linear(kind):
    # 56 KB of "__a__b " once took 15 s in the Markdown stripper.
    _finishes(
        PIPELINE
        + f"""
runs = "__a__b " * 8000
if "{kind}" == "html":
    data = "<html><body><article><h1>Notes</h1><p>" + runs + "</p></article></body></html>"
else:
    data = "# Notes\\n\\n" + runs
run("/x/e.{kind}", "{kind}", data.encode())
"""
    )


def test_a_reference_line_full_of_years_is_linear():
    # 96 KB of "(2020" on one line once took 4 s in the reference-entry pattern.
    _finishes(
        PIPELINE
        + """
body = "Smith " + "(2020 " * 16000
text = "Notes\\n\\nA line (Smith, 2020).\\n\\nReferences\\n\\n" + body + "\\n"
run("/x/r.txt", "txt", text.encode())
"""
    )


def test_a_list_item_wrapped_over_many_lines_is_linear():
    # one item carried over 200k short lines: joined once, not re-copied line by line; and a
    # colon-ended lead-in over many one-item blocks stays linear too
    _finishes(
        PIPELINE
        + """
text = "Skills\\n\\nNeeded:\\n\\n- a\\n" + "  b\\n" * 200000
run("/x/w.txt", "txt", text.encode())
text = "Skills\\n\\n" + "Needed:\\n\\n- a\\n\\n" * 20000
run("/x/v.txt", "txt", text.encode())
"""
    )


def test_a_pdf_table_read_for_wrapped_cells_is_linear():
    # a layout text of thousands of short-celled lines, each a possible continuation of the
    # row above, and plain lines that are all pieces of rows: each line is read once
    _finishes(
        """
from ingest.formats.pdf import _pieces, _wrapped_rows

row = "Label    $1    $2    $3"
laid = "\\n".join([row] + ["more    x" if i % 2 else "" for i in range(200000)])
rows = _wrapped_rows(laid)
wide = "    ".join(f"c{i}" for i in range(20000))
_wrapped_rows("\\n".join([wide] * 50))
tables = [(r[1], "t") for r in rows[:1000]]
_pieces(["Label", "$1 $2", "$3"] * 50000, tables)
"""
    )


def test_reading_a_pages_footnotes_is_linear():
    # a page of thousands of lines, each ending on a possible marker ("word.1"), under a run
    # of numbered lines at its foot, and one very long line of digits and full stops: the
    # foot is read for at most a few lines, and each marker search is one pass
    _finishes(
        """
from ingest.formats.pdf import _footnotes

body = [f"line {i} ends on a word.1 Then more" for i in range(100000)]
foot = [f"{i % 90 + 1} Note text {i}." for i in range(5000)]
_footnotes([body + foot, ["1." * 200000, "1 A note."]])
"""
    )


def test_linking_thousands_of_references_is_linear():
    # 5,000 references (380 KB) once took 5 min 27 s: a regex compiled per chunk x reference.
    _finishes(
        PIPELINE
        + """
entries = [f"Author{i}, A. (2020). Title number {i}. Publisher. https://example.com/{i}"
           for i in range(5000)]
paras = [f"Paragraph {i} cites a source (Author{i}, 2020) and Author{i+1}'s 2020 work."
         for i in range(0, 5000, 5)]
text = ("Notes\\n\\n" + "\\n\\n".join(paras) + "\\n\\nReferences\\n\\n"
        + "\\n".join(entries) + "\\n")
article, chunks = run("/x/many.txt", "txt", text.encode())
assert len(article.references) == 5000, len(article.references)
assert "," in chunks[0].metadata["ref_ids"]  # both mentions found
"""
    )


def _pdf(pages: list[bytes]) -> bytes:
    """A PDF whose page content streams are Flate-compressed: small file, large text."""
    n = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        packed = zlib.compress(content, 9)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed
            + b"\nendstream"
        )
    return pdf_from_objects(objects)


def test_a_pdf_compression_bomb_stops_at_the_text_budget():
    line = b"(Engineers who specialise earn more than generalists do.) Tj T*\n"
    page = b"BT /F1 12 Tf 14 TL 72 720 Td\n" + line * 2000 + b"ET"
    data = _pdf([page] * 200)  # ~21 MB of text from a small file
    assert len(data) < 200_000
    with pytest.raises(IngestError, match="ASSISTANT_MAX_TEXT_CHARS"):
        decode("/x/bomb.pdf", "pdf", data, max_text_chars=300_000)
