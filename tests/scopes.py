"""Fixture scopes that make way for mutation testing (``make mutants``, mutmut).

mutmut runs, for each mutant, only the tests that called the mutated function in its first run. A
fixture shared by a module or a session is computed in the first test that asks for it, so the tests
after it would never be run against a mutant of the functions the fixture calls, and a mutant would
survive that those tests kill. Under mutmut (``MUTANT_UNDER_TEST`` set in the environment) these
scopes are ``function``: each test computes its own inputs. Otherwise they are what their names say.
"""

from __future__ import annotations

import os


def _under_mutmut() -> bool:
    return "MUTANT_UNDER_TEST" in os.environ


def per_module(fixture_name: str, config) -> str:
    """``module``, or ``function`` under mutmut."""
    return "function" if _under_mutmut() else "module"


def per_session(fixture_name: str, config) -> str:
    """``session``, or ``function`` under mutmut."""
    return "function" if _under_mutmut() else "session"
