"""Check an LLM answer against the passages it was shown before the user sees it as final."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.text import STOPWORDS, content_terms, split_sentences

from .understand.roles import find_roles, role_key, role_keys

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.I)
# [text](url), [text](<url>), [text](url "title") and [text](url 'title')
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
# The model was told "no HTML": any tag (<a href>, <iframe>, <script>) could carry a link.
_HTML_TAG = re.compile(r"</?[a-z][a-z0-9-]*(?:\s[^<>]*)?/?>", re.I)
_BARE_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s)\]>\"'`]+", re.I)
# The tail of a partial answer that may become an image, link, tag or URL once complete.
_UNFINISHED = re.compile(
    r"(!?\[[^\]\n]*(\](\([^)\n]*)?)?|<[^>\n]*|(https?:|www\.)[^\s)\]>\"'`]*)$", re.I
)
# The end of a text that may yet become a URL or an image: "htt", "www", "!".
_URL_START = re.compile(r"(?:(?<![\w.])(?:h|ht|htt|https?|w|ww|www)|!)$", re.I)
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# A citation written after the full stop ("fact. [1]") belongs to the sentence before it.
_MARKERS_AFTER_STOP = re.compile(r"([.!?])((?:[ \t]*\[\d+\])+)")
_REPEATED_MARKER = re.compile(r"(\[\d+\])(?:\s*\1)+")
_NUMBER = re.compile(r"(\d[\d,.]*)\s*([km](?![a-z]))?", re.I)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
SUPPORT_THRESHOLD = 0.5
_MARKUP = re.compile(r"[*_\[\]`<>|]")
# A marker naming a passage that was not shown is kept, invisibly, until its sentence is judged.
_BAD_OPEN, _BAD_CLOSE = "\ue000", "\ue001"
_BAD_MARK = re.compile("[ \t]{0,8}\ue000(\\d+)\ue001")
_LIST_PREFIX = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*\n]{1,200}\*\*:?\s*$)")
_NOT_COVERED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|didn't|did not|cannot|can't)\s+(?:\w+\s+){0,2}?"
    r"(?:cover|answer|mention|say|discuss|address|include|give|provide|state)\b",
    re.I,
)
# A name: two or more capitalised words in a row ("United States", "Bureau of Labor
# Statistics"); bounded, so it runs in linear time.
_NAME = re.compile(
    r"(?<![\w'’])[A-Z][\w&'’.-]{0,40}(?:\s{1,3}(?:(?:of|and|for|the|de|&)\s{1,3})?[A-Z][\w&'’.-]{0,40}){1,6}"
)
_POSSESSIVE_ANY = re.compile(r"['’]s\b")
_EDGE_PUNCT = "()[]{}\"“”‘’'.,;:!?*_"


@dataclass
class Checked:
    text: str
    used: list[int] = field(default_factory=list)  # passage numbers (1-based) in order of use
    quotes: dict[int, str] = field(default_factory=dict)
    removed_markers: list[int] = field(default_factory=list)
    unsupported: list[dict] = field(default_factory=list)  # {"sentence", "reason"}
    claims: int = 0  # sentences (or table cells) that state something
    stripped: list[str] = field(default_factory=list)
    _quote_scores: dict[int, float] = field(default_factory=dict, repr=False)


def _numbers(text: str) -> set[str]:
    """Figures in a text, normalised so "$140,000" and "140000" compare equal."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = m.group(1).rstrip(".,").replace(",", "")
        scale = {"k": 1_000, "m": 1_000_000}.get((m.group(2) or "").lower())
        if scale:
            try:
                value = float(digits) * scale
                digits = str(int(value)) if value.is_integer() else str(value)
            except ValueError:
                pass
        out.add(digits)
    return out


def _support(sentence: str, passage_text: str) -> tuple[float, str]:
    """How much of the sentence the passage covers (0..1), and the passage's closest sentence."""
    claim = _MARKER.sub("", sentence)
    terms = set(content_terms(claim))
    sentences = split_sentences(passage_text) or [passage_text]
    if not terms:
        return 1.0, sentences[0]
    best, quote = 0.0, sentences[0]
    for s in sentences:
        overlap = len(terms & set(content_terms(s))) / len(terms)
        if overlap > best:
            best, quote = overlap, s
    whole = len(terms & set(content_terms(passage_text))) / len(terms)
    score = max(best, whole)
    # Words can match while the figure is invented: a number the passage lacks is unsupported.
    if not _numbers(claim) <= _numbers(passage_text):
        score = min(score, SUPPORT_THRESHOLD / 2)
    return score, quote


