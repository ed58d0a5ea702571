"""Analysis of Competing Hypotheses: the two matrices of data/ach_*.csv, checked and computed.

The expected rankings and sensitivities below are derived by hand from data/ach_matrix.csv, as the
comments say; if a rating in the file changes, these tests say which conclusion moved."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from analysis.analytics import ach
from analysis.ledger import claims, events
from analysis.sources import actors


@pytest.fixture(scope="module")
def ledger(paras):
    ev = events.load_events()
    cl = claims.load_claims()
    names = actors.actor_names()
    hyp = ach.load_hypotheses(paragraphs=paras)
    mat = ach.load_matrix(hypotheses=hyp, events=ev, claims=cl)
    return hyp, mat, ev, cl, names


def _cells(mat, matrix, rating):
    """The (evidence, hypothesis) pairs with ``rating`` in one matrix, read straight from the CSV."""
    raw = pd.read_csv(ach.MATRIX_PATH, dtype=str)
    raw = raw[(raw["matrix"] == matrix) & (raw["rating"] == rating)]
    return set(zip(raw["evidence"], raw["hypothesis"]))


# --- the real data ------------------------------------------------------------------------------


def test_every_evidence_id_exists_in_the_ledger_or_the_claims(ledger):
    hyp, mat, ev, cl, _ = ledger
    known = set(ev["event_id"]) | set(cl["claim_id"])
    assert set(mat["evidence"]) <= known
    # both kinds are used, and every claim of the victims' topic is in the strike matrix
    assert any(e.startswith("E") for e in mat["evidence"]) and any(e.startswith("C") for e in mat["evidence"])
    victims = set(cl.loc[cl["topic"] == "tinzaouaten_strike_victims", "claim_id"])
    assert victims <= set(mat.loc[mat["matrix"] == "strike_victims", "evidence"])


def test_every_matrix_is_complete(ledger):
    hyp, mat, *_ = ledger
    for m, hyps in hyp.groupby("matrix"):
        cells = mat[mat["matrix"] == m]
        grid = cells.groupby("evidence")["hypothesis"].apply(lambda s: sorted(s))
        assert all(g == sorted(hyps["hypothesis"]) for g in grid), m
    # the question of the brief has at least three hypotheses
    assert (hyp["matrix"] == "agreement_end").sum() >= 3


def test_ranking_of_the_agreement_matrix(ledger):
    hyp, mat, *_ = ledger
    # By hand from the CSV: the only 'inconsistent' cells of agreement_end are C24 × H1 (Attaf: Russia
    # was convinced that force failed) and C06 × H3 (Attaf: the groups are 'suddenly branded').
    assert _cells(mat, "agreement_end", "inconsistent") == {("C24", "H1"), ("C06", "H3")}
    ranked = ach.ranking(mat, hyp)
    ranked = ranked[ranked["matrix"] == "agreement_end"].set_index("hypothesis")
    # so H2 has none and ranks first alone; H1 and H3 have one each and share rank 2
    assert ranked["inconsistent"].to_dict() == {"H2": 0, "H1": 1, "H3": 1}
    assert ranked["rank"].to_dict() == {"H2": 1, "H1": 2, "H3": 2}
    assert ranked["tied"].to_dict() == {"H2": False, "H1": True, "H3": True}
    assert list(ranked.index) == ["H2", "H1", "H3"]  # rank, then the hypotheses' order
    # consistent counts are reported (not used to rank): rows rated consistent per hypothesis
    for h in ("H1", "H2", "H3"):
        assert ranked.at[h, "consistent"] == sum(1 for _, hh in _cells(mat, "agreement_end", "consistent") if hh == h)
    assert ach.top(mat, hyp) == {"agreement_end": ("H2",), "strike_victims": ("H2",)}


def test_sensitivity_of_the_agreement_matrix(ledger):
    hyp, mat, *_ = ledger
    sens = ach.sensitivity(mat, hyp, "drop").query("matrix == 'agreement_end'").set_index("evidence")
    # Dropping C24 leaves H1 with no inconsistency: H1 and H2 tie at the top. Dropping C06 does the
    # same for H3. No other row holds an inconsistency, so dropping it moves no count.
    changed = sens[sens["changes"]]
    assert changed["top_after"].to_dict() == {"C24": ("H1", "H2"), "C06": ("H2", "H3")}
    rev = ach.sensitivity(mat, hyp, "reverse").query("matrix == 'agreement_end'").set_index("evidence")
    # Reversing a row turns H2's 'consistent' into 'inconsistent': every row consistent with H2
    # changes the top, and so does C24 (H1's one inconsistency becomes consistent).
    consistent_h2 = {e for e, h in _cells(mat, "agreement_end", "consistent") if h == "H2"}
    assert set(rev.index[rev["changes"]]) == consistent_h2 | {"C24"}
    # C06 is consistent with H2 and inconsistent with H3: reversed, H3 alone leads
    assert rev.at["C06", "top_after"] == ("H3",)


def test_strike_matrix_ranking_and_sensitivity(ledger):
    hyp, mat, *_ = ledger
    # By hand: C02 (local and humanitarian sources) and C03 (the Algerian narrative, as Jeune Afrique
    # characterises it) are the only inconsistencies, both against H1 (militants).
    assert _cells(mat, "strike_victims", "inconsistent") == {("C02", "H1"), ("C03", "H1")}
    ranked = ach.ranking(mat, hyp).query("matrix == 'strike_victims'").set_index("hypothesis")
    assert ranked["inconsistent"].to_dict() == {"H2": 0, "H1": 2}
    assert not ranked["tied"].any()
    # dropping one row takes H1 to 1 at best: H2 stays alone at the top
    assert not ach.sensitivity(mat, hyp, "drop").query("matrix == 'strike_victims'")["changes"].any()
    # reversing C02 or C03 gives H1 one inconsistency and H2 one: a tie
    rev = ach.sensitivity(mat, hyp, "reverse").query("matrix == 'strike_victims' and changes")
    assert dict(zip(rev["evidence"], rev["top_after"])) == {"C02": ("H1", "H2"), "C03": ("H1", "H2")}


def test_what_the_chapter_says_of_the_matrices(ledger):
    """The rupture chapter's prose rests on these facts of the data; if one fails, re-read the prose."""
    hyp, mat, ev, cl, names = ledger
    described = ach.evidence(mat, ev, cl, names).set_index(["matrix", "evidence"])
    # "Both inconsistencies come from one voice, Ahmed Attaf ... as Maghreb Emergent reports it"
    against = mat[(mat["matrix"] == "agreement_end") & (mat["rating"] == "inconsistent")]
    assert {described.at[("agreement_end", e), "who"] for e in against["evidence"]} == {
        "Ahmed Attaf, as Maghreb Emergent reports it"
    }
    # the strike matrix: every row from seed 003, through Jeune Afrique; Bamako's targeting claim
    # (C01) rated neutral for civilian victims
    strike = described.loc["strike_victims"]
    assert set(strike["seed"]) == {"003"} and strike["who"].str.contains("Jeune Afrique").all()
    assert (
        mat.query("matrix == 'strike_victims' and evidence == 'C01' and hypothesis == 'H2'")["rating"].item()
        == "neutral"
    )


