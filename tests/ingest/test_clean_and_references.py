"""Cleaning (no page boilerplate is stored) and the seed's reference list with inline links."""

from __future__ import annotations

import pytest

from ingest.clean import clean_text
from ingest.references import link_mentions, parse_reference
from knowledge.settings import REPO_ROOT, get_settings
from knowledge.store import open_knowledge_base

SEED_BOILERPLATE = (
    "comment",  # covers "Comments" and "No comments yet"
    "why don’t you start the discussion",
    "leave a reply",
    "your email address will not be published",
    "required fields are marked",
)

SEED_LABELS = {
    "Levels.fyi, 2026": (
        "Levels.fyi",
        "2026",
        "Machine learning engineer salary data 2026",
        "https://www.levels.fyi/t/machine-learning-engineer",
    ),
    "LinkedIn, 2026": (
        "LinkedIn",
        "2026",
        "Jobs on the rise 2026: Emerging roles report",
        "https://www.linkedin.com/pulse/jobs-rise-2026-linkedin-news/",
    ),
    "Gartner, 2025": (
        "Gartner",
        "2025",
        "Top strategic technology trends for 2026",
        "https://www.gartner.com/en/articles/top-technology-trends-2026",
    ),
}

BOILERPLATE_PAGE = """<!doctype html><html><head><title>Tech Careers Blog</title></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/jobs">Jobs</a></li>
<li><a href="/salaries">Salaries</a></li><li><a href="/contact">Contact</a></li></ul></nav></header>
<p>Home | Jobs | Salaries | Contact</p>
<article>
<h1>Security Engineer Salaries</h1>
<p>Security engineers protect systems from attack and are paid well for scarce skills.</p>
<p>Share this article</p>
<p>Subscribe to our newsletter for weekly salary data</p>
<h2>Where the Money Is</h2>
<p>Finance and healthcare pay the most because breaches there are the most expensive.</p>
<p>Tweet this</p>
<p>Follow us on social media</p>
</article>
<div class="comments"><h3>Leave a Reply</h3>
<form><p>Your email address will not be published. Required fields are marked *</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
<footer><p>© 2026 Tech Careers Blog. All rights reserved.</p><p>Copyright Tech Careers Media</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def seeded_kb(seeded_store):
    settings = get_settings(store=seeded_store)
    settings.chroma_host = None
    return open_knowledge_base(settings)


def _all_documents(kb) -> list[str]:
    _ids, docs, _metas = kb.read_chunks()
    return docs + kb.references.get(include=["documents"])["documents"]


def test_seed_boilerplate_never_reaches_the_store(seeded_kb):
    docs = _all_documents(seeded_kb)
    assert len(docs) > 10
    for doc in docs:
        for phrase in SEED_BOILERPLATE:
            assert phrase not in doc.lower(), doc
    metas = seeded_kb.chunks.get(include=["metadatas"])["metadatas"]
    assert not any("comment" in (m["section"] + m["title"]).lower() for m in metas)


def test_seed_article_text_is_stored(seeded_kb):
    docs = " ".join(_all_documents(seeded_kb))
    assert "third-fastest-growing role globally" in docs
    assert "Knowing which role fits your skills" in docs


def test_synthetic_page_furniture_is_not_stored(tmp_path, run_ingest):
    (tmp_path / "security.html").write_text(BOILERPLATE_PAGE)
    report, kb = run_ingest([tmp_path / "security.html"])
    assert report.ok, report.as_dict()
    _ids, docs, _metas = kb.read_chunks()
    text = "\n".join(docs)
    assert "paid well for scarce skills" in text
    assert "breaches there are the most expensive" in text
    for furniture in (
        "Home",
        "Contact",
        "Share this",
        "Subscribe",
        "newsletter",
        "Tweet",
        "Follow us",
        "Leave a Reply",
        "email address",
        "Required fields",
        "Post Comment",
        "©",
        "Copyright",
        "All rights reserved",
    ):
        assert furniture.lower() not in text.lower(), furniture


def test_clean_text_drops_lines_and_the_comment_tail():
    text = (
        "Skip to content\n\nHome | Blog | Careers | About\n\nReal Title\n\n"
        "Sponsored by Acme Courses, sharpening your skills with hands-on workshops\n\n"
        "A real paragraph about careers in software. It stays.\n\n"
        "Image source: https://example.com/chart.png\n\n"
        "Next chapter: Jane Roe - Principal Engineer at Example\n\n"
        "Interested in joining our team? Check out our open positions.\n\n"
        "Share this article\n\nSubscribe to the newsletter\n\n"
        "A paragraph that mentions our newsletter in passing but is long enough to be real "
        "article content, so it must stay in the cleaned text as written here.\n\n"
        "3 Comments\n\nGreat post, thanks!\n\nLeave a Reply\n\nMore stuff"
    )
    cleaned = clean_text(text)
    assert cleaned.startswith("Real Title")
    assert "It stays." in cleaned
    assert "mentions our newsletter in passing" in cleaned
    for gone in (
        "Skip to",
        "Home | Blog",
        "Share this",
        "Subscribe",
        "Great post",
        "Sponsored",
        "Image source",
    ):
        assert gone not in cleaned


def test_clean_text_drops_blog_platform_furniture():
    # what Medium-, WordPress- and course-site pages leave after extraction
    text = (
        "# Baker or Pastry Chef?\n\nTable of Contents\n\n"
        "Bakers start before dawn and sell by nine.\n\n"
        "Related: How to Open a Bakery\n\n"
        "Pastry chefs plate desserts during evening service.\n\n"
        "Please note that none of the companies mentioned in this article are affiliated "
        "with Flourpath.\n\n"
        "A contents page of recipes is a baker's pride: this line is article text.\n\n"
        "Thanks for reading! Follow me for more kitchen stories.\n\n"
        "## More from Ada Flour\n\n[Ten Breads to Master] · 5 min read\n\n"
        "## Recommended from Medium\n\n[Why I Quit Baking]"
    )
    cleaned = clean_text(text)
    assert "Bakers start before dawn" in cleaned and "Pastry chefs plate" in cleaned
    assert "A contents page of recipes" in cleaned
    for gone in ("Table of Contents", "Related:", "affiliated", "Thanks for", "More from"):
        assert gone not in cleaned, gone
    assert "min read" not in cleaned and "Why I Quit" not in cleaned


def test_a_dev_page_keeps_its_article_text():
    dev = REPO_ROOT.parent / "shared" / "corpus-dev" / "front-end-developer-handbook-2019.html"
    if not dev.is_file():
        pytest.skip(f"the development articles are not at {dev.parent}")
    from ingest.formats.html import html_article

    text, _meta = html_article(dev.name, dev.read_text("utf-8"))
    cleaned = clean_text(text)
    assert len(cleaned) > 0.9 * len(text)


def test_seed_references_are_stored_with_their_fields(seeded_kb):
    metas = seeded_kb.references.get(include=["metadatas"])["metadatas"]
    found = {m["label"]: (m["authors"], m["year"], m["title"], m["url"]) for m in metas}
    assert found == SEED_LABELS
    assert all(m["source"].endswith("ai-engineer-vs-machine-learning-engineer.txt") for m in metas)


@pytest.mark.parametrize(
    ("citation", "label"),
    [("(LinkedIn, 2026)", "LinkedIn, 2026"), ("(Levels.fyi, 2026)", "Levels.fyi, 2026")],
)
def test_passages_citing_a_reference_carry_its_id(seeded_kb, citation, label):
    refs = seeded_kb.references.get(include=["metadatas"])["metadatas"]
    ref_id = next(m["ref_id"] for m in refs if m["label"] == label)
    _ids, docs, metas = seeded_kb.read_chunks()
    citing = [meta for doc, meta in zip(docs, metas, strict=True) if citation in doc]
    assert citing, f"no stored passage contains {citation}"
    for meta in citing:
        assert ref_id in meta["ref_ids"].split(",")


def test_inline_mentions_link_only_matching_references():
    refs = [
        parse_reference("Smith, J., & Lee, K. (2024). Paying engineers. Journal.", "/s"),
        parse_reference("LinkedIn. (2026). Jobs on the rise. https://example.com/jobs", "/s"),
    ]
    assert refs[0].label == "Smith & Lee, 2024"
    assert refs[1].url == "https://example.com/jobs"
    assert link_mentions("Pay rose (Smith & Lee, 2024).", refs) == [refs[0].ref_id]
    assert link_mentions("Growth was fast (LinkedIn, 2026).", refs) == [refs[1].ref_id]
    assert link_mentions("Growth was fast (LinkedIn, 2019).", refs) == []