def _allowed(url: str, allowed_urls: set[str]) -> bool:
    url = url.rstrip(".,;:!?")
    return url in allowed_urls or url.rstrip("/") in {u.rstrip("/") for u in allowed_urls}


def strip_links(text: str, allowed_urls: set[str], stripped: list[str] | None = None) -> str:
    """Remove images, HTML and every link or URL that is not one of `allowed_urls`.

    A model can be talked (by an article it reads) into linking out or loading an image whose
    URL carries the conversation away, so only the articles' own references survive.
    """
    stripped = [] if stripped is None else stripped

    def strip(m: re.Match) -> str:
        stripped.append(m.group(0))
        return ""

    def keep_link(m: re.Match) -> str:
        if _allowed(m.group(2), allowed_urls):
            return m.group(0)
        stripped.append(m.group(0))
        return m.group(1)

    def keep_autolink(m: re.Match) -> str:
        return m.group(1) if _allowed(m.group(1), allowed_urls) else strip(m)

    def keep_url(m: re.Match) -> str:
        url = m.group(0)
        core = url.rstrip(".,;:!?")
        if _allowed(core, allowed_urls):
            return url
        stripped.append(core)
        return url[len(core) :]  # keep the sentence's own punctuation

    text = _IMAGE.sub(strip, text)
    text = _LINK.sub(keep_link, text)
    text = _AUTOLINK.sub(keep_autolink, text)
    text = _HTML_TAG.sub(strip, text)
    # Kept links are re-checked here too; their URLs are allowed, so they survive.
    return _BARE_URL.sub(keep_url, text)


def check_answer(
    text: str, passages: list, allowed_urls: set[str], needs_citation: bool = True
) -> Checked:
    """Check every sentence of an answer against the passage(s) it cites.

    A sentence is kept as it is when its cited passage supports it; otherwise it is flagged
    in place (visible in the answer) and listed in `unsupported` with the reason. With
    `needs_citation`, a sentence that states something and cites nothing is flagged too.
    """
    out = Checked(text)
    k = len(passages)
    text = strip_links(
        text.replace(_BAD_OPEN, "").replace(_BAD_CLOSE, ""), allowed_urls, out.stripped
    )

    def fix_marker(m: re.Match) -> str:
        good: list[int] = []
        bad: list[int] = []
        for num in (int(x) for x in m.group(1).split(",")):
            if not 1 <= num <= k:
                out.removed_markers.append(num)
                bad.append(num)
            elif num not in good:
                good.append(num)
        # A removed number stays behind, invisibly, until its sentence is judged.
        return "".join(f"[{n}]" for n in good) + "".join(f"{_BAD_OPEN}{n}{_BAD_CLOSE}" for n in bad)

    text = _MARKER.sub(fix_marker, text)
    text = _MARKERS_AFTER_STOP.sub(
        lambda m: " " + re.sub(r"\s+", "", m.group(2)) + m.group(1), text
    )
    text = _REPEATED_MARKER.sub(r"\1", text)
    text = re.sub(r"[ \t]+([.,;:!?])", r"\1", text)
    text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)
    text = _flag_unsupported(text, passages, out, needs_citation)
    out.text = _BAD_MARK.sub("", text)
    return out


def _flag_unsupported(text: str, passages: list, out: Checked, needs_citation: bool) -> str:
    lines = text.split("\n")
    separators = {i for i, line in enumerate(lines) if _TABLE_SEPARATOR.fullmatch(line)}
    has_table = bool(separators)
    checked_lines = []

    def judge(piece: str, label: bool = False, later: list[int] | None = None) -> str:
        if _MARKER.search(piece) or _BAD_MARK.search(piece):
            return _check_piece(piece, passages, out)
        if needs_citation and not label and _is_claim(piece):
            if later:  # "Fact one. Fact two [1]." - the paragraph's next citation covers it
                return _check_piece(piece, passages, out, later)
            out.claims += 1
            return _flag(piece, "it cites no passage", out)
        return piece

    # The first citation after each line within its paragraph or list item: a blank line, a
    # new list item, a heading or a table row starts a new claim.
    after: list[list[int] | None] = [None] * len(lines)
    following = None
    for i in range(len(lines) - 1, -1, -1):
        after[i] = following
        line = lines[i]
        starts = _LIST_PREFIX.match(line) or _HEADING.match(line) or "|" in line
        following = None if not line.strip() or starts else (_cited(line) or following)

    for i, line in enumerate(lines):
        if i in separators:
            checked_lines.append(line)
            continue
        if line.strip().startswith("|") or (has_table and "|" in line):
            # Each cell is its own claim; cells cite different passages. The header row and
            # each row's first cell are labels.
            header = i + 1 in separators
            cells = line.split("|")
            first = next((j for j, c in enumerate(cells) if c.strip()), -1)
            cells = [judge(c, label=header or j == first) for j, c in enumerate(cells)]
            checked_lines.append("|".join(cells))
            continue
        if _HEADING.match(line) and not _MARKER.search(line):
            checked_lines.append(line)
            continue
        pieces = split_sentences(line) if line.strip() else []
        if len(pieces) <= 1:
            checked_lines.append(judge(line, later=after[i]) if line.strip() else line)
        else:
            indent = line[: len(line) - len(line.lstrip())]
            later: list[list[int] | None] = [None] * len(pieces)
            following = after[i]
            for j in range(len(pieces) - 1, -1, -1):
                later[j] = following
                found = _cited(pieces[j])
                following = found or following
            checked_lines.append(
                indent + " ".join(judge(p, later=later[j]) for j, p in enumerate(pieces))
            )
    return "\n".join(checked_lines)


