"""Source grades: each article of the catalogue graded on the two axes of the NATO/Admiralty code, from
four facts the analysts record in ``seeds/catalog.csv`` (the seed texts themselves are never edited).

The facts, each ``yes`` or ``no`` (empty: not yet recorded, for an article just added):

* ``outlet_named``: the text names its publisher;
* ``relayed``: the text reports what other outlets reported, rather than its own reporting;
* ``first_hand``: the text quotes a party to the events in its own words;
* ``copy_intact``: the copy is whole, with no sign of damage (footnote markers pointing nowhere, a
  headline the text does not bear out); ``copy_note`` says what is wrong when it is not.

**Reliability of the source** (:func:`reliability_of`), the Admiralty letters as this report uses them:
``B`` (usually reliable) for a named outlet's own reporting, ``C`` (fairly reliable) for a named
outlet relaying others, ``F`` (cannot be judged) for an outlet the text does not name, or an article
not yet graded. No source is graded ``A``, ``D`` or ``E``: the corpus gives no track record to judge by.

**Credibility of the information** (:func:`credibility_of`): ``2`` (probably true) for an intact copy
that quotes a party to the events in its own reporting; ``3`` (possibly true) for any other intact
copy; ``4`` (doubtful) for a damaged copy; ``6`` (cannot be judged) for an article not yet graded.
``1`` (confirmed) and ``5`` (improbable) are not given by this rule: they would need a judgment on each
claim, which the ledger and the claims table make instead.

**How grades count** (in :mod:`analysis.analytics.judgments`): a source graded ``F`` speaking in its
own name (an unnamed outlet's own reading of events) is shown but is not an independent voice; an
article whose copy is not intact does not count as one of the seeds the evidence reaches the corpus
through.
"""

from __future__ import annotations

GRADE_FACTS: tuple[str, ...] = ("outlet_named", "relayed", "first_hand", "copy_intact")
GRADE_COLUMNS: tuple[str, ...] = (*GRADE_FACTS, "copy_note", "reliability", "credibility")
RELIABILITY: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY: dict[str, str] = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}
YES_NO: tuple[str, ...] = ("yes", "no")


def _graded(*facts: str) -> bool:
    return all(f in YES_NO for f in facts)


def reliability_of(outlet_named: str, relayed: str) -> str:
    """The reliability letter from the catalogue's facts (``yes``/``no``; anything else: not graded, F)."""
    if not _graded(outlet_named, relayed) or outlet_named == "no":
        return "F"
    return "C" if relayed == "yes" else "B"


def credibility_of(relayed: str, first_hand: str, copy_intact: str) -> str:
    """The credibility number from the catalogue's facts (anything but ``yes``/``no``: not graded, 6)."""
    if not _graded(relayed, first_hand, copy_intact):
        return "6"
    if copy_intact == "no":
        return "4"
    return "2" if first_hand == "yes" and relayed == "no" else "3"


def grade_of(row: dict) -> str:
    """The two-character grade of a catalogue row (``B2``, ``F4``)."""
    return reliability_of(row.get("outlet_named", ""), row.get("relayed", "")) + credibility_of(
        row.get("relayed", ""), row.get("first_hand", ""), row.get("copy_intact", "")
    )


def grade_consistent(row: dict) -> bool:
    """Whether a catalogue row's ``reliability`` and ``credibility`` are the rule's (empty columns of an
    ungraded row pass only if all four facts are empty too: an ungraded article is F6, never a guess),
    and a damaged copy says why (``copy_note``)."""
    facts = [str(row.get(f, "") or "") for f in GRADE_FACTS]
    stated = str(row.get("reliability", "") or "") + str(row.get("credibility", "") or "")
    if not any(facts) and not stated:
        return True
    if facts[3] == "no" and not str(row.get("copy_note", "") or "").strip():
        return False
    return stated == grade_of(dict(zip(GRADE_FACTS, facts)))


def unnamed_seeds(catalog) -> set[str]:
    """Seeds graded ``F`` (an outlet the text does not name, or not yet graded)."""
    return {s for s, r in zip(catalog["seed"], catalog.get("reliability", [""] * len(catalog))) if (r or "F") == "F"}


def damaged_seeds(catalog) -> set[str]:
    """Seeds whose copy is not intact (``copy_intact`` no)."""
    if "copy_intact" not in catalog:
        return set()
    return {s for s, c in zip(catalog["seed"], catalog["copy_intact"]) if c == "no"}
