#!/usr/bin/env python3
"""The peer: what Microsoft Recognizers-Text takes merely to find the numbers in a corpus, with
its Chinese and English Number, Ordinal and Percent models (each release gets the models of its
language). Needs the `bench` extra (recognizers-text-number, emoji<1). Prints one JSON line.

    python bench/peer.py DIR [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

_MODELS: dict[str, list] = {}


def is_chinese(text: str) -> bool:
    """A release is Chinese when more than a tenth of its characters are Han.

    >>> is_chinese("約150個項目參加"), is_chinese("The contest attracted 148 projects (約150個項目) this year.")
    (True, False)
    """
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han > 0.1 * len(text)


def models(lang: str) -> list:
    if lang not in _MODELS:
        from recognizers_number import NumberRecognizer
        from recognizers_text import Culture

        recognizer = NumberRecognizer(Culture.Chinese if lang == "zh" else Culture.English)
        _MODELS[lang] = [recognizer.get_number_model(), recognizer.get_ordinal_model(),
                         recognizer.get_percentage_model()]
    return _MODELS[lang]


def find_numbers(paths: list[str]) -> int:
    found = 0
    for path in paths:
        text = Path(path).read_bytes().decode("utf-8-sig")
        for model in models("zh" if is_chinese(text) else "en"):
            found += len(model.parse(text))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = sorted(str(p) for p in args.corpus.rglob("*.txt"))
    if args.jobs <= 1:
        found = find_numbers(paths)
    else:
        chunks = [paths[i:: args.jobs] for i in range(args.jobs)]
        with ProcessPoolExecutor(args.jobs) as pool:
            found = sum(pool.map(find_numbers, chunks))
    print(json.dumps({"docs": len(paths), "numbers": found, "seconds": time.perf_counter() - start}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
