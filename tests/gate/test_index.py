"""The claim index: reuse, what makes it re-extract, and what happens when it is damaged."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from gatekit import CORPUS, PLANTED, PLANTED_NAME, SEEDS, invoke, invoke_json

from factcheck import gather as gather_module
from factcheck import index as index_module
from factcheck.engine import RunOptions, check_paths, load_ruleset
from factcheck.index import ClaimIndex, extraction_version
from factcheck.report import render
from factcheck.resources import builtin_rules_dir


def no_index_json(*paths: Path, corpus: list[Path] | None = None) -> str:
    return render(check_paths(list(paths), corpus=corpus), "json")


def index_json(index: Path, *paths: Path, corpus: list[Path] | None = None) -> str:
    return render(check_paths(list(paths), corpus=corpus, options=RunOptions(index=index)), "json")


# --- the same report, with less work --------------------------------------------------------


@pytest.mark.parametrize("paths", [[SEEDS], [CORPUS], *([p] for p in sorted(CORPUS.iterdir()) if p.is_dir())],
                         ids=lambda p: "+".join(x.name for x in p))
def test_a_run_from_the_index_is_byte_identical_to_a_run_without(paths: list[Path], tmp_path: Path,
                                                                  extractions) -> None:
    index = tmp_path / "index.sqlite"
    expected = no_index_json(*paths)
    first = extractions()
    assert index_json(index, *paths) == expected  # cold: extracts and stores
    assert sorted(extractions()) == sorted(first)
    assert index_json(index, *paths) == expected  # warm: everything from the index
    assert extractions() == []


def test_check_with_the_index_equals_a_full_check_for_every_release_as_new(tmp_path: Path) -> None:
    index = tmp_path / "index.sqlite"
    corpus = [SEEDS, CORPUS]
    for new in sorted(p for c in corpus for p in c.rglob("*.txt")):
        assert index_json(index, new, corpus=corpus) == no_index_json(new, corpus=corpus), new.name


def test_a_second_run_on_an_unchanged_corpus_extracts_nothing(repo: Path, extractions) -> None:
    releases = repo / "releases"
    first = invoke("run", releases)
    assert first.exit_code == 1 and len(extractions()) == 7
    assert (releases / ".factcheck" / "index.sqlite").is_file()
    assert (releases / ".factcheck" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    second = invoke("run", releases)
    assert second.stdout == first.stdout and extractions() == []
    again = invoke("index", releases)
    assert again.stdout.splitlines()[1] == "  0 extracted, 5 unchanged (from the index)"


def test_only_an_edited_release_is_extracted_again(repo: Path, extractions) -> None:
    releases = repo / "releases"
    invoke("run", releases)
    extractions()
    edited = releases / "004_4eeebd243549c568.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n香港科技園公司今日宣布。\n", encoding="utf-8")
    invoke("run", releases)
    assert extractions() == ["004_4eeebd243549c568", "004_4eeebd243549c568#2", "004_4eeebd243549c568#3"]


def test_a_moved_release_is_not_extracted_again_but_a_renamed_one_is(repo: Path, extractions) -> None:
    releases = repo / "releases"
    invoke("run", releases)
    extractions()
    (releases / "2023").mkdir()
    shutil.move(releases / "003_f21eea308015a647.txt", releases / "2023" / "003_f21eea308015a647.txt")
    moved = invoke("run", releases)
    assert moved.exit_code == 1 and extractions() == []
    # the file name is the document id, which claims about "the release itself" carry
    (releases / "2023" / "003_f21eea308015a647.txt").rename(releases / "2023" / "003_english.txt")
    invoke("run", releases)
    assert extractions() == ["003_english"]


def test_a_changed_lexicon_extracts_again(repo: Path, tmp_path: Path, extractions) -> None:
    releases = repo / "releases"
    invoke("run", releases)
    extractions()
    house = tmp_path / "house-rules"
    (house / "lexicon").mkdir(parents=True)
    metrics = builtin_rules_dir() / "lexicon" / "metrics.toml"
    assert metrics.is_file()
    (house / "lexicon" / "metrics.toml").write_text(
        '[trainees]\nlabel = "trainees"\nzh = ["學員"]\nen = ["trainees"]\n', encoding="utf-8")
    result = invoke("run", releases, "--rules", house)
    assert result.exit_code == 1 and len(extractions()) == 7
    invoke("run", releases, "--rules", house)
    assert extractions() == []
    invoke("run", releases)  # the built-in lexicon's entries are still there (two versions are kept)
    assert extractions() == []


def test_the_extraction_version_covers_the_lexicon_and_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon = load_ruleset().lexicon
    version = extraction_version(lexicon)
    assert version == extraction_version(lexicon) and len(version) == 16
    assert extraction_version(dataclasses.replace(lexicon, version="edited")) != version
    monkeypatch.setattr(index_module, "code_fingerprint", lambda: "edited code")
    assert extraction_version(lexicon) != version


# --- a damaged or foreign file ----------------------------------------------------------------


def warm_index(repo: Path) -> tuple[Path, str]:
    releases = repo / "releases"
    expected = invoke("run", releases, "--no-index", "--format", "json").stdout
    assert invoke("index", releases).exit_code == 0
    return releases / ".factcheck" / "index.sqlite", expected


def test_a_garbage_file_at_the_index_path_is_moved_aside_and_rebuilt(repo: Path) -> None:
    path, expected = warm_index(repo)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"these are not the claims you are looking for\n" * 100)
    result = invoke("run", repo / "releases", "--format", "json")
    assert result.exit_code == 1 and result.stdout == expected
    assert result.stderr == (f"factcheck: the claim index {path} is not a factcheck index; "
                             "moved aside to index.sqlite.corrupt and rebuilt\n")
    assert Path(f"{path}.corrupt").read_bytes().startswith(b"these are not")
    assert invoke("index", repo / "releases", "--verify").stdout.splitlines()[-1] == "  verified: no damage found"


def test_another_programs_sqlite_database_is_kept_aside(repo: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "notes.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.close()
    releases = repo / "releases"
    expected = invoke("run", releases, "--no-index", "--format", "json").stdout
    result = invoke("run", releases, "--index", foreign, "--format", "json")
    assert result.stdout == expected
    assert "is not a factcheck index; moved aside to notes.sqlite.corrupt" in result.stderr
    with sqlite3.connect(tmp_path / "notes.sqlite.corrupt") as conn:
        assert conn.execute("SELECT text FROM notes").fetchall() == [("keep me",)]
    conn.close()


def test_a_truncated_index_is_detected(repo: Path) -> None:
    path, expected = warm_index(repo)
    data = path.read_bytes()
    assert len(data) > 3 * 4096
    path.write_bytes(data[: len(data) // 3])
    result = invoke("run", repo / "releases", "--format", "json")
    assert result.exit_code == 1 and result.stdout == expected
    assert f"the claim index {path}" in result.stderr and "rebuilt" in result.stderr


def test_a_damaged_row_is_detected_by_its_checksum(repo: Path, extractions) -> None:
    path, expected = warm_index(repo)
    extractions()
    with sqlite3.connect(path) as conn:  # a flipped byte that SQLite itself cannot notice
        (entry, idx, data), = conn.execute("SELECT entry, idx, data FROM claims LIMIT 1 OFFSET 20").fetchall()
        conn.execute("UPDATE claims SET data = ? WHERE entry = ? AND idx = ?",
                     (bytes([data[0] ^ 1]) + data[1:], entry, idx))
    conn.close()
    result = invoke("run", repo / "releases", "--format", "json")
    assert result.exit_code == 1 and result.stdout == expected
    assert result.stderr.startswith(f"factcheck: the claim index {path} is damaged (")
    assert len(extractions()) == 7  # rebuilt from the releases, not from the damaged rows
    assert invoke("index", repo / "releases", "--verify").exit_code == 0


def test_verify_reports_a_damaged_link_table(repo: Path) -> None:
    path, _ = warm_index(repo)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM links WHERE key = (SELECT key FROM links LIMIT 1)")
    conn.close()
    result = invoke("index", repo / "releases", "--verify", "--no-prune")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1].startswith("  verified: link table: ")


def test_an_index_that_cannot_be_created_is_skipped_with_a_warning(repo: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    releases = repo / "releases"
    expected = invoke("run", releases, "--no-index", "--format", "json").stdout
    result = invoke("run", releases, "--index", blocker / "index.sqlite", "--format", "json")
    assert result.exit_code == 1 and result.stdout == expected
    assert result.stderr.startswith(f"factcheck: the claim index cannot be used (cannot create {blocker}: ")
    assert result.stderr.endswith("; going on without it\n")
    explicit = invoke("index", releases, "--index", blocker / "index.sqlite")
    assert explicit.exit_code == 2 and explicit.stderr.startswith(f"factcheck: error: cannot create {blocker}")


def test_an_index_of_another_schema_is_rebuilt_quietly(repo: Path) -> None:
    path, expected = warm_index(repo)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    result = invoke("run", repo / "releases", "--format", "json")
    assert result.stdout == expected and result.stderr == ""


# --- the stat cache of check -----------------------------------------------------------------


def test_check_notices_a_corpus_file_rewritten_with_its_old_size_and_time(repo: Path) -> None:
    releases = repo / "releases"
    new = repo / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    english = releases / "003_f21eea308015a647.txt"
    old = os.stat(english)
    os.utime(english, ns=(old.st_atime_ns - 10**10, old.st_mtime_ns - 10**10))  # older than the racy window
    first, report = invoke_json("check", new, "--corpus", releases)
    assert {"fifth time", "sixth time"} <= {e["text"] for e in report["findings"][0]["evidence"]}
    before = os.stat(english)
    english.write_text(english.read_text(encoding="utf-8").replace("fifth time", "forth time"), encoding="utf-8")
    os.utime(english, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time
    assert os.stat(english).st_size == before.st_size
    _, report = invoke_json("check", new, "--corpus", releases)
    texts = {e["text"] for e in report["findings"][0]["evidence"]}
    assert "sixth time" in texts and "fifth time" not in texts
    assert report == invoke_json("check", new, "--corpus", releases, "--no-index")[1]


# --- upkeep ------------------------------------------------------------------------------------


def test_index_prunes_releases_that_are_gone(repo: Path) -> None:
    releases = repo / "releases"
    invoke("index", releases)
    (releases / "004_4eeebd243549c568.txt").unlink()
    result = invoke("index", releases)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        f"{releases / '.factcheck' / 'index.sqlite'}: 4 files, 4 releases, "
        f"{result.stdout.split(', ')[2].split()[0]} claims",
        "  0 extracted, 4 unchanged (from the index)",
        "  pruned: 1 file gone, 1 old entry",
    ]
    with ClaimIndex.open(releases / ".factcheck" / "index.sqlite", "any") as store:
        assert store.stats()["files"] == 4


def test_only_two_extraction_versions_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    for version in ("v1", "v2", "v3"):
        with ClaimIndex.open(path, version) as store:
            store.store([(("c" * 64, "doc", "text"), index_module.Extracted(b'{"docs":[],"claims":[]}', (), b'', 0))])
    with sqlite3.connect(path) as conn:
        versions = sorted(v for (v,) in conn.execute("SELECT DISTINCT version FROM entries"))
    conn.close()
    assert versions == ["v2", "v3"]


def test_check_extracts_again_after_an_upgrade_even_where_the_stat_cache_vouches(
        repo: Path, monkeypatch: pytest.MonkeyPatch, extractions) -> None:
    releases = repo / "releases"
    new = repo / PLANTED_NAME
    new.write_text(PLANTED, encoding="utf-8")
    for path in releases.glob("*.txt"):  # old enough for the stat cache to vouch for them
        st = os.stat(path)
        os.utime(path, ns=(st.st_atime_ns - 10**10, st.st_mtime_ns - 10**10))
    expected = invoke("check", new, "--corpus", releases, "--format", "json")
    extractions()
    monkeypatch.setattr(index_module, "code_fingerprint", lambda: "a newer factcheck")
    again = invoke("check", new, "--corpus", releases, "--format", "json")
    assert again.stdout == expected.stdout and len(extractions()) == 8


def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the stat cache vouch for files just written (a test cannot age their change time)."""
    monkeypatch.setattr(index_module, "RACY_NS", -1)
    monkeypatch.setattr(gather_module, "RACY_NS", -1)


