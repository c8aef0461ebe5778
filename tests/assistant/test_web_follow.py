"""The Library's "Follow its references" box against a live server: the article's referenced
page is added with it, its status is listed, the chat cites it, and removing the article
removes it."""

from __future__ import annotations

ARTICLE = """<html><head><title>Lighthouse Keeper Careers</title></head><body><article>
<h1>Lighthouse Keeper Careers</h1>
<p>Lighthouse keepers maintain the lamps and fog signals of remote coastal stations. Their
numbers keep falling as stations are automated (Beaconwatch, 2024).</p>
<h2>References</h2>
<p>Beaconwatch. (2024). Coastal station staffing review. Beaconwatch Trust. {base}/review.html</p>
<p>Gonepage. (2023). A page that is missing. Gonepage Ltd. {base}/missing.html</p>
</article></body></html>"""
REVIEW = """<html><head><title>Coastal Station Staffing Review</title></head><body><article>
<h1>Coastal Station Staffing Review</h1>
<p>The review found that only nineteen staffed lighthouses remain, most of them on islands
that ships still need to navigate around in bad weather.</p></article></body></html>"""


def test_add_url_with_follow_adds_the_referenced_page(web_client, article_server):
    root, base = article_server
    (root / "keeper.html").write_text(ARTICLE.format(base=base))
    (root / "review.html").write_text(REVIEW)
    url, review = f"{base}/keeper.html", f"{base}/review.html"

    message, report, table, _ = web_client.predict(url, "", True, api_name="/library_add_url")
    assert f"Reference {review}: fetched" in message, message
    assert f"Reference {base}/missing.html: not fetched: HTTP 404" in message
    assert "cited by" in message
    rows = {row[1]: row for row in table["data"]}
    assert rows[review][-1] == "cited by Lighthouse Keeper Careers"
    assert "Beaconwatch, 2024: fetched" in rows[url][-1]
    assert "not fetched: HTTP 404" in rows[url][-1]
    listed = {r["source"]: r for r in web_client.predict(api_name="/library_list")}
    statuses = {f["url"]: f["status"] for f in listed[url]["followed"]}
    assert statuses == {review: "fetched", f"{base}/missing.html": "not fetched: HTTP 404"}
    assert listed[review]["cited_by"] == ["Lighthouse Keeper Careers"]

    result = web_client.predict(
        "What does the Beaconwatch review say about staffed lighthouses?", [], api_name="/ask"
    )
    cited = [c for c in result["citations"] if c["source"] == review]
    assert cited and cited[0]["cited_by"] == ["Lighthouse Keeper Careers"], result["answer"]
    assert "nineteen" in result["answer"]

    message, report, table, _ = web_client.predict(url, "", api_name="/library_remove")
    assert {r["source"]: r["status"] for r in report["sources"]} == {
        url: "removed",
        review: "removed",
    }
    assert not {url, review} & {r["source"] for r in web_client.predict(api_name="/library_list")}


def test_add_url_without_follow_fetches_only_the_article(web_client, article_server):
    root, base = article_server
    (root / "keeper.html").write_text(ARTICLE.format(base=base))
    (root / "review.html").write_text(REVIEW)
    url = f"{base}/keeper.html"
    message, report, _, _ = web_client.predict(url, "", api_name="/library_add_url")
    assert [r["source"] for r in report["sources"]] == [url] and "Reference" not in message
    web_client.predict(url, "", api_name="/library_remove")
