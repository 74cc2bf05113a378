"""The pipeline, top to bottom: read -> normalise -> extract -> align -> checks -> report.

``extract_document`` is a pure function of (document, lexicon): it is the unit a cache or a
process pool can take over. Everything after it sees the whole corpus, through the alignment's
blocks, never through all pairs of claims.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.align import Alignment, align, build_entities, remember_pinyin
from factcheck.baseline import Baseline, apply_baseline
from factcheck.checks import CHECKS
from factcheck.codec import CodecError
from factcheck.config import Config, Suppression, load_config
from factcheck.extract import LINK_KINDS, extract
from factcheck.gather import Gathered, Refreshed, Scope, extraction_failed, gather, gather_scope, refresh
from factcheck.index import ClaimIndex, IndexCorrupt, IndexUnavailable, extraction_version
from factcheck.ingest import read_paths, read_text
from factcheck.lexicon import Lexicon
from factcheck.model import Claim, Document, Finding, Problem, Report
from factcheck.normalize import normalize
from factcheck.rulebook import RuleSet, load_rules
from factcheck.scope import Resolver, has_fact_subject, in_layer, keep_subjects

logger = logging.getLogger("factcheck")

ID_LENGTH = 12


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Pause Python's cycle collector while a corpus is read, aligned and checked (usable as a
    decorator). The claims are hundreds of thousands of long-lived objects without cycles, and
    each full collection walks all of them again: a quarter of a 2,000-release run went there.
    Reference counting still frees everything acyclic; the collector runs again afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


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
    baseline: Baseline | None = None,
) -> Report:
    """Run every rule of ``ruleset`` over ``docs``. With ``focus`` (document ids), keep only
    the findings that involve at least one of those documents."""
    analysis = analyse_documents(docs, ruleset.lexicon)
    return report_claims(analysis.documents, analysis.claims, ruleset, config=config, focus=focus,
                         problems=[*problems, *analysis.problems], baseline=baseline, alignment=analysis.alignment)


def report_claims(
    docs: Sequence[Document],
    claims: Sequence[Claim],
    ruleset: RuleSet,
    *,
    config: Config | None = None,
    focus: Iterable[str] | None = None,
    problems: Sequence[Problem] = (),
    claim_count: int | None = None,
    baseline: Baseline | None = None,
    alignment: Alignment | None = None,
) -> Report:
    """Align ``claims`` (already extracted from ``docs``), run the rules and build the report.
    ``claim_count`` is the number of claims the documents hold when ``claims`` is only the part
    of them that can matter (``check`` with the claim index)."""
    config = config or Config()
    if alignment is None:
        alignment = align(docs, claims, ruleset.lexicon)
    findings = assign_ids(run_rules(ruleset, alignment))
    wanted = set(focus) if focus is not None else None
    if wanted is not None:
        findings = keep_involving(findings, wanted)
    findings, suppressed = apply_suppressions(findings, config.suppress)
    extra: dict[str, Any] = {"suppressed": suppressed, "ruleset": ruleset.version}
    if baseline is not None:
        findings, result = apply_baseline(findings, baseline, rules=ruleset.codes, focus=wanted)
        extra["baseline"] = result
    findings = [f for f in findings if f.severity >= config.min_severity]
    return Report(
        documents=tuple(sorted(docs, key=lambda d: (d.path, d.start, d.id))),
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.line or 0, p.message))),
        claims=count_claims(claims) if claim_count is None else claim_count,
        rules=ruleset.rules,
        extra=extra,
    )


def count_claims(claims: Iterable[Claim]) -> int:
    """The claims a report counts: facts, not the claims that only link names and documents."""
    return sum(1 for c in claims if c.kind not in LINK_KINDS)


def analyse_documents(docs: Sequence[Document], lexicon: Lexicon) -> Analysis:
    """Extract every document's claims independently, then align them across documents. A
    file whose claims cannot be read (a bug) is left out and becomes a problem, as with the
    claim index (``factcheck.gather.extraction_failed``)."""
    found: dict[str, tuple[Claim, ...]] = {}
    failed: dict[str, Problem] = {}
    for doc in docs:
        if doc.path in failed:
            continue
        try:
            found[doc.id] = extract_document(doc, lexicon)
        except Exception as exc:
            failed[doc.path] = extraction_failed(doc.path, exc)
    kept = tuple(d for d in docs if d.path not in failed)
    claims = tuple(claim for doc in kept for claim in found[doc.id])
    logger.debug("read %d claims from %d documents", len(claims), len(kept))
    return Analysis(kept, claims, align(kept, claims, lexicon), tuple(failed.values()))


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


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run, not what to check: the claim index file (``None``: none), how many worker
    processes extract documents, and a progress callback ``progress(done, total)``."""

    index: Path | None = None
    jobs: int = 1
    progress: Callable[[int, int], None] | None = None


