"""Tables for the book, one module per kind:

- :mod:`~analysis.present.tables.myst`: the MyST :class:`Table` (a numbered ``list-table`` for the
  web page and the PDF), :func:`show`, the ``{para}`` citations of its cells (:func:`cite_keys`) and
  :class:`Myst` blocks;
- :mod:`~analysis.present.tables.excerpts`: the verbatim words a citation carries, found in the
  paragraph;
- :mod:`~analysis.present.tables.ledger`: the event ledger (condensed for print, sortable HTML);
- the chapters' frames by topic: :mod:`~analysis.present.tables.claims`,
  :mod:`~analysis.present.tables.places`, :mod:`~analysis.present.tables.judgments`,
  :mod:`~analysis.present.tables.sources` (the corpus) and :mod:`~analysis.present.tables.codebook`.

Every public name is importable from here (``from analysis.present.tables import show``).
"""

from analysis.present.tables.claims import claims_table, record_figures
from analysis.present.tables.codebook import modes_in_use, terms_in_use, types_in_use
from analysis.present.tables.excerpts import difference_words, named_as, opening_words, words_found
from analysis.present.tables.judgments import (
    after_corpus_table,
    day_text,
    editions_table,
    horizon_text,
    judgment_numbers,
    key_judgments,
    scorecard_table,
    scored_table,
    watch_table,
)
from analysis.present.tables.ledger import LedgerTable, ledger_html, reader_ledger, track_ledger
from analysis.present.tables.myst import LONG_TABLE_ROWS, Myst, Table, cell_text, cite_keys, role_excerpt, show
from analysis.present.tables.places import places_table, zone_table
from analysis.present.tables.sources import boilerplate_table, corpus_table, date_evidence_table, grades_table

__all__ = [
    "grades_table",
    "day_text",
    "judgment_numbers",
    "editions_table",
    "horizon_text",
    "scorecard_table",
    "LONG_TABLE_ROWS",
    "LedgerTable",
    "Myst",
    "Table",
    "after_corpus_table",
    "boilerplate_table",
    "cell_text",
    "cite_keys",
    "claims_table",
    "corpus_table",
    "date_evidence_table",
    "difference_words",
    "key_judgments",
    "ledger_html",
    "modes_in_use",
    "named_as",
    "opening_words",
    "places_table",
    "reader_ledger",
    "record_figures",
    "role_excerpt",
    "scored_table",
    "show",
    "terms_in_use",
    "track_ledger",
    "types_in_use",
    "watch_table",
    "words_found",
    "zone_table",
]
