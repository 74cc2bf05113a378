"""Bytes to text: which encodings are read, and what is refused.

Order of decisions (``decode``):

1. A byte-order mark decides: UTF-8 (``utf-8-sig``), UTF-16 LE/BE, UTF-32 LE/BE.
2. Binary content is refused: NUL bytes, a known binary signature (PDF, ZIP/Office, PNG, JPEG,
   GIF), or more than 10% control bytes in the first 64 KiB.
3. Strict UTF-8, the commonest encoding by far, is tried next (a C-speed check).
4. Text that is *nearly* UTF-8 (valid multi-byte characters with a few broken sequences, or
   cut off in the middle of the last character) is refused with the offset of the first bad
   byte: guessing a legacy encoding for it would produce nonsense.
5. Otherwise the legacy encodings a Hong Kong or mainland archive holds are tried strictly:
   GB18030, Big5, Big5-HKSCS and Windows-1252 (English text with curly quotes);
   charset-normalizer chooses among those that decode, and the result must read as text.
"""

from __future__ import annotations

import codecs
import re

from factcheck.errors import InputError

_SAMPLE = 65536
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b") + b"\x7f"
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
)
_LEGACY = ("gb18030", "big5", "big5hkscs", "cp1252")
_LEGACY_NAMES = {"gb18030": "GB18030", "big5": "Big5", "big5hkscs": "Big5-HKSCS", "cp1252": "Windows-1252"}
_READABLE = re.compile(
    r"[\t\n\r -~\u00a0-\u024f\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
)


class NotTextError(InputError):
    """The bytes are not text at all (binary content)."""


class DecodeError(InputError):
    """The bytes look like text but no supported encoding reads them."""


def decode(data: bytes) -> tuple[str, str]:
    """The text in ``data`` and the name of its encoding.

    >>> decode("數碼港".encode("utf-8"))
    ('數碼港', 'utf-8')
    >>> decode(codecs.BOM_UTF8 + b"Cyberport")
    ('Cyberport', 'utf-8-sig')
    >>> decode("數碼港今天宣布".encode("big5"))
    ('數碼港今天宣布', 'big5')
    >>> decode(b"\\x00\\x01binary")
    Traceback (most recent call last):
    ...
    factcheck.ingest.decoding.NotTextError: not text: binary content (NUL bytes)
    """
    bom = _from_bom(data)
    if bom is not None:
        if "\x00" in bom[0]:
            raise NotTextError("not text: binary content (NUL characters)")
        return bom
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        error = exc
    damaged = _damaged_utf8(data, error)
    if damaged:
        raise DecodeError(damaged)
    return _decode_legacy(data, error)


def _from_bom(data: bytes) -> tuple[str, str] | None:
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), name
            except UnicodeDecodeError as exc:
                where = exc.start + len(bom)
                msg = f"cannot decode: the file starts with a {name.upper()} byte-order mark but byte {where} is invalid in that encoding"
                if exc.reason in ("truncated data", "unexpected end of data"):
                    msg = f"cannot decode: {name.upper()} text cut off in the middle of a character at byte {where} (truncated file?)"
                raise DecodeError(msg) from None
    return None


def _refuse_binary(data: bytes) -> None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise NotTextError(f"not text: binary content ({kind})")
    if b"\x00" in data:
        raise NotTextError("not text: binary content (NUL bytes)")
    sample = data[:_SAMPLE]
    controls = len(sample.translate(None, _NOT_CONTROL))
    if sample and controls * 10 > len(sample):
        raise NotTextError("not text: binary content (mostly control characters)")


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> str | None:
    """A message when ``data`` is UTF-8 with some bad bytes, else ``None``."""
    first = exc.start
    # The first error is at the very end, so everything before it was valid UTF-8.
    truncated = exc.reason == "unexpected end of data"
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if truncated:
        return f"cannot decode: UTF-8 text cut off in the middle of a character at byte {first} (truncated file?)"
    if multibyte >= 4 and bad * 50 <= max(multibyte, 150):
        sequence = data[first : exc.end].hex(" ")
        plural = "s" if bad > 1 else ""
        return (
            f"cannot decode: not valid UTF-8: {bad} broken byte sequence{plural}, the first at byte {first} "
            f"({sequence}); the file looks damaged (re-save it as UTF-8)"
        )
    return None


def _decode_legacy(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
    decoded: dict[str, str] = {}
    for codec in _LEGACY:
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    choice: str | None = None
    if len(decoded) == 1:
        choice = next(iter(decoded))
    elif decoded:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(decoded)).best()
        choice = best.encoding if best is not None and best.encoding in decoded else None
        if choice is None:
            choice = max(decoded, key=lambda c: _readable_share(decoded[c]))
    if choice is not None and choice == "big5hkscs" and "big5" in decoded:
        choice = "big5"  # plain Big5 reads it: name the narrower encoding
    if choice is not None and _readable_share(decoded[choice]) >= 0.9:
        return decoded[choice], choice
    names = [_LEGACY_NAMES[c] for c in _LEGACY]
    raise DecodeError(
        f"cannot decode: not UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x}), and not "
        f"{', '.join(names[:-1])} or {names[-1]} text either; save the file as UTF-8"
    )


def _readable_share(text: str) -> float:
    """The share of characters that are ordinary text (ASCII, Latin, CJK and its punctuation)."""
    sample = text[:_SAMPLE]
    if not sample:
        return 1.0
    return len(_READABLE.findall(sample)) / len(sample)
