"""Reading releases through the claim index, extracting only what it does not hold, in worker
processes when there is enough to do.

``gather(paths, ...)`` gives what ``read_paths`` + extraction give (the same documents,
claims and problems, in the same order), whether the claims come from the index, from this
process or from ``jobs`` worker processes: every path goes through one function,
``extract_bytes``, whose result is JSON (``factcheck.codec``) and is decoded the same way.

``gather_scope(new, corpus, ...)`` is what ``factcheck check`` needs: the new releases in full,
and of the corpus only the documents' metadata, the number of claims, and the claims that can
take part in a finding about a new release (``factcheck.scope``). Unchanged corpus files are
recognised by their size, modification time and inode and are not read at all.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import codec
from factcheck.extract import LINK_KINDS
from factcheck.index import ClaimIndex, Entry, Extracted, IndexUnavailable, content_hash
from factcheck.ingest import article_id, decode_source, documents_from_bytes, iter_files, read_bytes
from factcheck.lexicon import Lexicon, load_lexicon
from factcheck.model import Claim, Document, Problem
from factcheck.align import build_entities
from factcheck.scope import Resolver, in_layer, link_keys

logger = logging.getLogger("factcheck")

Progress = Callable[[int, int], None]
Extractor = Callable[[Document, Lexicon], "tuple[Claim, ...]"]
Result = tuple[int, "Extracted | None", list[Problem], "tuple[Claim, ...]"]

# Below this many files to extract, worker processes cost more to start than they save.
MIN_PARALLEL = 50
CHUNK_BYTES = 1 << 20  # a worker gets about this much text at a time
CHUNK_FILES = 32


@dataclass(frozen=True, slots=True)
class Gathered:
    """Documents with their claims (``claims[i]`` belongs to ``documents[i]``; in the corpus part
    of ``gather_scope`` only the linked ones, while ``counts[i]`` is always the number of all of
    them), the problems, and the files walked (device, inode)."""

    documents: tuple[Document, ...] = ()
    claims: tuple[tuple[Claim, ...], ...] = ()
    counts: tuple[int, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: frozenset[tuple[int, int]] = frozenset()
    file_ids: tuple[tuple[int, int] | None, ...] = ()  # the file (device, inode) of each document
    extracted: int = 0  # files analysed in this run (not found in the index)
    reused: int = 0  # files whose claims came from the index


@dataclass
class _File:
    path: str
    stat: os.stat_result | None
    data: bytes | None = None
    content: str | None = None
    hashed_ns: int = 0
    entry: Entry | None = None
    extracted: Extracted | None = None
    claims: tuple[Claim, ...] | None = None  # the claims extracted in this run, all of them
    problems: list[Problem] = field(default_factory=list)
    name: str = ""  # the file name without its extension: the id of its first article
    markup: str = ""  # "html" or "text", from the extension (as ingest decides)

    def __post_init__(self) -> None:
        stem, suffix = os.path.splitext(os.path.basename(self.path))
        self.name = stem
        self.markup = "html" if suffix.lower() in (".html", ".htm") else "text"

    @property
    def file_id(self) -> tuple[int, int] | None:
        return (self.stat.st_dev, self.stat.st_ino) if self.stat is not None else None

    @property
    def key(self) -> tuple[str, str, str]:
        assert self.content is not None
        return (self.content, self.name, self.markup)

    def ids(self, count: int) -> list[str]:
        return [article_id(self.name, k) for k in range(count)]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------------------------
# Extraction: bytes -> JSON, the same in this process and in a worker


def extract_bytes(data: bytes, path: str, lexicon: Lexicon, extractor: Extractor,
                  claims: list[Claim] | None = None) -> tuple[Extracted | None, list[Problem]]:
    """Read one file's bytes and extract its claims, as the index stores them. ``None`` (with
    problems) when the file holds no usable article. ``claims``, when given, receives the
    claims themselves, in the order of their numbers: what decoding the result would give."""
    problems: list[Problem] = []
    docs = documents_from_bytes(data, path, problems)
    if not docs:
        return None, problems
    numbers = {d.id: k for k, d in enumerate(docs)}
    facts: list[tuple[int, bytes, tuple[str, ...]]] = []
    layer: list[list[Any]] = []
    counts = []
    idx = 0
    for doc in docs:
        found = extractor(doc, lexicon)
        counts.append(sum(1 for c in found if c.kind not in LINK_KINDS))  # what a report counts
        if claims is not None:
            claims.extend(found)
        for claim in found:
            if in_layer(claim):
                layer.append(codec.encode_row(idx, claim, numbers))
            else:
                text = codec.dumps(codec.encode_row(idx, claim, numbers)).encode()
                facts.append((idx, codec.pack(text), link_keys(claim, lexicon)))
            idx += 1
    meta = {"docs": [codec.encode_document(d) for d in docs], "claims": counts}
    return Extracted(codec.dumps(meta).encode(), tuple(facts), codec.pack(codec.dumps(layer).encode()), idx), problems


_WORKER: dict[str, Any] = {}


def _init_worker(lexicon_files: tuple[str, ...], version: str, extractor: Extractor, lexicon: Lexicon | None) -> None:
    if lexicon is None or lexicon.version != version:
        lexicon = load_lexicon([Path(p) for p in lexicon_files])
    _WORKER["lexicon"] = lexicon
    _WORKER["extractor"] = extractor
    # a forked worker inherits the parent's paused collector and its heap: collect cycles
    # again, but never walk what it inherited (the lexicon, the modules)
    gc.freeze()
    gc.enable()


def _extract(i: int, data: bytes, path: str, lexicon: Lexicon, extractor: Extractor) -> Result:
    claims: list[Claim] = []
    extracted, problems = extract_bytes(data, path, lexicon, extractor, claims)
    return i, extracted, problems, tuple(claims)


def _work(chunk: list[tuple[int, bytes, str]]) -> list[Result]:
    lexicon, extractor = _WORKER["lexicon"], _WORKER["extractor"]
    return [_extract(i, data, path, lexicon, extractor) for i, data, path in chunk]


def extract_files(items: Sequence[tuple[int, bytes, str]], lexicon: Lexicon, extractor: Extractor, *,
                  jobs: int = 1, progress: Progress | None = None) -> Iterator[Result]:
    """Extract (number, bytes, path) items, in ``jobs`` processes when there are at least
    ``MIN_PARALLEL`` of them; results (number, what the index stores, problems, the claims)
    come as they are ready, not in order. The claims come back pickled, which is several
    times faster than decoding what the index stores (``Claim.__reduce__``)."""
    total = len(items)
    done = 0
    if progress and total:
        progress(0, total)
    if jobs <= 1 or total < MIN_PARALLEL:
        for i, data, path in items:
            yield _extract(i, data, path, lexicon, extractor)
            done += 1
            if progress:
                progress(done, total)
        return
    chunks = _chunks(items, max(1, min(CHUNK_FILES, total // (jobs * 4) or 1)))
    # Under fork the workers inherit the lexicon; otherwise they load the same files again.
    inherit = lexicon if _start_method() == "fork" else None
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(tuple(lexicon.files), lexicon.version, extractor, inherit)) as pool:
        pending: set[Future[Any]] = set()
        queue = iter(chunks)
        for chunk in queue:
            pending.add(pool.submit(_work, chunk))
            if len(pending) >= jobs * 3:
                break
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                for result in future.result():
                    yield result
                    done += 1
                if progress:
                    progress(done, total)
            for chunk in queue:
                pending.add(pool.submit(_work, chunk))
                if len(pending) >= jobs * 3:
                    break


def _chunks(items: Sequence[tuple[int, bytes, str]], files: int) -> list[list[tuple[int, bytes, str]]]:
    """Consecutive items, at most ``files`` and about ``CHUNK_BYTES`` per chunk."""
    out: list[list[tuple[int, bytes, str]]] = []
    current: list[tuple[int, bytes, str]] = []
    size = 0
    for item in items:
        current.append(item)
        size += len(item[1])
        if len(current) >= files or size >= CHUNK_BYTES:
            out.append(current)
            current, size = [], 0
    if current:
        out.append(current)
    return out


def _start_method() -> str:
    import multiprocessing

    return multiprocessing.get_start_method(allow_none=False)


# --------------------------------------------------------------------------------------------
# Whole files -> documents and claims


def gather(paths: Sequence[str | Path], lexicon: Lexicon, extractor: Extractor, *, index: ClaimIndex | None = None,
           jobs: int = 1, progress: Progress | None = None) -> Gathered:
    """Every document and claim in ``paths``, through ``index`` when given."""
    problems: list[Problem] = []
    files = [_File(path, st) for path, st in iter_files(paths, problems)]
    for f in files:
        f.data = read_bytes(f.path, f.problems)
        if f.data is not None:
            f.content, f.hashed_ns = content_hash(f.data), time.time_ns()
    extracted = _resolve(files, lexicon, extractor, index=index, jobs=jobs, progress=progress)
    stored: dict[int, list[Any]] = {}
    if index is not None:
        stored = index.claims_of(sorted({f.entry.id for f in files if f.entry is not None and f.extracted is None}))
    uses = Counter(f.entry.id for f in files if f.entry is not None)
    out = _Collector()
    for f in files:
        problems.extend(f.problems)
        docs_blob = _docs_blob(f)
        if docs_blob is None or f.data is None:
            continue
        docs, counts = _documents(f, docs_blob, decode_source(f.data)[0])
        out.add(f, docs, _all_claims(f, stored, [d.id for d in docs]), counts)
        # what was read is in the documents and claims now: let go of the bytes and blobs
        f.data = f.extracted = f.claims = None
        if f.entry is not None:
            uses[f.entry.id] -= 1
            if not uses[f.entry.id]:
                stored.pop(f.entry.id, None)
    if index is not None:
        index.remember_files([(f.path, f.stat, f.content, f.hashed_ns) for f in files
                              if f.stat is not None and f.content is not None])
    return out.result(problems, files, extracted)


class _Collector:
    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.claims: list[tuple[Claim, ...]] = []
        self.counts: list[int] = []
        self.file_ids: list[tuple[int, int] | None] = []

    def add(self, f: _File, docs: Sequence[Document], claims: Sequence[Claim], counts: Sequence[int]) -> None:
        if claims:
            by_doc: dict[str, list[Claim]] = {d.id: [] for d in docs}
            for claim in claims:
                by_doc[claim.doc].append(claim)
            self.claims.extend(tuple(by_doc[d.id]) for d in docs)
        else:
            self.claims.extend(() for _ in docs)
        self.documents.extend(docs)
        self.counts.extend(counts)
        self.file_ids.extend(f.file_id for _ in docs)

    def result(self, problems: Sequence[Problem], files: Sequence[_File], extracted: int) -> Gathered:
        walked = frozenset(f.file_id for f in files if f.file_id is not None)
        return Gathered(tuple(self.documents), tuple(self.claims), tuple(self.counts), tuple(problems), walked,
                        tuple(self.file_ids), extracted, len(files) - extracted)


def _resolve(files: Sequence[_File], lexicon: Lexicon, extractor: Extractor, *, index: ClaimIndex | None,
             jobs: int, progress: Progress | None) -> int:
    """Find each file's entry in the index; extract (and store) the rest. Returns how many
    files were extracted."""
    readable = [f for f in files if f.content is not None]
    if index is not None:
        found = index.find(sorted({f.key for f in readable}))
        for f in readable:
            f.entry = found.get(f.key)
        # vouched for by the stat cache but not extracted at this version: read them now
        unread = [f for f in readable if f.entry is None and f.data is None]
        for f in unread:
            known = f.content
            f.data = read_bytes(f.path, f.problems)
            f.content = content_hash(f.data) if f.data is not None else None
            f.hashed_ns = time.time_ns()
            if f.content is not None and f.content != known:
                f.entry = index.find([f.key]).get(f.key)
        readable = [f for f in files if f.content is not None]
    todo: dict[tuple[str, str, str], list[_File]] = {}
    for f in readable:
        if f.entry is None:
            todo.setdefault(f.key, []).append(f)
    items = [(i, group[0].data, group[0].path) for i, group in enumerate(todo.values())]
    groups = list(todo.values())
    batch: list[tuple[tuple[str, str, str], Extracted]] = []
    last = time.monotonic()
    for i, result, problems, claims in extract_files(items, lexicon, extractor, jobs=jobs, progress=progress):  # type: ignore[arg-type]
        for f in groups[i]:
            f.extracted = result
            f.claims = claims if result is not None else None
            f.problems.extend(p if p.path == f.path else Problem(f.path, p.message, p.line, p.skipped)
                              for p in problems)
        if index is not None and result is not None:
            batch.append((groups[i][0].key, result))
            if len(batch) >= 500 or time.monotonic() - last > 5:
                _store(index, batch, groups, todo)
                batch, last = [], time.monotonic()
    if index is not None and batch:
        _store(index, batch, groups, todo)
    return len(items)


def _store(index: ClaimIndex, batch: list[tuple[tuple[str, str, str], Extracted]], groups: Any, todo: Any) -> None:
    stored = index.store(batch)
    for key, entry in stored.items():
        for f in todo[key]:
            f.entry = entry


def _docs_blob(f: _File) -> bytes | None:
    if f.extracted is not None:
        return f.extracted.docs
    return f.entry.docs if f.entry is not None else None


def _layer_blob(f: _File) -> bytes | None:
    if f.extracted is not None:
        return f.extracted.layer
    return f.entry.layer if f.entry is not None else None


def _all_claims(f: _File, stored: Mapping[int, list[Any]], ids: Sequence[str]) -> list[Claim]:
    """Every claim of a file in order: its layer and its facts, from this run's extraction or
    the index (``stored``: entry -> its stored fact claims)."""
    if f.claims is not None:
        return list(f.claims)
    if f.extracted is not None:
        facts = [(idx, data) for idx, data, _keys in f.extracted.facts]
    elif f.entry is not None and f.entry.id in stored:
        facts = [(c.idx, c.data) for c in stored[f.entry.id]]
    else:
        return []
    numbered = _decode_layer(_layer_blob(f) or codec.pack(b"[]"), ids) + _decode_facts(facts, ids)
    numbered.sort(key=lambda item: item[0])
    return [claim for _idx, claim in numbered]


def _decode_layer(blob: bytes, ids: Sequence[str]) -> list[tuple[int, Claim]]:
    try:
        rows = json.loads(codec.unpack(blob))
    except ValueError:
        raise codec.CodecError("stored link claims are not JSON") from None
    return codec.decode_rows(rows, ids)


def _decode_facts(facts: Sequence[tuple[int, bytes]], ids: Sequence[str]) -> list[tuple[int, Claim]]:
    """(claim number, claim) of stored fact claims (rows compressed one by one)."""
    if not facts:
        return []
    try:
        rows = json.loads(b"[" + b",".join(codec.unpack(data) for _idx, data in facts) + b"]")
    except ValueError:
        raise codec.CodecError("stored claims are not JSON") from None
    decoded = codec.decode_rows(rows, ids)
    if [n for n, _c in decoded] != [idx for idx, _data in facts]:
        raise codec.CodecError("stored claims are out of place")
    return decoded


def _documents(f: _File, blob: bytes, source: str) -> tuple[list[Document], list[int]]:
    try:
        meta = json.loads(blob)  # document metadata is written untagged (codec.encode_document) ...
    except ValueError:
        raise codec.CodecError(f"stored documents of {f.path} are not JSON") from None
    if isinstance(meta, dict) and any(isinstance(v, dict) for m in meta.get("docs", ()) if isinstance(m, dict)
                                      for v in m.values()):
        meta = codec.loads(blob)  # ... unless a field of another type needed a tag
    if not isinstance(meta, dict) or not isinstance(meta.get("docs"), list) or not isinstance(meta.get("claims"), list):
        raise codec.CodecError(f"stored documents of {f.path} are not in the expected shape")
    ids = f.ids(len(meta["docs"]))
    docs = [codec.decode_document(m, id=i, path=f.path, source=source) for m, i in zip(meta["docs"], ids)]
    return docs, list(meta["claims"])


# --------------------------------------------------------------------------------------------
# check: the new releases in full, the corpus only where it matters


class Scope:
    """What ``check`` needs of a corpus (see ``factcheck.scope``): every document (without its
    text: ``source`` is empty until ``load`` reads it), the link layer of every document, and
    the fact claims selected so far. ``extend`` selects more, ``load`` reads texts."""

    def __init__(self, files: list[_File], problems: list[Problem], extracted: int, lexicon: Lexicon,
                 index: ClaimIndex) -> None:
        self.index = index
        self.lexicon = lexicon
        self.files = [f for f in files if _docs_blob(f) is not None]
        self.problems = problems
        self.extracted = extracted
        self.walked = frozenset(f.file_id for f in files if f.file_id is not None)
        self.documents: list[list[Document]] = []
        self.counts: list[list[int]] = []
        self.layers: list[list[tuple[int, Claim]]] = []
        for f in self.files:
            docs, counts = _documents(f, _docs_blob(f) or b"", "")
            self.documents.append(docs)
            self.counts.append(counts)
            self.layers.append(_decode_layer(_layer_blob(f) or codec.pack(b"[]"), [d.id for d in docs]))
        self.by_id = {d.id: n for n, docs in enumerate(self.documents) for d in docs}
        self.picked: dict[int, dict[int, Claim]] = {}  # file number -> claim number -> claim
        self.keys: set[str] = set()  # the link keys whose claims are loaded
        self._loaded: set[tuple[int, int]] = set()
        self._by_entry: dict[int, list[int]] = {}
        self._fresh: list[tuple[int, int, bytes, frozenset[str]]] = []
        for n, f in enumerate(self.files):
            if f.extracted is not None:  # extracted in this run: matched here, not read back
                self._fresh += [(n, idx, data, frozenset(k)) for idx, data, k in f.extracted.facts]
            elif f.entry is not None:
                self._by_entry.setdefault(f.entry.id, []).append(n)

    def layer_claims(self) -> list[Claim]:
        return [c for layer in self.layers for _idx, c in layer]

    def gathered(self) -> Gathered:
        """The corpus as it stands: layer and selected facts of each document, in claim order."""
        out = _Collector()
        for n, f in enumerate(self.files):
            numbered = self.layers[n] + sorted(self.picked.get(n, {}).items())
            numbered.sort(key=lambda item: item[0])
            out.add(f, self.documents[n], [c for _idx, c in numbered], self.counts[n])
        result = out.result(self.problems, self.files, self.extracted)
        return dataclasses.replace(result, files=self.walked)

    def extend(self, seed: Iterable[Claim], resolver: Resolver) -> bool:
        """Load the fact claims that ``seed`` and the claims already loaded can meet, under
        ``resolver``'s entity graph, until nothing new turns up. True when anything was added."""
        keys = set()
        for claim in [*seed, *(c for picked in self.picked.values() for c in picked.values())]:
            if not in_layer(claim):
                keys |= resolver.wanted(claim)
        added = False
        with self.index.reading():
            while keys - self.keys:
                todo = keys - self.keys
                self.keys |= todo
                places = sorted(self.index.linked(sorted(todo), set(self._by_entry)) - self._loaded)
                self._loaded.update(places)
                found: list[tuple[int, int, bytes]] = []
                for stored in self.index.claims_at(places):
                    found += [(n, stored.idx, stored.data) for n in self._by_entry[stored.entry]]
                found += [(n, idx, data) for n, idx, data, claim_keys in self._fresh
                          if claim_keys & todo and idx not in self.picked.get(n, {})]
                for n, idx, data in found:
                    if idx in self.picked.get(n, {}):
                        continue
                    ((_n, claim),) = _decode_facts([(idx, data)], [d.id for d in self.documents[n]])
                    self.picked.setdefault(n, {})[idx] = claim
                    keys |= resolver.wanted(claim)
                    added = True
        return added

    def load(self, ids: Iterable[str]) -> dict[str, str]:
        """The text (``Document.source``) of these corpus documents, read from their files;
        a file that changed since its claims were read makes the index unusable for this run."""
        out: dict[str, str] = {}
        done: dict[int, str] = {}
        for doc_id in ids:
            n = self.by_id[doc_id]
            if n not in done:
                f = self.files[n]
                data = f.data if f.data is not None else read_bytes(f.path, [])
                if data is None or content_hash(data) != f.content:
                    raise IndexUnavailable(f"{f.path} changed during the run")
                done[n] = decode_source(data)[0]
            out[doc_id] = done[n]
        return out

    def corpus_key(self) -> str:
        return corpus_key(self.files)


