"""The pipeline, top to bottom: read -> normalise -> extract -> align -> checks -> report.

``extract_document`` is a pure function of (document, lexicon): it is the unit a cache or a
process pool can take over. Everything after it sees the whole corpus, through the alignment's
blocks, never through all pairs of claims.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.align import Alignment, align
from factcheck.checks import CHECKS
from factcheck.config import Config, Suppression, load_config
from factcheck.extract import LINK_KINDS, extract
from factcheck.ingest import read_paths, read_text
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Document, Finding, Problem, Report
from factcheck.normalize import normalize
from factcheck.rulebook import RuleSet, load_rules

logger = logging.getLogger("factcheck")

ID_LENGTH = 12


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything read from a corpus before the rules run."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    alignment: Alignment
    problems: tuple[Problem, ...] = ()


# --------------------------------------------------------------------------------------------
# The pipeline


def check_documents(
    docs: Sequence[Document],
    ruleset: RuleSet,
    *,
    config: Config | None = None,
    focus: Iterable[str] | None = None,
    problems: Sequence[Problem] = (),
) -> Report:
    """Run every rule of ``ruleset`` over ``docs``. With ``focus`` (document ids), keep only
    the findings that involve at least one of those documents."""
    config = config or Config()
    analysis = analyse_documents(docs, ruleset.lexicon)
    findings = assign_ids(run_rules(ruleset, analysis.alignment))
    if focus is not None:
        findings = keep_involving(findings, set(focus))
    findings, suppressed = apply_suppressions(findings, config.suppress)
    findings = [f for f in findings if f.severity >= config.min_severity]
    return Report(
        documents=tuple(sorted(docs, key=lambda d: (d.path, d.start, d.id))),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))),
        claims=sum(1 for c in analysis.claims if c.kind not in LINK_KINDS),
        rules=ruleset.rules,
        extra={"suppressed": suppressed, "ruleset": ruleset.version},
    )


def analyse_documents(docs: Sequence[Document], lexicon: Lexicon) -> Analysis:
    """Extract every document's claims independently, then align them across documents."""
    claims = tuple(claim for doc in docs for claim in extract_document(doc, lexicon))
    logger.debug("read %d claims from %d documents", len(claims), len(docs))
    return Analysis(tuple(docs), claims, align(docs, claims, lexicon))


def extract_document(doc: Document, lexicon: Lexicon) -> tuple[Claim, ...]:
    """The claims of one document: a pure function of (document, lexicon)."""
    return extract(normalize(doc), lexicon)


def run_rules(ruleset: RuleSet, alignment: Alignment) -> list[Finding]:
    """Every rule's check kind over the alignment; the rule's identity, maturity and any
    configured severity are stamped on its findings here, so checks cannot get them wrong."""
    findings: list[Finding] = []
    for rule in ruleset:
        for finding in CHECKS[rule.check].run(rule, alignment):
            findings.append(dataclasses.replace(
                finding,
                rule=rule.code,
                name=rule.name,
                preview=rule.preview,
                severity=rule.severity if rule.severity_forced else finding.severity,
            ))
    return findings


# --------------------------------------------------------------------------------------------
# Finding ids, suppressions, focus


def fingerprint(code: str, key: str) -> str:
    """A finding id: the rule code and a short hash of the finding's key.

    >>> fingerprint("NU01", "michk|projects|edition:2023|[140,160]|(150,inf)")
    'NU01-e83074861278'
    """
    digest = hashlib.sha256(f"{code}\0{key}".encode("utf-8", "surrogatepass")).hexdigest()  # ids from non-UTF-8 file names
    return f"{code}-{digest[:ID_LENGTH]}"


def finding_key(finding: Finding) -> str:
    """The identity material of a finding: the check's ``key``, or, when a check left it
    empty, the subject, metric and quoted values (never offsets)."""
    if finding.key:
        return finding.key
    quoted = sorted((e.doc, e.text, _plain(e.value)) for e in finding.evidence)
    return json.dumps([finding.subject, finding.metric, quoted], ensure_ascii=False)


def _plain(value: Any) -> str:
    return value if isinstance(value, str) else repr(value) if not isinstance(value, int | float) else str(value)


def assign_ids(findings: Sequence[Finding]) -> list[Finding]:
    """Fill every finding's ``id``; findings that share a key get ``.2``, ``.3`` in order of
    position, so ids stay unique."""
    ordered = sorted(findings, key=lambda f: (f.rule, finding_key(f), _position(f)))
    seen: dict[str, int] = {}
    out = []
    for finding in ordered:
        base = fingerprint(finding.rule, finding_key(finding))
        seen[base] = seen.get(base, 0) + 1
        out.append(dataclasses.replace(finding, id=base if seen[base] == 1 else f"{base}.{seen[base]}"))
    return out


def _position(finding: Finding) -> tuple[Any, ...]:
    return tuple((e.path, e.start, e.end) for e in finding.evidence)


def keep_involving(findings: Sequence[Finding], doc_ids: set[str]) -> list[Finding]:
    """The findings with at least one piece of evidence from these documents."""
    return [f for f in findings if f.docs & doc_ids]


def apply_suppressions(findings: Sequence[Finding], suppress: Sequence[Suppression]) -> tuple[list[Finding], int]:
    """Drop suppressed findings; return the rest and how many were dropped."""
    if not suppress:
        return list(findings), 0
    ids = {s.id for s in suppress}
    kept = [f for f in findings if f.id not in ids]
    stale = ids - {f.id for f in findings}
    for finding_id in sorted(stale):
        logger.info("suppression %s matches no finding", finding_id)
    return kept, len(findings) - len(kept)


