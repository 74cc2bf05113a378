"""One file's text -> its articles: headline, dateline and date, sections, language, issuer.

Everything here reads the *normalised* text of the whole file (``factcheck.normalize``: HTML
reduced, PDF wraps joined, NFKC, Simplified), so each pattern is written once, and positions
are mapped back to ``Document.source`` through ``Normalized.origin``. Display strings (title,
issuer) are cut from the original text, so they keep the file's own script and spelling.

How a file is cut into articles: every dateline (``factcheck.ingest.dates``) that has a headline
above it (one to three short lines that do not end a sentence, below any letterhead, page
chrome or previous article) starts an article; the first article also takes everything before
its headline (the letterhead, "skip to content"; section OTHER). A dateline with no headline
above it (a date line under the title, a date quoted in the body) starts nothing.

How an article is cut into sections: HEADLINE (the headline lines), then BODY from the dateline,
then at each marker line (``factcheck.ingest.markers``): CAPTION after "###" / "– Ends –" / "- 完 -",
CONTACTS at "傳媒查詢" / "Media enquiries", BOILERPLATE at "關於X" / "About X" (to the end or the
next contacts block), OTHER at page chrome such as "此網誌的熱門文章" / "Related posts" (to the end
of the article: the related posts of a scraped page are not its body).

``Document.date_how`` says where the release date came from:

- ``dateline``: the dateline (or a date alone on a line by the headline);
- ``dateline+title-year`` / ``dateline+text-year``: a dateline without a year ("新华社香港9月13日电"),
  the year read from the title or else the text;
- ``today+title-year`` / ``today+text-year``: "today (September 13)" / "今天(9月13日)" in the
  body, the year from the title or else the text;
- ``ends-line``: the date of a Hong Kong Government "Ends/Friday, August 19, 2022" line;
- ``text``: no dateline; the first complete date near the top of the article (a guess);
- ``""``: no date found (``Document.date`` is ``None``).

``Document.issuer`` is, in this order: X of the first "關於X" / "About X" boilerplate heading;
the organisation a contact e-mail domain names (as the text spells it, or the organisation line
of the contacts block); the organisation the dateline sentence starts with ("X今天宣布",
"X today announced"; of "X與Y", the one the article names most). ``None`` when none of these
is present: a name is never guessed from the body alone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from itertools import islice
from operator import ne

from factcheck.ingest import markers
from factcheck.ingest.dates import Dateline, find_datelines, find_first_date, find_today, find_year, make_date
from factcheck.model import Section
from factcheck.normalize import Normalized
from factcheck.normalize.html import reduce_html
from factcheck.normalize.steps import to_simplified, to_traditional

_HEADLINE_MAX = 160  # characters of normalised text in one headline line
_HEADLINE_LINES = 3
_HEADLINE_REACH = 2000  # characters above a dateline searched for its headline
_MAILS = 5  # contact e-mail addresses tried for the issuer
_BODY_MIN = 60
_PARAGRAPH = 200  # characters: a line this long above the first headline is an article's text
_LANG_SAMPLE = 50_000  # characters of an article read to decide its language
_SCRIPT_SAMPLE = 500  # Han characters read to tell Traditional from Simplified  # characters of text after a later dateline, for it to start an article
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
_SPACES = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uff60"
_WRAP_SPACE = re.compile(rf"(?<=[{_WIDE}])\s*\n\s*(?=[{_WIDE}])")
_MD_LINK = re.compile(r"^\[(?P<text>.+)\]\([^)]*\)$")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_EMPHASIS = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*|__|\*|_)?(?P<text>.*?)(?:\*\*|__|\*|_)?$")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)
_ORG_BAD = re.compile(r"[\d「」『』《》\"“”:;!?。]")
_ALIAS_AFTER = re.compile(r"\s*\((?P<alias>[^()\n]{1,20})\)")
_EN_SUBJECT = re.compile(
    r"\s*(?:[Tt]he\s+)?(?P<org>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|for|the|&|de|du)){0,10})"
    r"(?P<alias>\s*\([^()\n]{1,20}\))?\s*,?",
)


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """One article in normalised coordinates (``Normalized.text`` of the whole file)."""

    start: int
    end: int
    sections: tuple[tuple[Section, int, int], ...]
    title: str
    date: date | None
    date_how: str
    lang: str
    issuer: str | None


def find_articles(norm: Normalized) -> list[ArticleInfo]:
    """The articles of a file (at least one when it has any text)."""
    text = norm.text
    if not text.strip():
        return []
    events = _marker_events(text)
    starts: list[tuple[int, int | None, tuple[int, int] | None, Dateline | None]] = []
    floor = 0
    for dl in find_datelines(text):
        if starts and dl.start < floor:
            continue
        headline = _headline_before(text, dl.start, floor)
        if starts:
            if headline is None or _text_after(text, dl) < _BODY_MIN:
                continue
            article_start = headline[0]
        else:
            article_start = 0
            top = headline[0] if headline else dl.start
            if _has_paragraph(text, 0, top):
                # Real text above the first dated article is an article of its own.
                starts.append((0, None, None, None))
                article_start = top
        starts.append((article_start, dl.start, headline, dl))
        floor = _line_end(text, dl.start)
    if not starts:
        starts.append((0, None, None, None))
    infos: list[ArticleInfo] = []
    for k, (a_start, body_at, headline, dl) in enumerate(starts):
        a_end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        infos.append(_analyse(norm, events, a_start, a_end, body_at, headline, dl))
    return infos


# ---------------------------------------------------------------------------------- lines


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    line = text[start:end]
    lead = len(line) - len(line.lstrip())
    return start + lead, start + len(line.rstrip())


def _text_after(text: str, dl: Dateline) -> int:
    """How much text follows a dateline (on its line, or on the next line when it stands alone)."""
    end = _line_end(text, dl.end)
    size = len(text[dl.end : end].strip())
    if size:
        return size
    m = _NON_SPACE.search(text, end)
    return len(text[m.start() : _line_end(text, m.start())].strip()) if m else 0


def _has_paragraph(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a line long enough to be a paragraph of an article."""
    return any(len(line.strip()) > _PARAGRAPH for line in text[start:end].split("\n"))


