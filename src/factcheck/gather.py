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

import gc
import hashlib
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck import codec
from factcheck.align import org_key, pinyin_tokens, remember_org_keys
from factcheck.extract import LINK_KINDS
from factcheck.index import RACY_NS, ClaimIndex, Entry, Extracted, IndexUnavailable, content_hash
from factcheck.ingest import article_id, decode_source, documents_from_bytes, iter_files, read_bytes
from factcheck.lexicon import Lexicon, load_lexicon
from factcheck.model import Claim, Document, Problem
from factcheck.scope import ENTITY_ATTRS, LayerClaim, Resolver, in_layer, link_keys, named_attrs, stored_value

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
    people: dict[str, str] = {}
    idx = 0
    for doc in docs:
        try:
            found = extractor(doc, lexicon)
        except Exception as exc:  # a bug must not stop the run: the file is named and left out
            return None, [*problems, extraction_failed(path, exc)]
        counts.append(sum(1 for c in found if c.kind not in LINK_KINDS))  # what a report counts
        if claims is not None:
            claims.extend(found)
        for claim in found:
            if in_layer(claim):
                layer.append(codec.encode_row(idx, claim, numbers))
            else:
                text = codec.dumps(codec.encode_row(idx, claim, numbers)).encode()
                keys = link_keys(claim, lexicon)
                facts.append((idx, codec.pack(text), keys))
                for key in keys:
                    if key.startswith("p:zh:") and key not in people:
                        people[key] = json.dumps(pinyin_tokens(key[5:]), ensure_ascii=False)
            idx += 1
    meta = {"docs": [codec.encode_document(d) for d in docs], "claims": counts}
    return Extracted(codec.dumps(meta).encode(), tuple(facts), codec.pack(codec.dumps(layer).encode()), idx,
                     tuple((key[5:], pinyin) for key, pinyin in sorted(people.items()))), problems


def extraction_failed(path: str, exc: Exception) -> Problem:
    """The problem a file becomes when reading its claims raised (a bug in factcheck): the run
    goes on without the file, and says so. Nothing of the file is kept in the index, so every
    run names it again until it is fixed. FACTCHECK_DEBUG=1 raises instead."""
    if os.environ.get("FACTCHECK_DEBUG"):
        raise exc
    return Problem(path, f"internal error while reading its claims ({type(exc).__name__}: {exc}); "
                         "the file is left out of this run. Please report it")


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
    # imported here: a check of releases the index holds starts no process
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

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
    meta = _meta(f, blob)
    return _decode_documents(f.path, meta["docs"], source=source), list(meta["claims"])


def _meta(f: _File, blob: bytes) -> dict[str, Any]:
    """A file's stored document metadata (as stored: ``_decode_documents`` rebuilds them) and
    claim counts, parsed."""
    try:
        meta = json.loads(blob)
    except ValueError:
        raise codec.CodecError(f"stored documents of {f.path} are not JSON") from None
    if not isinstance(meta, dict) or not isinstance(meta.get("docs"), list) or not isinstance(meta.get("claims"), list):
        raise codec.CodecError(f"stored documents of {f.path} are not in the expected shape")
    return meta


def _decode_documents(path: str, metas: Sequence[Any], *, sections: bool = True, source: str = "") -> list[Document]:
    """The documents of a file (with the text ``source``, empty by default) from its metadata as
    stored, parsed; with ``sections=False`` without their sections (``Scope`` adds them with the
    text)."""
    name = os.path.splitext(os.path.basename(path))[0]
    out = []
    for k, m in enumerate(metas):
        if type(m) is not dict:
            raise codec.CodecError(f"stored documents of {path} are not in the expected shape")
        if dict in map(type, m.values()):  # written untagged (codec.encode_document) ...
            m = codec.loads(codec.dumps(m))  # ... unless a field of another type needed a tag
        if not sections and "sections" in m:
            m = m.copy()  # (check decodes every document of a corpus this way)
            del m["sections"]
        out.append(codec.decode_document(m, id=article_id(name, k), path=path, source=source))
    return out


# --------------------------------------------------------------------------------------------
# check: the new releases in full, the corpus only where it matters


@dataclass(frozen=True, slots=True)
class _Stored:
    """A corpus file as a snapshot names it: path, (device, inode), content hash, index entry."""

    path: str
    file_id: tuple[int, int]
    content: str
    entry: int