def read_documents(paths: Sequence[str | Path], *, exclude: Sequence[Document] = (),
                   skip_files: Iterable[tuple[int, int]] = ()) -> tuple[list[Document], list[Problem]]:
    """Read files and folders; a file read twice counts once, files in ``skip_files`` (device,
    inode) are left out, and two different files that yield the same document id are a
    problem, not a silent merge."""
    corpus = read_paths(paths)
    skip = set(skip_files)
    docs = [d for d in corpus.documents if _file_id(d.path) not in skip] if skip else list(corpus.documents)
    problems = [p for p in corpus.problems if _file_id(p.path) not in skip] if skip else list(corpus.problems)
    kept, more = dedupe_documents([(d, ()) for d in docs], exclude=exclude)
    return [d for d, _ in kept], problems + more


def dedupe_documents(items: Sequence[tuple[Document, Any]], *, exclude: Sequence[Document] = ()
                     ) -> tuple[list[tuple[Document, Any]], list[Problem]]:
    """Drop documents already in ``exclude`` (same file and place) and report a document whose
    id another file already uses; each document travels with its payload."""
    known = {(_resolved(d.path), d.start): d for d in exclude}
    ids = {d.id: d for d in exclude}
    kept: list[tuple[Document, Any]] = []
    problems: list[Problem] = []
    for doc, payload in items:
        place = (_resolved(doc.path), doc.start)
        if place in known:
            continue
        if doc.id in ids:
            problems.append(Problem(doc.path, f"document id {doc.id!r} is also used by {ids[doc.id].path}; "
                                              "rename one of the files"))
            continue
        known[place] = doc
        ids[doc.id] = doc
        kept.append((doc, payload))
    return kept, problems


