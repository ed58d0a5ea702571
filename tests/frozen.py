"""The frozen fixture corpus (tests/fixtures/): the five seeds of the first edition with their
catalogue and checksums, and the ledger, claims, quantities, actors, gazetteer, coverage exclusions and
public record coded from them. Unit tests with exact expected values (counts, lists, golden rows) run
on these copies, so their values, checked by hand against the seeds, never change when seeds/ and
data/ grow. Tests of the live seeds/ and data/ assert invariants only (and tests/expected.json)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "fixtures"
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"


@lru_cache(maxsize=1)
def paragraphs():
    from analysis.sources.corpus import paragraphs as load

    return load(SEEDS)


@lru_cache(maxsize=1)
def catalog():
    from analysis.sources.corpus import load_catalog

    return load_catalog(SEEDS)


def events():
    from analysis.ledger.events import load_events

    return load_events(DATA / "events.csv")


def actors():
    from analysis.sources.actors import load_actors

    return load_actors(DATA / "actors.csv")


def claims(**context):
    from analysis.ledger.claims import load_claims

    return load_claims(DATA / "claims.csv", **context)


def gazetteer():
    from analysis.sources.places import load_gazetteer

    return load_gazetteer(DATA / "gazetteer.csv")


def public_record():
    from analysis.ledger.reference import load_public_record

    return load_public_record(DATA / "public_record.csv")


def quantities(**context):
    from analysis.ledger.quantities import load_quantities

    return load_quantities(DATA / "quantities.csv", **context)
