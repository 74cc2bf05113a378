"""The claim index: what was read from each release, kept in SQLite so that an unchanged file is
never analysed twice.

By default the index of a corpus folder ``DIR`` is ``DIR/.factcheck/index.sqlite`` (the folder
gets a ``.gitignore`` so the index is never committed); ``--index PATH`` puts it elsewhere.

What is stored, per file content
    the file's articles (every ``Document`` field except ``id``, ``path`` and ``source``) and
    their claims (every ``Claim`` field), as JSON (``factcheck.codec``): the claims that link
    names and releases in one block per file (``check`` loads them all), each other claim in a
    row of its own with its link keys (``factcheck.scope``), so ``check`` can load only the part
    of the corpus a new release can be compared with. Also the pinyin of the Chinese names of
    people, so that ``check`` need not load pypinyin.

Keyed by
    the SHA-256 of the file's bytes, the file's name without its extension (it becomes the
    document id, and a claim about "the release itself" carries it), whether it is read as HTML
    or text, and the *extraction version*: ``factcheck.extract.EXTRACTOR_VERSION``, the
    package version, a hash of the package's source files except those that only act after
    extraction (checks, reports, the command line, configuration, rule loading), the lexicon
    files (``Lexicon.version``), and the versions of Python's
    Unicode tables, OpenCC, pypinyin, rapidfuzz and charset-normalizer. A changed lexicon or a
    new factcheck re-extracts; a file moved to another folder does not. Rules are not part of
    the key: extraction does not read them, and they run afresh every time.

    A second table remembers each path's size, modification and change times and inode with
    the hash of its content, so an unchanged file need not even be read (``check`` reads only the releases it
    compares); a file modified less than two seconds before it was hashed is hashed again next
    time, as git does for "racily clean" files.

Safety
    The file is checked when opened (SQLite header, application id, schema version). A foreign
    or damaged file is moved aside to ``index.sqlite.corrupt`` and rebuilt with a warning; a
    damaged row (every row carries a CRC-32) or SQLite's "malformed" error has the same effect
    during a run, which then starts again without the damaged data. Many processes may use one
    index at once: SQLite's WAL journal, one transaction per batch of writes, a 60 s busy
    timeout, and (on POSIX) a lock file that lets a rebuild move the old file aside only while
    no other factcheck process has it open. An index that cannot be opened or written (a
    read-only folder, a lock held too long) is skipped with a warning: the run is slower, never
    wrong. Nothing is ever unpickled: the data is JSON and rebuilds only factcheck's own records.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import sys
import time
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.lexicon import Lexicon

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

logger = logging.getLogger("factcheck")

SCHEMA = 6
APPLICATION_ID = 0x46434B31  # "FCK1"
INDEX_DIR = ".factcheck"
INDEX_FILE = "index.sqlite"
BUSY_TIMEOUT_S = 60.0
LOCK_TIMEOUT_S = 60.0
KEEP_VERSIONS = 2  # extraction versions kept side by side (two rule folders used in turn)
RACY_NS = 2_000_000_000  # a file younger than this when hashed is hashed again next time
KEEP_SNAPSHOTS = 4  # corpus snapshots (see ``snapshot``) of recent corpus states kept for check
BULK = 200  # above this many lookups, read the whole table once instead of one row at a time
SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB

# The parts of the package that cannot change what is read from a file (the rest is hashed).
_DOWNSTREAM = ("report", "checks", "cli.py", "__main__.py", "baseline.py", "progress.py", "config.py",
               "rulebook.py", "_rules")
_LIBRARIES = ("opencc", "pypinyin", "rapidfuzz", "charset-normalizer")

_SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS versions (version TEXT PRIMARY KEY, used_ns INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    content TEXT NOT NULL, name TEXT NOT NULL, markup TEXT NOT NULL, version TEXT NOT NULL,
    docs BLOB NOT NULL, layer BLOB NOT NULL, claims INTEGER NOT NULL, crc INTEGER NOT NULL,
    UNIQUE (content, name, markup, version));
CREATE TABLE IF NOT EXISTS claims (
    entry INTEGER NOT NULL, idx INTEGER NOT NULL, data BLOB NOT NULL, keys TEXT NOT NULL,
    crc INTEGER NOT NULL, PRIMARY KEY (entry, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS links (
    key TEXT NOT NULL, entry INTEGER NOT NULL, idx INTEGER NOT NULL,
    PRIMARY KEY (key, entry, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
    version TEXT NOT NULL, files TEXT NOT NULL, data BLOB NOT NULL, used_ns INTEGER NOT NULL,
    crc INTEGER NOT NULL, PRIMARY KEY (version, files));
CREATE TABLE IF NOT EXISTS people (
    version TEXT NOT NULL, name TEXT NOT NULL, pinyin TEXT NOT NULL, PRIMARY KEY (version, name)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL,
    ino INTEGER NOT NULL, content TEXT NOT NULL, hashed_ns INTEGER NOT NULL, crc INTEGER NOT NULL);
"""


