"""Plain-text rendering of a result for the terminal.

Every string in a result that came from an article (answer, titles, sections, quotes,
references, sources) goes through the one sanitizer: no escape sequence reaches the terminal.
"""

from __future__ import annotations

import textwrap

from knowledge.sanitize import display_text


def format_plain(result: dict) -> str:
    lines = []
    if result.get("notice"):
        lines.append(f"note: {display_text(result['notice'])}\n")
    lines.append(display_text(result["answer"]))
    if result["citations"]:
        lines.append("\nSources:")
        for c in result["citations"]:
            lines.append(f"[{c['n']}] {display_text(c['title'])} — {display_text(c['section'])}")
            quote = display_text(c["quote"])
            lines.append(textwrap.indent(textwrap.fill(f"“{quote}”", 96), "    "))
            ref = c.get("reference")
            if ref:
                label, title, url = (display_text(ref[k]) for k in ("label", "title", "url"))
                lines.append(f"    cites: {label}, {title} <{url}>")
            if c.get("cited_by"):
                cited_by = ", ".join(display_text(t) for t in c["cited_by"])
                lines.append(f"    cited by: {cited_by}")
            lines.append(f"    from: {display_text(c['source'])}")
    mode = "LLM" if result["mode"] == "llm" else "extractive"
    lines.append(f"\n({mode} answer in {result['timings_ms']['total']:.0f} ms)")
    return "\n".join(lines)
