"""OffsetMap: where each character of a normalised text came from.

A normaliser that only substitutes characters one for one (width folding, OpenCC t2s) keeps
offsets; one that deletes or expands text (a joined line wrap, ``㈠`` -> ``(一)``, an HTML tag
dropped) must say where every output character came from. ``OffsetMap`` records that as a short
list of *segments* instead of one integer per character, so mapping a 50 MB file costs memory in
proportion to the number of edits, not to its length:

- a *linear* segment copies source text: output ``o`` comes from ``src + (o - out)``;
- a *constant* segment is inserted or expanded text: all its characters come from ``src``,
  and stand for the ``span`` source characters from there (an HTML entity ``&amp;``, a
  ``㈠`` that became ``(一)``, an ``e`` + combining accent that became ``é``).

Source offsets never decrease along the output, and ``map[len(text)]`` is the end of the mapped
region, so ``map[i]`` has ``len(text) + 1`` entries like the tuple it replaces.

>>> b = MapBuilder()
>>> b.copy(0, 5)          # "香港特別行政" minus its last char...
>>> b.copy(7, 3)          # ...joined across a deleted line break at 5-6
>>> m = b.build(10)
>>> list(m)
[0, 1, 2, 3, 4, 7, 8, 9, 10]
>>> m[5], len(m), m[-1]
(7, 9, 10)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from typing import overload


class OffsetMap(Sequence[int]):
    """Normalised index -> source offset, as segments (see the module doc).

    ``out``: output index where each segment starts (increasing, first is 0);
    ``src``: the source offset of that first character; ``step``: 1 linear, 0 constant;
    ``span``: for a constant segment, how many source characters it stands for.
    ``length`` is the length of the mapped text and ``end`` the source offset it ends at.
    """

    __slots__ = ("out", "src", "step", "span", "length", "end")

    def __init__(
        self,
        out: Sequence[int],
        src: Sequence[int],
        step: Sequence[int],
        length: int,
        end: int,
        span: Sequence[int] | None = None,
    ) -> None:
        self.out = tuple(out)
        self.src = tuple(src)
        self.step = tuple(step)
        self.span = tuple(span) if span is not None else (1,) * len(self.out)
        self.length = length
        self.end = end

    @classmethod
    def identity(cls, length: int, start: int = 0) -> OffsetMap:
        """The map of a text copied unchanged from ``source[start:start + length]``.

        >>> list(OffsetMap.identity(3, start=10))
        [10, 11, 12, 13]
        """
        if length == 0:
            return cls((), (), (), 0, start)
        return cls((0,), (start,), (1,), length, start + length)

    def __len__(self) -> int:
        return self.length + 1

    def _at(self, i: int) -> int:
        if i >= self.length:
            return self.end
        k = bisect_right(self.out, i) - 1
        return self.src[k] + (i - self.out[k]) * self.step[k]

    def end_at(self, i: int) -> int:
        """The source offset just after the source text of output character ``i``.

        >>> b = MapBuilder(); b.copy(0, 2); b.constant(2, 3, span=5); b.copy(7, 1); m = b.build(8)
        >>> [m[i] for i in range(6)], [m.end_at(i) for i in range(6)]
        ([0, 1, 2, 2, 2, 7], [1, 2, 7, 7, 7, 8])
        """
        if i >= self.length:
            return self.end
        k = bisect_right(self.out, i) - 1
        if self.step[k]:
            return self.src[k] + (i - self.out[k]) + 1
        return self.src[k] + self.span[k]

    @overload
    def __getitem__(self, i: int) -> int: ...

    def end_at(self, i: int) -> int:
        """The source offset just after the source text of output character ``i``.

        >>> b = MapBuilder(); b.copy(0, 2); b.constant(2, 3, span=5); b.copy(7, 1); m = b.build(8)
        >>> [m[i] for i in range(6)], [m.end_at(i) for i in range(6)]
        ([0, 1, 2, 2, 2, 7], [1, 2, 7, 7, 7, 8])
        """
        if i >= self.length:
            return self.end
        k = bisect_right(self.out, i) - 1
        if self.step[k]:
            return self.src[k] + (i - self.out[k]) + 1
        return self.src[k] + self.span[k]

    @overload
    def __getitem__(self, i: slice) -> tuple[int, ...]: ...

    def __getitem__(self, i: int | slice) -> int | tuple[int, ...]:
        if isinstance(i, slice):
            return tuple(self._at(j) for j in range(*i.indices(self.length + 1)))
        if i < 0:
            i += self.length + 1
        if not 0 <= i <= self.length:
            raise IndexError("OffsetMap index out of range")
        return self._at(i)

    def __iter__(self) -> Iterator[int]:
        bounds = (*self.out, self.length)
        for k, start in enumerate(self.out):
            src, step = self.src[k], self.step[k]
            for i in range(bounds[k + 1] - start):
                yield src + i * step
        yield self.end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self.length, self.end) == (other.length, other.end) and tuple(self) == tuple(other)
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.out, self.src, self.step, self.span, self.length, self.end))

    def __repr__(self) -> str:
        return f"OffsetMap(segments={len(self.out)}, length={self.length}, end={self.end})"

    def index_at(self, offset: int) -> int:
        """The first output index whose source offset is ``>= offset`` (``length`` if none).

        >>> b = MapBuilder(); b.copy(0, 2); b.copy(5, 2); m = b.build(7)
        >>> m.index_at(0), m.index_at(3), m.index_at(6), m.index_at(9)
        (0, 2, 3, 4)
        """
        k = bisect_left(self.src, offset)
        n = len(self.out)
        if k > 0:
            start, src, step = self.out[k - 1], self.src[k - 1], self.step[k - 1]
            nxt = self.out[k] if k < n else self.length
            if step and src + (nxt - start - 1) >= offset:
                return start + (offset - src)
        return self.out[k] if k < n else self.length

    def then(self, inner: OffsetMap) -> OffsetMap:
        """Compose: ``inner`` maps a later text into this map's text; the result maps the later
        text into this map's source.

        >>> first = OffsetMap((0, 2), (0, 3), (1, 1), 4, 5)   # "abde" from "abcde"
        >>> second = OffsetMap((0, 1), (0, 2), (1, 1), 3, 4)  # "ade" from "abde"
        >>> list(first.then(second))
        [0, 3, 4, 5]
        """
        builder = MapBuilder()
        bounds = (*inner.out, inner.length)
        for k, start in enumerate(inner.out):
            size = bounds[k + 1] - start
            mid = inner.src[k]
            if not inner.step[k]:
                first = self._at(mid)
                last = self.end_at(mid + inner.span[k] - 1) if inner.span[k] else first + 1
                builder.constant(first, size, span=max(last - first, 1))
                continue
            # Copy [mid, mid + size) of this map's output through this map.
            pos = mid
            stop = mid + size
            j = max(bisect_right(self.out, pos) - 1, 0)
            while pos < stop:
                seg_end = self.out[j + 1] if j + 1 < len(self.out) else self.length
                take = min(stop, seg_end) - pos
                if take <= 0:
                    j += 1
                    continue
                src = self.src[j] + (pos - self.out[j]) * self.step[j]
                if self.step[j]:
                    builder.copy(src, take)
                else:
                    builder.constant(src, take, span=self.span[j])
                pos += take
                j += 1
        return builder.build(self._at(inner.end))

    def truncated(self, size: int) -> OffsetMap:
        """The map of the first ``size`` characters only (same ``end``).

        >>> list(OffsetMap.identity(4).truncated(2))
        [0, 1, 4]
        """
        k = bisect_right(self.out, size - 1) if size > 0 else 0
        return OffsetMap(self.out[:k], self.src[:k], self.step[:k], size, self.end, self.span[:k])

    def shifted(self, delta: int) -> OffsetMap:
        """The same map with every source offset moved by ``delta``."""
        return OffsetMap(
            self.out, tuple(s + delta for s in self.src), self.step, self.length, self.end + delta, self.span
        )


class MapBuilder:
    """Builds an ``OffsetMap`` while a step writes its output left to right."""

    __slots__ = ("out", "src", "step", "span", "pos")

    def __init__(self) -> None:
        self.out: list[int] = []
        self.src: list[int] = []
        self.step: list[int] = []
        self.span: list[int] = []
        self.pos = 0

    def copy(self, src: int, size: int) -> None:
        """``size`` output characters copied from ``src`` onwards."""
        if size <= 0:
            return
        if self.step and self.step[-1] and self.src[-1] + (self.pos - self.out[-1]) == src:
            self.pos += size
            return
        self.out.append(self.pos)
        self.src.append(src)
        self.step.append(1)
        self.span.append(1)
        self.pos += size

    def constant(self, src: int, size: int, span: int = 1) -> None:
        """``size`` output characters that all come from source offset ``src`` and stand for
        the ``span`` source characters from there."""
        if size <= 0:
            return
        if size == 1 and span == 1:
            self.copy(src, 1)
            return
        if self.step and not self.step[-1] and self.src[-1] == src and self.span[-1] == span:
            self.pos += size
            return
        self.out.append(self.pos)
        self.src.append(src)
        self.step.append(0)
        self.span.append(span)
        self.pos += size

    def build(self, end: int) -> OffsetMap:
        return OffsetMap(self.out, self.src, self.step, self.pos, end, self.span)