def _is_headline_line(line: str) -> bool:
    if not line or len(line) > _HEADLINE_MAX:
        return False
    if markers.SENTENCE_END.search(line):
        return False
    for pattern in (markers.PREAMBLE, markers.CHROME, markers.CONTACTS, markers.ABOUT, markers.CAPTION):
        if pattern.match(line):
            return False
    if _URL.search(line) and len(_URL.split(line)[0].strip()) < 4:
        return False
    return not find_datelines(line)


def _headline_before(text: str, pos: int, floor: int) -> tuple[int, int] | None:
    """The span of the headline lines just above ``pos`` (not above ``floor``)."""
    lines: list[tuple[int, int]] = []
    end = pos
    floor = max(floor, pos - _HEADLINE_REACH)
    while end > floor and len(lines) < _HEADLINE_LINES:
        line_end = end - 1 if text[end - 1 : end] == "\n" else end
        start = max(_line_start(text, line_end), floor)
        s, e = _strip_span(text, start, line_end)
        end = start
        if s >= e:
            continue
        if not _is_headline_line(text[s:e]):
            break
        lines.append((s, e))
    if not lines:
        return None
    return lines[-1][0], lines[0][1]


def _headline_after(text: str, start: int, end: int) -> tuple[tuple[int, int] | None, int]:
    """For an article without a dateline: its first line when that is a headline, and where
    the body starts."""
    pos = start
    while pos < end:
        line_end = min(_line_end(text, pos), end)
        s, e = _strip_span(text, pos, line_end)
        if s < e:
            line = text[s:e]
            if markers.PREAMBLE.match(line) or markers.CHROME.match(line):
                pos = line_end + 1
                continue
            if _is_headline_line(line):
                return (s, e), min(line_end + 1, end)
            return None, s
        pos = line_end + 1
    return None, start


