"""HTML and chat text for the web page. Everything from articles or users is escaped here.

Nothing in this module imports gradio, so the escaping rules can be tested on their own.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from knowledge.sanitize import display_text, source_name
from knowledge.text import phrase_span

MAX_SAVED_ANSWERS = 30  # answers whose sources a page keeps (and saves in the browser)
_CITE = re.compile(r"\[(\d{1,3})\]")
# An answer fragment that carries citations: the text up to a [n] run, split at sentence ends,
# table cells and line breaks.
_FRAGMENT = re.compile(r"[^|\n.!?\[\]]{1,600}[.!?]?\s{0,3}(?:\[\d{1,3}\]\s{0,3}){1,10}")
_WORD = re.compile(r"\w{1,60}")
_SENTENCE = re.compile(r"[^.!?\n]{1,2000}[.!?]?")

CSS = """
#badge { display: flex; gap: .5rem; align-items: center; justify-content: flex-end; }
.mode-badge { display: inline-block; padding: .2rem .6rem; border-radius: 999px;
  font-size: .85rem; font-weight: 600; background: var(--color-accent-soft);
  color: var(--body-text-color); border: 1px solid var(--color-accent); }
.notice { padding: .5rem .75rem; border-radius: 6px; background: #fff4d6; color: #5c4400;
  border: 1px solid #e8c558; }
#sources { max-height: calc(100vh - 9rem); overflow-y: auto !important; overscroll-behavior: contain;
  padding-bottom: 1rem; }
#sources-col { align-self: flex-start; position: sticky; top: .5rem; }
.sources h3 { margin: 0 0 .5rem 0; }
.answer-for { margin: 0 0 .5rem 0; font-size: .9rem; }
#chat a[href^="#cite-"] { text-decoration: none; font-weight: 600; color: var(--color-accent);
  border-radius: 4px; padding: 0 .1rem; }
#chat a[href^="#cite-"]:hover, #chat a[href^="#cite-"]:focus { background: var(--color-accent-soft); }
#chat .selected-answer { outline: 2px solid var(--color-accent-soft); border-radius: 8px; }
#chat table { table-layout: auto; }
#chat table td, #chat table th { word-break: normal; overflow-wrap: normal; hyphens: none; }
.cite { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .75rem;
  margin-bottom: .6rem; background: var(--block-background-fill); scroll-margin: .5rem; }
.cite.active { border-color: var(--color-accent); box-shadow: 0 0 0 2px var(--color-accent-soft); }
.cite-head { font-weight: 600; }
.cite-n { color: var(--color-accent); margin-right: .25rem; }
.cite-section { font-weight: 400; font-style: italic; }
.cite-text { margin: .4rem 0; line-height: 1.45; white-space: pre-wrap; overflow-wrap: anywhere; }
.cite-text mark { background: #ffe58a; color: #222; padding: 0 .1rem; border-radius: 2px; }
.cite-ref, .cite-src { font-size: .85rem; color: var(--body-text-color-subdued);
  overflow-wrap: anywhere; }
.muted { color: var(--body-text-color-subdued); }
#stop:disabled { background: var(--button-secondary-background-fill);
  color: var(--body-text-color-subdued); border-color: var(--border-color-primary); opacity: .7; }