class Scope:
    """What ``check`` needs of a corpus (see ``factcheck.scope``): every document (without its
    text: ``source`` is empty until ``load`` reads it), the link layer of every document (as
    ``LayerClaim``s, for the entity graph), and the claims selected so far. ``extend`` selects
    facts, ``add_layer`` link claims, ``load`` reads texts.

    Built from a *snapshot* (``snapshot_data``): the documents and the link layer of a whole
    corpus as one JSON text, which the index keeps for a corpus state named by ``files_key``, so
    that an unchanged corpus costs one read instead of one per file."""

    def __init__(self, data: Mapping[str, Any], problems: list[Problem], extracted: int, lexicon: Lexicon,
                 index: ClaimIndex, walked: frozenset[tuple[int, int]]) -> None:
        self.index = index
        self.lexicon = lexicon
        self.problems = problems
        self.extracted = extracted
        self.walked = walked
        self.files: list[_Stored] = []
        self.documents: list[list[Document]] = []
        self.counts: list[list[int]] = []
        self.layer: list[LayerClaim | Claim] = []
        self._full: dict[int, tuple[int, int]] = {}  # id of a layer claim decoded in full -> its place
        self.metas: list[Any] = []  # each file's document metadata as stored
        try:
            for path, dev, ino, content, entry, metas, counts in data["files"]:
                self.files.append(_Stored(path, (dev, ino), content, entry))
                self.documents.append(_decode_documents(path, metas, sections=False))
                self.metas.append(metas)
                self.counts.append(counts)
            documents = self.documents
            strings, rows = data["strings"], data["rows"]
            if not all(type(s) is str for s in strings):
                raise codec.CodecError("damaged corpus snapshot: a name is not text")
            values = [stored_value(v) for v in data["values"]]  # each distinct one once
            attrsets = [(attrs, named_attrs(attrs)) for attrs in data["attrsets"]]
            columns = data["layer"]
            made = LayerClaim.decoded
            layer = self.layer
            for n, article, idx, kind, value, subject, lang, attrs in zip(*(columns[c] for c in _LAYER_COLUMNS),
                                                                          strict=True):
                if kind < 0:  # a row that needs the full decoder (see snapshot_data)
                    ((_idx, claim),) = codec.decode_rows([rows[value]], [d.id for d in documents[n]])
                    layer.append(claim)
                    self._full[id(claim)] = (n, idx)
                    continue
                stored, named = attrsets[attrs]
                layer.append(made(strings[kind], documents[n][article].id, values[value], strings[subject],
                                  strings[lang], stored, named, n, idx))
            known = [(name, key) for name, key in data.get("org_keys", ()) if type(name) is str and type(key) is str]
        except codec.CodecError:
            raise
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise codec.CodecError(f"damaged corpus snapshot: {exc}") from None
        remember_org_keys(known)
        self._file_of = {id(d): n for n, docs in enumerate(self.documents) for d in docs}
        self.picked: dict[int, dict[int, Claim]] = {}  # file number -> claim number -> claim
        self.keys: set[str] = set()  # the link keys whose claims are loaded
        self._loaded: set[tuple[int, int]] = set()
        self._by_entry: dict[int, list[int]] = {}
        for n, f in enumerate(self.files):
            self._by_entry.setdefault(f.entry, []).append(n)

    def place(self, claim: LayerClaim | Claim) -> tuple[int, int]:
        """(file number, claim number) of a claim of ``layer``."""
        if isinstance(claim, LayerClaim):
            return claim.file, claim.idx
        return self._full[id(claim)]

    def layer_of(self, documents: Iterable[Document]) -> list[LayerClaim | Claim]:
        """The link layer of these documents of the corpus (those a report keeps: a document
        whose id a new release uses is left out)."""
        wanted = {(self._file_of[id(d)], d.id) for d in documents}
        return [c for c in self.layer if (self.place(c)[0], c.doc) in wanted]

    def selected(self, documents: Iterable[Document]) -> list[Claim]:
        """The claims selected so far of these documents of the corpus, document by document,
        each in claim order."""
        out: list[Claim] = []
        for d in documents:
            picked = self.picked.get(self._file_of[id(d)])
            if picked:
                out += [c for _idx, c in sorted(picked.items()) if c.doc == d.id]
        return out

    def gathered(self) -> Gathered:
        """The corpus as it stands: each document with the claims selected so far, in claim order."""
        out = _Collector()
        for n, f in enumerate(self.files):
            picked = self.picked.get(n)
            out.add(f, self.documents[n], [c for _idx, c in sorted(picked.items())] if picked else [],  # type: ignore[arg-type]
                    self.counts[n])
        return Gathered(tuple(out.documents), tuple(out.claims), tuple(out.counts), tuple(self.problems), self.walked,
                        tuple(out.file_ids), self.extracted, len(self.files) - self.extracted)

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
                found: dict[int, list[tuple[int, bytes]]] = {}
                for stored in self.index.claims_at(places):
                    for n in self._by_entry[stored.entry]:
                        if stored.idx not in self.picked.get(n, {}):
                            found.setdefault(n, []).append((stored.idx, stored.data))
                for n, facts in found.items():
                    for idx, claim in _decode_facts(facts, [d.id for d in self.documents[n]]):
                        self.picked.setdefault(n, {})[idx] = claim
                        keys |= resolver.wanted(claim)
                        added = True
        return added

    def add_layer(self, claims: Iterable[LayerClaim | Claim]) -> None:
        """Select these claims of ``layer`` in full (read back from the index)."""
        places = sorted({self.place(c) for c in claims})
        entries = {self.files[n].entry for n, _idx in places}
        blobs = self.index.layers(sorted(entries))
        decoded: dict[int, dict[int, Claim]] = {}
        for n, idx in places:
            if n not in decoded:
                decoded[n] = dict(_decode_layer(blobs[self.files[n].entry], [d.id for d in self.documents[n]]))
            self.picked.setdefault(n, {})[idx] = decoded[n][idx]

    def load(self, documents: Iterable[Document]) -> dict[int, Document]:
        """These corpus documents in full (with their text, ``Document.source``, read from their
        files, and their sections), by ``id()`` of the document given; a file that changed since
        its claims were read makes the index unusable for this run."""
        out: dict[int, Document] = {}
        done: dict[int, list[Document]] = {}
        for doc in documents:
            n = self._file_of[id(doc)]
            if n not in done:
                f = self.files[n]
                data = read_bytes(f.path, [])
                if data is None or content_hash(data) != f.content:
                    raise IndexUnavailable(f"{f.path} changed during the run")
                done[n] = _decode_documents(f.path, self.metas[n], source=decode_source(data)[0])
            out[id(doc)] = done[n][self.documents[n].index(doc)]
        return out