# ---------------------------------------------------------------------------------- sections


_MARKER_KINDS = ("caption", "contacts", "about", "chrome")
_ANY_MARKER = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern.pattern})"
        for kind, pattern in zip(_MARKER_KINDS, (markers.CAPTION, markers.CONTACTS, markers.ABOUT, markers.CHROME))
    ),
    re.MULTILINE | re.IGNORECASE,
)
_MARKER_LINE = 120  # characters: a longer line is a paragraph, never a marker


def _marker_events(text: str) -> list[tuple[int, str, re.Match[str]]]:
    """Every marker line of the text, in order. Only short lines are tried (in CJK text one
    regular expression scanning every position costs more than this loop over lines)."""
    events: list[tuple[int, str, re.Match[str]]] = []
    pos = 0
    size = len(text)
    while pos < size:
        end = text.find("\n", pos)
        if end < 0:
            end = size
        if 0 < end - pos <= _MARKER_LINE:  # (half the lines of a release are empty: no marker)
            m = _ANY_MARKER.match(text, pos, end)
            if m is not None and m.lastgroup in _MARKER_KINDS:
                events.append((pos, m.lastgroup, m))
        pos = end + 1
    return events


def _sections(
    text: str,
    events: list[tuple[int, str, re.Match[str]]],
    a_start: int,
    a_end: int,
    headline: tuple[int, int] | None,
    body_at: int,
) -> tuple[list[tuple[Section, int, int]], re.Match[str] | None]:
    spans: list[tuple[Section, int, int]] = []
    about: re.Match[str] | None = None

    def close(kind: Section, start: int, end: int) -> None:
        if end <= start:
            return
        if spans and spans[-1][0] is kind:
            spans[-1] = (kind, spans[-1][1], end)
        else:
            spans.append((kind, start, end))

    # What precedes the headline (letterhead, page chrome) is OTHER; blank space joins the headline.
    cursor = a_start
    head_start = headline[0] if headline else body_at
    if text[a_start:head_start].strip():
        close(Section.OTHER, a_start, head_start)
        cursor = head_start
    if headline:
        close(Section.HEADLINE, cursor, body_at)
        cursor = body_at
    state, since = Section.BODY, cursor
    first = bisect_left(events, body_at + 1, key=lambda e: e[0])
    for pos, kind, match in events[first:]:
        if pos >= a_end or state is Section.OTHER:
            break  # page chrome runs to the end of the article
        new = None
        if kind == "caption" and state is Section.BODY:
            new = Section.CAPTION
        elif kind == "contacts" and state is not Section.CONTACTS:
            new = Section.CONTACTS
        elif kind == "about":
            if about is None:
                about = match
            new = Section.BOILERPLATE
        elif kind == "chrome":
            new = Section.OTHER
        if new is not None and new is not state:
            close(state, since, pos)
            state, since = new, pos
    close(state, since, a_end)
    return spans, about


# ---------------------------------------------------------------------------------- the article


def _analyse(
    norm: Normalized,
    events: list[tuple[int, str, re.Match[str]]],
    a_start: int,
    a_end: int,
    body_at: int | None,
    headline: tuple[int, int] | None,
    dl: Dateline | None,
) -> ArticleInfo:
    text = norm.text
    if body_at is None:
        headline, body_at = _headline_after(text, a_start, a_end)
    elif headline is None and dl is not None and dl.alone:
        # A date on a line of its own above the headline.
        after = _line_end(text, dl.start) + 1
        later, body = _headline_after(text, after, a_end)
        if later is not None and body < a_end:
            headline, body_at = (dl.start, later[1]), body
    spans, about = _sections(text, events, a_start, a_end, headline, body_at)
    title = _title(norm, headline, dl)
    ends = next((m for pos, kind, m in events if kind == "caption" and m.group("ends") and a_start <= pos < a_end), None)
    when, how = _release_date(text, dl, title, body_at, a_end, headline, ends)
    lang = _language(norm, spans)
    issuer = _issuer(norm, spans, about, dl, a_start, a_end)
    return ArticleInfo(a_start, a_end, tuple(spans), title, when, how, lang, issuer)