#confirm-remove { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .5rem; }
@media (max-width: 600px) {
  /* Phone: the conversation, then its sources, then the question box and the examples. */
  #main-row { flex-direction: column; }
  #chat-col { display: contents; }
  #chat { order: 1; }
  #notice { order: 2; }
  #sources-col { order: 3; position: static; width: 100%; }
  #composer { order: 4; }
  #sources { max-height: none; overflow: visible !important; }
  /* Comparison tables become one card per aspect (labels set by the page script); a table
     the script has not labelled yet scrolls sideways. Words are never split. */
  #chat table { display: block; overflow-x: auto; max-width: 100%; border: 0; }
  #chat table[data-labelled] thead { display: none; }
  #chat table[data-labelled], #chat table[data-labelled] tbody,
  #chat table[data-labelled] tr, #chat table[data-labelled] td { display: block; width: auto; }
  #chat table[data-labelled] tr { border: 1px solid var(--border-color-primary);
    border-radius: 8px; margin-bottom: .6rem; padding: .3rem .5rem; }
  #chat table[data-labelled] td { border: 0; padding: .25rem 0; }
  #chat table[data-labelled] td:first-child { font-weight: 700; }
  #chat table[data-labelled] td:not(:first-child)::before { content: attr(data-label);
    display: block; font-size: .8rem; font-weight: 600; color: var(--body-text-color-subdued); }
  /* Before the first question: no empty panels between the title and the question box. */
  #sources-col:has(.sources.empty) { display: none; }
  #title-row h2 { font-size: 1.3rem; margin-bottom: .2rem; }
  #title-row p { display: none; }
}
"""

_SAFE_SCHEMES = ("http", "https")


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_markdown(markdown: str) -> str:
    """Markdown for the Chatbot with raw HTML neutralised: '<' becomes an entity, so a
    '<script>' or '<img onerror>' from an article or a question shows as text, never as a tag.
    Markdown itself (tables, bold, [n]) is untouched."""
    return (markdown or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_url(url: object) -> str | None:
    """The URL when it is a plain http(s) link, else None (no javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


def highlight(text: str, quote: str | list[str]) -> str:
    """Escaped passage text with each supporting sentence wrapped in <mark>.

    `quote` is one sentence or several (the quote and the answer's own words cited with this
    passage). Whitespace may differ between a quote and the passage, so the match tolerates it.
    """
    text = text or ""
    quotes = [quote] if isinstance(quote, str) else list(quote or [])
    spans = sorted(
        span for q in quotes if (q or "").strip() for span in [phrase_span(text, q.strip())] if span
    )
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, at = [], 0
    for a, b in merged:
        out.append(f"{e(text[at:a])}<mark>{e(text[a:b])}</mark>")
        at = b
    out.append(e(text[at:]))
    return "".join(out)


def cited_fragments(answer: str, n: int) -> list[str]:
    """The answer's own words cited with [n] (normalized): what it took from passage n."""
    out = []
    for match in _FRAGMENT.finditer(answer or ""):
        piece = match.group(0)
        if n in {int(x) for x in _CITE.findall(piece)}:
            out.append(_norm(_CITE.sub(" ", piece)))
    return out


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def supporting_sentences(text: str, answer: str, n: int) -> list[str]:
    """The passage's sentences (of four words or more) that the answer repeats beside [n]."""
    cited = " | ".join(cited_fragments(answer, n))
    if not cited:
        return []
    found = []
    for sentence in _SENTENCE.findall(text or ""):
        words = _norm(sentence)
        if words.count(" ") >= 3 and f" {words} " in f" {cited} ":
            found.append(sentence.strip())
    return found


def _title_attr(text: str) -> str:
    """Text for a Markdown link title: one line, no quotes, brackets or table pipes."""
    flat = " ".join(display_text(text).split())[:300]
    return re.sub(r'["()\[\]|\\<>]', "'", flat)


def link_citations(markdown: str, answer_index: int, citations: list[dict]) -> str:
    """Each [n] of a finished answer as a link to passage n of this answer; its title (shown
    on hover) is the quote. [n] with no citation behind it stays plain text."""
    quotes = {c.get("n"): c.get("quote", "") for c in citations or []}

    def repl(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in quotes:
            return m.group(0)
        title = _title_attr(quotes[n])
        return f'[\\[{n}\\]](#cite-{answer_index}-{n} "{title}")'

    return _CITE.sub(repl, markdown)


def mode_badge(label: str) -> str:
    return f'<span class="mode-badge" title="How answers are written">{e(label)}</span>'


def notice_html(notice: str | None) -> str:
    return f'<div class="notice" role="status">{e(notice)}</div>' if notice else ""


def citation_html(c: dict, answer_index: int | None = None, answer: str = "") -> str:
    """One cited passage. Every article-derived string goes through display_text, then escaping;
    the file is named without its server path."""
    ref = c.get("reference") or None
    n = c.get("n")
    anchor = f"cite-{answer_index}-{n}" if answer_index is not None else f"cite-{n}"
    text = display_text(c.get("text", ""))
    quotes = [c.get("quote", "")]
    if isinstance(n, int):
        quotes += supporting_sentences(text, answer, n)
    section = display_text(c.get("section"))
    parts = [
        f'<div class="cite" id="{e(anchor)}" data-n="{e(n)}">',
        f'<div class="cite-head"><span class="cite-n">[{e(n)}]</span>'
        f"{e(display_text(c.get('title')))}"
        + (f' — <span class="cite-section">{e(section)}</span>' if section else "")
        + "</div>",
        f'<div class="cite-text">{highlight(text, quotes)}</div>',
    ]
    if ref:
        url = safe_url(ref.get("url"))
        link = (
            f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer nofollow">{e(url)}</a>'
            if url
            else e(display_text(ref.get("url") or ""))
        )
        bits = [
            b
            for b in (e(display_text(ref.get("label"))), e(display_text(ref.get("title"))), link)
            if b
        ]
        parts.append(f'<div class="cite-ref">Cites: {", ".join(bits)}</div>')
    if c.get("cited_by"):
        cited = ", ".join(e(display_text(t)) for t in c["cited_by"])
        parts.append(f'<div class="cite-by">cited by {cited}</div>')
    parts.append(f'<div class="cite-src">From: {e(source_name(c.get("source")))}</div>')
    parts.append("</div>")
    return "".join(parts)


EMPTY_SOURCES = (
    '<div class="sources empty"><h3>Sources</h3><p class="muted">Ask a question: the passages '
    "behind each [n] in the answer appear here, with the supporting sentences "
    "highlighted. Click an [n] to jump to its passage; hover it to read the quote.</p></div>"
)


def _answer_section(result: dict, k: int, shown: bool) -> str:
    citations = result.get("citations") or []
    answer = result.get("answer") or ""
    body = [citation_html(c, k, answer) for c in citations]
    if not body:
        body.append('<p class="muted">No passage supports an answer to this question.</p>')
    total = (result.get("timings_ms") or {}).get("total")
    mode = "LLM" if result.get("mode") == "llm" else "extractive"
    foot = f"{mode} answer" + (f" in {total:.0f} ms" if isinstance(total, int | float) else "")
    question = str(result.get("question") or "")  # the user's own words, escaped below
    return (
        f'<section class="answer-sources" id="answer-{k}" data-answer="{k}" '
        f'data-question="{e(question)}"{"" if shown else " hidden"}>'
        f'<p class="answer-for muted">For: “{e(question[:200])}”</p>'
        f'{"".join(body)}<p class="muted">{e(foot)}</p></section>'
    )


def sources_html(result: dict | None) -> str:
    """The sources panel for one result (the /ask JSON): each citation, then a summary."""
    return sources_panel([result] if result else [])


def sources_panel(answers: list[dict | None], selected: int | None = None) -> str:
    """The sources of every answer on the page, one section each (answers[k] belongs to the
    k-th assistant message); only the selected one, by default the latest, is shown.
    A None entry (a stopped or failed answer) has no sources."""
    if not any(answers):
        return EMPTY_SOURCES
    last = len(answers) - 1
    selected = last if selected is None else selected
    sections = [
        _answer_section(a, k, k == selected) for k, a in enumerate(answers) if a is not None
    ]
    latest = next((a for a in reversed(answers) if a), {})
    # data-question lets a page (or a test) tell which answer the panel belongs to.
    question = str(latest.get("question") or "")
    shown_none = answers[selected] is None
    note = '<p class="muted">This answer has no sources.</p>' if shown_none else ""
    return (
        f'<div class="sources" data-question="{e(question)}" data-answers="{len(answers)}">'
        f"<h3>Sources</h3>{note}{''.join(sections)}</div>"
    )


# The page's one script (Blocks.launch(head=...)): [n] links reveal passage n of their own
# answer, clicking an answer shows its sources, and uploads carry the admin token when one is
# typed. Nothing here reads article text; it only moves between elements the server rendered.
HEAD = """
<script>
(() => {
  const bots = () => [...document.querySelectorAll('#chat [data-testid="bot"]')];
  function showAnswer(k, n) {
    const panel = document.querySelector('#sources .sources');
    if (!panel) return;
    let target = null;
    panel.querySelectorAll('.answer-sources').forEach((s) => {
      const on = s.dataset.answer === String(k);
      s.hidden = !on;
      if (on) target = s;
    });
    bots().forEach((b, i) => b.classList.toggle('selected-answer', i === Number(k)));
    if (!target) return;
    panel.querySelectorAll('.cite.active').forEach((c) => c.classList.remove('active'));
    const card = n == null ? null : target.querySelector('#cite-' + k + '-' + n);
    if (card) {
      card.classList.add('active');
      reveal(card);
    }
  }
  // Desktop: scroll the side panel only, so the answer stays in view. Phone: scroll the page.
  function reveal(card) {
    const box = document.querySelector('#sources');
    const scrolls = box && getComputedStyle(box).overflowY !== 'visible'
      && box.scrollHeight > box.clientHeight + 1;
    if (scrolls) {
      const top = card.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop += top - 8;
    } else {
      card.scrollIntoView({block: 'start'});
    }
  }
  // Phone: comparison tables become one card per aspect; each cell is labelled with its
  // column heading (the labels are read from the rendered table, never from the server).
  function labelTables(root) {
    root.querySelectorAll('#chat table:not([data-labelled])').forEach((t) => {
      const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      t.querySelectorAll('tbody tr').forEach((tr) => {
        [...tr.children].forEach((td, i) => td.setAttribute('data-label', heads[i] || ''));
      });
      t.setAttribute('data-labelled', '1');
    });
  }
  new MutationObserver(() => labelTables(document)).observe(document.documentElement, {
    childList: true, subtree: true,
  });
  window.careerAssistantShowAnswer = showAnswer;
  document.addEventListener('click', (ev) => {
    const el = ev.target instanceof Element ? ev.target : null;
    if (!el) return;
    const a = el.closest('a[href*="#cite-"]');
    if (a) {
      const m = (a.getAttribute('href') || '').match(/#cite-(\\d+)-(\\d+)$/);
      if (m) {
        ev.preventDefault();
        ev.stopPropagation();
        showAnswer(m[1], m[2]);
      }
      return;
    }
    const bot = el.closest('#chat [data-testid="bot"]');
    if (bot) showAnswer(bots().indexOf(bot), null);
  }, true);
  const send = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    const box = document.querySelector('#admin-token input');
    if (/\\/gradio_api\\/upload(\\?|$)/.test(url) && box && box.value) {
      init = Object.assign({}, init || {});
      const headers = new Headers(init.headers || {});
      headers.set('X-Admin-Token', box.value);
      init.headers = headers;
    }
    return send(input, init);
  };
})();
</script>
"""
