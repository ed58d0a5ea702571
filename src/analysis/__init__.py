"""Turn the seed articles on Algeria–Mali relations into data, tables, figures and maps.

Layers, each importing only those below it:

1. loaders: :mod:`analysis.paths`, :mod:`analysis.errors`, :mod:`analysis.text`,
   :mod:`analysis.corpus`, :mod:`analysis.actors`, :mod:`analysis.places`
2. ledger: :mod:`analysis.events`, :mod:`analysis.claims` (checked against the corpus),
   :mod:`analysis.reference` (the public record beside it)
3. computations returning frames: :mod:`analysis.dates`, :mod:`analysis.extract`,
   :mod:`analysis.validate`, :mod:`analysis.timeline`, :mod:`analysis.border`
4. presentation, the only place matplotlib draws: :mod:`analysis.style`, :mod:`analysis.figures`,
   :mod:`analysis.maps`, :mod:`analysis.tables`, :mod:`analysis.pages`
5. the command line: :mod:`analysis.cli`
"""

__version__ = "0.1.0"