def test_diagnosticity(ledger):
    hyp, mat, *_ = ledger
    diag = ach.diagnosticity(mat).set_index(["matrix", "evidence"])["diagnosticity"]
    # E033 (Algeria's regret) is neutral for all three: no diagnostic value
    assert diag[("agreement_end", "E033")] == 0
    # C06 is consistent with H2 and inconsistent with H3: the full range
    assert diag[("agreement_end", "C06")] == 2
    # and in general: 0 exactly when a row has one rating throughout
    one_rating = mat.groupby(["matrix", "evidence"])["rating"].nunique() == 1
    assert ((diag == 0) == one_rating.reindex(diag.index)).all()


def test_reader_table_and_lines(ledger):
    hyp, mat, ev, cl, names = ledger
    table = ach.matrix_table(mat, hyp, ev, cl, names, "agreement_end")
    assert list(table.columns[-4:]) == [
        "H1: military path",
        "H2: Algeria's contacts",
        "H3: groups' shift",
        "diagnosticity",
    ]
    assert table["diagnosticity"].is_monotonic_decreasing
    assert set(table.iloc[:, 5:8].stack()) <= {"C", "N", "I"}
    # evidence rows are named in words and by who says it, never by actor id
    row = table.set_index("id").loc["C24"]
    assert row["who says it"] == "Ahmed Attaf, as Maghreb Emergent reports it" and row["source"] == "003¶27"
    assert row["excerpt"] == cl.set_index("claim_id").at["C24", "quote"]
    assert not table["who says it"].str.contains("_").any()
    described = ach.evidence(mat, ev, cl, names)
    line = ach.sensitivity_line(mat, hyp, "agreement_end", described)
    # each row named by its words and who says it, never by its id
    c24, c06 = (described.set_index("evidence").at[c, "text"].rstrip(".") for c in ("C24", "C06"))
    assert line.startswith(f"dropping the row “{c24}”") and f"“{c06}”" in line and "tied" in line
    assert not re.search(r"\b[CE]\d{2,}\b", line)
    assert "tied at 1 inconsistent row each" in ach.ranking_line(mat, hyp, "agreement_end")
    summary = ach.matrix_summary(mat, hyp, described)
    assert summary.loc["strike_victims", "paragraphs"] == described.query("matrix == 'strike_victims'")["key"].nunique()
    assert summary.loc["agreement_end", "drop_changes"] == 2


