"""Turn the seed articles on Algeria–Mali relations into data, tables, figures and maps.

The folders are the layers, each importing only those below it; the contracts in ``pyproject.toml``
(``[tool.importlinter]``, run by ``lint-imports`` in ``make check`` and by ``tests/test_layers.py``)
are the one definition of that order:

``core`` < ``sources`` < ``ledger`` < ``analytics`` < ``intake`` | ``present`` < ``build`` < ``cli``

(``intake`` and ``present`` sit side by side and import neither each other.) Only ``present`` and
above import drawing or page-building libraries.
"""

__version__ = "0.1.0"