def files_key(files: Sequence[tuple[str, os.stat_result | None]]) -> str | None:
    """Names a corpus state: every file's path, device, inode, size and modification and change
    times, in reading order (``None`` when a file could not be examined). A corpus snapshot is
    kept under this name only when every file's content is known for these stat results the way
    the stat cache knows it (``ClaimIndex.known_contents``), so a changed file is always noticed."""
    digest = hashlib.sha256()
    for path, st in files:
        if st is None:
            return None
        digest.update(f"{path}\0{st.st_dev}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\n"
                      .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _trusted(files: Sequence[_File]) -> bool:
    """Whether every file has an index entry and a content hash the stat cache vouches for
    (already vouched for, or hashed now long enough after its last change)."""
    for f in files:
        st = f.stat
        if st is None or f.entry is None or f.content is None:
            return False
        if f.hashed_ns and f.hashed_ns - max(st.st_mtime_ns, st.st_ctime_ns) <= RACY_NS:
            return False
    return True


_NAME_ATTRS = ("en", "zh", "full", "issuer")  # the attributes of link claims that hold names


_LAYER_COLUMNS = ("file", "article", "idx", "kind", "value", "subject", "lang", "attrs")


def snapshot_data(files: Sequence[_File]) -> dict[str, Any]:
    """The snapshot of the corpus files that have documents (each with its index entry):
    ``files``: [path, device, inode, content hash, entry, document metadata, claim counts];
    ``layer``: the claims of the link layer in columns (``_LAYER_COLUMNS``: file number, article
    number, claim number, kind, stored value, subject, lang, the attrs in ``ENTITY_ATTRS``), where
    kind, subject and lang are numbers in ``strings``, the value a number in ``values`` and the
    attrs a number in ``attrsets`` (a corpus repeats them: each distinct one is parsed and decoded
    once, and one array per column parses several times faster than one per claim); a claim whose
    row needs the full decoder has kind -1 and its value is a number in ``rows``; ``org_keys``:
    [name, ``org_key(name)``] for the names in the layer (computing them is a good part of
    building the entity graph)."""
    out_files: list[list[Any]] = []
    columns: dict[str, list[Any]] = {name: [] for name in _LAYER_COLUMNS}
    strings: dict[str, int] = {}
    values: dict[str, tuple[int, Any]] = {}
    attrsets: dict[str, tuple[int, Any]] = {}
    full: list[Any] = []
    names: set[str] = set()

    def number(table: dict[str, tuple[int, Any]], item: Any) -> int:
        key = codec.dumps(item)  # by JSON text: 1 and 1.0 (and True) are different values here
        found = table.get(key)
        if found is None:
            found = table[key] = (len(table), item)
        return found[0]

    for f in files:
        blob = _docs_blob(f)
        if blob is None or f.entry is None or f.stat is None or f.content is None:
            continue
        try:
            meta = json.loads(blob)  # kept as stored: tagged fields are rebuilt by _decode_documents
        except ValueError:
            raise codec.CodecError(f"stored documents of {f.path} are not JSON") from None
        n = len(out_files)
        out_files.append([f.path, f.stat.st_dev, f.stat.st_ino, f.content, f.entry.id, meta.get("docs"),
                          meta.get("claims")])
        try:
            rows = json.loads(codec.unpack(_layer_blob(f) or codec.pack(b"[]")))
        except ValueError:
            raise codec.CodecError("stored link claims are not JSON") from None
        for row in rows:
            value, rest = row[5], row[20]
            if rest or value[0] not in ("s", "p", "i"):
                cells = [n, 0, row[0], -1, len(full), -1, -1, -1]
                full.append(row)
            else:
                attrs = [a for a in row[17] or () if a[0] in ENTITY_ATTRS]
                cells = [n, row[2], row[0], strings.setdefault(row[1], len(strings)), number(values, value),
                         strings.setdefault(row[6], len(strings)), strings.setdefault(row[15], len(strings)),
                         number(attrsets, attrs)]
                if value[0] == "s":
                    names.add(value[1])
                names.update(a[1] for a in attrs if a[0] in _NAME_ATTRS and type(a[1]) is str)
            for name, cell in zip(_LAYER_COLUMNS, cells):
                columns[name].append(cell)
    return {"files": out_files, "layer": columns, "strings": list(strings),
            "values": [item for _n, item in values.values()], "attrsets": [item for _n, item in attrsets.values()],
            "rows": full, "org_keys": [[name, org_key(name)] for name in sorted(names)]}


def gather_scope(new: Sequence[str | Path], corpus: Sequence[str | Path], lexicon: Lexicon, extractor: Extractor, *,
                 index: ClaimIndex, jobs: int = 1, progress: Progress | None = None) -> tuple[Gathered, Scope]:
    """(new releases, corpus) for ``check``, the corpus leaving out the files of the new
    releases. The corpus comes from its snapshot in the index when no file changed; otherwise
    from its files' index entries (extracting what the index lacks), and its snapshot is kept
    for the next run."""
    fresh = gather(new, lexicon, extractor, index=index, jobs=jobs, progress=progress)
    skip = set(fresh.files)
    problems: list[Problem] = []
    listed = [(path, st) for path, st in iter_files(corpus, problems)
              if st is None or (st.st_dev, st.st_ino) not in skip]
    walked = frozenset((st.st_dev, st.st_ino) for _path, st in listed if st is not None)
    key = files_key(listed)
    text = index.snapshot(key) if key is not None else None
    extracted = 0
    if text is not None:
        try:
            data = json.loads(text.decode("utf-8", "surrogatepass"))
        except ValueError:
            raise codec.CodecError("the corpus snapshot is not JSON") from None
    else:
        files = [_File(path, st) for path, st in listed]
        extracted = _corpus_entries(files, lexicon, extractor, index=index, jobs=jobs, progress=progress)
        for f in files:
            problems.extend(f.problems)
        data = snapshot_data(files)
        if key is not None and _trusted(files):
            index.store_snapshot(key, codec.dumps(data).encode("utf-8", "surrogatepass"))  # paths may not be UTF-8
    return fresh, Scope(data, problems, extracted, lexicon, index, walked)


def _corpus_entries(files: Sequence[_File], lexicon: Lexicon, extractor: Extractor, *, index: ClaimIndex, jobs: int,
                    progress: Progress | None) -> int:
    """Find each file's index entry (or extract it now), reading only the files the stat cache
    cannot vouch for. Returns how many files were extracted."""
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
    return extracted


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
    problems: list[Problem] = []
    files = [_File(path, st) for path, st in iter_files(paths, problems)]
    extracted = _corpus_entries(files, lexicon, extractor, index=index, jobs=jobs, progress=progress)
    documents = claims = 0
    for f in files:
        problems.extend(f.problems)
        blob = _docs_blob(f)
        if blob is not None:
            counts = _meta(f, blob)["claims"]  # the counts only: no document is rebuilt
            documents += len(counts)
            claims += sum(counts)
    with_entry = sum(1 for f in files if f.entry is not None or f.extracted is not None)
    key = files_key([(f.path, f.stat) for f in files])
    if key is not None and _trusted(files):  # so that the first check against this corpus finds it
        index.store_snapshot(key, codec.dumps(snapshot_data(files)).encode("utf-8", "surrogatepass"))
    return Refreshed(len(files), documents, claims, extracted, with_entry - extracted, tuple(problems),
                     frozenset(os.path.abspath(f.path) for f in files))


__all__ = ["Gathered", "Refreshed", "Scope", "default_jobs", "extract_bytes", "extract_files", "extraction_failed", "gather", "gather_scope",
           "refresh"]