def corpus_key(files: Sequence[_File]) -> str:
    """Names a corpus's link layer (its files' entries, in reading order), to find its entity
    graph in the index again."""
    digest = hashlib.sha256()
    for f in files:
        if _docs_blob(f) is not None:
            digest.update(f"{f.entry.id if f.entry is not None else f.key}\n".encode())
    return digest.hexdigest()


def corpus_graph(files: Sequence[_File], lexicon: Lexicon, index: ClaimIndex) -> list[list[str]]:
    """The entity graph of a corpus alone (its components of two or more nodes), from the index
    or built now and kept there."""
    key = corpus_key(files)
    groups = index.graph(key)
    if groups is None:
        layer = []
        for f in files:
            blob = _docs_blob(f)
            if blob is not None:
                docs, _counts = _documents(f, blob, "")
                layer += [c for _i, c in _decode_layer(_layer_blob(f) or codec.pack(b"[]"), [d.id for d in docs])]
        groups = [g for g in build_entities(layer, lexicon).uf.groups().values() if len(g) > 1]
        index.store_graph(key, groups)
    return groups


def gather_scope(new: Sequence[str | Path], corpus: Sequence[str | Path], lexicon: Lexicon, extractor: Extractor, *,
                 index: ClaimIndex, jobs: int = 1, progress: Progress | None = None) -> tuple[Gathered, Scope]:
    """(new releases, corpus) for ``check``, the corpus leaving out the files of the new
    releases. The first selection of facts resolves names through the entity graph of the corpus
    alone (kept in the index); ``factcheck.engine`` then checks it against the graph with the
    new releases and extends it where needed."""
    fresh = gather(new, lexicon, extractor, index=index, jobs=jobs, progress=progress)
    files, problems, extracted = _corpus_entries(corpus, set(fresh.files), lexicon, extractor, index=index,
                                                 jobs=jobs, progress=progress)
    for f in files:
        problems.extend(f.problems)
    scope = Scope(files, problems, extracted, lexicon, index)
    groups = index.graph(scope.corpus_key())
    if groups is None:
        groups = [g for g in build_entities(scope.layer_claims(), lexicon).uf.groups().values() if len(g) > 1]
        index.store_graph(scope.corpus_key(), groups)
    scope.extend([c for claims in fresh.claims for c in claims], Resolver.from_groups(groups, lexicon))
    return fresh, scope