# --------------------------------------------------------------------------------------------
# Entry points that read files


def load_ruleset(config: Config | None = None, *, dirs: Sequence[Path] = (), select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None) -> RuleSet:
    """The rules a configuration asks for; ``select``/``ignore`` (command line) replace the
    config's when given, ``dirs`` add to its rule folders."""
    config = config or Config()
    return load_rules(
        [*config.rules, *dirs],
        select=select if select is not None else config.select,
        ignore=ignore if ignore is not None else config.ignore,
        severity=config.severity,
        params=config.params,
        config_path=config.path,
    )


def read_documents(paths: Sequence[str | Path], *,
                   exclude: Sequence[Document] = ()) -> tuple[list[Document], list[Problem]]:
    """Read files and folders; a file read twice (or already in ``exclude``) counts once, and
    two different files that yield the same document id are a problem, not a silent merge."""
    corpus = read_paths(paths)
    known = {(_resolved(d.path), d.start): d for d in exclude}
    ids = {d.id: d for d in exclude}
    docs: list[Document] = []
    problems = list(corpus.problems)
    for doc in corpus.documents:
        place = (_resolved(doc.path), doc.start)
        if place in known:
            continue
        if doc.id in ids:
            problems.append(Problem(doc.path, f"document id {doc.id!r} is also used by {ids[doc.id].path}; "
                                              "rename one of the files"))
            continue
        known[place] = doc
        ids[doc.id] = doc
        docs.append(doc)
    return docs, problems


def _resolved(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def check_paths(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    rules: RuleSet | None = None,
    corpus: Sequence[str | Path] | None = None,
) -> Report:
    """Check the files and folders in ``paths``. With ``corpus`` (older releases), the corpus is
    read too but only findings that involve a document from ``paths`` are kept. Unreadable
    inputs become ``Problem`` records in the report."""
    config = config or Config()
    ruleset = rules if rules is not None else load_ruleset(config)
    docs, problems = read_documents(paths)
    focus = None
    if corpus:
        older, more = read_documents(corpus, exclude=docs)
        focus = {d.id for d in docs}
        docs, problems = docs + older, problems + more
    return check_documents(docs, ruleset, config=config, focus=focus, problems=problems)


def check(paths: Sequence[str | Path] | str | Path, corpus: Sequence[str | Path] | str | Path | None = None,
          config: Config | str | Path | None = None) -> Report:
    """The library entry point: check ``paths`` (against the older releases in ``corpus``).

    ``config`` is a ``Config``, a path to a config file, or ``None`` for the defaults.
    """
    if isinstance(config, str | Path):
        config = load_config(Path(config))
    return check_paths(_as_list(paths), config=config, corpus=_as_list(corpus) if corpus is not None else None)


def _as_list(value: Sequence[str | Path] | str | Path) -> list[str | Path]:
    return [value] if isinstance(value, str | Path) else list(value)


def analyse_paths(paths: Sequence[str | Path], *, config: Config | None = None,
                  rules: RuleSet | None = None) -> Analysis:
    """Read and extract without running rules (``factcheck claims`` / ``factcheck facts``)."""
    ruleset = rules if rules is not None else load_ruleset(config)
    docs, problems = read_documents(paths)
    analysis = analyse_documents(docs, ruleset.lexicon)
    return dataclasses.replace(analysis, problems=tuple(problems))


def documents_from_texts(docs: Mapping[str, str]) -> list[Document]:
    """In-memory releases keyed by document id (the id doubles as the path)."""
    out: list[Document] = []
    for doc_id, text in docs.items():
        out.extend(read_text(text, name=doc_id, path=doc_id))
    return out


def check_texts(
    docs: Mapping[str, str],
    *,
    select: Iterable[str] | None = None,
    params: Mapping[str, Any] | None = None,
    rules: Sequence[str | Path] = (),
) -> list[Finding]:
    """Check in-memory releases keyed by document id, as the rule tests do. ``params``
    overrides the parameters of every selected rule; ``rules`` adds rule folders."""
    ruleset = load_rules(rules, select=select)
    if params:
        ruleset = load_rules(rules, select=select, params={rule.code: params for rule in ruleset})
    report = check_documents(documents_from_texts(docs), ruleset)
    return list(report.findings)


def agreement(claims: Sequence[Claim]) -> str:
    """Whether the claims of one fact agree: ``single`` (one claim), ``agree`` (their values
    can all be true at once) or ``disagree``.

    >>> from factcheck.model import Interval
    >>> def q(lo, hi): return Claim("quantity", "d", 0, 1, Interval(lo, hi))
    >>> agreement([q(140, 160), q(148, 148)]), agreement([q(140, 160), q(170, 170)]), agreement([q(1, 1)])
    ('agree', 'disagree', 'single')
    >>> agreement([Claim("role", "a", 0, 1, "林偉喬"), Claim("role", "b", 0, 1, "林偉喬 ")])
    'agree'
    """
    if len(claims) < 2:
        return "single"
    from factcheck.model import Interval
    from factcheck.normalize.steps import text_key

    values = [c.value for c in claims]
    if all(isinstance(v, Interval) for v in values):
        common = values[0]
        for value in values[1:]:
            common = common.intersect(value)
        return "disagree" if common.empty else "agree"
    keys = {text_key(str(v)) for v in values}
    return "agree" if len(keys) == 1 else "disagree"


__all__ = [
    "Analysis",
    "agreement",
    "analyse_documents",
    "analyse_paths",
    "apply_suppressions",
    "assign_ids",
    "check",
    "check_documents",
    "check_paths",
    "check_texts",
    "extract_document",
    "fingerprint",
    "load_ruleset",
    "read_documents",
    "run_rules",
]
