"""The web page in a real headless Chromium at 1366x768 and 390x844: each answer keeps its own
sources, [n] links reveal passage n of that answer, every cited card can be scrolled fully into
view, the phone layout has no sideways overflow and no word split across lines, history
survives a reload, Remove asks first, XSS payloads never run, streaming with Stop (enabled only
while answering), the LLM-failure notice, and no request leaving 127.0.0.1. Screenshots go to
test-output/browser/ (gitignored)."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urlsplit

import pytest
from gradio_client import Client, handle_file

from knowledge.settings import REPO_ROOT
from tests.assistant.conftest import start_app
from tests.support.openai_server import Reply, StallMidStream, Status

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUT = REPO_ROOT / "test-output" / "browser"
WAIT_MS = 60_000
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=1;alert(1)</script>'
XSS_ARTICLE = f"""# Zebra Finch Curator {XSS} Careers

## Pay and duties

A zebra finch curator looks after aviary collections <script>window.__xss=1;alert(1)</script>
in city zoos. The zebra finch curator role pays $77,777 per year
<img src=x onerror="window.__xss=1;alert(1)"> at most zoos.

## Skills

Zebra finch curators need patience, record keeping and knowledge of bird song.
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Watched:
    """A page with every request URL and every dialog recorded."""

    def __init__(self, browser, viewport=DESKTOP) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).hostname not in ("127.0.0.1",)]

    def shot(self, name: str):
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}.png"
        self.page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        return path


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.context.close()


@pytest.fixture
def phone(browser):
    w = Watched(browser, PHONE)
    yield w
    w.context.close()


def open_page(w: Watched, url: str):
    w.page.goto(url, wait_until="load")
    w.page.locator("#question textarea").wait_for(timeout=WAIT_MS)
    return w.page


def wait_for_answer(page, question: str) -> None:
    """The sources panel carries the question of the answer it belongs to."""
    page.wait_for_function(
        """q => { const s = document.querySelector('#sources .sources');
                  return s && s.getAttribute('data-question') === q; }""",
        arg=question,
        timeout=WAIT_MS,
    )


def ask_in_page(page, question: str) -> str:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    wait_for_answer(page, question)
    return last_answer(page)


def last_answer(page) -> str:
    return page.locator('#chat [data-testid="bot"]').last.inner_text()


def test_chat_answers_with_a_table_sources_and_highlighted_quotes(running_app, watched):
    page = open_page(watched, running_app.url)
    assert page.locator("#badge").inner_text().strip() == "Extractive (no LLM)"
    examples = [b.inner_text() for b in page.locator("button.example").all()]
    assert "Which role pays more?" in examples
    assert "Compare AI engineers and ML engineers" in examples

    # An empty question is refused with a short message and leaves the chat as it was.
    page.locator("#ask").click()
    page.get_by_test_id("toast-body").filter(has_text="question is empty").wait_for(timeout=WAIT_MS)
    assert page.locator('#chat [data-testid="user"]').count() == 0

    page.locator("button.example", has_text="Compare AI engineers and ML engineers").click()
    wait_for_answer(page, "Compare AI engineers and ML engineers")
    bot = page.locator('#chat [data-testid="bot"]').last
    cells = bot.locator("table td").all_inner_texts()
    assert cells and sum(bool(re.search(r"\[\d+\]", c)) for c in cells) >= 2, cells
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", bot.inner_text())}

    cards = page.locator("#sources .cite")
    shown = set()
    for i in range(cards.count()):
        card = cards.nth(i)
        n = int(re.search(r"\[(\d+)\]", card.locator(".cite-n").inner_text()).group(1))
        shown.add(n)
        assert card.locator(".cite-head").inner_text().strip()  # title — section
        passage = card.locator(".cite-text").inner_text()
        marks = card.locator(".cite-text mark").all_inner_texts()
        assert marks and all(m.strip() and m in passage for m in marks), (n, marks)
    assert shown == cited
    # A reference behind a passage is shown with its label, title and link.
    ref_links = page.locator("#sources .cite-ref a").all()
    assert ref_links and all(a.get_attribute("href").startswith("https://") for a in ref_links)
    path = watched.shot("chat-comparison")
    assert path.stat().st_size > 10_000

    # A follow-up uses the earlier turns.
    ask_in_page(page, "What does an AI engineer do?")
    answer = ask_in_page(page, "How fast is that role growing?")
    assert "third-fastest" in answer
    assert page.locator('#chat [data-testid="bot"]').count() == 3

    page.locator("#clear").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#chat [data-testid=\"bot\"]').length === 0",
        timeout=WAIT_MS,
    )
    assert page.locator("#sources .cite").count() == 0
    assert watched.dialogs == []
    assert watched.outside_requests() == []


