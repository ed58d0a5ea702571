"""The glossary (data/glossary.csv) is sound, and the chapters keep its rule: every acronym in a
page's visible text is in the glossary (or on the short list of file formats and software names),
and each term's first use on a page is a {term} role with its expansion (analysis.sources.glossary)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from analysis.core import paths
from analysis.core.text import squash
from analysis.ledger import codebook
from analysis.present.pages import glossary_markdown
from analysis.sources.glossary import (
    COLUMNS,
    NOT_GLOSSED,
    GlossaryError,
    check_page,
    find_acronyms,
    is_acronym,
    load_glossary,
    visible_segments,
    visible_text,
)

# The PLOVER event types, written in capitals; DEMAND is the manual's name for REQUEST
# (codebook.REQUEST_NOTE), which the ledger appendix explains.
CODEBOOK_NAMES = (*codebook.PLOVER_TYPES, "DEMAND")
SEED_PAGE = paths.ROOT / "chapters" / "appendix_seeds.md"  # seed text, generated and escaped: data


def _pages() -> list[Path]:
    toc = yaml.safe_load((paths.ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    return [paths.ROOT / f"{n}.md" for n in names if paths.ROOT / f"{n}.md" != SEED_PAGE]


@pytest.fixture(scope="module")
def glossary(paras):
    return load_glossary(paras=paras)


# --- the file -------------------------------------------------------------------------------------


def test_the_issue_s_terms_are_in_the_glossary(glossary):
    wanted = {"AES", "CEMOC", "CMA", "CSA", "CSP-DPA", "ECOWAS", "FAMa", "G5 Sahel", "JNIM", "MINUSMA"}
    assert wanted | {"Barkhane", "Takuba", "PLOVER"} <= set(glossary["term"])


def test_every_row_has_a_source_and_every_seed_quote_is_in_its_paragraph(glossary, paras):
    texts = dict(zip(paras["key"], paras["text"], strict=True))
    for row in glossary.itertuples():
        assert row.seed_source or row.reference, row.term
        if row.seed_source:
            flat = " ".join(texts[row.seed_source].split()).casefold()
            assert " ".join(row.seed_quote.split()).casefold().replace("’", "'") in flat.replace("’", "'"), row.term


def test_definitions_use_only_known_acronyms(glossary):
    terms = tuple(glossary["term"])
    for row in glossary.itertuples():
        for word, _ in find_acronyms(f"{row.expansion} {row.definition}", terms):
            assert word in terms or word in NOT_GLOSSED or word in CODEBOOK_NAMES, (row.term, word)


def _write(tmp_path: Path, rows: list[dict], header=COLUMNS) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "glossary.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _row(**cells) -> dict:
    row = {"term": "FAMa", "expansion": "Malian Armed Forces", "definition": "Mali's army."}
    row |= {"seed_source": "004¶6", "seed_quote": "the Malian Armed Forces (FAMa)", "reference": ""}
    return row | cells


def test_a_good_file_loads(tmp_path, paras):
    frame = load_glossary(
        _write(tmp_path, [_row(), _row(term="UN", seed_source="", seed_quote="", reference="x")]), paras
    )
    assert list(frame["term"]) == ["FAMa", "UN"] and list(frame["line"]) == [2, 3]


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"seed_quote": "the Malian army of Mali"}, "row FAMa (line 2): seed_quote not found in 004¶6"),
        ({"seed_source": "004¶99"}, "row FAMa (line 2): seed_source 004¶99 does not exist"),
        ({"seed_source": "4¶6"}, "row FAMa (line 2): seed_source '4¶6' is not a paragraph key"),
        ({"seed_source": "", "seed_quote": ""}, "row FAMa (line 2): no source"),
        ({"seed_quote": ""}, "row FAMa (line 2): seed_source and seed_quote go together"),
        ({"expansion": ""}, "row FAMa (line 2): expansion is empty"),
        ({"term": "FAMa (army)"}, "row FAMa (army) (line 2): term 'FAMa (army)' is not letters"),
        ({"reference": "bib:nosuchentry"}, "reference 'bib:nosuchentry' names no entry of references.bib"),
        ({"seed_quote": 'the "Malian" army'}, "seed_quote holds a double quote or a backtick"),
    ],
)
def test_bad_rows_are_refused_naming_file_row_and_problem(tmp_path, paras, cells, problem):
    path = _write(tmp_path, [_row(**cells)])
    with pytest.raises(GlossaryError) as err:
        load_glossary(path, paras)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_every_problem_is_reported_and_duplicates_are_refused(tmp_path, paras):
    path = _write(tmp_path, [_row(), _row(term="FAMa"), _row(term="UN", expansion="")])
    with pytest.raises(GlossaryError) as err:
        load_glossary(path, paras)
    lines = str(err.value).splitlines()
    assert any("row FAMa (line 3): duplicate term (also line 2)" in x for x in lines)
    assert any("row UN (line 4): expansion is empty" in x for x in lines)
    path = _write(tmp_path, [_row(), _row(term="fama", seed_quote="not there")])
    with pytest.raises(GlossaryError) as err:
        load_glossary(path, paras)
    lines = str(err.value).splitlines()
    assert any("row fama (line 3): term differs only in case from line 2" in x for x in lines)
    assert any("row fama (line 3): seed_quote not found in 004¶6" in x for x in lines)


def test_a_missing_column_or_file_is_refused(tmp_path, paras):
    path = _write(tmp_path, [{c: v for c, v in _row().items() if c != "reference"}], header=COLUMNS[:-1])
    with pytest.raises(GlossaryError, match="missing columns: reference"):
        load_glossary(path, paras)
    with pytest.raises(GlossaryError, match="file not found"):
        load_glossary(tmp_path / "none.csv", paras)


# --- finding acronyms and visible text -------------------------------------------------------------


def test_acronyms_are_found_and_roman_numerals_and_words_are_not():
    text = "The AES, FAMa and CSP-DPA; WGS84 data; CSVs; AES-Algeria ties; Title II; Mali; E072; the G5 Sahel."
    found = [w for w, _ in find_acronyms(text, ("CSP-DPA", "G5 Sahel"))]
    assert found == ["AES", "FAMa", "CSP-DPA", "WGS84", "CSV", "AES", "G5 Sahel"]
    assert not is_acronym("II") and not is_acronym("Mali") and is_acronym("BibTeX")


def test_visible_text_leaves_out_code_comments_citations_and_targets():
    page = (
        "---\nkernelspec: {}\n---\n% a comment on ACH\n(label-CMA)=\n# Title\n\n"
        "Prose with {term}`Alliance of Sahel States (AES) <AES>` and {para}`003¶60 \"the UN says\"`,\n"
        "`ICD` in code, a [JNIM link](https://x.org/CMA) and {ref}`shown CSA <target-MINUSMA>`.\n\n"
        "```{code-cell} ipython3\nx = 'ECOWAS'\n```\n\n<!-- PLOVER -->\n```{note}\n:class: CAMEO\nNoted.\n```\n"
    )
    text = visible_text(page)
    assert [w for w, _ in find_acronyms(text)] == ["AES", "JNIM", "CSA"]
    term = [s for s in visible_segments(page) if s.term]
    assert [(s.text, s.term, s.line) for s in term] == [("Alliance of Sahel States (AES)", "AES", 8)]


def test_the_first_use_rule(glossary, tmp_path):
    page = tmp_path / "page.md"

    def problems(body: str) -> list[str]:
        return check_page(page, glossary, source=f"# Title\n\n{body}\n")

    assert problems("The {term}`Alliance of Sahel States (AES) <AES>`, then AES again.") == []
    assert problems("The Alliance of Sahel States ({term}`AES`), then AES.") == []
    assert problems("The {term}`Operation Barkhane <Barkhane>` and {term}`Takuba`.") == []
    assert "first use of Barkhane is not a {term} role" in problems("Barkhane")[0]
    assert "first use of G5 Sahel is not expanded" in problems("The {term}`G5 Sahel`.")[0]
    assert "first use of AES is not a {term} role" in problems("The AES, then {term}`AES`.")[0]
    assert "first use of AES is not expanded" in problems("The {term}`AES` alliance.")[0]
    assert "'XYZ' is not in the glossary" in problems("The XYZ.")[0]
    assert f"{page}:3:" in problems("The XYZ.")[0]
    caption = '```{code-cell} ipython3\nshow(t, caption="Claims by the QQQ")\n```'
    assert "'QQQ' (in a code cell's string) is not in the glossary" in problems(caption)[0]


# --- the pages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.stem)
def test_every_page_keeps_the_glossary_rule(glossary, page):
    problems = check_page(page, glossary, CODEBOOK_NAMES)
    assert not problems, "\n".join(problems)


def test_the_glossary_page_renders_every_term_escaped(glossary):
    md = glossary_markdown(glossary)
    assert md.startswith("```{glossary}\n:sorted:\n") and md.rstrip().endswith("```")
    terms = re.findall(r"^(\S.*)$", md, flags=re.MULTILINE)[2:-1]
    assert terms == list(glossary["term"])
    assert "{para}`000¶3 \"the creation of the G5 Sahel joint force\"`" in md
    assert "{cite}`plover`" in md and "Mali\\'s army" in md
    page = (paths.ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    assert "glossary_markdown(load_glossary())" in page


# Text columns of the data that the book prints in its tables (the public record's rows, the ledger's
# summaries, the claims, the judgments and their indicators). Codes (ISO 3166 country codes, ids) and
# the seeds' own words (quotes) are not prose and are left out.
PRINTED_COLUMNS = {
    "public_record.csv": ("subject", "value", "source", "note"),
    "events.csv": ("summary",),
    "claims.csv": ("claim",),
    "judgments.csv": ("title", "statement", "changes_if"),
    "indicators.csv": ("indicator",),
}


@pytest.mark.parametrize(("name", "columns"), PRINTED_COLUMNS.items(), ids=list(PRINTED_COLUMNS))
def test_acronyms_in_the_printed_data_are_in_the_glossary(glossary, name, columns):
    terms = tuple(glossary["term"])
    known = set(terms) | set(NOT_GLOSSED) | set(CODEBOOK_NAMES)
    with (paths.DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(columns) <= set(rows[0]), name
    unknown = {
        (word, line, column)
        for line, row in enumerate(rows, start=2)
        for column in columns
        for word, _ in find_acronyms(row[column] or "", terms)
        if word not in known
    }
    assert not unknown, f"{name}: acronyms not in data/glossary.csv: {sorted(unknown)}"


def test_squash_folds_white_space_and_case_only():
    # The one form the glossary check and the PDF's chapter titles are matched in.
    assert squash("  Key\tjudgments\n\u00a0and  WATCH ") == "key judgments and watch"
    assert squash("Algiers Process") == squash("algiers  process")
    assert squash("Clé") != squash("Cle")  # accents are kept (unlike fold)
    assert squash("Algiers-Process") != squash("Algiers Process")  # punctuation is kept
    assert squash("Algiers Proces") != squash("Algiers Process")  # one letter off