# --- bad input ----------------------------------------------------------------------------------


def _copy(tmp_path, edit):
    """The two real files copied to ``tmp_path``, the matrix edited by ``edit(lines) -> lines``."""
    hyp = tmp_path / "ach_hypotheses.csv"
    mat = tmp_path / "ach_matrix.csv"
    shutil.copy(ach.HYPOTHESES_PATH, hyp)
    lines = ach.MATRIX_PATH.read_text(encoding="utf-8").splitlines()
    mat.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return hyp, mat


def _load(hyp, mat, ledger):
    _, _, ev, cl, _ = ledger
    return ach.load_matrix(mat, hypotheses=ach.load_hypotheses(hyp), events=ev, claims=cl)


def test_unknown_evidence_is_named_by_file_and_line(tmp_path, ledger):
    hyp, mat = _copy(
        tmp_path, lambda ls: [ls[0]] + [ls[1].replace("E026", "E999"), ls[2].replace("E026", "C99")] + ls[3:]
    )
    with pytest.raises(ach.ACHError) as err:
        _load(hyp, mat, ledger)
    text = str(err.value)
    assert f"{mat}: row E999 (line 2): evidence E999 is not in the event ledger" in text
    assert "row C99 (line 3): evidence C99 is not in claims.csv" in text


def test_unknown_hypothesis_bad_rating_and_malformed_id(tmp_path, ledger):
    def edit(ls):
        ls[1] = ls[1].replace(",H1,consistent,", ",H7,consistent,")
        ls[2] = ls[2].replace(",neutral,", ",likely,")
        ls[3] = ls[3].replace("E026", "event 26")
        return ls

    hyp, mat = _copy(tmp_path, edit)
    with pytest.raises(ach.ACHError) as err:
        _load(hyp, mat, ledger)
    text = str(err.value)
    # the schema's problems come first and alone (the cross-checks need well-formed rows)
    assert "(line 3): rating 'likely' not one of consistent, neutral, inconsistent" in text
    assert "(line 4): evidence 'event 26' is not an event id (E001) or a claim id (C01)" in text
    hyp, mat = _copy(tmp_path, lambda ls: [ls[0], ls[1].replace(",H1,consistent,", ",H7,consistent,"), *ls[2:]])
    with pytest.raises(ach.ACHError) as err:
        _load(hyp, mat, ledger)
    text = str(err.value)
    assert "row E026 (line 2): unknown hypothesis H7: matrix agreement_end has H1, H2, H3" in text
    # H7 replaced H1, so E026 now lacks its H1 cell
    assert "row E026 (line 2): missing cell: no rating of E026 for H1 in matrix agreement_end" in text


def test_missing_and_repeated_cells(tmp_path, ledger):
    # line 4 is E026 × H3: delete it (missing), and repeat line 5 (duplicate)
    hyp, mat = _copy(tmp_path, lambda ls: ls[:3] + ls[4:5] + ls[4:])
    with pytest.raises(ach.ACHError) as err:
        _load(hyp, mat, ledger)
    text = str(err.value)
    assert "row E026 (line 2): missing cell: no rating of E026 for H3 in matrix agreement_end" in text
    assert "row E027 (line 5): duplicate cell E027 × H1 (also line 4)" in text


def test_bad_hypotheses_file(tmp_path, paras):
    hyp = tmp_path / "ach_hypotheses.csv"
    lines = ach.HYPOTHESES_PATH.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("004¶7;", "004¶99;")
    lines[2] = lines[2].replace(",H2,", ",H1,")
    hyp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ach.ACHError) as err:
        ach.load_hypotheses(hyp, paragraphs=paras)
    text = str(err.value)
    assert f"{hyp}: row H1 (line 2): paragraph 004¶99 does not exist" in text
    assert "row H1 (line 3): duplicate hypothesis H1 of matrix agreement_end (also line 2)" in text


def test_a_matrix_without_evidence_and_a_missing_file(tmp_path, ledger):
    hyp, mat = _copy(tmp_path, lambda ls: [ln for ln in ls if not ln.startswith("strike_victims")])
    with pytest.raises(ach.ACHError, match="matrix strike_victims .* has no evidence rows"):
        _load(hyp, mat, ledger)
    with pytest.raises(ach.ACHError, match="file not found"):
        ach.load_matrix(tmp_path / "nothing.csv")
    with pytest.raises(ValueError, match="drop' or 'reverse"):
        ach.sensitivity(*ledger[1::-1], change="flip")
