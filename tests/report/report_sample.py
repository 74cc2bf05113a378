"""A synthetic report for the renderers (see conftest.py): Chinese and English releases, a
finding whose quoted text is hostile (pipes, backticks, HTML, an ESC sequence, a bidi override, a line wrap, a
character outside the BMP), a preview finding, a drift history, and problems."""

from __future__ import annotations

from datetime import date

from factcheck.model import Document, Evidence, Finding, Problem, Report, Severity
from factcheck.rulebook import Rule, RuleDoc

ZH = (
    "2023「創客中國」香港站決賽第四度於數碼港順利舉行\n"
    "香港（2023年9月13日）——今年共有約150個項目參賽。\n"
    "比賽已第四度在香港舉行，涉及專利｜`代碼`<b>粗體</b>\x1b[31m紅字\u202e倒序 𝟙共12個\n項目。\n"
)
EN = (
    "Maker in China 2023: Hong Kong final\n"
    "HONG KONG, 14 September 2023 - The contest took place in Hong Kong for the fifth time.\n"
    "About 148 projects, a 50% rise, took part, | say the organisers.\n"
)
EN_2022 = "Cyberport, 19 August 2022\nCyberport has over 1,800 community companies.\n"


def doc(doc_id: str, path: str, source: str, lang: str, day: date, title: str) -> Document:
    return Document(id=doc_id, path=path, source=source, start=0, end=len(source), lang=lang, date=day, title=title)


DOCS = (
    doc("000_zh", "releases/000_zh.txt", ZH, "zh-Hant", date(2023, 9, 13),
        "2023「創客中國」香港站決賽第四度於數碼港順利舉行"),
    doc("003_en", "releases/003 en, final.txt", EN, "en", date(2023, 9, 14), "Maker in China 2023: Hong Kong final"),
    doc("001_en", "releases/001_en.txt", EN_2022, "en", date(2022, 8, 19), ""),
)


def span(document: Document, text: str, *, value=None, role: str = "", nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = document.source.index(text, start + 1)
    end = start + len(text)
    line_start = document.source.rfind("\n", 0, start) + 1
    line_end = document.source.find("\n", end)
    return Evidence(
        doc=document.id, path=document.path, line=document.line_of(start), start=start, end=end, text=text,
        value=value, context=document.source[line_start:line_end], role=role,
        date=document.date.isoformat() if document.date else None,
    )


def rule(code: str, name: str, severity: Severity, status: str = "stable", aliases: tuple[str, ...] = ()) -> Rule:
    return Rule(
        code=code, name=name, summary=f"Summary of {name}.", check="test", severity=severity, status=status,
        message="{x}", aliases=aliases, match={}, params=None,
        doc=RuleDoc(what=f"Flags {name}.", why="Readers get different facts.",
                    bad={"zh": "第四度", "en": "the fifth time"}, good={"en": "the fourth time"}),
        path=f"rules/x/{code}.toml",
    )


RULES = (
    rule("EN01", "entity-alias-conflict", Severity.ERROR),
    rule("OR01", "edition-ordinal-conflict", Severity.ERROR, aliases=("ED01", "edition-conflict")),
    rule("SU01", "parts-do-not-sum-to-total", Severity.WARNING, status="preview"),
    rule("DR01", "cumulative-metric-drift", Severity.INFO),
)


def make_report() -> Report:
    zh, en, en22 = DOCS
    findings = (
        Finding(
            rule="OR01", name="edition-ordinal-conflict", severity=Severity.ERROR,
            message="MiCHK 2023 is called the 4th edition in 000_zh but the 5th in 003_en",
            subject="Maker in China – Hong Kong 2023", metric="edition ordinal",
            evidence=(span(zh, "第四度", value=4), span(en, "the fifth time", value=5)),
            id="OR01-0123456789ab",
        ),
        Finding(
            rule="SU01", name="parts-do-not-sum-to-total", severity=Severity.WARNING,
            message="parts add up to 1, but the stated total is 12 | <b>check</b>",
            subject="專利｜`代碼`", metric="projects",
            evidence=(
                span(zh, "專利｜`代碼`<b>粗體</b>\x1b[31m紅字\u202e倒序 𝟙共12個\n項目", value=12, role="total"),
                span(zh, "約150個項目", value={"lo": 140, "hi": 160}, role="part"),
            ),
            preview=True, id="SU01-abcdef012345",
        ),
        Finding(
            rule="DR01", name="cumulative-metric-drift", severity=Severity.INFO,
            message="community companies went from over 1,800 (2022-08-19) to about 148 (2023-09-14)",
            subject="Cyberport", metric="community companies",
            evidence=(span(en22, "over 1,800 community companies", value=1800.0),
                      span(en, "About 148 projects", value=float("inf"))),
            id="DR01-fedcba987654",
        ),
    )
    problems = (
        Problem("releases/broken.bin", "not text: binary content (NUL bytes)"),
        Problem("releases/photo.jpg", "unsupported file type", skipped=True),
    )
    documents = tuple(sorted(DOCS, key=lambda d: d.path))
    return Report(documents=documents, findings=findings, problems=problems, claims=42, rules=RULES,
                  extra={"suppressed": 1})