def test_html_in_articles_and_questions_is_shown_as_text(running_app, watched, tmp_path):
    client = Client(running_app.url, verbose=False, download_files=False)
    article = tmp_path / "zebra-finch.md"
    article.write_text(XSS_ARTICLE)
    _, report, _, _ = client.predict(handle_file(str(article)), "", api_name="/library_add_file")
    source = report["sources"][0]["source"]
    try:
        page = open_page(watched, running_app.url)
        question = f"How much does a zebra finch curator earn? {XSS}"
        answer = ask_in_page(page, question)
        assert "$77,777" in answer
        # The payload is visible as text in the question bubble and in the cited passage...
        user = page.locator('#chat [data-testid="user"]').last.inner_text()
        assert "<script>window.__xss=1;alert(1)</script>" in user
        passages = " ".join(page.locator("#sources .cite-text").all_inner_texts())
        # Tags in the article are removed by the one sanitizer; the words around them stay.
        assert "zebra finch curator" in passages.lower() and "$77,777" in passages
        assert "<script" not in passages and "onerror" not in passages
        # ...and never became markup.
        page.locator("button[role=tab]", has_text="Library").click()
        page.wait_for_function(
            "() => document.querySelector('#library-table').innerText.includes('Zebra Finch')",
            timeout=WAIT_MS,
        )
        assert "<script" not in page.locator("#library-table").inner_text()
        # An error message that quotes what the user typed shows it as text too.
        page.locator("#add-url input, #add-url textarea").first.fill(XSS)
        page.get_by_role("button", name="Add URL").click()
        toast = page.get_by_test_id("toast-body").filter(has_text="is not an http(s) URL")
        toast.wait_for(timeout=WAIT_MS)
        assert "<script>window.__xss=1;alert(1)</script>" in toast.inner_text()
        page.wait_for_timeout(500)  # give any injected handler the chance to fire
        watched.shot("xss-library")
        assert page.evaluate("() => typeof window.__xss") == "undefined"
        injected = page.evaluate(
            "sel => document.querySelectorAll(sel).length",
            "img[onerror], #chat script, #sources script, #library-table script",
        )
        assert injected == 0
        assert watched.dialogs == []
        assert watched.outside_requests() == []
    finally:
        client.predict(source, "", api_name="/library_remove")


def test_llm_answers_stream_stop_cancels_and_failures_show_a_notice(
    seeded_store, tmp_path, watched, openai_server
):
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    env = {
        "OPENAI_BASE_URL": openai_server.base_url,
        "OPENAI_API_KEY": "test-key",
        "ASSISTANT_CHAT_MODEL": "test-model",
        "ASSISTANT_LLM_TIMEOUT": "3",
        "ASSISTANT_LLM_RETRIES": "0",
    }
    with start_app(store, tmp_path, **env) as app:
        page = open_page(watched, app.url)
        assert page.locator("#badge").inner_text().strip() == "LLM: test-model"
        assert page.locator("#stop").is_disabled()  # nothing is running

        # 1. A streamed answer arrives with its citation and sources. It cites the passage
        # that says it, or the check would flag it and fall back.
        def pays_more(body: dict) -> str:
            prompt = body["messages"][-1]["content"]
            blocks = re.findall(r'<passage n="(\d+)"[^>]*>\n(.*?)\n</passage>', prompt, re.S)
            n = next(n for n, text in blocks if "earn more at the senior level" in text)
            return f"ML engineers generally earn more at the senior level [{n}]."

        openai_server.script(Reply(pays_more, chunk_size=6))
        answer = ask_in_page(page, "Which role pays more?")
        assert "earn more" in answer and "[1]" in answer
        assert page.locator("#sources .cite").count() >= 1
        assert page.locator("#notice .notice").count() == 0

        # 1b. A sentence its citation does not support stays visible, flagged with the reason.
        def with_invented_figure(body: dict) -> str:
            claim = pays_more(body)
            return f"{claim} Senior ML engineers earn $990,000 {claim[claim.rindex('[') :]}"

        openai_server.script(Reply(with_invented_figure, chunk_size=6))
        answer = ask_in_page(page, "How much do ML engineers earn?")
        assert "earn more at the senior level [1]." in answer
        assert "unsupported: $990,000 is not in the cited passage" in answer
        assert page.locator("#notice .notice").count() == 0

        # 2. Stop ends a stalled stream: the partial text stays, no answer or fallback follows.
        openai_server.script(StallMidStream("Streaming partial words"))
        box = page.locator("#question textarea")
        box.fill("What skills does an ML engineer need?")
        box.press("Enter")
        bot = page.locator('#chat [data-testid="bot"]').last
        bot.get_by_text("Streaming partial words").wait_for(timeout=WAIT_MS)
        assert page.locator("#stop").is_enabled()
        page.locator("#stop").click()
        # Without Stop, the 3 s model timeout would bring the extractive fallback and a notice.
        page.wait_for_timeout(6000)
        stopped = last_answer(page)
        assert "Streaming partial words" in stopped and "Stopped." in stopped
        assert page.locator("#stop").is_disabled()
        assert page.locator("#notice .notice").count() == 0
        sources_for = page.locator("#sources .sources").get_attribute("data-question")
        assert sources_for == "How much do ML engineers earn?"

        # 3. A failing model gives the extractive answer with a visible notice.
        openai_server.script(Status(500))
        answer = ask_in_page(page, "How fast is the AI engineer role growing?")
        assert "third-fastest" in answer
        notice = page.locator("#notice .notice").inner_text()
        assert "language model" in notice and "extractive" in notice
        watched.shot("llm-fallback-notice")
        assert watched.outside_requests() == []


