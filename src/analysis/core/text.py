"""Text helpers shared by every loader: normalisation, known mojibake, language of a paragraph.

Nothing here changes the raw seed text; these functions return new strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Quote characters folded to their ASCII form by :func:`normalise`, so that a quote typed with straight
# quotes still matches a paragraph printed with curly ones.
_QUOTE_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)
_SPACES = re.compile(r"\s+", flags=re.UNICODE)

# Known mis-encodings seen in the seeds, with the correct form. Applied only to the display column.
# Each entry: (pattern, replacement, why).
MOJIBAKE: tuple[tuple[str, str, str], ...] = (
    (
        "\u00a3uvre",
        "\u0153uvre",
        "the ligature oe of 'oeuvre' arrived as a pound sign (seed 001); the raw text keeps '\u00a3uvre'",
    ),
)


def nfc(s: str) -> str:
    """Unicode NFC form of ``s``."""
    return unicodedata.normalize("NFC", s)


def normalise(s: str) -> str:
    """Form used to compare texts: NFC, curly quotes and dashes folded, every run of Unicode white space
    (no-break spaces included) made one space, ends stripped. Case and accents are kept."""
    s = nfc(s).translate(_QUOTE_FOLD)
    return _SPACES.sub(" ", s).strip()


def without_marks(decomposed: str) -> str:
    """``decomposed`` (an NFD string) without its combining marks (the characters
    :func:`unicodedata.combining` gives a class other than 0): the accents of its letters. The marks are
    looked up among the string's distinct characters, then removed in one ``translate``, not tested one
    character at a time over a whole article."""
    if decomposed.isascii():  # no combining mark to remove: the common case, at a fraction of the cost
        return decomposed
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    return decomposed.translate(marks) if marks else decomposed


def whole_words(body: str) -> str:
    """The regular expression ``body`` matched only as whole words: no word character before it, none
    after. The guard before is written after the first character (``m(?<!\\w.)ali``: the character before
    that ``m`` is not a word character) when that character is a plain literal, which lets the regex engine
    jump from one occurrence of it to the next instead of trying every position of a long text: the same
    matches, in a fraction of the time over a whole article."""
    first = body[:2] if body.startswith("\\") else body[:1]
    if first in ("", "[", "(", "."):
        return rf"(?<![\w]){body}(?![\w])"
    return rf"{first}(?<!\w.){body[len(first) :]}(?![\w])"


def fold(s: str) -> str:
    """Form used to look names up: :func:`normalise`, then accents removed and lower case
    (``Goïta`` and ``Goita`` give the same key)."""
    return without_marks(unicodedata.normalize("NFD", normalise(s))).casefold()


def squash(s: str) -> str:
    """Form used to match titles and terms as written: every run of white space made one space, ends
    stripped, lower case (:meth:`str.casefold`); accents and punctuation kept, unlike :func:`fold`."""
    return re.sub(r"\s+", " ", s).strip().casefold()


def fix_mojibake(s: str) -> str:
    """``s`` with the known mis-encodings of :data:`MOJIBAKE` corrected."""
    for bad, good, _why in MOJIBAKE:
        s = s.replace(bad, good)
    return s


def display_text(raw: str) -> str:
    """What a reader should see for a raw line: NFC, no-break spaces made plain, ends stripped,
    known mojibake corrected."""
    s = nfc(raw).replace("\u00a0", " ")
    return fix_mojibake(s).strip()


# Function words that are frequent in one language and rare in the other. Short, closed lists: a
# paragraph is English or French by which list its words hit more often.
_EN = frozenset(
    "the and of to in is that with for on by as its has have from this which was were are be it an at "
    "his her their who will would not been also said".split()
)
_FR = frozenset(
    "le la les de des du et en un une à au aux que qui dans pour par sur est sont ont ce cette ses leur "
    "leurs été ainsi entre deux elles nous vous avec".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?", flags=re.UNICODE)


def language_scores(text: str) -> Counter:
    """Counts of English and French function words in ``text`` (elided French articles such as
    ``l'`` and ``d'`` count as French)."""
    scores: Counter = Counter(en=0, fr=0)
    for word in _WORD.findall(nfc(text).casefold()):
        word = word.replace("\u2019", "'")
        if "'" in word:
            head = word.split("'", 1)[0]
            if head in {"l", "d", "s", "qu", "n", "c", "j"}:
                scores["fr"] += 1
                continue
        if word in _EN:
            scores["en"] += 1
        elif word in _FR:
            scores["fr"] += 1
    return scores


def detect_language(text: str, default: str | None = None) -> str | None:
    """``"en"`` or ``"fr"`` by function-word counts; ``default`` when the text gives no evidence
    either way (a name, a number, a tie)."""
    scores = language_scores(text)
    if scores["en"] > scores["fr"]:
        return "en"
    if scores["fr"] > scores["en"]:
        return "fr"
    return default


def word_count(text: str) -> int:
    """Number of words (runs of letters, with an inner apostrophe) in ``text``."""
    return len(_WORD.findall(nfc(text)))