def _resolved(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def new_files(docs: Sequence[Document], problems: Sequence[Problem]) -> set[tuple[int, int]]:
    """(device, inode) of the files the new releases came from, so a corpus that contains them
    does not read them a second time."""
    found = {_file_id(d.path) for d in docs} | {_file_id(p.path) for p in problems}
    found.discard(None)
    return found  # type: ignore[return-value]


@few_collections()
def check_paths(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    rules: RuleSet | None = None,
    corpus: Sequence[str | Path] | None = None,
    options: RunOptions | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """Check the files and folders in ``paths``. With ``corpus`` (older releases), the corpus is
    read too but only findings that involve a document from ``paths`` are kept. Unreadable
    inputs become ``Problem`` records in the report. ``options`` may name a claim index and
    worker processes (the report is the same); ``baseline`` hides the findings it lists."""
    config = config or Config()
    ruleset = rules if rules is not None else load_ruleset(config)
    options = options or RunOptions()
    if options.index is not None or options.jobs > 1:
        return _check_gathered(paths, corpus, ruleset, config, options, baseline)
    docs, problems = read_documents(paths)
    focus = None
    if corpus:
        older, more = read_documents(corpus, exclude=docs, skip_files=new_files(docs, problems))
        focus = {d.id for d in docs}
        docs, problems = docs + older, problems + more
    return check_documents(docs, ruleset, config=config, focus=focus, problems=problems, baseline=baseline)


def _check_gathered(paths: Sequence[str | Path], corpus: Sequence[str | Path] | None, ruleset: RuleSet,
                    config: Config, options: RunOptions, baseline: Baseline | None) -> Report:
    """``check_paths`` through the claim index and/or worker processes. A damaged index is
    rebuilt and the run starts again; an index that cannot be used is skipped with a warning."""
    index = open_index(options.index, ruleset.lexicon) if options.index is not None else None
    try:
        for attempt in range(3):
            try:
                return _gathered_report(paths, corpus, ruleset, config, options, baseline, index)
            except (IndexCorrupt, CodecError) as exc:
                if index is None:
                    raise
                if attempt == 0:
                    index.rebuild(str(exc))
                    continue
                logger.warning("the claim index is still damaged after a rebuild (%s); going on without it", exc)
                index.close()
                index = None
            except IndexUnavailable as exc:
                if index is None:
                    raise
                logger.warning("the claim index cannot be used (%s); going on without it", exc)
                index.close()
                index = None
        raise AssertionError("unreachable")
    finally:
        if index is not None:
            index.close()


def open_index(path: Path, lexicon: Lexicon) -> ClaimIndex | None:
    """The claim index at ``path`` for this lexicon, or ``None`` (with a warning) when it cannot
    be opened."""
    try:
        return ClaimIndex.open(path, extraction_version(lexicon))
    except IndexUnavailable as exc:
        logger.warning("the claim index cannot be used (%s); going on without it", exc)
        return None


@dataclass(frozen=True, slots=True)
class IndexSummary:
    """What ``index_paths`` did (``factcheck index``)."""

    path: Path
    refreshed: Refreshed
    forgotten: int = 0  # remembered files that are gone
    removed: int = 0  # entries no file uses any more
    stats: Mapping[str, int] = dataclasses.field(default_factory=dict)
    wrong: tuple[str, ...] = ()  # what --verify found


@few_collections()
def index_paths(paths: Sequence[str | Path], *, index: Path, rules: RuleSet | None = None, jobs: int = 1,
                progress: Callable[[int, int], None] | None = None, prune: bool = True,
                verify: bool = False) -> IndexSummary:
    """Build or refresh the claim index at ``index`` for the files under ``paths``: extract what
    it lacks, and (``prune``) forget files under ``paths`` that are gone and entries nothing
    uses. ``verify`` checks every row afterwards. Raises ``IndexUnavailable`` when the index
    cannot be opened or written."""
    ruleset = rules if rules is not None else load_ruleset()
    store = ClaimIndex.open(index, extraction_version(ruleset.lexicon))
    try:
        for attempt in range(2):
            try:
                done = refresh(paths, ruleset.lexicon, extract_document, index=store, jobs=jobs, progress=progress)
                break
            except (IndexCorrupt, CodecError) as exc:
                if attempt:
                    raise IndexCorrupt(str(exc)) from None
                store.rebuild(str(exc))
        forgotten = removed = 0
        if prune:
            folders = [os.path.abspath(p) for p in paths if os.path.isdir(p)]
            forgotten, removed = store.prune(set(done.paths), folders)
        wrong = tuple(store.verify()) if verify else ()
        return IndexSummary(store.path, done, forgotten, removed, store.stats(), wrong)
    finally:
        store.close()


def _gathered_report(paths: Sequence[str | Path], corpus: Sequence[str | Path] | None, ruleset: RuleSet,
                     config: Config, options: RunOptions, baseline: Baseline | None,
                     index: ClaimIndex | None) -> Report:
    lexicon = ruleset.lexicon
    kw = {"index": index, "jobs": options.jobs, "progress": options.progress}
    if index is not None:
        remember_pinyin(index.people())  # the people the index knows need no pypinyin
    if not corpus:
        got = gather(paths, lexicon, extract_document, **kw)
        kept, problems = dedupe_documents(_items(got))
        return _report_kept(kept, list(got.problems) + problems, ruleset, config, None, baseline)
    if index is not None:
        fresh, scope = gather_scope(paths, corpus, lexicon, extract_document, **kw)
        return _report_scope(fresh, scope, ruleset, config, baseline)
    fresh = gather(paths, lexicon, extract_document, **kw)
    older = gather(corpus, lexicon, extract_document, **kw)
    new_kept, old_kept, problems = _merge_new_and_old(fresh, older)
    return _report_kept(new_kept + old_kept, problems, ruleset, config, {d.id for d, _ in new_kept}, baseline)


def _items(got: Gathered) -> list[tuple[Document, tuple[tuple[Claim, ...], int]]]:
    return list(zip(got.documents, zip(got.claims, got.counts)))


def _merge_new_and_old(fresh: Gathered, older: Gathered) -> tuple[list[Any], list[Any], list[Problem]]:
    """The new releases, then the corpus without their files and without ids they use."""
    new_kept, problems = dedupe_documents(_items(fresh))
    new_docs = [d for d, _ in new_kept]
    skip = new_files(new_docs, fresh.problems)
    corpus_problems = [p for p in older.problems if _file_id(p.path) not in skip]
    older_items = [item for item, file_id in zip(_items(older), older.file_ids) if file_id not in skip]
    old_kept, more = dedupe_documents(older_items, exclude=new_docs)
    return new_kept, old_kept, list(fresh.problems) + problems + corpus_problems + more


def _report_kept(kept: Sequence[tuple[Document, tuple[tuple[Claim, ...], int]]], problems: Sequence[Problem],
                 ruleset: RuleSet, config: Config, focus: set[str] | None, baseline: Baseline | None) -> Report:
    docs = [d for d, _ in kept]
    claims = [c for _, (claims, _count) in kept for c in claims]
    count = sum(n for _, (_claims, n) in kept)
    logger.debug("read %d claims from %d documents (%d loaded)", count, len(docs), len(claims))
    return report_claims(docs, claims, ruleset, config=config, focus=focus, problems=problems,
                         claim_count=count, baseline=baseline)


def _report_scope(fresh: Gathered, scope: Scope, ruleset: RuleSet, config: Config,
                  baseline: Baseline | None) -> Report:
    """check through the index (see factcheck.scope): the entity graph of the new releases with
    the whole link layer of the corpus, as a full run builds it; through it, the corpus facts the
    new releases can meet, and the corpus link claims that can share a fact with them. Only the
    facts of the new releases' subjects go to the checks, and the corpus documents among them
    get their text."""
    lexicon = ruleset.lexicon
    new_kept, old_kept, problems = _merge_new_and_old(fresh, scope.gathered())
    focus = {d.id for d, _ in new_kept}
    new_docs, old_docs = [d for d, _ in new_kept], [d for d, _ in old_kept]
    new_claims = [c for _, (claims, _count) in new_kept for c in claims]
    corpus_layer = scope.layer_of(old_docs)
    entities = build_entities([*(c for c in new_claims if in_layer(c)), *corpus_layer], lexicon)
    scope.extend([c for claims in fresh.claims for c in claims], Resolver(entities, lexicon))
    docs = new_docs + old_docs
    new_facts = align(new_docs, new_claims, lexicon, entities=entities).facts  # their keys: no corpus document needed
    subjects = {key[1] for key, claims in new_facts.items() if any(c.doc in focus for c in claims)}
    memo: dict[str, bool] = {}
    scope.add_layer(c for c in corpus_layer
                    if c.kind not in LINK_KINDS and has_fact_subject(c, entities, subjects, memo=memo))
    claims = new_claims + scope.selected(old_docs)
    alignment = keep_subjects(align(docs, claims, lexicon, entities=entities), focus)
    needed = {c.doc for facts in alignment.facts.values() for c in facts if c.doc not in focus}
    loaded = scope.load(d for d in old_docs if d.id in needed)
    docs = new_docs + [loaded.get(id(d), d) for d in old_docs]
    alignment.documents = {d.id: d for d in docs}
    count = sum(n for _, (_claims, n) in new_kept + old_kept)
    logger.debug("read %d claims from %d documents (%d loaded)", count, len(docs), len(claims))
    return report_claims(docs, claims, ruleset, config=config, focus=focus, problems=problems,
                         claim_count=count, baseline=baseline, alignment=alignment)


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


@few_collections()
def analyse_paths(paths: Sequence[str | Path], *, config: Config | None = None,
                  rules: RuleSet | None = None) -> Analysis:
    """Read and extract without running rules (``factcheck claims`` / ``factcheck facts``)."""
    ruleset = rules if rules is not None else load_ruleset(config)
    docs, problems = read_documents(paths)
    analysis = analyse_documents(docs, ruleset.lexicon)
    return dataclasses.replace(analysis, problems=(*problems, *analysis.problems))


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
    "dedupe_documents",
    "extract_document",
    "fingerprint",
    "index_paths",
    "IndexSummary",
    "load_ruleset",
    "open_index",
    "read_documents",
    "report_claims",
    "run_rules",
    "RunOptions",
]
