"""Fuzz the ingest and number layers for a while; write every crashing or slow input to a folder.

    .venv/bin/python fuzz/fuzz_ingest_numbers.py --seconds 600 --out fuzz/crashes

Targets (each input goes through all of them):

- ``decode(bytes)``: text and an encoding name, or a ``FactcheckError`` -- nothing else;
- ``read_text(text)``: the articles tile the text, each section inside its article;
- ``find_quantities(text)``: every quantity quotes the text at its offsets, offsets ordered,
  the numeral inside the quantity, ``low <= high``; ``parse_quantity`` of a quote never raises;
- ``normalize_text(text)``: the offset map has one entry per output character plus one and
  never goes backwards.

Inputs come from hypothesis: bytes (random, UTF-8/Big5/GB18030/UTF-16 encodings of text,
truncated and spliced) and text built from release-like pieces (datelines, ``###``, Chinese and
English numerals, qualifiers, units, long digit runs, repeated punctuation, controls, lone
surrogates, bidi marks). Hypothesis is used rather than atheris: it is already a test dependency,
needs no compiler or libFuzzer build, runs on any Python the project supports, and shrinks a
failure to a small input before it is saved; atheris's coverage guidance would find deep paths
faster but needs a clang/libFuzzer toolchain and has no wheels for every Python version.

A failure is saved as ``<target>-<sha1>.txt`` (the input as a Python literal, then the
traceback) in ``--out``; an input that takes longer than ``--slow`` seconds (default 5) in one
target is saved as ``slow-<target>-<sha1>.txt``. Turn each into a regression test in
tests/robustness/test_fuzz_regressions.py. Exit status: 1 if anything was saved, else 0.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from factcheck.errors import FactcheckError
from factcheck.ingest import read_text
from factcheck.ingest.decoding import decode
from factcheck.normalize import normalize_text
from factcheck.numbers import find_quantities, parse_quantity

PIECES = [
    "香港，2023年9月13日 – ", "HONG KONG, Sept 13, 2023 – ", "Ends/Friday, August 19, 2022\n", "###", "\n###\n",
    "（完）", "- Ends -", "數碼港", "約", "逾", "超過", "近", "接近", "至少", "不足", "最多", "多", "餘", "左右", "以上",
    "about", "over", "more than", "nearly", "at least", "up to", "under", "some", "個", "間", "項", "支", "名", "萬",
    "億", "百萬", "千", "百", "十", "零", "〇", "兩", "廿", "卅", "第", "屆", "度", "次", "成", "折", "%", "％", "percent",
    "百分之", "分之", "點", ".", "．", ",", "，", "、", "-", "–", "~", "至", "到", "/", ":", "HK$", "US$", "RMB", "元",
    "港元", "million", "billion", "thousand", "hundred", "one", "two", "twenty", "first", "fifth", "21st", "1st",
    "1" * 400, "9" * 10_000, "0", "00", "１２３", "一二三四五六七八九十", "三四百", "2023", "2023年", "9月", "13日",
    "2023-09-13", "1:9", "1/2", "1.5", "1,900", "1,9,0,0", "1..5", "+852 2345 6789", "COVID-19", "3D", "5G",
    "http://example.com/150", "a@b.com", "「", "」", "（", "）", "(", ")", " ", "\n", "\n\n", "\r\n", "\r", "\t",
    "\u3000", "\x00", "\x1b[31m", "\x08", "\x85", "\u2028", "\u202e", "\ufeff", "\ud800", "\udcff", "e\u0301",
    "👍🏽", "ﬁ", "㈠", "⑳", "Ⅻ", "①", "<p>", "&amp;", "&#20013;",
]
TEXT = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=60).map("".join)
ENCODED = st.tuples(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "big5", "gb18030", "utf-16", "utf-32", "cp1252"]),
                    st.integers(0, 8), st.binary(max_size=8)).map(
    lambda t: _encode(t[0], t[1])[: max(0, len(_encode(t[0], t[1])) - t[2])] + t[3])
BYTES = st.binary(max_size=400) | ENCODED


def _encode(text: str, codec: str) -> bytes:
    return text.encode(codec, "ignore")


class Found(Exception):
    """Raised inside a target so hypothesis shrinks the input; carries what to save."""


SLOW = 5.0


def _timed(name: str, function: Any, value: Any) -> Any:
    started = time.perf_counter()
    try:
        return function(value)
    finally:
        spent = time.perf_counter() - started
        if spent > SLOW:
            raise Found(f"slow-{name}", f"{spent:.1f} s")


def check_decode(data: bytes) -> None:
    try:
        text, encoding = _timed("decode", decode, data)
    except FactcheckError:
        return
    assert isinstance(text, str) and encoding


def check_text(text: str) -> None:
    docs = _timed("read_text", lambda t: read_text(t, name="x"), text)
    if docs:
        assert docs[0].start == 0 and docs[-1].end == len(docs[0].source)
        for left, right in zip(docs, docs[1:]):
            assert left.end == right.start
        for doc in docs:
            for section in doc.sections:
                assert doc.start <= section.start <= section.end <= doc.end
    found = _timed("find_quantities", find_quantities, text)
    previous = -1
    for q in found:
        assert text[q.start:q.end] == q.text, q
        assert q.start <= q.number_start <= q.number_end <= q.end, q
        assert q.start >= previous, q
        previous = q.start
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        _timed("parse_quantity", parse_quantity, q.text)
    norm = _timed("normalize_text", normalize_text, text)
    origin = list(norm.origin)
    assert len(origin) == len(norm.text) + 1
    assert all(a <= b for a, b in zip(origin, origin[1:]))


def _save(out: Path, kind: str, value: Any, detail: str) -> Path:
    digest = hashlib.sha1(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    path = out / f"{kind}-{digest}.txt"
    path.write_text(f"{value!r}\n\n{detail}", encoding="utf-8", errors="backslashreplace")
    return path


def fuzz_once(out: Path, strategy: st.SearchStrategy, check: Any, name: str, examples: int) -> list[Path]:
    saved: list[Path] = []
    failing: dict[str, Any] = {}

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def target(value: Any) -> None:
        try:
            check(value)
        except Found as found:
            failing["value"], failing["kind"], failing["detail"] = value, found.args[0], found.args[1]
            raise
        except Exception:
            failing["value"], failing["kind"], failing["detail"] = value, name, traceback.format_exc()
            raise

    try:
        target()
    except (Exception, HypothesisException):
        if "value" in failing:  # the last failing value hypothesis tried is the shrunk one
            saved.append(_save(out, failing["kind"], failing["value"], failing["detail"]))
    return saved


def main(argv: list[str] | None = None) -> int:
    global SLOW
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (default 60)")
    parser.add_argument("--out", type=Path, default=Path("fuzz/crashes"), help="folder for failing inputs")
    parser.add_argument("--slow", type=float, default=SLOW, help="seconds after which an input counts as slow")
    parser.add_argument("--batch", type=int, default=200, help="examples per hypothesis run")
    args = parser.parse_args(argv)
    SLOW = args.slow
    args.out.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + args.seconds
    saved: list[Path] = []
    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        saved += fuzz_once(args.out, BYTES, check_decode, "decode", args.batch)
        saved += fuzz_once(args.out, TEXT, check_text, "text", args.batch)
    for path in saved:
        print(f"saved {path}")
    print(f"{rounds} rounds of {args.batch} examples per target; {len(saved)} failing input(s) saved in {args.out}")
    return 1 if saved else 0


if __name__ == "__main__":
    sys.exit(main())
