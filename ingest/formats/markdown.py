"""Markdown (and Markdown-ish text) through a real parser, markdown-it-py.

Output is the normalised text the rest of ingest reads: `#` headings, one paragraph per
blank-line block, lists as `- item` lines kept with the sentence that introduces them, tables
as one line per row naming its header cells, and every link reduced to its text with the URL
carried after an invisible marker (see `LINK_MARK`) so chunks can keep it in metadata.

Kept: headings of any level (setext too), paragraphs, lists, block quotes, tables, footnotes
(as reference entries), the text of inline HTML. Dropped: YAML front matter and Hugo's TOML
front matter between "+++" lines (read as metadata instead), images, code blocks and diagrams, HTML comments and tags, template tags (Liquid,
Jinja/Nunjucks, kramdown attribute lists) and table-of-contents placeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser

from knowledge.schema import REFERENCES_HEADING

from .meta import article_meta

# A link's URL travels after its text between two of these; split.py moves it to metadata.
LINK_MARK = "\u2063"

# Template tags are removed before parsing: they may sit inside a link's URL.
# Every pattern is bounded, so each runs in linear time on any input.
_TEMPLATE = re.compile(
    r"\{\{[^\n]{0,2000}?\}\}"  # Liquid/Jinja/Nunjucks output: {{ ... }}
    r"|\{%[^\n]{0,4000}?%\}"  # tags and shortcodes: {% ... %}
    r"|\{#[^\n]{0,2000}?#\}"  # Jinja comments
    r"|\{:[^{}\n]{0,500}\}"  # kramdown attribute lists: {: .class}
)
# A cell of a Markdown table's delimiter row: "---", ":--", "--:", ":-:" (a lone "-" or "--"
# in a table is a value: none).
_DELIMITER_CELL = re.compile(r":-{1,200}:?|-{1,200}:|-{3,200}")
# An MDX file's ES module line, flush left: "import { Tabs } from '@/components/Tabs'",
# "import './style.css'", "export const meta = {...}" on one line. Code, never text.
_MODULE_LINE = re.compile(
    r"(?m)^(?:import[ \t]{1,8}(?:[^\n'\"]{1,300}[ \t]from[ \t]{1,8})?['\"][^'\"\n]{1,300}['\"]"
    r"|export[ \t]{1,8}(?:const|let|default|function)[ \t][^\n]{0,2000}?)[ \t]{0,8};?[ \t]{0,8}$"
)
# A JSX element alone on its line, flush left or nearly: "<PayChart data={[...]} />",
# "<Tabs groupId="x">", "</Tabs>" (a component's name is capitalised; HTML's tags are not).
# Its attributes are code ({...} expressions the HTML rules do not read as a tag); the text
# between an opening and a closing tag stays.
_JSX_LINE = re.compile(r"(?m)^[ \t]{0,3}</?[A-Z][\w.]{0,60}(?:[ \t][^\n]{0,2000}?)?/?>[ \t]{0,8}$")
# A table-of-contents placeholder on its own line: "- TOC", "[TOC]", "[[_TOC_]]", "{:toc}".
_TOC_LINE = re.compile(r"(?im)^[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\[\[?_?toc_?\]?\]|toc)[ \t]{0,8}$")
# Admonition fences of Docusaurus/VitePress (":::note", ":::") and MkDocs ("!!! note"): the
# marker line goes, its content stays.
_ADMONITION = re.compile(
    r"(?m)^[ \t]{0,3}(?::::?|!!!|\?\?\?)[ \t]{0,4}[\w-]{0,30}(?:[ \t][^\n]{0,200})?$"
)
# Template blocks whose body is code or a comment, not prose: {% highlight %}…{% endhighlight %}.
_BLOCK_TAG = re.compile(r"\{%-?[ \t]{0,4}(highlight|raw|comment|capture)\b")
_NOTE_MARK = re.compile(r"\[?\d{1,3}\]?")
# An HTML table's opening or closing tag inside a raw HTML block ("<table class=...>", "</table>")
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]{0,2000}>", re.I)
_HREF = re.compile(r"""\shref\s{0,4}=\s{0,4}["']?([^"'\s>]{1,2000})""", re.I)
_SOURCE_LINE = re.compile(r"^\s{0,4}(?:references?|sources?|further reading)\s{0,4}:", re.I)
_SKIP_HTML = {"script", "style", "figure", "img", "svg", "iframe", "noscript", "picture", "video"}


@dataclass
class Rendered:
    text: str
    meta: dict = field(default_factory=dict)  # title, authors, published, description


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    return md.use(front_matter_plugin).use(footnote_plugin)


class _HTMLText(HTMLParser):
    """Text of an HTML fragment, without images, figures, scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_HTML and tag != "img":
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP_HTML and tag != "img" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_fragment_text(html: str) -> str:
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def html_block_texts(html: str) -> list[str]:
    """The blocks of a raw HTML block: its text, and each <table> in it one line per row that
    names its header cells, as a Markdown table's rows are read (a table's cells run together
    as plain text otherwise: "LicenseMedian payRegistered nurse$86,070")."""
    blocks: list[str] = []
    at = depth = start = 0
    for m in _TABLE_TAG.finditer(html):
        if not m.group(1):
            if depth == 0:
                text = html_fragment_text(html[at : m.start()])
                if text:
                    blocks.append(text)
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                table = _html_table_text(html[start : m.end()])
                if table:
                    blocks.append(table)
                at = m.end()
    text = html_fragment_text(html[start if depth else at :])
    if text:
        blocks.append(text)
    return blocks


def _html_table_text(html: str) -> str:
    """An HTML table's rows, each "Row — Header: value; ..."; its caption a line over them."""
    import lxml.etree
    import lxml.html

    try:
        table = lxml.html.fragment_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html_fragment_text(html)
    rows: list[list[str]] = []
    header_rows = 0
    for tr in table.iter("tr"):
        cells = [c for c in tr if c.tag in ("th", "td")]
        if not cells:
            continue
        in_head = tr.getparent() is not None and tr.getparent().tag == "thead"
        if header_rows == len(rows) and (in_head or all(c.tag == "th" for c in cells)):
            header_rows += 1  # the header: the leading rows in <thead> or of <th> cells
        rows.append([" ".join(c.text_content().split()) for c in cells])
    caption = " ".join(" ".join(c.text_content().split()) for c in table.iter("caption"))
    body = table_text(rows, min(header_rows, 1)) if rows else ""
    lines = [f"{caption.rstrip('.')}." if caption else "", body]
    return "\n".join(line for line in lines if line)