def test_library_tab_adds_selects_and_removes_an_article(running_app, watched, article_server):
    root, base = article_server
    (root / "otter.html").write_text(
        "<html><head><title>Otter Census Analyst Careers</title></head><body><article>"
        "<h1>Otter Census Analyst Careers</h1><p>An otter census analyst counts river otters "
        "from drone footage for water boards. The otter census analyst role pays $55,555 a "
        "year in most regions, according to the river board survey.</p></article></body></html>"
    )
    url = f"{base}/otter.html"
    page = open_page(watched, running_app.url)
    page.locator("button[role=tab]", has_text="Library").click()
    page.locator("#add-url input, #add-url textarea").first.fill(url)
    page.get_by_role("button", name="Add URL").click()
    page.locator("#library-status").get_by_text("Added “Otter Census Analyst Careers”").wait_for(
        timeout=WAIT_MS
    )
    table_has = "t => document.querySelector('#library-table').innerText.includes(t)"
    page.wait_for_function(table_has, arg="Otter Census Analyst", timeout=WAIT_MS)
    # Nothing is pre-selected beside Remove, and the URL box is empty again.
    selected = page.locator("#selected input")
    assert selected.input_value() == ""
    page.wait_for_function(
        "() => document.querySelector('#add-url input, #add-url textarea').value === ''",
        timeout=WAIT_MS,
    )
    # The table shows file names and URLs, never a server path.
    table_text = page.locator("#library-table").inner_text()
    assert "ai-engineer-vs-machine-learning-engineer.txt" in table_text
    assert str(REPO_ROOT) not in table_text and "/corpus/" not in table_text
    # Clicking a row selects that article.
    page.locator(
        "#library-table span.text:visible", has_text="AI Engineer vs Machine"
    ).first.click()
    page.wait_for_function(
        "() => document.querySelector('#selected input').value.includes('AI Engineer vs')",
        timeout=WAIT_MS,
    )
    page.locator("#library-table span.text:visible", has_text="Otter Census Analyst").first.click()
    page.wait_for_function(
        "u => document.querySelector('#selected input').value.includes(u)", arg=url, timeout=WAIT_MS
    )
    page.locator("button[role=tab]", has_text="Chat").click()
    answer = ask_in_page(page, "How much does an otter census analyst earn?")
    assert "$55,555" in answer

    page.locator("button[role=tab]", has_text="Library").click()
    # Remove asks first and names the article; Cancel leaves it in place.
    page.locator("#remove").click()
    confirm = page.locator("#confirm-remove")
    confirm.wait_for(state="visible", timeout=WAIT_MS)
    assert "Otter Census Analyst Careers" in confirm.inner_text()
    page.locator("#confirm-no").click()
    confirm.wait_for(state="hidden", timeout=WAIT_MS)
    page.wait_for_timeout(500)
    assert "Otter Census Analyst" in page.locator("#library-table").inner_text()
    page.locator("#remove").click()
    confirm.wait_for(state="visible", timeout=WAIT_MS)
    watched.shot("library-confirm-remove")
    page.locator("#confirm-yes").click()
    page.locator("#library-status").get_by_text("Removed").wait_for(timeout=WAIT_MS)
    page.wait_for_function(
        "t => !document.querySelector('#library-table').innerText.includes(t)",
        arg="Otter Census Analyst",
        timeout=WAIT_MS,
    )
    assert watched.outside_requests() == []