def _title(norm: Normalized, headline: tuple[int, int] | None, dl: Dateline | None) -> str:
    if headline is None:
        return ""
    text = norm.text
    parts = []
    pos = headline[0]
    while pos < headline[1]:
        end = min(_line_end(text, pos), headline[1])
        s, e = _strip_span(text, pos, end)
        if s < e and not (dl is not None and dl.alone and s == dl.start):
            parts.append(display_text(norm, s, e))
        pos = end + 1
    return " ".join(p for p in parts if p)


def display_text(norm: Normalized, start: int, end: int) -> str:
    """The original text behind ``norm.text[start:end]``, cleaned for display: markup removed,
    line wraps inside CJK text joined, white space collapsed, Markdown link and emphasis
    syntax removed.

    >>> from factcheck.normalize import normalize_text
    >>> n = normalize_text("[2023 Contest \\\\(with photos\\\\)](#)\\n")
    >>> display_text(n, 0, len(n.text.rstrip()))
    '2023 Contest (with photos)'
    """
    s, e = norm.source_span(start, end)
    raw = norm.doc.source[s:e]
    if norm.doc.markup == "html":
        raw = reduce_html(raw)[0]
    raw = _WRAP_SPACE.sub("", raw)
    raw = _SPACES.sub(" ", raw).strip()
    link = _MD_LINK.match(raw)
    if link:
        raw = link.group("text")
    raw = _MD_ESCAPE.sub(r"\1", raw)
    emphasis = _MD_EMPHASIS.match(raw)
    if emphasis:
        raw = emphasis.group("text")
    return raw.strip()


def _release_date(
    text: str,
    dl: Dateline | None,
    title: str,
    body_at: int,
    a_end: int,
    headline: tuple[int, int] | None,
    ends: re.Match[str] | None = None,
) -> tuple[date | None, str]:
    if dl is not None and dl.date is not None:
        return dl.date, "dateline"
    if ends is not None and (signed := find_first_date(text, ends.start(), ends.end())):
        return signed[1], "ends-line"
    year_end = min(a_end, body_at + 5000)
    if dl is not None:
        year = find_year(title) if title else None
        if year is not None:
            when = make_date(year, dl.month, dl.day)
            if when:
                return when, "dateline+title-year"
        year = find_year(text, body_at, year_end)
        when = make_date(year, dl.month, dl.day) if year else None
        if when:
            return when, "dateline+text-year"
    today = find_today(text, body_at, min(a_end, body_at + 3000))
    if today is not None:
        _, month, day = today
        year = find_year(title) if title else None
        if year is not None and (when := make_date(year, month, day)):
            return when, "today+title-year"
        year = find_year(text, body_at, year_end)
        if year is not None and (when := make_date(year, month, day)):
            return when, "today+text-year"
    first = find_first_date(text, headline[0] if headline else body_at, min(a_end, body_at + 2000))
    if first is not None:
        return first[1], "text"
    return None, ""