def _link(text: str, url: str) -> str:
    url = url.strip()
    if not url or url.startswith(("#", "javascript:", "mailto:")):
        return text
    return f"{text}{LINK_MARK}{url}{LINK_MARK}"


def _inline(token, cite: bool) -> tuple[str, bool]:
    """(text, all_bold) of an inline token. cite=True writes a link as "text URL"."""
    out: list[str] = []
    hrefs: list[str] = []
    bold = 0
    plain_outside_bold = False
    any_bold = False
    sup = False  # inside <sup>: a bare number there is a footnote marker
    for child in token.children or []:
        kind = child.type
        if kind == "text" and sup and _NOTE_MARK.fullmatch(child.content.strip()):
            continue
        if kind == "text":
            out.append(child.content)
            if child.content.strip():
                if bold:
                    any_bold = True
                else:
                    plain_outside_bold = True
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "code_inline":
            out.append(child.content)
            plain_outside_bold = plain_outside_bold or not bold
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "link_open":
            hrefs.append(child.attrs.get("href", "") or "")
            out.append("\x00")  # where the link text starts
        elif kind == "link_close" and hrefs:
            url = hrefs.pop()
            start = len(out) - 1 - out[::-1].index("\x00")
            text = "".join(out[start + 1 :])
            del out[start:]
            if _NOTE_MARK.fullmatch(text.strip()):
                continue  # a footnote marker such as "1" or "[2]": not prose
            out.append(f"{text} {url}" if cite and url.startswith("http") else _link(text, url))
        elif kind == "html_inline":
            tag = child.content[:5].lower()
            if tag.startswith(("<sup>", "<sup ")):
                sup = True
            elif tag.startswith("</sup"):
                sup = False
            m = _HREF.search(child.content)
            if m and child.content[:2].lower() == "<a":
                hrefs.append(m.group(1))
                out.append("\x00")
            elif child.content[:3].lower() == "</a" and hrefs:
                url = hrefs.pop()
                start = len(out) - 1 - out[::-1].index("\x00")
                text = "".join(out[start + 1 :])
                del out[start:]
                out.append(f"{text} {url}" if cite else _link(text, url))
        # images, footnote references and other HTML are dropped
    text = "".join(out).replace("\x00", "")
    # the brackets around footnote markers dropped above: "per year [1, 2]." -> "per year."
    text = _EMPTY_BRACKETS.sub("", text)
    return " ".join(text.split()), any_bold and not plain_outside_bold


