"""HTML and chat text for the web page. Everything from articles or users is escaped here.

Nothing in this module imports gradio, so the escaping rules can be tested on their own.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

CSS = """
#badge { display: flex; gap: .5rem; align-items: center; justify-content: flex-end; }
.mode-badge { display: inline-block; padding: .2rem .6rem; border-radius: 999px;
  font-size: .85rem; font-weight: 600; background: var(--color-accent-soft);
  color: var(--body-text-color); border: 1px solid var(--color-accent); }
.notice { padding: .5rem .75rem; border-radius: 6px; background: #fff4d6; color: #5c4400;
  border: 1px solid #e8c558; }
#sources { max-height: 78vh; overflow-y: auto; }
.sources h3 { margin: 0 0 .5rem 0; }
#chat table td:first-child, #chat table th:first-child { white-space: nowrap; }
.cite { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .6rem .75rem;
  margin-bottom: .6rem; background: var(--block-background-fill); }
.cite-head { font-weight: 600; }
.cite-n { color: var(--color-accent); margin-right: .25rem; }
.cite-section { font-weight: 400; font-style: italic; }
.cite-text { margin: .4rem 0; line-height: 1.45; white-space: pre-wrap; }
.cite-text mark { background: #ffe58a; color: #222; padding: 0 .1rem; border-radius: 2px; }
.cite-ref, .cite-src { font-size: .85rem; color: var(--body-text-color-subdued);
  overflow-wrap: anywhere; }
.muted { color: var(--body-text-color-subdued); }
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


def highlight(text: str, quote: str) -> str:
    """Escaped passage text with the supporting sentence wrapped in <mark>.

    Whitespace may differ between the quote and the passage, so the match tolerates it.
    """
    text = text or ""
    quote = (quote or "").strip()
    if quote:
        words = [re.escape(w) for w in quote.split()]
        match = re.search(r"\s+".join(words), text)
        if match:
            a, b = match.span()
            return f"{e(text[:a])}<mark>{e(text[a:b])}</mark>{e(text[b:])}"
    return e(text)


def mode_badge(label: str) -> str:
    return f'<span class="mode-badge" title="How answers are written">{e(label)}</span>'


def notice_html(notice: str | None) -> str:
    return f'<div class="notice" role="status">{e(notice)}</div>' if notice else ""


def citation_html(c: dict) -> str:
    ref = c.get("reference") or None
    parts = [
        f'<div class="cite" id="cite-{e(c.get("n"))}">',
        f'<div class="cite-head"><span class="cite-n">[{e(c.get("n"))}]</span>'
        f"{e(c.get('title'))}"
        + (f' — <span class="cite-section">{e(c["section"])}</span>' if c.get("section") else "")
        + "</div>",
        f'<div class="cite-text">{highlight(c.get("text", ""), c.get("quote", ""))}</div>',
    ]
    if ref:
        url = safe_url(ref.get("url"))
        link = (
            f'<a href="{e(url)}" target="_blank" rel="noopener noreferrer nofollow">{e(url)}</a>'
            if url
            else e(ref.get("url") or "")
        )
        bits = [b for b in (e(ref.get("label")), e(ref.get("title")), link) if b]
        parts.append(f'<div class="cite-ref">Cites: {", ".join(bits)}</div>')
    if c.get("cited_by"):
        cited = ", ".join(e(t) for t in c["cited_by"])
        parts.append(f'<div class="cite-by">cited by {cited}</div>')
    parts.append(f'<div class="cite-src">From: {e(c.get("source"))}</div>')
    parts.append("</div>")
    return "".join(parts)


def sources_html(result: dict | None) -> str:
    """The sources panel for one result: each citation, then a one-line summary."""
    if not result:
        return (
            '<div class="sources"><h3>Sources</h3><p class="muted">Ask a question: the passages '
            "behind each [n] in the answer appear here, with the supporting sentence "
            "highlighted.</p></div>"
        )
    citations = result.get("citations") or []
    body = [citation_html(c) for c in citations]
    if not body:
        body.append('<p class="muted">No passage supports an answer to this question.</p>')
    total = (result.get("timings_ms") or {}).get("total")
    mode = "LLM" if result.get("mode") == "llm" else "extractive"
    foot = f"{mode} answer" + (f" in {total:.0f} ms" if isinstance(total, int | float) else "")
    # data-question lets a page (or a test) tell which answer the panel belongs to.
    return (
        f'<div class="sources" data-question="{e(result.get("question", ""))}">'
        f'<h3>Sources</h3>{"".join(body)}<p class="muted">{e(foot)}</p></div>'
    )
