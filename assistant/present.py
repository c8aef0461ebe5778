"""Plain-text rendering of a result for the terminal."""

from __future__ import annotations

import textwrap


def format_plain(result: dict) -> str:
    lines = []
    if result.get("notice"):
        lines.append(f"note: {result['notice']}\n")
    lines.append(result["answer"])
    if result["citations"]:
        lines.append("\nSources:")
        for c in result["citations"]:
            lines.append(f"[{c['n']}] {c['title']} — {c['section']}")
            lines.append(textwrap.indent(textwrap.fill(f"“{c['quote']}”", 96), "    "))
            ref = c.get("reference")
            if ref:
                lines.append(f"    cites: {ref['label']}, {ref['title']} <{ref['url']}>")
            if c.get("cited_by"):
                lines.append(f"    cited by: {', '.join(c['cited_by'])}")
            lines.append(f"    from: {c['source']}")
    mode = "LLM" if result["mode"] == "llm" else "extractive"
    lines.append(f"\n({mode} answer in {result['timings_ms']['total']:.0f} ms)")
    return "\n".join(lines)