class IndexUnavailable(FactcheckError):
    """The index cannot be used now (unwritable folder, lock held too long, changed under us)."""


class IndexCorrupt(IndexUnavailable):
    """The index file is damaged or is not a factcheck index."""


# --------------------------------------------------------------------------------------------
# Keys and versions


def content_hash(data: bytes) -> str:
    """The SHA-256 of a file's bytes, in hex.

    >>> content_hash("數碼港".encode())[:16]
    '68bdf612dd9af155'
    """
    return hashlib.sha256(data).hexdigest()


def default_index_path(corpus: Path | str) -> Path:
    """Where the index of a corpus folder lives.

    >>> default_index_path("releases").as_posix()
    'releases/.factcheck/index.sqlite'
    """
    return Path(corpus) / INDEX_DIR / INDEX_FILE


@cache
def code_fingerprint() -> str:
    """A hash of the package's source files that can change what is read from a file."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or rel.parts[0] in _DOWNSTREAM or "__pycache__" in rel.parts:
            continue
        if path.suffix not in (".py", ".toml", ".json", ".txt"):
            continue
        digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def extraction_version(lexicon: Lexicon) -> str:
    """The version an index entry must carry to be used with this lexicon and this factcheck."""
    from factcheck.extract import EXTRACTOR_VERSION

    parts = [f"schema={SCHEMA}", f"extractor={EXTRACTOR_VERSION}", f"factcheck={__version__}",
             f"code={code_fingerprint()}", f"lexicon={lexicon.version}",
             f"python={sys.version_info[0]}.{sys.version_info[1]}", f"unicode={unicodedata.unidata_version}"]
    parts += [f"{name}={_library_version(name)}" for name in _LIBRARIES]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@cache
def _library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def crc(*parts: bytes | str | int) -> int:
    """CRC-32 over the parts, separated so that ("ab", "c") and ("a", "bc") differ.

    >>> crc("a", "bc") != crc("ab", "c")
    True
    """
    value = 0
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        value = zlib.crc32(data + b"\x1f", value)
    return value


def claim_crc(entry: int, idx: int, data: bytes, keys: str) -> int:
    """``crc(entry, idx, data, keys)`` for a stored claim, without copying its data (``check``
    verifies thousands of them).

    >>> claim_crc(12, 3, b"row", '["s:series:michk"]') == crc(12, 3, b"row", '["s:series:michk"]')
    True
    """
    value = zlib.crc32(b"%d\x1f%d\x1f" % (entry, idx))
    value = zlib.crc32(b"\x1f", zlib.crc32(data, value))
    return zlib.crc32(b"\x1f", zlib.crc32(keys.encode("utf-8", "surrogatepass"), value))


def sql_text(text: str) -> str | bytes:
    """A file name or path as SQLite is given it: the text, or, for a name that is not valid
    UTF-8 (a Linux file name, read with surrogate escapes), its bytes with the surrogates kept
    (SQLite text must be UTF-8). ``py_text`` gives the name back.

    >>> sql_text("數碼港.txt"), sql_text("bad\\udcff.txt")
    ('數碼港.txt', b'bad\\xed\\xb3\\xbf.txt')
    >>> py_text(sql_text("bad\\udcff.txt")) == "bad\\udcff.txt"
    True
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
    return text


def py_text(value: str | bytes) -> str:
    return value.decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True, slots=True)