def card_fully_visible(page, k: int, n: int) -> bool:
    """Card n of answer k is inside both the sources panel's visible box and the viewport."""
    return page.evaluate(
        """([k, n]) => {
            const card = document.getElementById(`cite-${k}-${n}`);
            const box = document.querySelector('#sources');
            if (!card || !card.offsetParent) return false;
            const c = card.getBoundingClientRect(), b = box.getBoundingClientRect();
            const top = Math.max(b.top, 0), bottom = Math.min(b.bottom, window.innerHeight);
            const tall = c.height > bottom - top;  // taller than the space: its top is shown
            return c.top >= top - 1 && (tall || c.bottom <= bottom + 1);
        }""",
        [k, n],
    )


def test_each_answer_keeps_its_sources_and_every_citation_can_be_revealed(running_app, watched):
    page = open_page(watched, running_app.url)
    questions = ["Compare AI engineers and ML engineers", "What skills does an ML engineer need?"]
    for q in questions:
        ask_in_page(page, q)
    bots = page.locator('#chat [data-testid="bot"]')
    assert bots.count() == 2
    for k, q in enumerate(questions):
        links = bots.nth(k).locator('a[href^="#cite-"]')
        numbers = sorted(
            {int(re.search(r"\[(\d+)\]", t).group(1)) for t in links.all_inner_texts()}
        )
        assert numbers, q
        if k == 0:
            assert len(numbers) >= 4  # the case the old panel could not scroll to
        for n in numbers:
            link = links.filter(has_text=f"[{n}]").first
            # Hovering shows the quote: the link's title is the passage's supporting sentence.
            quote = link.get_attribute("title")
            assert quote and len(quote.split()) >= 3
            link.click()
            section = page.locator(f"#sources section[data-answer='{k}']")
            assert section.is_visible() and section.get_attribute("data-question") == q
            # The other answer's sources are not shown beside this one.
            assert page.locator("#sources section.answer-sources:visible").count() == 1
            card = page.locator(f"#cite-{k}-{n}")
            assert "active" in card.get_attribute("class")
            page.wait_for_function(
                "([k, n]) => { const c = document.getElementById(`cite-${k}-${n}`);"
                " return c && c.getBoundingClientRect().height > 0; }",
                arg=[k, n],
                timeout=WAIT_MS,
            )
            assert card_fully_visible(page, k, n), (k, n)
            # Its highlighted sentences are in the passage, and the quote is among them.
            marks = card.locator(".cite-text mark").all_inner_texts()
            passage = card.locator(".cite-text").inner_text()
            assert marks and all(m in passage for m in marks)
            assert any(" ".join(quote.split()[:3]) in " ".join(m.split()) for m in marks)
    # Clicking an earlier answer shows its sources again.
    bots.nth(0).locator("p, td").first.click()
    assert page.locator("#sources section[data-answer='0']").is_visible()
    watched.shot("desktop-sources-per-answer")
    assert watched.outside_requests() == []


def test_history_survives_a_reload_and_clear_forgets_it(running_app, watched):
    page = open_page(watched, running_app.url)
    ask_in_page(page, "Which role pays more?")
    before = last_answer(page)
    page.wait_for_timeout(800)  # the save runs right after the answer
    page.reload()
    page.locator("#question textarea").wait_for(timeout=WAIT_MS)
    page.wait_for_function(
        "() => document.querySelectorAll('#chat [data-testid=\"bot\"]').length === 1",
        timeout=WAIT_MS,
    )
    assert last_answer(page) == before
    wait_for_answer(page, "Which role pays more?")  # its sources came back too
    page.locator('#chat a[href^="#cite-0-"]').first.click()
    assert page.locator("#sources .cite.active").count() == 1
    page.locator("#clear").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#chat [data-testid=\"bot\"]').length === 0",
        timeout=WAIT_MS,
    )
    page.wait_for_timeout(800)
    page.reload()
    page.locator("#question textarea").wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(1500)
    assert page.locator('#chat [data-testid="bot"]').count() == 0