# Brackets left holding only separators once their footnote markers are gone: "[, ]",
# "( ; )"; empty ones ("[]", "f()") may be code and stay (bounded: linear time)
_EMPTY_BRACKETS = re.compile(
    r"[ \t]{0,4}(?:\[[ \t]{0,4}[,;–-][\s,;–-]{0,40}\]|\([ \t]{0,4}[,;–-][\s,;–-]{0,40}\))"
)


BOLD_LEAD_CHARS = 120  # a bold first line this short, over the paragraph's other lines


def _bold_lead(token) -> str:
    """The paragraph's first line when it is all bold, short, and more lines follow ("**Can
    I do both?**" then "Yes. ..." with no blank line between): the heading of the rest, as a
    paragraph that is all bold is. "" otherwise."""
    lead: list[str] = []
    bold = 0
    for i, child in enumerate(token.children or []):
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            rest = token.children[i + 1 :]
            text = " ".join("".join(lead).split())
            if not text or len(text) > BOLD_LEAD_CHARS:
                return ""
            more = any(c.type == "text" and c.content.strip() for c in rest)
            return text if more else ""
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "text":
            if child.content.strip() and not bold:
                return ""
            lead.append(child.content)
        else:
            return ""  # a link, code or markup in the first line: not a plain bold line
    return ""


def _source_links(token) -> list[str]:
    """Entries "text URL" for the links of an inline token."""
    entries: list[str] = []
    children = token.children or []
    for i, child in enumerate(children):
        if child.type == "link_open":
            href = child.attrs.get("href", "") or ""
            text = []
            for nxt in children[i + 1 :]:
                if nxt.type == "link_close":
                    break
                if nxt.type in ("text", "code_inline"):
                    text.append(nxt.content)
            if href.startswith("http"):
                entries.append(f"{' '.join(''.join(text).split())} {href}".strip())
    return entries


# One "Key: value" property line, as note apps (Notion, Obsidian) export a page's properties
_PROPERTY = re.compile(r"([A-Z][A-Za-z]{0,20}(?: [A-Za-z]{1,20}){0,2}):[ \t]{1,3}(\S.{0,300})")
# Keys that make a block of property lines the page's metadata (the keys front matter uses)
_META_KEYS = frozenset(
    ("author", "authors", "by", "created", "date", "published", "date published", "created time")
)


def _properties(raw: str) -> dict[str, str]:
    """The property lines of a paragraph made only of them (at least two, one naming an
    author or a date), as a mapping; {} for any other paragraph."""
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip()]
    if not 2 <= len(lines) <= 20:
        return {}
    found = [_PROPERTY.fullmatch(ln) for ln in lines]
    if not all(found):
        return {}
    props = {m.group(1).lower(): m.group(2) for m in found if m}
    return props if _META_KEYS & props.keys() else {}


# A toggle's title as note apps export it: a triangle, then a short title alone on its line
_TOGGLE = re.compile(r"[▶►▸▷▹][ \t]{1,3}([^\n]{1,120})")
MAX_TOGGLE_WORDS = 12


def _toggle_title(text: str) -> str:
    """The title of a toggle paragraph ("▶ Why I left driving"), or "" for any other text: a
    short phrase with no sentence end."""
    m = _TOGGLE.fullmatch(text.strip())
    if not m:
        return ""
    title = m.group(1).strip()
    if len(title.split()) > MAX_TOGGLE_WORDS or title.endswith((".", "!", ";", ",")):
        return ""
    return title


# Hugo's TOML front matter: a "+++" line opening the file and another closing the block
_TOML_FENCE = "+++"
MAX_TOML_CHARS = 20_000


