"""A question word's close store words (`Retriever.neighbours`), remembered per word: the
same as working them out against the whole vocabulary, whatever other words are asked with
it, and worked out again once a write changes the vocabulary."""

from __future__ import annotations

import numpy as np

from knowledge.text import stem

SHOP = """# Working in a fabrication shop

A fabrication shop hires apprentices each spring. The shop floor runs two shifts, and the
supervisor checks every joint before it leaves the bay. Apprentices learn blueprint reading,
grinding and cutting in their first year, and they sit a bend test at the end of it.
"""

WELDERS = """# Life as a pipeline welder

Welders on a pipeline crew travel for months at a time. Certified welders earn a premium
for each code they hold, and a welder who passes the 6G test can work on pressure pipe.
"""


def _fresh(retriever, query: str, min_sim: float = 0.55, per_word: int = 3):
    """The neighbours worked out word by word against the whole vocabulary, nothing kept."""
    from knowledge.text import STOPWORDS, words

    rows, vecs = retriever._neighbour_rows
    out = []
    for w in dict.fromkeys(words(query)):
        if w in STOPWORDS or len(w) <= 2:
            continue
        row = vecs @ retriever.kb.embedder.embed_batch([w])[0]
        for j in np.argpartition(-row, min(per_word, len(row) - 1))[:per_word]:
            name = retriever._row_words[rows[j]]
            if row[j] >= min_sim and stem(name) != stem(w):
                out.append((stem(name), float(row[j])))
    return out


def test_close_words_are_remembered_per_word_until_the_vocabulary_changes(make_settings, tmp_path):
    from assistant.retrieve import Retriever
    from ingest.pipeline import ingest_sources
    from knowledge.store import open_knowledge_base

    settings = make_settings()
    kb = open_knowledge_base(settings)
    shop = tmp_path / "shop.md"
    shop.write_text(SHOP, encoding="utf-8")
    assert ingest_sources([str(shop)], kb, settings).ok
    retriever = Retriever(kb)
    retriever.refresh()

    alone = retriever.neighbours("welding")
    assert alone == _fresh(retriever, "welding")
    assert not any(s == stem("welders") for s, _ in alone)  # no welder in the shop article
    # asked beside other words, a word keeps its own close words, in the question's order
    both = retriever.neighbours("apprentices welding")
    assert both == _fresh(retriever, "apprentices") + alone
    assert retriever.neighbours("welding apprentices") == alone + _fresh(retriever, "apprentices")

    # a write brings new words: the word's close words are looked for again
    welders = tmp_path / "welders.md"
    welders.write_text(WELDERS, encoding="utf-8")
    assert ingest_sources([str(welders)], kb, settings).ok
    retriever.refresh()
    after = retriever.neighbours("welding")
    assert after == _fresh(retriever, "welding")
    assert any(s == stem("welders") for s, _ in after), after