def _language(norm: Normalized, spans: list[tuple[Section, int, int]]) -> str:
    """zh-Hant, zh-Hans or en by majority of words: English words (runs of Latin letters)
    against Chinese words, counted as Han characters / 1.5 (the average length of a Chinese
    word); Traditional against Simplified
    by which OpenCC conversion (t2s or s2t) changes more of the original characters; with no
    evidence either way, zh-Hant (the corpus factcheck was built for is from Hong Kong)."""
    text = norm.text
    kept = [(s, e) for kind, s, e in spans if kind is not Section.OTHER] or [(s, e) for _, s, e in spans]
    han = latin = 0
    read: list[tuple[int, int]] = []
    budget = _LANG_SAMPLE  # a long document's language shows in its first pages
    for s, e in kept:
        e = min(e, s + budget)
        budget -= e - s
        han += sum(map(len, _HAN_RUN.findall(text, s, e)))
        latin += _count_latin_words(text, s, e)
        read.append((s, e))
        if budget <= 0:
            break
    if han * 2 <= latin * 3 or han == 0:
        return "en"
    original: list[str] = []
    wanted = _SCRIPT_SAMPLE
    for s, e in read:  # the script is told from the original characters, not the simplified ones
        if e > s:
            src_s, src_e = norm.source_span(s, e)
            for run in _HAN_RUN.finditer(norm.doc.source, src_s, src_e):
                original.append(run.group())
                wanted -= len(original[-1])
                if wanted <= 0:
                    break
        if wanted <= 0:
            break
    sample = "".join(original)[:_SCRIPT_SAMPLE]
    simplified = to_simplified(sample)
    to_simp = sum(map(ne, sample, simplified)) if len(simplified) == len(sample) else 0
    if to_simp * 20 >= len(sample):
        return "zh-Hant"  # clearly Traditional: no need for the s2t comparison
    traditional = to_traditional(sample)
    to_trad = sum(map(ne, sample, traditional)) if len(traditional) == len(sample) else 0
    return "zh-Hans" if to_trad > to_simp else "zh-Hant"


# every byte to "a" (an ASCII letter) or " " (anything else)
_LETTER_BYTES = bytes(0x61 if 0x41 <= i <= 0x5A or 0x61 <= i <= 0x7A else 0x20 for i in range(256))


def _count_latin_words(text: str, start: int, end: int) -> int:
    """How many runs of Latin letters ``text[start:end]`` holds (``_LATIN_RUN`` matches), without
    building them: each character becomes one byte, a letter "a" and anything else " ", and a
    run starts at each " a" (or at an "a" at the start).

    >>> _count_latin_words("Cyberport 數碼港 e-sports 2023年", 0, 27)
    3
    """
    marks = text[start:end].encode("ascii", "replace").translate(_LETTER_BYTES)
    return marks.count(b" a") + marks.startswith(b"a")


# ---------------------------------------------------------------------------------- issuer


def _issuer(
    norm: Normalized,
    spans: list[tuple[Section, int, int]],
    about: re.Match[str] | None,
    dl: Dateline | None,
    a_start: int,
    a_end: int,
) -> str | None:
    """Who issued the release: the "About X" boilerplate, else the contacts' e-mail domain,
    else the subject of the dateline sentence ("X今天宣布", "X today announced")."""
    for finder in (
        lambda: _issuer_from_about(norm, about),
        lambda: _issuer_from_mail(norm, spans, a_start, a_end),
        lambda: _issuer_from_dateline(norm, dl, a_start, a_end),
    ):
        name = finder()
        if name:
            return name
    return None


def _issuer_from_about(norm: Normalized, about: re.Match[str] | None) -> str | None:
    if about is None:
        return None
    group = "zh" if about.group("zh") else "en"
    name = display_text(norm, about.start(group), about.end(group))
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"\s*\([^()]{1,15}\)$", "", name)  # "Hong Kong Science Park (HKSTP)"
    return name or None


def _issuer_from_mail(norm: Normalized, spans: list[tuple[Section, int, int]], a_start: int, a_end: int) -> str | None:
    text = norm.text
    contacts = [(s, e) for kind, s, e in spans if kind is Section.CONTACTS]
    for s, e in contacts or [(a_start, a_end)]:
        if "@" not in text[s:e]:
            continue
        for m in islice(markers.EMAIL.finditer(text, s, e), _MAILS):
            label = _domain_label(m.group("domain"))
            if label is None:
                continue
            word = re.compile(rf"(?<![\w.@/-]){re.escape(label)}(?![\w@-]|\.\w)", re.IGNORECASE)
            hit = word.search(text, a_start, a_end)
            if hit:
                return display_text(norm, hit.start(), hit.end())
            if contacts:
                org = _contact_organisation(norm, s, m.start())
                if org:
                    return org
    return None