def test_names_that_meet_only_through_the_entity_graph_are_found_from_the_snapshot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the Chinese release names the series and the organiser in Chinese; the corpus only in
    # English: they meet only through the entity graph (names in brackets, versions of a release)
    releases = tmp_path / "planted"
    shutil.copytree(CORPUS / "planted", releases)
    new = tmp_path / "403_kbic_challenge_2024_zh-hant.txt"
    (releases / new.name).rename(new)
    trust_fresh_files(monkeypatch)
    expected = invoke("check", new, "--corpus", releases, "--no-index", "--format", "json")
    assert {e["doc"] for f in json.loads(expected.stdout)["findings"] for e in f["evidence"]} >= {
        "402_kbic_challenge_2024_en", "401_kbic_challenge_2023_en"}
    assert invoke("index", releases).exit_code == 0
    read: list[int] = []
    real_entries = gather_module._corpus_entries
    monkeypatch.setattr(gather_module, "_corpus_entries", lambda *a, **k: read.append(1) or real_entries(*a, **k))
    result = invoke("check", new, "--corpus", releases, "--format", "json")
    assert result.stdout == expected.stdout and result.exit_code == expected.exit_code == 1
    assert read == []  # the corpus came from its snapshot, not file by file


def test_a_corpus_file_changed_after_the_snapshot_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    releases = tmp_path / "planted"
    shutil.copytree(CORPUS / "planted", releases)
    new = tmp_path / "403_kbic_challenge_2024_zh-hant.txt"
    (releases / new.name).rename(new)
    trust_fresh_files(monkeypatch)
    assert invoke("index", releases).exit_code == 0
    read: list[int] = []
    real_entries = gather_module._corpus_entries
    monkeypatch.setattr(gather_module, "_corpus_entries", lambda *a, **k: read.append(1) or real_entries(*a, **k))
    first = invoke("check", new, "--corpus", releases, "--format", "json")
    assert read == []
    english = releases / "402_kbic_challenge_2024_en.txt"
    english.write_text(english.read_text(encoding="utf-8").replace("2024", "2025", 1), encoding="utf-8")
    again = invoke("check", new, "--corpus", releases, "--format", "json")
    assert read == [1]  # the snapshot of the old corpus state does not match: read file by file
    assert again.stdout == invoke("check", new, "--corpus", releases, "--no-index", "--format", "json").stdout
    assert again.stdout != first.stdout
    (releases / "extra.txt").write_text(new.read_text(encoding="utf-8"), encoding="utf-8")  # a file more
    invoke("check", new, "--corpus", releases, "--format", "json")
    assert read == [1, 1]