class Extracted:
    """What was read from one file's bytes, as the index stores it. Plain data, so a worker
    process can send it back.

    ``docs``: JSON of the articles' metadata and their claim counts; ``facts``: (claim number,
    claim JSON compressed by ``codec.pack``, link keys) of the claims ``check`` selects by key;
    ``layer``: the compressed JSON array of ``[claim number, claim]`` of the claims every
    ``check`` loads (those factcheck.align links names and releases with); ``total``: how many
    claims in all; ``people``: (Chinese name, its pinyin tokens as a JSON array) of each person
    the claims name (``factcheck.align.pinyin_tokens``), so that ``check`` need not load pypinyin."""

    docs: bytes
    facts: tuple[tuple[int, bytes, tuple[str, ...]], ...]
    layer: bytes
    total: int
    people: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    docs: bytes
    layer: bytes
    claims: int


@dataclass(frozen=True, slots=True)
class StoredClaim:
    entry: int
    idx: int
    data: bytes
    keys: tuple[str, ...]


# --------------------------------------------------------------------------------------------
# The index


class ClaimIndex:
    """An open claim index. Use ``ClaimIndex.open(path, version)``; close it (or use ``with``)."""

    def __init__(self, path: Path, version: str, conn: sqlite3.Connection, lock: _Lock) -> None:
        self.path = path
        self.version = version
        self._conn = conn
        self._lock = lock
        self._closed = False

    # ---------------------------------------------------------------- opening

    @classmethod
    def open(cls, path: Path | str, version: str) -> ClaimIndex:
        """Open (creating it if needed) the index at ``path`` for extraction ``version``. A
        foreign or damaged file is moved aside and rebuilt with a warning."""
        path = Path(path)
        try:
            _make_folder(path.parent)
        except OSError as exc:
            raise IndexUnavailable(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        lock = _Lock(path)
        lock.acquire_shared()
        try:
            conn = _open_checked(path, lock)
            index = cls(path, version, conn, lock)
            index._use_version()
            return index
        except BaseException:
            lock.release()
            raise

    def rebuild(self, reason: str) -> None:
        """Move the current file aside and start an empty index (after damage found during use)."""
        damaged = _identity(self.path)
        self._conn.close()
        logger.warning("the claim index %s is damaged (%s); moved aside and rebuilt", self.path, reason)
        self._conn = _replace(self.path, self._lock, damaged)
        self._use_version()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._conn.close()
        finally:
            self._lock.release()

    def __enter__(self) -> ClaimIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- transactions

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock is taken at once)."""
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """One read transaction: every query inside sees the same snapshot."""
        with self._errors():
            self._conn.execute("BEGIN")
            try:
                yield
            finally:
                self._conn.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, self.path) from None

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._errors():
            return self._conn.execute(sql, args).fetchall()

    # ---------------------------------------------------------------- versions

    def _use_version(self) -> None:
        now = time.time_ns()
        with self.writing():
            self._conn.execute("INSERT INTO versions VALUES (?, ?) ON CONFLICT(version) DO UPDATE SET used_ns = ?",
                               (self.version, now, now))
            old = [v for (v,) in self._conn.execute(
                "SELECT version FROM versions ORDER BY used_ns DESC, version LIMIT -1 OFFSET ?", (KEEP_VERSIONS,))]
            for version in old:
                self._delete_entries(self._conn.execute("SELECT id FROM entries WHERE version = ?",
                                                        (version,)).fetchall())
                self._conn.execute("DELETE FROM versions WHERE version = ?", (version,))
                self._conn.execute("DELETE FROM snapshots WHERE version = ?", (version,))
                self._conn.execute("DELETE FROM people WHERE version = ?", (version,))
                logger.info("claim index: dropped the entries of extraction version %s", version)

    def _delete_entries(self, rows: Iterable[tuple[int]]) -> int:
        count = 0
        for (entry,) in rows:
            for idx, keys in self._conn.execute("SELECT idx, keys FROM claims WHERE entry = ?", (entry,)).fetchall():
                self._conn.executemany("DELETE FROM links WHERE key = ? AND entry = ? AND idx = ?",
                                       [(key, entry, idx) for key in _split_keys(keys)])
            self._conn.execute("DELETE FROM claims WHERE entry = ?", (entry,))
            self._conn.execute("DELETE FROM entries WHERE id = ?", (entry,))
            count += 1
        if count:  # a snapshot names entries: never let one outlive them
            self._conn.execute("DELETE FROM snapshots")
        return count

    # ---------------------------------------------------------------- files (stat cache)

    def known_contents(self, stats: Sequence[tuple[str, os.stat_result]]) -> dict[str, str]:
        """Path -> content hash for the files whose size, modification and change times and
        inode are those recorded when they were last hashed (and which had not been modified
        within ``RACY_NS`` of that moment). The change time cannot be set back by a program, so
        a file rewritten with its old size and modification time is still noticed."""
        out: dict[str, str] = {}
        sql = "SELECT path, size, mtime_ns, ctime_ns, ino, content, hashed_ns, crc FROM files"
        with self.reading():
            wanted = {os.path.abspath(path): (path, st) for path, st in stats}
            if len(wanted) > BULK:
                rows: Iterable[tuple[Any, ...]] = self._conn.execute(sql)
            else:
                rows = (row for key in wanted for row in self._conn.execute(sql + " WHERE path = ?", (sql_text(key),)))
            for key, size, mtime_ns, ctime_ns, ino, content, hashed_ns, check in rows:
                key = py_text(key)
                if key not in wanted:
                    continue
                if check != crc(key, size, mtime_ns, ctime_ns, ino, content, hashed_ns):
                    raise IndexCorrupt(f"{self.path}: damaged file record for {key}")
                path, st = wanted[key]
                same = (size, mtime_ns, ctime_ns, ino) == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                if same and hashed_ns - max(mtime_ns, ctime_ns) > RACY_NS:
                    out[path] = content
        return out

    def remember_files(self, rows: Sequence[tuple[str, os.stat_result, str, int]]) -> None:
        """Record (path, stat, content hash, when hashed in ns) for the next run (paths are
        stored absolute)."""
        if not rows:
            return
        absolute = [(os.path.abspath(path), st, content, hashed) for path, st, content, hashed in rows]
        with self.writing():
            self._conn.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(sql_text(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, content, hashed,
                  crc(path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, content, hashed))
                 for path, st, content, hashed in absolute])

    # ---------------------------------------------------------------- entries

    def find(self, keys: Sequence[tuple[str, str, str]]) -> dict[tuple[str, str, str], Entry]:
        """The entries for (content hash, name, markup) keys at this index's version."""
        out: dict[tuple[str, str, str], Entry] = {}
        sql = "SELECT content, name, markup, id, docs, layer, claims, crc FROM entries WHERE version = ?"
        with self.reading():
            wanted = set(keys)
            if len(wanted) > BULK:
                rows: Iterable[tuple[Any, ...]] = self._conn.execute(sql, (self.version,))
            else:
                rows = (row for key in wanted for row in self._conn.execute(
                    sql + " AND content = ? AND name = ? AND markup = ?", (self.version, key[0], sql_text(key[1]), key[2])))
            for content, name, markup, entry, docs, layer, count, check in rows:
                key = (content, py_text(name), markup)
                if key not in wanted:
                    continue
                if check != crc(*key, self.version, docs, layer, count):
                    raise IndexCorrupt(f"{self.path}: damaged entry {entry}")
                out[key] = Entry(entry, docs, layer, count)
        return out

    def store(self, items: Sequence[tuple[tuple[str, str, str], Extracted]]) -> dict[tuple[str, str, str], Entry]:
        """Store what was read from several files (one transaction) and return their entries.
        An entry another process stored meanwhile is kept as it is (the content is the same)."""
        out: dict[tuple[str, str, str], Entry] = {}
        if not items:
            return out
        with self.writing():
            for key, extracted in items:
                count = extracted.total
                cursor = self._conn.execute(
                    "INSERT OR IGNORE INTO entries (content, name, markup, version, docs, layer, claims, crc) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (key[0], sql_text(key[1]), key[2], self.version, extracted.docs, extracted.layer, count,
                     crc(*key, self.version, extracted.docs, extracted.layer, count)))
                if cursor.rowcount == 0:
                    continue
                entry = cursor.lastrowid
                assert entry is not None
                self._conn.executemany(
                    "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
                    [(entry, idx, data, joined, crc(entry, idx, data, joined))
                     for idx, data, joined in ((i, d, _join_keys(k)) for i, d, k in extracted.facts)])
                self._conn.executemany(
                    "INSERT OR IGNORE INTO links VALUES (?, ?, ?)",
                    [(key_, entry, idx) for idx, _data, keys in extracted.facts for key_ in keys])
                self._conn.executemany("INSERT OR IGNORE INTO people VALUES (?, ?, ?)",
                                       [(self.version, name, pinyin) for name, pinyin in extracted.people])
                out[key] = Entry(entry, extracted.docs, extracted.layer, count)
        missing = [key for key, _ in items if key not in out]
        out.update(self.find(missing))
        return out

    def people(self) -> list[tuple[str, tuple[str, ...]]]:
        """(Chinese name, pinyin tokens) of every person the entries of this version name (and
        of people named by entries since pruned: the pinyin of a name does not change)."""
        rows = self._query("SELECT name, pinyin FROM people WHERE version = ?", (self.version,))
        try:
            return [(name, tuple(json.loads(pinyin))) for name, pinyin in rows]
        except ValueError:
            raise IndexCorrupt(f"{self.path}: damaged pinyin") from None

    def claims_of(self, entries: Sequence[int]) -> dict[int, list[StoredClaim]]:
        """The fact claims of these entries (not the layer), as stored, in claim order."""
        out: dict[int, list[StoredClaim]] = {entry: [] for entry in entries}
        sql = "SELECT entry, idx, data, keys, crc FROM claims"
        with self.reading():
            if len(out) > BULK:
                rows: Iterable[tuple[Any, ...]] = self._conn.execute(sql + " ORDER BY entry, idx")
            else:
                rows = (row for entry in out for row in self._conn.execute(
                    sql + " WHERE entry = ? ORDER BY idx", (entry,)))
            for entry, idx, data, keys, check in rows:
                if entry in out:
                    out[entry].append(self._checked(entry, idx, data, keys, check, split=False))
        return out

    def linked(self, keys: Iterable[str], entries: set[int]) -> set[tuple[int, int]]:
        """(entry, claim number) of the claims with one of ``keys``, among ``entries``."""
        # One range of the primary key per key, made distinct here: a key of a common subject
        # has thousands of rows, and SQLite's DISTINCT over a join with a temporary table of
        # the keys took three times as long.
        out: set[tuple[int, int]] = set()
        with self._errors():
            for key in set(keys):
                out.update(self._conn.execute("SELECT entry, idx FROM links WHERE key = ?", (key,)).fetchall())
        return {place for place in out if place[0] in entries}

    def claims_at(self, places: Iterable[tuple[int, int]]) -> list[StoredClaim]:
        """The fact claims at these (entry, claim number) places, in that order (sorted). One
        query joining a temporary table of the places: thousands of lookups one by one cost
        more in Python than in SQLite."""
        wanted = sorted(set(places))
        if not wanted:
            return []
        with self._errors():
            self._conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (entry INTEGER NOT NULL, idx INTEGER NOT NULL, "
                               "PRIMARY KEY (entry, idx)) WITHOUT ROWID")
            self._conn.execute("DELETE FROM temp.wanted")
            self._conn.executemany("INSERT INTO temp.wanted VALUES (?, ?)", wanted)
            rows = self._conn.execute(
                "SELECT c.entry, c.idx, c.data, c.keys, c.crc FROM temp.wanted AS w "
                "JOIN claims AS c ON c.entry = w.entry AND c.idx = w.idx ORDER BY c.entry, c.idx").fetchall()
            self._conn.execute("DELETE FROM temp.wanted")
        if len(rows) != len(wanted):
            found = {(entry, idx) for entry, idx, *_rest in rows}
            entry = next(entry for entry, idx in wanted if (entry, idx) not in found)
            raise IndexUnavailable(f"{self.path}: entry {entry} changed during the run")
        # check needs the claim, not its keys
        return [self._checked(entry, idx, data, keys, check, split=False) for entry, idx, data, keys, check in rows]

    def _checked(self, entry: int, idx: int, data: bytes, keys: str, check: int, *, split: bool = True) -> StoredClaim:
        if check != claim_crc(entry, idx, data, keys):
            raise IndexCorrupt(f"{self.path}: damaged claim {entry}/{idx}")
        return StoredClaim(entry, idx, data, _split_keys(keys) if split else ())

    # ---------------------------------------------------------------- corpus snapshots

    def snapshot(self, files: str) -> bytes | None:
        """What ``check`` needs of a whole corpus (``factcheck.gather.Snapshot``), kept for a
        corpus state: ``files`` is a hash of the paths and stat results of every file in it, so
        any change to any file (or a file more or less) misses and the corpus is read the
        ordinary way. JSON text, or ``None``."""
        rows = self._query("SELECT data, crc FROM snapshots WHERE version = ? AND files = ?", (self.version, files))
        if not rows:
            return None
        data, check = rows[0]
        if check != crc(files, data):
            raise IndexCorrupt(f"{self.path}: damaged corpus snapshot")
        return _unzip(data)

    def store_snapshot(self, files: str, text: bytes) -> None:
        """Keep the snapshot of a corpus state (only the latest few are kept)."""
        data = zlib.compress(text, 1)
        with self.writing():
            self._conn.execute("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?)",
                               (self.version, files, data, time.time_ns(), crc(files, data)))
            self._conn.execute("DELETE FROM snapshots WHERE rowid NOT IN "
                               "(SELECT rowid FROM snapshots ORDER BY used_ns DESC LIMIT ?)", (KEEP_SNAPSHOTS,))

    def layers(self, entries: Iterable[int]) -> dict[int, bytes]:
        """The stored link layer (``Extracted.layer``) of these entries."""
        out: dict[int, bytes] = {}
        sql = "SELECT id, content, name, markup, version, docs, layer, claims, crc FROM entries WHERE id = ?"
        with self.reading():
            for wanted in entries:
                row = self._conn.execute(sql, (wanted,)).fetchone()
                if row is None:
                    raise IndexUnavailable(f"{self.path}: entry {wanted} changed during the run")
                entry, content, name, markup, version, docs, layer, count, check = row
                if check != crc(content, name, markup, version, docs, layer, count):
                    raise IndexCorrupt(f"{self.path}: damaged entry {entry}")
                out[entry] = layer
        return out

    # ---------------------------------------------------------------- upkeep

    def prune(self, keep_paths: set[str], under: Sequence[str]) -> tuple[int, int]:
        """Forget files under the folders ``under`` that are not in ``keep_paths``, then the
        entries no remembered file uses. Returns (files forgotten, entries removed)."""
        with self.writing():
            forgotten = 0
            for (path,) in self._conn.execute("SELECT path FROM files").fetchall():
                if path not in keep_paths and any(_inside(path, folder) for folder in under):
                    self._conn.execute("DELETE FROM files WHERE path = ?", (path,))
                    forgotten += 1
            used = {content for (content,) in self._conn.execute("SELECT content FROM files")}
            orphans = [(entry,) for entry, content in self._conn.execute("SELECT id, content FROM entries").fetchall()
                       if content not in used]
            removed = self._delete_entries(orphans)
        return forgotten, removed

    def stats(self) -> dict[str, int]:
        """Entries (file contents, of every version kept), remembered files, and bytes on disk."""
        rows = self._query("SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM files)")
        entries, files = rows[0]
        size = sum(os.path.getsize(p) for p in (self.path, Path(f"{self.path}-wal")) if os.path.exists(p))
        return {"entries": entries, "files": files, "bytes": size}

    def verify(self) -> list[str]:
        """A full check: SQLite's integrity check, every row's CRC, and the link table against
        the keys stored with the claims. Returns what is wrong (empty when all is well)."""
        wrong: list[str] = []
        result = self._query("PRAGMA integrity_check")
        if result != [("ok",)]:
            wrong += [str(r[0]) for r in result[:10]]
            return wrong
        expected: set[tuple[str, int, int]] = set()
        with self.reading():
            for entry, idx, data, keys, check in self._conn.execute("SELECT entry, idx, data, keys, crc FROM claims"):
                split = _split_keys(keys)
                if check != crc(entry, idx, data, keys):
                    wrong.append(f"claim {entry}/{idx}: checksum mismatch")
                expected.update((k, entry, idx) for k in split)
            actual = set(self._conn.execute("SELECT key, entry, idx FROM links"))
            for entry, content, name, markup, version, docs, layer, count, check in self._conn.execute(
                    "SELECT id, content, name, markup, version, docs, layer, claims, crc FROM entries"):
                if check != crc(content, name, markup, version, docs, layer, count):
                    wrong.append(f"entry {entry}: checksum mismatch")
        if expected != actual:
            wrong.append(f"link table: {len(expected - actual)} missing, {len(actual - expected)} extra rows")
        return wrong


