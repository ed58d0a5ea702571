"""The PLOVER codebook the ledger is coded in, as constants, so that the loader, the checks, the README
and the book all use one source:

* :data:`PLOVER_TYPES`: the sixteen PLOVER event types with their quad class, their modes and their
  conflict–cooperation score, from the PLOVER manual (:data:`PLOVER_SOURCE`, scores:
  :data:`SCORE_SOURCE`);
* :data:`CONTEXTS`: PLOVER's context codes;
* :data:`PRECISIONS` and :data:`DATE_BASES`: how a date is written and where it comes from;
* :func:`types_table` and :func:`modes_table`: the codebook as tables for the book.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# --------------------------------------------------------------------------------------------------
# Codebook
# --------------------------------------------------------------------------------------------------
PLOVER_SOURCE = (
    "PLOVER: Political Language Ontology for Verifiable Event Records, draft version 0.8, Open Event "
    "Data Alliance; file PLOVER_MANUAL.tex of github.com/openeventdata/PLOVER at commit "
    "6b85b9a7506bb372bf6828d68bf922f1e92e750a (event categories and their mode tables)"
)
SCORE_SOURCE = (
    "Table 'PLOVER conflict-cooperation scores' of the same manual (section 'Numeric "
    "conflict/cooperation scores'): for each PLOVER category, the average of the CAMEO Goldstein "
    "(1992) scores of its CAMEO codes weighted by their frequency in an October 2017 to March 2019 "
    "sample, with the COERCE and MOBILIZE values swapped by the authors"
)
MAPPING_SOURCE = (
    "CAMEO2PLOVER-2021.txt of github.com/openeventdata/PLOVER (CAMEO code to PLOVER category, mode and "
    "context), used where the manual's definitions leave a case open (e.g. CAMEO 195 'Employ aerial "
    "weapons' is ASSAULT with mode heavy-weapons)"
)
REQUEST_NOTE = (
    "The manual (v0.8) names this category DEMAND; the team's PLOVER list, like later PLOVER releases, "
    "calls it REQUEST. Its modes and score are DEMAND's."
)


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: its quad class, score and modes, as the manual gives them."""

    name: str
    quad: str
    score: float
    definition: str
    modes: tuple[tuple[str, str], ...] = ()
    manual_name: str = ""

    @property
    def mode_names(self) -> tuple[str, ...]:
        return tuple(m for m, _ in self.modes)


_DEMAND_MODES = (
    ("assist", "any form of exchange, relations, or assistance"),
    ("change", "any changes in policy, government, or institutions that are not concessions"),
    ("yield", "release of prisoners, ending sanctions, easing curfews and boycotts, ceasefires"),
    ("meet", "meetings and negotiations"),
)

