"""The corpus for a reader: the seed catalogue, how each publication date was set, and the
paragraphs set aside as page furniture."""

from __future__ import annotations

import pandas as pd

from analysis.present.tables.excerpts import opening_words, words_found


def corpus_table(docs: pd.DataFrame) -> pd.DataFrame:
    """The seed catalogue for a reader (``docs`` is :func:`analysis.sources.corpus.load_corpus`): seed, title,
    outlet ("not named" where the text names none), language, publication date or interval, the date's
    basis, and the paragraph and word counts."""
    published = [
        f"{lo:%Y-%m-%d}" if lo == hi else f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d}"
        for lo, hi in zip(docs["published_earliest"], docs["published_latest"])
    ]
    table = docs.assign(published=published, outlet=docs["outlet"].replace("", "not named"))
    columns = ["seed", "title", "outlet", "language", "published", "date_precision"]
    columns += ["paragraphs", "body", "headings", "captions", "boilerplate", "words"]
    return table[columns].rename(columns={"date_precision": "date basis"}).reset_index(drop=True)


def date_evidence_table(catalog: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """How each seed's publication date was set, for a reader: seed, basis, the evidence, the
    paragraphs it stands in (``where``, to cite) with the words of each that hold it (``words``, not
    for display: pass ``excerpts={"where": "words"}`` to :func:`show`), and the reasoning."""
    texts = dict(zip(paragraphs["key"], paragraphs["display"]))
    words = [
        words_found(keys, str(evidence).split(" | "), texts, or_opening=True)
        for keys, evidence in zip(catalog["evidence_paragraphs"], catalog["date_evidence"])
    ]
    return pd.DataFrame(
        {
            "seed": catalog["seed"].to_numpy(),
            "date basis": catalog["date_precision"].to_numpy(),
            "evidence": catalog["date_evidence"].to_numpy(),
            "where": catalog["evidence_paragraphs"].to_numpy(),
            "reasoning": catalog["date_reasoning"].to_numpy(),
            "words": words,
        }
    )


def boilerplate_table(paragraphs: pd.DataFrame, example_chars: int = 60) -> pd.DataFrame:
    """The paragraphs set aside as page furniture, by the rule that caught them: rule, how many,
    where (``;``-joined keys, to cite, with ``words``, each paragraph's :func:`opening_words`, not for
    display), and the first one's text shortened to ``example_chars``."""
    boiler = paragraphs[paragraphs["kind"] == "boilerplate"]
    rows = []
    for rule, own in boiler.groupby("rule", sort=True):
        first = str(own["display"].iloc[0])
        rows.append(
            {
                "rule": rule,
                "paragraphs": len(own),
                "where": "; ".join(own["key"]),
                "example": first[:example_chars] + ("…" if len(first) > example_chars else ""),
                "words": [opening_words(t) for t in own["display"]],
            }
        )
    return pd.DataFrame(rows, columns=["rule", "paragraphs", "where", "example", "words"])


def grades_table(catalog: pd.DataFrame) -> pd.DataFrame:
    """The articles' grades (:mod:`analysis.sources.grades`) for a reader: the article by outlet and
    date, the four facts recorded for it (a damaged copy with what is wrong), and the grade with the
    meaning of each half."""
    from analysis.sources.articles import article_labels
    from analysis.sources.grades import CREDIBILITY, RELIABILITY

    labels = dict(zip(*article_labels(catalog)[["seed", "short"]].T.to_numpy()))

    def fact(value: object) -> str:
        return {"yes": "yes", "no": "no"}.get(str(value), "not recorded")

    return pd.DataFrame(
        {
            "article": [f"{labels.get(s, s)}: {t}" for s, t in zip(catalog["seed"], catalog["title"])],
            "outlet named": [fact(v) for v in catalog["outlet_named"]],
            "relays others": [fact(v) for v in catalog["relayed"]],
            "quotes a party": [fact(v) for v in catalog["first_hand"]],
            "copy intact": [
                fact(v) + (f" ({n})" if n else "") for v, n in zip(catalog["copy_intact"], catalog["copy_note"])
            ],
            "grade": [
                f"{r or 'F'}{c or '6'}: {RELIABILITY[r or 'F']}; {CREDIBILITY[c or '6']}"
                for r, c in zip(catalog["reliability"], catalog["credibility"])
            ],
        }
    )