# --------------------------------------------------------------------------------------------
# Opening, checking and replacing the file


def _make_folder(folder: Path) -> None:
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if created and folder.name == INDEX_DIR:
        with contextlib.suppress(OSError):
            (folder / ".gitignore").write_text("# factcheck's claim index: a cache, never committed\n*\n",
                                               encoding="utf-8")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return conn


def _inspect(path: Path, conn: sqlite3.Connection) -> str:
    """``ok``, ``empty``, ``schema`` (an older or newer factcheck's index) or ``foreign``."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        header = b""
    if header and not (header == SQLITE_HEADER or SQLITE_HEADER.startswith(header)):
        return "foreign"  # (a header cut short is a file another process is creating now)
    # one read transaction: read apart, the id (0) could come from before another process
    # created the schema and the tables from after, and a new index would pass for a foreign file
    conn.execute("BEGIN")
    try:
        app = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] if app == 0 else 0
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("COMMIT")
    if app == 0:
        return "empty" if tables == 0 else "foreign"
    if app != APPLICATION_ID:
        return "foreign"
    if version != SCHEMA:
        return "schema"
    return "ok"


def _prepare(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        logger.debug("claim index: journal mode %s (WAL unavailable here)", mode)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -32000")


def _create_schema(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] == 0:
            # one by one: executescript() would commit the transaction
            for statement in _SCHEMA_SQL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA}")
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('created_by', ?)", (f"factcheck {__version__}",))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _open_checked(path: Path, lock: _Lock) -> sqlite3.Connection:
    """A connection to a valid index at ``path``, creating or replacing the file as needed."""
    try:
        conn = _connect(path)
        state = _inspect(path, conn)
    except sqlite3.DatabaseError as exc:
        error = _translate(exc, path)
        if not isinstance(error, IndexCorrupt):
            raise error from None
        state = "corrupt"
        with contextlib.suppress(Exception):
            conn.close()
    if state in ("ok", "empty"):
        try:
            _prepare(conn)
            if state == "empty":
                _create_schema(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            conn.close()
            error = _translate(exc, path)
            if not isinstance(error, IndexCorrupt):
                raise error from None
            state = "corrupt"
    else:
        with contextlib.suppress(Exception):
            conn.close()
    if state == "schema":
        logger.info("the claim index %s was written by another factcheck version; rebuilding it", path)
    else:
        what = "is not a factcheck index" if state == "foreign" else "is damaged"
        logger.warning("the claim index %s %s; moved aside to %s and rebuilt", path, what, _aside(path).name)
    return _replace(path, lock, _identity(path))


def _replace(path: Path, lock: _Lock, damaged: tuple[int, int] | None) -> sqlite3.Connection:
    """Move the file at ``path`` (and its WAL files) aside and create a fresh index. Moving a
    file SQLite has open elsewhere would corrupt the new one, so this happens only under the
    exclusive lock; while other processes hold the shared lock, wait until one of them has
    rebuilt the index or all have finished. ``damaged`` is the (device, inode) of the file
    found damaged: a valid file at ``path`` is used only if it is another one (rebuilt by
    another process meanwhile)."""
    lock.release()
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        if lock.try_exclusive():
            break
        if lock.try_shared():
            conn = _probe(path, damaged)
            if conn is not None:
                return conn
            lock.release()
        if time.monotonic() > deadline:
            raise IndexUnavailable(f"{path} is damaged and in use by another factcheck process")
        time.sleep(0.05)
    try:
        conn = _probe(path, damaged)
        if conn is not None:
            return conn
        try:
            if path.exists():
                os.replace(path, _aside(path))
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        except OSError as exc:
            raise IndexUnavailable(f"cannot move the damaged index {path} aside: {exc.strerror or exc}") from None
        try:
            conn = _connect(path)
            _prepare(conn)
            _create_schema(conn)
        except sqlite3.DatabaseError as exc:
            raise _translate(exc, path) from None
        return conn
    finally:
        lock.downgrade()


def _probe(path: Path, damaged: tuple[int, int] | None) -> sqlite3.Connection | None:
    """A connection to ``path`` when it holds a valid index now that is not the damaged file,
    else ``None``."""
    current = _identity(path)
    if current is None or current == damaged:
        return None
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError:
        return None
    try:
        if _inspect(path, conn) == "ok":
            _prepare(conn)
            return conn
    except sqlite3.DatabaseError:
        pass
    with contextlib.suppress(sqlite3.DatabaseError):
        conn.close()
    return None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _aside(path: Path) -> Path:
    return path.with_name(path.name + ".corrupt")


def _translate(exc: sqlite3.DatabaseError, path: Path) -> IndexUnavailable:
    code = getattr(exc, "sqlite_errorcode", None)
    message = str(exc)
    if (code is not None and code & 0xFF in _CORRUPT_CODES) or "malformed" in message or "not a database" in message:
        return IndexCorrupt(f"{path}: {message}")
    return IndexUnavailable(f"{path}: {message}")


def _unzip(data: bytes) -> bytes:
    try:
        return zlib.decompress(data)
    except zlib.error as exc:
        raise IndexCorrupt(f"damaged corpus snapshot: {exc}") from None


def _join_keys(keys: Sequence[str]) -> str:
    """Link keys as one JSON array (a key may hold any character: names read across a line
    break keep it).

    >>> _split_keys(_join_keys(["s:series:a", "n:en:b\\nc"]))
    ('s:series:a', 'n:en:b\\nc')
    """
    return _KEYS.encode(list(keys))


_KEYS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # built once, not per call


def _split_keys(keys: str) -> tuple[str, ...]:
    try:
        value = json.loads(keys)
    except ValueError:
        raise IndexCorrupt(f"damaged link keys {keys[:40]!r}") from None
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        raise IndexCorrupt(f"damaged link keys {keys[:40]!r}")
    return tuple(value)


def _inside(path: str, folder: str) -> bool:
    folder = folder.rstrip(os.sep) + os.sep
    return path.startswith(folder)


# --------------------------------------------------------------------------------------------
# The lock file (POSIX): shared while the index is in use, exclusive to move it aside


class _Lock:
    """``index.sqlite.lock``: every process holds it shared while it uses the index; moving the
    index aside needs it exclusive. Without ``fcntl`` (Windows) it does nothing: an open file
    cannot be moved there anyway, so a rebuild then fails safely and the run goes on without."""

    def __init__(self, path: Path) -> None:
        self.path = Path(f"{path}.lock")
        self._fd: int | None = None

    def _lock(self, mode: int) -> bool:
        if fcntl is None:
            return True
        if self._fd is None:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise IndexUnavailable(f"cannot open {self.path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
        except OSError as exc:  # a file system without locks: carry on without
            logger.debug("no lock on %s: %s", self.path, exc)
            return True

    def try_shared(self) -> bool:
        return self._lock(fcntl.LOCK_SH) if fcntl else True

    def try_exclusive(self) -> bool:
        return self._lock(fcntl.LOCK_EX) if fcntl else True

    def acquire_shared(self) -> None:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while not self.try_shared():
            if time.monotonic() > deadline:
                raise IndexUnavailable(f"{self.path} is held by another factcheck process")
            time.sleep(0.05)

    def downgrade(self) -> None:
        if fcntl is not None and self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor drops its lock
            self._fd = None


__all__ = [
    "ClaimIndex",
    "Entry",
    "Extracted",
    "IndexCorrupt",
    "IndexUnavailable",
    "StoredClaim",
    "code_fingerprint",
    "content_hash",
    "crc",
    "default_index_path",
    "extraction_version",
]