#: The sixteen PLOVER types. Definitions are short paraphrases of the manual's; modes and their
#: descriptions are the manual's mode tables (v0.8); scores are the manual's table (SCORE_SOURCE).
PLOVER_TYPES: dict[str, PloverType] = {
    t.name: t
    for t in (
        PloverType(
            "AGREE",
            "verbal cooperation",
            4.2,
            "agree to, offer or promise to cooperate, including promises to sign agreements",
        ),
        PloverType(
            "CONSULT",
            "verbal cooperation",
            2.1,
            "consultations and meetings: visits, hosting, talks, negotiations, mediation",
            (
                ("visit", "source actor is visiting, recipient is hosting"),
                ("third-party", "meeting is hosted by a third party"),
                ("multilateral", "meeting occurs in a multilateral context, typically an alliance or IGO"),
                ("phone", "consultation occurs via phone or some other remote medium"),
            ),
        ),
        PloverType(
            "SUPPORT",
            "verbal cooperation",
            4.6,
            "initiate, resume or expand diplomatic cooperation; praise or endorse; sign or ratify an agreement",
        ),
        PloverType(
            "CONCEDE",
            "verbal cooperation",
            5.0,
            "verbal concessions without immediate material consequence, including regret for one's own acts",
        ),
        PloverType(
            "COOPERATE",
            "material cooperation",
            6.8,
            "initiate, resume or expand mutual material cooperation, military cooperation included",
        ),
        PloverType(
            "AID",
            "material cooperation",
            7.4,
            "material aid benefiting mainly the recipient: money, arms and personnel, humanitarian aid, asylum",
        ),
        PloverType(
            "RETREAT",
            "material cooperation",
            7.6,
            "yielding with immediate material consequence: withdrawal, release, ceasefire, access, resignation",
            (
                ("withdraw", "retreat from territory or withdraw forces from an area"),
                ("release", "release captives"),
                ("return", "return property"),
                ("disarm", "disarm militarily or give up weapons"),
                ("ceasefire", "implement ceasefire"),
                ("access", "allow third party (e.g., observers, peacekeepers, humanitarian workers) access"),
                ("resign", "official resignation"),
            ),
        ),
        PloverType(
            "REQUEST", "verbal conflict", -5.0, "demands and orders, verbal only", _DEMAND_MODES, manual_name="DEMAND"
        ),
        PloverType(
            "ACCUSE",
            "verbal conflict",
            -2.0,
            "disapprove, condemn, criticise; accuse or allege; sue; investigate",
            (
                ("disapprove", "express disapproval; condemn; complain"),
                ("investigate", "any investigation, including commissions, grand juries, judicial or political"),
                ("allege", "formally or informally accuse; sue, indict, or charge; bring to trial"),
            ),
        ),
        PloverType("REJECT", "verbal conflict", -4.2, "rejections and refusals", _DEMAND_MODES),
        PloverType(
            "THREATEN",
            "verbal conflict",
            -5.1,
            "threats and coercive warnings",
            (
                (
                    "restrict",
                    "restrict movement of people or goods, including boycotts, strikes, blockades, and curfews",
                ),
                ("ban", "threaten to ban political activities of particular parties or individuals"),
                ("arrest", "arrest, detain, imprison"),
                ("relations", "threaten to suspend relations, talks"),
                ("expel", "expel diplomats, peacekeepers, NGOs"),
                ("territory", "threaten to occupy, seize control of the whole or part of a territory"),
                ("violence", "threaten violence"),
            ),
        ),
        PloverType(
            "PROTEST",
            "material conflict",
            -6.6,
            "civilian demonstrations and other collective protest",
            (
                ("demo", "organized demonstration"),
                ("riot", "violent riot"),
                ("general", "general strike"),
                ("strike", "limited strike"),
                ("hunger", "hunger strike"),
                ("boycott", "boycott"),
                ("obstruct", "obstruct passage"),
            ),
        ),
        PloverType(
            "SANCTION",
            "material conflict",
            -5.2,
            "reductions in existing relations: recalls and expulsions, ending aid or agreements, sanctions",
            (
                ("convict", "find guilty or liable in a court of law"),
                ("expel", "expel an actor from a group, organization or country; excluding individual deportations"),
                (
                    "withdraw",
                    "withdraw oneself or one's non-military resources (e.g., aid, observers, diplomats, peacekeepers) from a group, mediation activity, organization, or country",
                ),
                (
                    "discontinue",
                    "curtail, decrease, break, or terminate diplomatic, commercial, or material exchanges in manners not specified above",
                ),
            ),
        ),
        PloverType(
            "MOBILIZE",
            "material conflict",
            -5.3,
            "military or police moves short of the use of force",
            (
                ("troops", "mobilize armed personnel or units"),
                ("weapons", "increase readiness of weapons systems"),
                ("police", "mobilize or increase readiness of police or security units"),
                (
                    "militia",
                    "mobilize or increase readiness of any non-state entity with significant military capability",
                ),
            ),
        ),
        PloverType(
            "COERCE",
            "material conflict",
            -7.2,
            "repression or restrictions on rights",
            (
                ("confiscate", "confiscate property"),
                ("restrict", "impose restrictions on political freedoms or movement"),
                ("ban", "ban individuals or organizations"),
                ("censor", "censor, ban or restrict access to publications or other information"),
                ("curfew", "impose curfew"),
                ("martial-law", "impose state of emergency or martial law"),
                ("arrest", "arrest, detain, or charge with legal action"),
                ("deport", "expel or deport individuals"),
                ("withhold", "withhold public goods/services or food/medical supplies"),
            ),
        ),
        PloverType(
            "ASSAULT",
            "material conflict",
            -9.3,
            "deliberate actions that can cause substantial physical harm, military force included",
            (
                ("abduct", "abduct, kidnap, hijack"),
                ("beat", "physically assault"),
                ("torture", "torture"),
                ("execute", "judicially-sanctioned execution"),
                ("sexual", "sexual violence"),
                ("assassinate", "targeted assassinations with any weapon"),
                ("destroy", "destroy property"),
                ("primitive", "primitive weapons: fire, edged weapons, rocks, farm implements"),
                ("firearms", "rifles, pistols, light machine guns"),
                ("explosives", "any explosive not incorporated in a heavy weapon: mines, IEDS, car bombs"),
                ("suicide-attack", "individual and vehicular suicide attacks"),
                ("heavy-weapons", "crew-served weapons"),
                ("cleansing", "mass expulsions or deportations, ethnic cleansing"),
                ("massacre", "instances of mass killing or massacres"),
                ("unconventional", "chemical, biological, radiation, and nuclear weapons"),
                ("sideAB", "two-sided violence: source and recipient are Side A and Side B"),
            ),
        ),
    )
}