def _toml_front_matter(md_text: str) -> tuple[str, dict]:
    """The text after a TOML front matter block opening the file ("+++" lines around
    'title = "…"', 'author = "…"', 'date = 2024-10-02'), and the block's metadata; the text
    unchanged and {} when it opens on no such block. A block TOML cannot read is still
    front matter: dropped, with no metadata."""
    import tomllib

    head = md_text.lstrip("\ufeff \t\r\n")
    first, _, rest = head.partition("\n")
    if first.strip() != _TOML_FENCE:
        return md_text, {}
    end = (
        0 if rest.startswith(_TOML_FENCE) else rest.find("\n" + _TOML_FENCE, 0, MAX_TOML_CHARS) + 1
    )
    if end <= 0 and not rest.startswith(_TOML_FENCE):
        return md_text, {}
    body = rest[:end]
    closing, _, after = rest[end:].partition("\n")
    if closing.strip() != _TOML_FENCE:  # "+++" followed by more on its line: not a fence
        return md_text, {}
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError:
        data = {}
    return after, article_meta(data) if data else {}


def render(md_text: str) -> Rendered:
    """Parse Markdown into the normalised text and its front-matter metadata."""
    import yaml

    md_text = md_text.replace(LINK_MARK, "")
    md_text, toml_meta = _toml_front_matter(md_text)
    md_text = _drop_template_blocks(md_text)
    md_text = _ADMONITION.sub("", _TOC_LINE.sub("", _TEMPLATE.sub("", md_text)))
    if "import" in md_text or "export" in md_text:
        md_text = _MODULE_LINE.sub("", md_text)
    if "<" in md_text:
        md_text = _JSX_LINE.sub("", md_text)
    tokens = _parser().parse(md_text)
    blocks: list[str] = []
    meta: dict = dict(toml_meta)
    refs: list[str] = []
    in_refs = False
    i = 0
    n = len(tokens)
    list_depth = 0
    list_lines: list[str] = []
    ordinals: list[int] = []
    table: list[list[str]] = []
    row: list[str] = []
    header_rows = 0
    footnote_depth = 0
    footnote_parts: list[str] = []
    quote_or_item_text = ""
    while i < n:
        tok = tokens[i]
        kind = tok.type
        if kind == "front_matter":
            try:
                data = yaml.safe_load(tok.content)
            except yaml.YAMLError:
                data = None
            if isinstance(data, dict):
                meta = article_meta(data)
        elif kind == "heading_open":
            text, _ = _inline(tokens[i + 1], False)
            i += 2
            if text:
                in_refs = bool(REFERENCES_HEADING.match(text.rstrip(":")))
                blocks.append("#" * int(tok.tag[1]) + " " + text)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            ordinals.append(int(tok.attrs.get("start", 1) or 1) if kind[0] == "o" else 0)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
            ordinals.pop()
            if list_depth == 0 and list_lines:
                _add_list(blocks, list_lines)
                list_lines = []
        elif kind == "list_item_open":
            quote_or_item_text = ""
        elif kind == "inline" and footnote_depth:
            text, _ = _inline(tok, True)
            footnote_parts.append(text)
        elif kind == "inline" and list_depth and not table:
            text, _ = _inline(tok, in_refs)
            if text:
                number = ordinals[-1]
                marker = f"{number}." if number else "-"
                if number:
                    ordinals[-1] += 1
                indent = "  " * (list_depth - 1)
                if quote_or_item_text:  # a second paragraph of the same item
                    list_lines[-1] += " " + text
                else:
                    list_lines.append(f"{indent}{marker} {text}")
                quote_or_item_text = text
        elif kind == "table_open":
            table, header_rows = [], 0
        elif kind == "tr_open":
            row = []
        elif kind in ("th_open", "td_open"):
            text, _ = _inline(tokens[i + 1], False)
            row.append(text)
            i += 2
        elif kind == "tr_close":
            table.append(row)
        elif kind == "thead_close":
            header_rows = len(table)
        elif kind == "table_close":
            blocks.append(table_text(table, header_rows))
            table = []
        elif (
            kind == "inline"
            and not any(not b.startswith("#") for b in blocks)
            and (props := _properties(tok.content))
        ):
            # an export's property lines under the title ("Author: Jane Doe", "Created: March
            # 3, 2024"): metadata, as front matter would be (which wins), not article text
            meta = {**article_meta(props), **meta}
        elif kind == "inline":  # a paragraph
            text, all_bold = _inline(tok, in_refs)
            if text and _SOURCE_LINE.match(text):
                refs += _source_links(tok)
            if not text:
                pass
            elif toggle := _toggle_title(text):
                # a note app's toggle ("▶ Why I left driving"): a title over the text it hides
                blocks.append("#### " + toggle)
            elif all_bold and len(text) <= 300 and not in_refs:
                blocks.append("#### " + text.rstrip(":").strip())
            elif (lead := _bold_lead(tok)) and not in_refs and text.startswith(lead):
                # "**Is it hard?**" with its answer on the next line: a question and answer
                blocks.append("#### " + lead.rstrip(":").strip())
                blocks.append(text[len(lead) :].strip())
            else:
                blocks.append(text)
        elif kind == "html_block":
            blocks += html_block_texts(tok.content)
        elif kind == "footnote_open":
            footnote_depth += 1
            footnote_parts = []
        elif kind == "footnote_close":
            footnote_depth -= 1
            entry = " ".join(p for p in footnote_parts if p)
            if entry:
                refs.append(entry)
        # fences, code blocks, images, rules: not prose
        i += 1
    if refs:
        blocks.append("## References")
        blocks.append("\n".join("- " + r for r in dict.fromkeys(refs)))
    return Rendered("\n\n".join(blocks), meta)