def _is_claim(piece: str) -> bool:
    """Whether a sentence states something a passage would have to support."""
    body = _LIST_PREFIX.sub("", piece).strip().strip("*_ ")
    if not body or body.endswith((":", "?")) or _NOT_COVERED.search(body):
        return False
    return bool(_numbers(body)) or len(content_terms(body)) >= 3


def _flag(piece: str, reason: str, out: Checked) -> str:
    out.unsupported.append({"sentence": _BAD_MARK.sub("", piece).strip(), "reason": reason})
    return piece.rstrip() + flag(reason) + (" " if piece.endswith(" ") else "")


def flag(reason: str) -> str:
    """The visible mark after a flagged sentence."""
    return f" ⚠️ *(unsupported: {_MARKUP.sub('', reason)})*"


def _cited(piece: str) -> list[int]:
    return list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", piece)))


def _check_piece(piece: str, passages: list, out: Checked, inherited: list | None = None) -> str:
    nums = _cited(piece) or inherited or []
    out.claims += 1
    if not nums:
        bad = ", ".join(_BAD_MARK.findall(piece))
        shown = len(passages)
        return _flag(piece, f"it cites passage {bad}, but only {shown} were shown", out)
    best = 0.0
    clean = _BAD_MARK.sub("", piece)
    says_something = bool(content_terms(_MARKER.sub("", clean)))
    for n in nums:
        score, quote = _support(clean, passages[n - 1].text)
        best = max(best, score)
        if n not in out.used:
            out.used.append(n)
        # A passage cited twice keeps the quote of the claim it supports best; a bare "[n]"
        # claims nothing, so any real claim's quote beats it.
        rank = score if says_something else -0.5
        if rank > out._quote_scores.get(n, -1.0):
            out.quotes[n], out._quote_scores[n] = quote, rank
    cited = [passages[n - 1] for n in nums]
    joined = "\n".join(p.text for p in cited)
    if best < SUPPORT_THRESHOLD and len(nums) > 1:
        # A sentence may join facts from several passages: judge it against all it cites.
        best = _support(clean, joined)[0]
    reason = _mismatch(clean, cited, joined)
    if reason is None and best < SUPPORT_THRESHOLD:
        reason = "the cited passage does not say this"
    return _flag(piece, reason, out) if reason else piece


def _mismatch(piece: str, cited: list, joined: str) -> str | None:
    """Why the cited passages cannot support this sentence, judged on its figures, names and
    roles (which word overlap cannot see), or None."""
    claim = _LIST_PREFIX.sub("", _BAD_MARK.sub("", _MARKER.sub("", piece)))
    around = "\n".join(f"{p.title}\n{p.section}" for p in cited)
    have = _numbers(joined)
    figures = _figures(claim)
    for norm, _, raw in figures:
        if norm not in have:
            return f"{raw} is not in the cited passage"
    known = _normal(f"{joined}\n{around}")
    for name, forms in _names(claim):
        if not any(_normal(form) in known for form in forms):
            return f"the cited passage does not name {name}"
    # The role a figure is attributed to must be the one the passage attributes it to.
    for norm, at, raw in figures:
        mine = _role_near(claim, at)
        if mine is None:
            continue
        theirs = [r for p in cited for r in _attributions(p.text, norm)]
        if theirs and not any(same_role(mine, r) for r in theirs):
            return f"the cited passage gives {raw} for {theirs[0]}, not {mine}"
    roles = find_roles(claim)
    if roles:
        theirs = find_roles(f"{joined}\n{around}")
        for role in roles:
            if not any(same_role(role, r) for r in theirs):
                return f"the cited passage does not mention {role}"
    return None