def test_snapshots_never_outlive_the_entries_they_name(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    releases = repo / "releases"
    trust_fresh_files(monkeypatch)
    invoke("index", releases)
    path = releases / ".factcheck" / "index.sqlite"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM snapshots").fetchone() == (1,)
    conn.close()
    (releases / "004_4eeebd243549c568.txt").unlink()
    invoke("index", releases)  # prunes the entry of the file that is gone
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM snapshots").fetchone() == (0,)
    conn.close()


def test_check_takes_the_pinyin_of_people_from_the_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import align as align_module

    releases = tmp_path / "planted"
    shutil.copytree(CORPUS / "planted", releases)
    new = tmp_path / "403_kbic_challenge_2024_zh-hant.txt"
    (releases / new.name).rename(new)
    expected = invoke("check", new, "--corpus", releases, "--no-index", "--format", "json")
    assert invoke("check", new, "--corpus", releases, "--format", "json").stdout == expected.stdout  # stores all
    with ClaimIndex.open(releases / ".factcheck" / "index.sqlite",
                         extraction_version(load_ruleset().lexicon)) as store:
        people = dict(store.people())
    assert people and all(tokens == align_module.pinyin_tokens(name) for name, tokens in people.items())
    monkeypatch.setattr(align_module, "_PINYIN", {})
    monkeypatch.setitem(sys.modules, "pypinyin", None)  # importing it now fails
    with pytest.raises(ImportError):
        align_module.pinyin_tokens(next(iter(people)))
    result = invoke("check", new, "--corpus", releases, "--format", "json")
    assert result.stdout == expected.stdout
    assert set(align_module._PINYIN) == set(people)


def test_a_snapshot_keeps_the_org_key_of_every_name_of_its_layer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import align as align_module
    from factcheck.normalize.steps import name_key

    releases = tmp_path / "planted"
    shutil.copytree(CORPUS / "planted", releases)
    trust_fresh_files(monkeypatch)
    assert invoke("index", releases).exit_code == 0
    with sqlite3.connect(releases / ".factcheck" / "index.sqlite") as conn:
        (blob,) = conn.execute("SELECT data FROM snapshots").fetchone()
    conn.close()
    data = json.loads(index_module._unzip(blob))
    known = dict(data["org_keys"])
    layer = data["layer"]  # in columns; values and attrs by number (gather.snapshot_data)
    kept = [(data["values"][value], data["attrsets"][attrs])
            for kind, value, attrs in zip(layer["kind"], layer["value"], layer["attrs"]) if kind >= 0]
    assert kept
    names = {value[1] for value, _attrs in kept if value[0] == "s"}
    names |= {value for _value, attrs in kept for key, value in attrs
              if key in ("en", "zh", "full", "issuer") and type(value) is str}
    assert names and set(known) == names
    assert all(key == name_key(name) for name, key in known.items())
    monkeypatch.setattr(align_module, "_ORG_KEYS", {})
    scope = gather_module.Scope(data, [], 0, load_ruleset().lexicon, None, frozenset())  # type: ignore[arg-type]
    assert scope.layer and align_module._ORG_KEYS == known