def _corpus_entries(paths: Sequence[str | Path], skip: set[tuple[int, int]], lexicon: Lexicon, extractor: Extractor,
                    *, index: ClaimIndex, jobs: int, progress: Progress | None) -> tuple[list[_File], list[Problem], int]:
    """The files under ``paths`` (except those in ``skip``), each with its index entry (or this
    run's extraction), reading only the files the stat cache cannot vouch for."""
    problems: list[Problem] = []
    files = [_File(path, st) for path, st in iter_files(paths, problems)
             if st is None or (st.st_dev, st.st_ino) not in skip]
    known = index.known_contents([(f.path, f.stat) for f in files if f.stat is not None])
    for f in files:
        f.content = known.get(f.path)
        if f.content is None:
            f.data = read_bytes(f.path, f.problems)
            if f.data is not None:
                f.content, f.hashed_ns = content_hash(f.data), time.time_ns()
    extracted = _resolve(files, lexicon, extractor, index=index, jobs=jobs, progress=progress)
    for f in files:
        if f.content is not None and f.entry is None and f.extracted is None:
            # vouched for by the stat cache but never stored (no article): read it for its problems
            f.data = read_bytes(f.path, f.problems)
            if f.data is not None:
                f.extracted, more = extract_bytes(f.data, f.path, lexicon, extractor)
                f.problems.extend(more)
    index.remember_files([(f.path, f.stat, f.content, f.hashed_ns) for f in files
                          if f.stat is not None and f.content is not None and f.hashed_ns])
    return files, problems, extracted


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What ``refresh`` did: files walked, their documents and claims, how many files were
    extracted and how many came from the index, the problems, and the paths walked."""

    files: int
    documents: int
    claims: int
    extracted: int
    reused: int
    problems: tuple[Problem, ...]
    paths: frozenset[str]


def refresh(paths: Sequence[str | Path], lexicon: Lexicon, extractor: Extractor, *, index: ClaimIndex,
            jobs: int = 1, progress: Progress | None = None) -> Refreshed:
    """Bring the index up to date with the files under ``paths`` (``factcheck index``)."""
    files, problems, extracted = _corpus_entries(paths, set(), lexicon, extractor, index=index, jobs=jobs,
                                                 progress=progress)
    documents = claims = 0
    for f in files:
        problems.extend(f.problems)
        blob = f.extracted.docs if f.extracted is not None else f.entry.docs if f.entry is not None else None
        if blob is not None:
            counts = _documents(f, blob, "")[1]
            documents += len(counts)
            claims += sum(counts)
    with_entry = sum(1 for f in files if f.entry is not None or f.extracted is not None)
    corpus_graph(files, lexicon, index)  # so that the first check against this corpus finds it
    return Refreshed(len(files), documents, claims, extracted, with_entry - extracted, tuple(problems),
                     frozenset(os.path.abspath(f.path) for f in files))


__all__ = ["Gathered", "Refreshed", "Scope", "default_jobs", "extract_bytes", "extract_files", "gather", "gather_scope",
           "refresh"]
