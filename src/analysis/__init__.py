"""Turn the seed articles on Algeria–Mali relations into data, tables, figures and maps.

Layers, each importing only those below it:

1. loaders: :mod:`analysis.paths`, :mod:`analysis.text`, :mod:`analysis.corpus`,
   :mod:`analysis.actors`, :mod:`analysis.places`, :mod:`analysis.reference`
2. ledger: :mod:`analysis.events`, :mod:`analysis.claims` (checked against the corpus)
3. computations returning frames: :mod:`analysis.dates`, :mod:`analysis.extract`,
   :mod:`analysis.timeline`, :mod:`analysis.border`
4. figures and maps (the only place matplotlib draws): :mod:`analysis.style`,
   :mod:`analysis.figures`, :mod:`analysis.maps`
5. the command line: :mod:`analysis.cli`
"""

__version__ = "0.1.0"
