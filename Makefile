# The report's commands. On a fresh machine: `make report` builds the HTML, `make test` runs everything.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help report preview brief pdf test check format lock lab clean venv system-deps browser-deps bench bench-extract bench-scale data expected mutants

help:
	@echo "make report   build the HTML report into _build/html, redoing only what changed (creates .venv)"
	@echo "make preview  the edit loop: only the HTML of the pages changed since the last build (no PDF)"
	@echo "make brief    the briefing PDF (at most six pages) into _build/brief (needs TeX Live)"
	@echo "make pdf      build the PDF into _build/latex (needs TeX Live; 'make system-deps' installs it as root)"
	@echo "make check    the fast suite (no notebook, no book build) and ruff: under a minute"
	@echo "make test     run the whole suite: unit tests, the PDF and the book with -W (each notebook once), browser tests"
	@echo "make format   format the package, tests and chapters' code with ruff"
	@echo "make lock     rewrite requirements.lock (with hashes) from requirements.in"
	@echo "make expected rewrite tests/expected.json from the data (review its diff, then commit)"
	@echo "make bench    build benchmarks (see benchmarks/README.md)"
	@echo "make lab      open JupyterLab with the chapters as notebooks"
	@echo "make clean    remove _build and caches"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

venv: $(STAMP)

# Rebuilds redo only what changed (analysis.build.buildcache decides): nothing when no file the book reads
# has changed; the chapters' notebooks are executed JOBS at a time into the execution cache, which is
# emptied when the package, the data or the seeds change; with TeX Live present the PDF and the chapter
# PDFs are built first, so each chapter page links its PDF, and the HTML reuses the cache (each notebook
# runs once).
JOBS ?= 2
report: $(STAMP)
	$(BIN)/python -m analysis.build.buildcache report --jobs $(JOBS)
	@echo "Report built: open file://$(CURDIR)/_build/html/index.html"

# The edit loop: Sphinx re-reads only the changed pages (its environment in _build/.doctrees kept), the
# notebooks from the execution cache (executed first when their code or inputs changed); no PDF. The next
# `make report` rebuilds the whole HTML.
preview: $(STAMP)
	$(BIN)/python -m analysis.build.buildcache preview --jobs $(JOBS)
	@echo "Preview built: open file://$(CURDIR)/_build/html/index.html"

# The briefing PDF (at most six pages) from the book's sources: _build/brief/algeria-mali-brief.pdf.
brief: report
	$(BIN)/python -m analysis.build.brief

# TeX Live and fonts for the PDF, Chromium and npm for the browser tests; installed only when missing and
# only as root (as in CI).
system-deps:
	@if command -v xelatex >/dev/null && command -v latexmk >/dev/null && command -v pdftotext >/dev/null && command -v ip >/dev/null && command -v chromium >/dev/null && command -v npm >/dev/null && fc-list | grep -qi freeserif; then \
	  echo "system packages present (TeX Live, Chromium, npm)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && \
	  apt-get install -y -qq --no-install-recommends texlive-latex-recommended texlive-latex-extra \
	    texlive-fonts-recommended texlive-xetex latexmk fonts-freefont-otf tex-gyre lmodern poppler-utils iproute2 util-linux \
	    chromium chromium-driver >/dev/null; \
	  command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI=true: TeX Live (xelatex, latexmk, FreeSerif, pdftotext, ip), Chromium or npm is missing and cannot be installed (not root on Debian)"; exit 1; \
	else \
	  echo "warning: TeX Live, Chromium or npm is missing and this is not root on Debian: the PDF and browser tests will be skipped (install texlive-xetex, latexmk, fonts-freefont-otf, poppler-utils, chromium, npm)"; \
	fi

pdf: $(STAMP) system-deps
	$(BIN)/python -m analysis.build.buildcache pdf --jobs $(JOBS)
	@echo "PDF built: $(CURDIR)/_build/latex/algeria-mali-report.pdf; one PDF per chapter in $(CURDIR)/_build/pdf"

# axe-core for the browser tests, from the npm registry at the version tests/browser/package-lock.json pins.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error; \
	else echo "warning: npm is missing: the browser tests will be skipped"; fi

browser-deps: $(AXE)

# The property-based tests run ten times as many examples here as in make check (tests/conftest.py).
test: $(STAMP) system-deps browser-deps
	$(BIN)/python -m analysis validate
	HYPOTHESIS_PROFILE=test $(BIN)/python -m pytest -q

# The fast suite: unit tests and static checks, no notebook execution, no book build.
# The chapters' code is linted read-only: scripts/lint_chapters.py writes each as a script in memory
# (one jupytext import for all) and pipes it to ruff under the chapter's name.
check: $(STAMP)
	$(BIN)/ruff check src tests scripts _ext benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff format --check --quiet src tests scripts _ext benchmarks
	$(BIN)/python scripts/lint_chapters.py chapters/*.md
	$(BIN)/python -m pytest -q -m "not slow"

# Formatting, with the settings in pyproject.toml; the chapters' code cells through jupytext.
format: $(STAMP)
	$(BIN)/ruff check --fix --quiet src tests scripts _ext benchmarks
	$(BIN)/ruff format --quiet src tests scripts _ext benchmarks
	for f in $$(grep -l '{code-cell}' chapters/*.md); do \
	  PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupytext --quiet --pipe "ruff format --line-length 120 -" "$$f"; done

# The lock: every package of requirements.in at its pin, with the hashes of its files.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	{ echo "# Generated by 'make lock' (uv pip compile --generate-hashes) from requirements.in; do not edit by hand."; \
	  $(BIN)/uv pip compile requirements.in --generate-hashes --python-version 3.11.7 --no-header --no-annotate --quiet; \
	} > requirements.lock.new && mv requirements.lock.new requirements.lock

# The counts tests expect of today's data snapshot: regenerate after adding an article, review the diff.
expected: $(STAMP)
	$(BIN)/python tests/snapshot.py
	git diff --stat -- tests/expected.json

# Build benchmarks (not tests): clean and cached builds, the PDF, peak memory, page weight.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

# Mutation testing (mutmut, configured in pyproject.toml [tool.mutmut]): the rule functions are mutated one
# small change at a time and the fast tests that state those rules must fail on each. Every mutant's
# result is in _build/mutants.txt, a count per result is printed, and the target fails when a mutant
# survives or no test reaches it (7 to 37 minutes on 2 shared cores, by load; figures in benchmarks/README.md).
mutants: $(STAMP)
	rm -rf mutants
	@mkdir -p _build
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results --all true > _build/mutants.txt
	@awk -F': ' '{n[$$NF]++} END {for (s in n) print "  " s ": " n[s]}' _build/mutants.txt | sort
	@if grep -E ': (survived|no tests)$$' _build/mutants.txt; then \
		echo "mutants survived (above; mutmut show NAME for the change)"; exit 1; fi

# Extraction benchmarks: 5 to 5,000 articles through extract --review --jobs 2.
bench-extract: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py

# Scaling benchmarks: corpus and validate over 5 to 1,000 articles (seed ids are three digits).
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py

# Chapters are MyST Markdown paired with jupytext: make JupyterLab open .md files as notebooks.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
lab: $(STAMP)
	mkdir -p $(dir $(LAB_OVERRIDES))
	printf '%s\n' '{"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}' > $(LAB_OVERRIDES)
	cd chapters && ../$(BIN)/jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

clean:
	rm -rf _build .pytest_cache .jupyter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