def same_role(a: str, b: str) -> bool:
    """Whether two role phrases name the same role ("ML engineers", "machine learning
    engineer"); a bare head noun ("engineers") matches any role with that head."""
    ka, kb = role_key(a), role_key(b)
    if not ka or not kb:
        return False
    if ka == kb or role_keys(a) & role_keys(b):
        return True
    wa, wb = ka.split(), kb.split()
    return (len(wa) == 1 or len(wb) == 1) and wa[-1] == wb[-1]


def _figures(text: str) -> list[tuple[str, int, str]]:
    """(normalised figure, position, as written) for each number in the text."""
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group(0).rstrip(".,; ")
        norm = next(iter(_numbers(raw)), None)
        if norm:
            start = m.start()
            if start and text[start - 1] in "$€£¥":
                raw = text[start - 1] + raw
            out.append((norm, start, raw))
    return out


def _names(text: str) -> list[tuple[str, list[str]]]:
    """Capitalised multiword names that are not role phrases, each with the forms a passage
    may give it in. A sentence's first word is capitalised by position, so a name starting
    there is also found as the rest of the name ("Google DeepMind" as "DeepMind")."""
    body = text.strip().lstrip("*_#>-+ ")
    out = []
    for m in _NAME.finditer(body):
        words = m.group(0).split()
        at_start = m.start() == 0
        while words and words[0].lower() in STOPWORDS:
            words, at_start = words[1:], False
        if len(words) < 2 or find_roles(" ".join(words)) or find_roles(" ".join(words[1:])):
            continue
        name = " ".join(words)
        out.append((name, [name, " ".join(words[1:])] if at_start else [name]))
    return out


def _normal(text: str) -> str:
    """Lowercase words with possessives and surrounding punctuation removed, space-padded,
    so a name can be looked up as whole words."""
    text = _POSSESSIVE_ANY.sub("", text.lower())
    return " " + " ".join(w.strip(_EDGE_PUNCT) for w in text.split()) + " "


def _role_positions(text: str) -> list[tuple[int, str]]:
    low = text.lower()
    found = []
    for role in find_roles(text):
        at = low.find(role.lower())
        if at >= 0:
            found.append((at, role))
    return sorted(found)


def _role_near(text: str, at: int) -> str | None:
    """The role a figure at `at` is said of: the nearest one named before it, else after."""
    roles = _role_positions(text)
    before = [r for pos, r in roles if pos < at]
    if before:
        return before[-1]
    return roles[0][1] if roles else None


def _attributions(passage_text: str, norm: str) -> list[str]:
    """The roles a passage attributes a figure to: in each sentence that gives the figure,
    the role named nearest before it (else after it, else in the two sentences before)."""
    sentences = split_sentences(passage_text)
    out = []
    for i, sentence in enumerate(sentences):
        spots = [at for n, at, _ in _figures(sentence) if n == norm]
        if not spots:
            continue
        role = _role_near(sentence, spots[0])
        for back in (1, 2):
            if role is None and i - back >= 0:
                earlier = _role_positions(sentences[i - back])
                role = earlier[-1][1] if earlier else None
        if role:
            out.append(role)
    return out


class Preview:
    """The answer so far, safe to render while it streams, built incrementally.

    Each piece costs time in proportion to itself: text is judged once, when it can no longer
    change meaning (whole words, no link, image, tag or URL still arriving), and a tail held
    back longer than HOLD characters is judged as it is.
    """

    HOLD = 600

    def __init__(self, allowed_urls: set[str]) -> None:
        self.allowed = allowed_urls
        self.text = ""
        self._pending = ""

    def feed(self, piece: str) -> str:
        pending = self._pending + piece
        m = _UNFINISHED.search(pending)
        cut = m.start() if m else len(pending)
        held = _URL_START.search(pending, max(0, cut - 6), cut)
        if held:
            cut = held.start()  # a URL or image may be starting: "www" + ".example.com"
        if len(pending) - cut > self.HOLD:
            cut = len(pending)
        if cut:
            self.text += strip_links(pending[:cut], self.allowed)
        self._pending = pending[cut:]
        return self.text


def renumber(text: str, used: list[int]) -> str:
    """Passage numbers as shown to the model -> citation numbers 1..m in order of first use."""
    mapping = {old: new for new, old in enumerate(used, 1)}
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)
