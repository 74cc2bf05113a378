#!/usr/bin/env python3
"""The floor: the work any tool must do on a corpus: read every release, decode it, and fold it
to Simplified Chinese with OpenCC (the libraries factcheck uses). Prints one JSON line.

    python bench/floor.py DIR
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the best guess of charset-normalizer."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        return str(best) if best is not None else data.decode("utf-8", "replace")


def main(argv: list[str]) -> int:
    import opencc

    start = time.perf_counter()
    t2s = opencc.OpenCC("t2s")
    paths = sorted(p for p in Path(argv[0]).rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    chars = size = 0
    for path in paths:
        data = path.read_bytes()
        size += len(data)
        chars += len(t2s.convert(decode(data)))
    print(json.dumps({"docs": len(paths), "bytes": size, "chars": chars, "seconds": time.perf_counter() - start}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