def test_phone_layout_has_no_overflow_and_sources_follow_the_answer(running_app, phone):
    page = open_page(phone, running_app.url)
    # Before the first question the question box is on the first screen: no empty full-screen box.
    box = page.locator("#question textarea").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    assert page.locator("#chat").bounding_box()["height"] < PHONE["height"] / 3
    phone.shot("phone-empty")

    ask_in_page(page, "Compare AI engineers and ML engineers")
    page.wait_for_timeout(300)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, overflow
    # No table cell is narrower than a word: nothing in a cell spills out of it, and the page
    # never breaks words (the cells' own words are measured one by one). A compound may wrap
    # after its own hyphen ("retrieval-" / "augmented"), as print does: each part is measured.
    narrow = page.evaluate(
        """() => {
            const bad = [];
            for (const td of document.querySelectorAll('#chat td, #chat th')) {
                const cs = getComputedStyle(td);
                if (cs.wordBreak === 'break-all' || cs.overflowWrap === 'anywhere') bad.push('wrap');
                const range = document.createRange();
                const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
                const width = td.getBoundingClientRect().width;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const re = /[^\\s-]+-?/g; let m;
                    while ((m = re.exec(node.textContent))) {
                        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                        const rects = range.getClientRects();
                        if (rects.length > 1 || range.getBoundingClientRect().width > width)
                            bad.push(m[0]);
                    }
                }
            }
            return bad;
        }"""
    )
    assert narrow == [], narrow
    assert page.locator("#chat table td").count() > 0
    # Sources come right after the conversation, before the question box and the examples.
    chat = page.locator("#chat").bounding_box()
    sources = page.locator("#sources").bounding_box()
    composer = page.locator("#question").bounding_box()
    examples = page.locator("button.example").first.bounding_box()
    assert chat["y"] + chat["height"] <= sources["y"] + 1
    assert sources["y"] + sources["height"] <= composer["y"] + 1 < examples["y"]
    # [n] scrolls the page to that passage.
    link = page.locator('#chat a[href^="#cite-0-"]').last
    n = int(re.search(r"\d+", link.inner_text()).group(0))
    link.click()
    page.wait_for_timeout(400)
    rect = page.locator(f"#cite-0-{n}").bounding_box()
    assert 0 <= rect["y"] < PHONE["height"], rect
    phone.shot("phone-comparison")
    assert phone.outside_requests() == []


def test_upload_in_the_page_needs_the_admin_token_and_keeps_a_unicode_name(
    seeded_store, tmp_path, watched
):
    store = tmp_path / "store"
    shutil.copytree(seeded_store, store)
    article = tmp_path / "中文文章.md"
    article.write_text(
        "# Kite Mender Careers\n\n## Pay\n\nA kite mender earns about $51,000 a year in most "
        "coastal regions, according to the regional survey.\n",
        encoding="utf-8",
    )
    with start_app(store, tmp_path, ASSISTANT_ADMIN_TOKEN="tok-xyz") as app:
        page = open_page(watched, app.url)
        page.locator("button[role=tab]", has_text="Library").click()
        # Without the token, gradio's upload endpoint itself refuses the file.
        page.locator("#upload input[type=file]").set_input_files(str(article))
        toast = page.get_by_test_id("toast-body").filter(has_text="enter the admin token")
        toast.wait_for(timeout=WAIT_MS)
        # A reload starts the app again: wait for it as open_page does, and for the token box,
        # before typing (on a loaded machine a click could land while the page still builds).
        page.reload(wait_until="load")
        page.locator("#question textarea").wait_for(timeout=WAIT_MS)
        page.locator("button[role=tab]", has_text="Library").click()
        page.locator("#admin-token input").wait_for(state="visible", timeout=WAIT_MS)
        page.locator("#admin-token input").fill("tok-xyz")
        page.locator("#upload input[type=file]").set_input_files(str(article))
        page.locator("#upload").get_by_text("中文文章.md").wait_for(timeout=WAIT_MS)
        page.get_by_role("button", name="Add file").click()
        page.locator("#library-status").get_by_text("Added “Kite Mender Careers”").wait_for(
            timeout=WAIT_MS
        )
        page.wait_for_function(
            "() => document.querySelector('#library-table').innerText.includes('中文文章.md')",
            timeout=WAIT_MS,
        )
        # The upload box is empty again after the success.
        page.locator("#upload").get_by_text("中文文章.md").wait_for(
            state="detached", timeout=WAIT_MS
        )
        assert watched.outside_requests() == []
    assert "tok-xyz" not in app.log_text()