def _domain_label(domain: str) -> str | None:
    """The part of a mail domain that names the organisation.

    >>> _domain_label("cyberport.hk"), _domain_label("mail.hkstp.org"), _domain_label("a-world.com.hk")
    ('cyberport', 'hkstp', 'a-world')
    >>> _domain_label("gmail.com") is None
    True
    """
    domain = domain.lower().rstrip(".")
    for suffix in markers.PUBLIC_SUFFIXES:
        if domain.endswith(suffix):
            domain = domain[: -len(suffix)]
            break
    else:
        domain = domain.rsplit(".", 1)[0] if "." in domain else domain
    label = domain.rsplit(".", 1)[-1]
    if not label or label in markers.PERSONAL_MAIL:
        return None
    return label


def _contact_organisation(norm: Normalized, block_start: int, mail_at: int) -> str | None:
    """The organisation line of a contacts block: the first short line after its heading."""
    text = norm.text
    pos = _line_end(text, block_start) + 1
    while pos < mail_at:
        end = _line_end(text, pos)
        s, e = _strip_span(text, pos, end)
        line = text[s:e]
        if line:
            if len(line) <= 30 and not re.search(r"[\d@:]", line):
                return display_text(norm, s, e)
            return None
        pos = end + 1
    return None


def _mentions(text: str, name: str, alias: str | None, start: int, end: int) -> int:
    count = text.count(name, start, end)
    if alias and alias not in name:
        count += text.count(alias, start, end)
    elif alias:
        count = max(count, text.count(alias, start, end))
    return count


def _issuer_from_dateline(norm: Normalized, dl: Dateline | None, a_start: int, a_end: int) -> str | None:
    if dl is None:
        return None
    text = norm.text
    line_end = _line_end(text, dl.end)
    rest = text[dl.end : line_end]
    lead = len(rest) - len(rest.lstrip(" \t-–—―:,"))
    at = dl.end + lead
    rest = text[at:line_end]
    if _HAN_RUN.match(rest):
        return _zh_subject(norm, at, rest, a_start, a_end)
    return _en_subject(norm, at, rest)


def _zh_subject(norm: Normalized, at: int, rest: str, a_start: int, a_end: int) -> str | None:
    """The organisation a Chinese dateline sentence starts with; of several joined by 與/和/及
    ("香港警務處與香港科技園公司今日簽署"), the one the article names most often."""
    text = norm.text
    end = markers.SUBJECT_END_ZH.search(rest, 0, 60)
    if end is None:
        return None
    subject = rest[: end.start()]
    parties: list[tuple[int, int, str | None]] = []
    pos = 0
    for piece in markers.CONNECTIVE_ZH.split(subject):
        start = subject.find(piece, pos)
        pos = start + len(piece)
        name = piece.strip()
        if not name:
            continue
        s = at + start + (len(piece) - len(piece.lstrip()))
        alias_match = _ALIAS_AFTER.match(text, s + len(name))
        alias = alias_match.group("alias").strip() if alias_match else None
        parties.append((s, s + len(name), alias))
    good = []
    for s, e, alias in parties:
        name = text[s:e]
        if not 2 <= len(name) <= 25 or _ORG_BAD.search(name):
            continue
        mentions = _mentions(text, name, alias, a_start, a_end)
        if markers.ORG_SUFFIX_ZH.search(name) or mentions >= 3:
            good.append((mentions, -s, s, e))
    if not good:
        return None
    _, _, s, e = max(good)
    return display_text(norm, s, e)


def _en_subject(norm: Normalized, at: int, rest: str) -> str | None:
    m = _EN_SUBJECT.match(rest)
    if not m or not markers.SUBJECT_END_EN.match(rest, m.end()):
        return None
    org = m.group("org")
    if len(org) < 2 or org.lower() in {"it", "he", "she", "they", "we", "this", "today"}:
        return None
    s = at + m.start("org")
    return display_text(norm, s, s + len(org))

