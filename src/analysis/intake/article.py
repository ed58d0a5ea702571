"""What ``add`` accepts as an article: a UTF-8 text of bounded size whose shape is prose.

The limits, stated once (the README's "Adding an article" repeats them):

* **Size**: at most :data:`MAX_BYTES` bytes (300 kB; the longest seed is about 12 kB, a long feature
  article about 60 kB). ``add --max-bytes N`` raises it. The size is read from the file system before
  anything is read, and at most the limit (plus one byte) is ever read, so an oversized file is refused
  at once, in constant memory.
* **Text**: not empty, no NUL or other control character but tab, line feed, carriage return and form
  feed, valid UTF-8.
* **Prose**: no line (paragraph) longer than :data:`MAX_LINE_CHARS` characters; at least
  :data:`MIN_LETTER_SHARE` of the characters that are not spaces are letters; at least
  :data:`MIN_WORD_SHARE` of them belong to words of at most :data:`MAX_WORD_CHARS` characters (encoded
  data, such as base64, comes in long runs); and at least one sentence end: a letter or digit followed
  by ``.``, ``!``, ``?`` or ``…`` and a space, a closing quote or the end of a line ("... le 14 mars
  2023." ends a sentence; "version 2.0" does not).

Each check runs in time linear in the text. A refusal raises :class:`IngestError` naming the file
and the reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis.core.errors import AnalysisError

#: Largest article accepted by default, in bytes (``add --max-bytes`` raises it).
MAX_BYTES = 300_000
#: Longest line (paragraph) accepted, in characters; the seeds' longest is about 1,000.
MAX_LINE_CHARS = 10_000
#: Share of the characters that are not white space that must be letters.
MIN_LETTER_SHARE = 0.5
#: Share of the characters that are not white space that must stand in words of at most
#: :data:`MAX_WORD_CHARS` characters (punctuation around a word does not count in its length).
MIN_WORD_SHARE = 0.6
MAX_WORD_CHARS = 30

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TOKEN = re.compile(r"\S+")
#: A line as :meth:`str.splitlines` sees it (paragraphs are non-blank lines).
_LINE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_PREFIX = 65_536
_EDGE_PUNCT = "\"'()[]{}<>«»“”‘’.,;:!?…-–—/*_"
_SENTENCE_END = re.compile(r"(?<=[^\W_])[.!?…]+(?=[\"'»”’)\]]*(?:\s|$))")


class IngestError(AnalysisError):
    """An article ``add`` refuses; the message names the file and the reason."""


def read_bounded(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``, refusing a missing file or one larger than ``max_bytes`` without reading
    more than ``max_bytes + 1`` bytes of it."""
    if not path.is_file():
        raise IngestError(path, "no such file")
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(path, _too_large(size, max_bytes))
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew while we looked
        raise IngestError(path, _too_large(len(data), max_bytes))
    return data


def _too_large(size: int, limit: int) -> str:
    return (
        f"{size:,} bytes, over the limit of {limit:,} bytes for an article "
        "(give --max-bytes N to raise it if this really is one article)"
    )


def decode_text(path: Path, data: bytes) -> str:
    """``data`` as text, refusing an empty file, binary content and anything that is not UTF-8."""
    if not data.strip():
        raise IngestError(path, "the file is empty")
    if b"\x00" in data:
        raise IngestError(path, "the file is binary (it holds NUL bytes), not an article's text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            path, f"the text is not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None
    control = _CONTROL.search(text)
    if control:
        raise IngestError(
            path,
            f"control character U+{ord(control.group()):04X} at character {control.start()}: not an article's text",
        )
    return text


def _shape_problem(text: str) -> str | None:
    """The line-length, letter and word rules (see the module) on ``text``; counts, no copies."""
    for n, line in enumerate(_LINE.finditer(text), start=1):
        if line.end() - line.start() > MAX_LINE_CHARS:
            return (
                f"paragraph {n} has {line.end() - line.start():,} characters on one line (at most {MAX_LINE_CHARS:,}): "
                "not paragraphs of prose"
            )
    visible = letters = in_words = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        visible += len(token)
        letters += sum(c.isalpha() for c in token)
        if len(token.strip(_EDGE_PUNCT)) <= MAX_WORD_CHARS:
            in_words += len(token)
    if letters < MIN_LETTER_SHARE * visible:
        return f"only {100 * letters / visible:.0f} % of its characters are letters: not prose"
    if in_words < MIN_WORD_SHARE * visible:
        return (
            f"only {100 * in_words / visible:.0f} % of its characters stand in words of at most "
            f"{MAX_WORD_CHARS} characters: encoded data (base64?), not prose"
        )
    return None


def prose_problem(text: str) -> str | None:
    """Why ``text`` is not prose (see the module's rules), or None. The shape rules are tried on the
    first 64 kB first, so that a large file of something else is refused at once."""
    problem = _shape_problem(text[:_PREFIX]) or (_shape_problem(text) if len(text) > _PREFIX else None)
    if problem:
        return problem
    if not _SENTENCE_END.search(text):
        return "no sentence (no word or number followed by '.', '!' or '?' and a space or line end): not prose"
    return None


def read_article(path: str | Path, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """The bytes and the text of an article file, after every check of the module."""
    path = Path(path)
    data = read_bounded(path, max_bytes)
    text = decode_text(path, data)
    problem = prose_problem(text)
    if problem:
        raise IngestError(path, problem)
    return data, text