#: PLOVER context codes (manual v0.8, tables 'General contexts' and 'Special contexts').
CONTEXTS: tuple[str, ...] = (
    "military",
    "intelligence",
    "peacekeeping",
    "economic",
    "diplomatic",
    "resource",
    "disease",
    "enviro_disaster",
    "migration",
    "humanitarian",
    "asylum",
    "legal",
    "human_rights",
    "rights_freedoms",
    "gender",
    "lgbt",
    "terrorism",
    "human_security",
    "religion_ethnicity",
    "executive",
    "election",
    "legislative",
    "cbrn",
    "cyber",
    "political_institutions",
    "corruption",
    "crime",
    "illegal_drugs",
    "historical",
    "future",
    "hypothetical",
    "negation",
)

#: How precise a date is, and the form ``date_start``/``date_end`` must then take.
PRECISIONS: dict[str, str] = {
    "day": "YYYY-MM-DD: the text gives the day",
    "month": "YYYY-MM: the text gives the month",
    "year": "YYYY: the text gives the year",
    "approximate": "any of the three forms: an interval or bound that the notes explain",
}
_FORM_OF_PRECISION = {"day": "day", "month": "month", "year": "year"}  # precision -> form of its dates

#: Where a row's date comes from.
DATE_BASES: dict[str, str] = {
    "stated": "the cited paragraph states the date",
    "inherited": "the cited paragraph is part of an act dated in a neighbouring paragraph (named in the notes)",
    "resolved": "a relative or partial expression, or internal evidence, resolved against an anchor named in the notes",
    "report": "the event is an outlet's report, dated by its publication; the act it reports may be older",
    "before": "undated: only an upper bound is known; date_start = date_end = that bound, named in the notes",
}


def types_table() -> pd.DataFrame:
    """One row per PLOVER type: quad class, score, modes and the manual's name where it differs."""
    return pd.DataFrame(
        [
            {
                "event_type": t.name,
                "quad class": t.quad,
                "score": t.score,
                "definition": t.definition,
                "modes": ", ".join(t.mode_names) or "(none)",
                "manual name": t.manual_name or t.name,
            }
            for t in PLOVER_TYPES.values()
        ]
    )


def modes_table(types: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (type, mode) with the manual's description; only ``types`` when given."""
    wanted = set(types) if types is not None else None
    return pd.DataFrame(
        [
            {"event_type": t.name, "event_mode": m, "description": d}
            for t in PLOVER_TYPES.values()
            if wanted is None or t.name in wanted
            for m, d in t.modes
        ]
    )