def _drop_template_blocks(text: str) -> str:
    """Remove {% highlight %}…{% endhighlight %} style blocks in one left-to-right pass."""
    if "{%" not in text:
        return text
    out: list[str] = []
    at = 0
    missing: set[str] = set()  # a kind without a closing tag is not searched for again
    for m in _BLOCK_TAG.finditer(text):
        kind = m.group(1)
        if m.start() < at or kind in missing:
            continue
        close = re.compile(r"\{%-?[ \t]{0,4}end" + kind + r"[ \t]{0,4}-?%\}")
        end = close.search(text, m.end())
        if end is None:
            missing.add(kind)
            continue
        out.append(text[at : m.start()])
        at = end.end()
    out.append(text[at:])
    return "".join(out)


def _add_list(blocks: list[str], lines: list[str]) -> None:
    """A list joins the paragraph that introduces it (one ending in ':' or a short lead-in)."""
    listing = "\n".join(lines)
    if blocks and not blocks[-1].startswith("#") and blocks[-1].rstrip().endswith(":"):
        blocks[-1] = f"{blocks[-1]}\n{listing}"
    else:
        blocks.append(listing)


def table_text(rows: list[list[str]], header_rows: int = 1) -> str:
    """One line per row that names its header cells: "Row — Header: value; Header: value".

    A delimiter row inside the table ("|---|---|", as an HTML table's caption or title row
    comes out of the extractor above its real header) makes the row above it the header; the
    rows before that are the table's caption, kept as a line of text over its rows."""
    if not rows:
        return ""
    caption = ""
    rows = [[c.strip() for c in r] for r in rows]
    inner = [
        k
        for k, r in enumerate(rows)
        if k >= 1 and any(r) and all(_DELIMITER_CELL.fullmatch(c) for c in r)
    ]
    if inner:
        last = inner[-1]
        above = [
            " ".join(c for c in r if c) for k, r in enumerate(rows[: last - 1]) if k not in inner
        ]
        caption = " ".join(a for a in above if a).rstrip(".")
        rows, header_rows = [rows[last - 1], *rows[last + 1 :]], 1
    header = rows[0] if header_rows else []
    body = rows[header_rows:] if header_rows else rows
    lines: list[str] = []
    previous = ""
    for cells in body:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        label = cells[0] or previous  # a blank first cell continues the row above
        previous = label
        parts = []
        for j, cell in enumerate(cells[1:], 1):
            if not cell:
                continue
            name = header[j].strip() if j < len(header) else ""
            parts.append(f"{name}: {cell}" if name else cell)
        first = f"{header[0]}: {label}" if header and header[0] and label and not parts else label
        line = f"{first} — {'; '.join(parts)}" if first and parts else (first or "; ".join(parts))
        lines.append(line.rstrip(".") + ".")
    return "\n".join([f"{caption}.", *lines] if caption else lines)
