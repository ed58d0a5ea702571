"""The built site in a real browser, offline: Debian's Chromium driven by Playwright (never a browser
download), the site served on 127.0.0.1, every request to any other host blocked and counted as a
failure. Each page loads without console errors or failed requests; images load and have alt text;
every paragraph citation lands on an existing anchor; the ledger table sorts by score as numbers and
filters rows; the built-in search finds a place on its chapter; axe-core reports no critical or
serious accessibility violation. Screenshots of every page are kept as test artefacts.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bookbuild import toc_pages

from analysis.core import paths

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = paths.ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = paths.ROOT / "_build" / "test-artifacts" / "screens"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SERIOUS = ("critical", "serious")


def _required() -> bool:
    return os.environ.get("CI") == "true"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not Path(CHROMIUM).exists():
        return "Chromium is missing (Debian package chromium; `make system-deps` installs it as root)"
    if not AXE_JS.exists():
        return "axe-core is missing (`npm ci --prefix tests/browser`, run by `make test`)"
    return None


def _toc_pages() -> list[str]:
    return toc_pages(paths.ROOT)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test reports failures itself
        pass


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(_Quiet, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing:
        if _required():
            pytest.fail(f"CI=true: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class Visit:
    """A page opened in a fresh context in which only 127.0.0.1 is reachable; what went wrong is kept."""

    def __init__(self, browser, url: str):
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load")

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.problems.append(f"blocked request to the network: {route.request.url}")
            route.abort()

    def _console(self, msg):
        if msg.type == "error":
            self.problems.append(f"console error: {msg.text}")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visited(browser, server):
    """Every page of the table of contents, loaded once; screenshots saved as artefacts."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    out = {}
    for page in _toc_pages():
        visit = Visit(browser, f"{server}/{page}.html")
        visit.page.screenshot(path=str(ARTEFACTS / f"{page.replace('/', '__')}.png"), full_page=False)
        out[page] = visit
    yield out
    for visit in out.values():
        visit.close()


def test_every_page_loads_without_errors(visited):
    problems = {page: v.problems for page, v in visited.items() if v.problems}
    assert not problems, problems
    assert all((ARTEFACTS / f"{p.replace('/', '__')}.png").stat().st_size > 0 for p in visited)


def test_images_load_and_have_alt_text(visited):
    bad = {}
    n_images = 0
    for page, v in visited.items():
        images = v.page.evaluate(
            """() => Array.from(document.images).map(img => ({
                 src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(),
                 ok: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0}))"""
        )
        n_images += len(images)
        wrong = [i for i in images if not i["ok"] or not i["alt"]]
        if wrong:
            bad[page] = wrong
    assert not bad, bad
    assert n_images > 0


def test_every_citation_lands_on_a_paragraph_anchor(browser, server, visited):
    links = set()
    for v in visited.values():
        links.update(
            v.page.evaluate(
                "() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href).filter(h => /#p-\\d{3,}-\\d+$/.test(h))"
            )
        )
    assert links, "no paragraph citations found"
    targets: dict[str, set[str]] = {}
    missing = []
    for href in sorted(links):
        page_url, _, fragment = href.partition("#")
        if page_url not in targets:
            visit = Visit(browser, page_url)
            targets[page_url] = set(
                visit.page.evaluate("() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)")
            )
            assert not visit.problems, visit.problems
            visit.close()
        if not fragment or fragment not in targets[page_url]:
            missing.append(href)
    assert not missing, missing


def _ledger(visited):
    page = next(v.page for p, v in visited.items() if p.endswith("appendix_ledger"))
    assert page.locator("table.ledger-table").count() >= 1
    return page


def _column(page, index: int) -> list[str]:
    return page.evaluate(
        """(i) => Array.from(document.querySelector('table.ledger-table').tBodies[0].rows)
                 .filter(r => r.style.display !== 'none').map(r => r.cells[i].textContent.trim())""",
        index,
    )


def test_ledger_sorts_by_score_as_numbers(visited):
    page = _ledger(visited)
    headers = page.evaluate(
        "() => Array.from(document.querySelector('table.ledger-table').tHead.rows[0].cells).map(c => c.textContent.trim())"
    )
    index = next(i for i, h in enumerate(headers) if h.lower().startswith("score"))
    header = page.locator("table.ledger-table thead th").nth(index).locator("button.sort-button")

    def as_number(text: str) -> float:
        return float(text.replace("\u2212", "-"))

    header.click()
    up = [as_number(t) for t in _column(page, index) if t]
    assert any(t.startswith("+") for t in _column(page, index)), "scores are written with a sign"
    assert up == sorted(up) and up[0] < 0 < up[-1], up
    header.click()
    down = [as_number(t) for t in _column(page, index) if t]
    assert down == sorted(down, reverse=True)


def test_ledger_filter_box_filters_rows(visited):
    page = _ledger(visited)
    ids = _column(page, 0)
    target = ids[len(ids) // 2]
    box = page.locator("input.table-filter").first
    box.fill(target)
    shown = _column(page, 0)
    assert target in shown and 0 < len(shown) < len(ids)
    box.fill("")
    assert len(_column(page, 0)) == len(ids)


def test_search_finds_a_place_on_its_chapter(browser, server):
    visit = Visit(browser, f"{server}/search.html?q=Tin+Zaouatine")
    results = visit.page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=30_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("border_incidents" in h for h in hrefs), hrefs
    assert not visit.problems, visit.problems
    visit.close()


def test_no_page_embeds_an_external_script(built_book):
    external = re.compile(r"""(?:src=["']|THEBE_JS_URL|["'])(?:https?:)?//(?!127\.0\.0\.1)[^"']+\.js""")
    hits = {}
    for html in built_book.rglob("*.html"):
        found = external.findall(html.read_text(encoding="utf-8"))
        if found:
            hits[str(html.relative_to(built_book))] = found[:3]
    assert not hits, hits


def test_no_serious_accessibility_violations(visited):
    axe = AXE_JS.read_text(encoding="utf-8")
    report = {}
    for page, v in visited.items():
        v.page.add_script_tag(content=axe)
        result = v.page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            f"{x['id']} ({x['impact']}): {x['help']} — e.g. {x['nodes'][0]['target']}"
            for x in result["violations"]
            if x["impact"] in SERIOUS
        ]
        if serious:
            report[page] = serious
    assert not report, report


def test_a_citation_card_opens_on_keyboard_focus_and_passes_axe(browser, server):
    """On a judgment, Tab reaches a citation's marker (a link to the paragraph, no script needed); its
    card opens on focus with the outlet, the date, the paragraph and the verified excerpt; Tab moves into
    the card's own link and the card stays open; Escape closes it; axe-core finds no serious violation
    with the card open. A screenshot of the open card is kept as a test artefact."""
    visit = Visit(browser, f"{server}/chapters/key_judgments.html")
    page = visit.page
    marker = page.locator(".cite-marker").first
    card = page.locator(".cite-card").first
    assert marker.get_attribute("href").split("#")[-1].startswith("p-"), "the marker links to the paragraph"
    assert not card.is_visible()
    for _ in range(400):  # the keyboard's path, from the top of the page
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('cite-marker')"):
            break
    else:
        pytest.fail("Tab never reached a citation marker")
    focused = page.locator(".cite-marker:focus")
    open_card = page.locator(".cite:focus-within .cite-card")
    assert open_card.is_visible()
    text = open_card.inner_text()
    assert "paragraph" in text and open_card.locator("q").inner_text().strip()
    assert focused.get_attribute("aria-describedby") == open_card.get_attribute("id")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => window.scrollBy(0, document.activeElement.getBoundingClientRect().top - 250)")
    page.screenshot(path=str(ARTEFACTS.parent / "citation-card-open.png"))
    page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{x['id']}: {x['help']}" for x in result["violations"] if x["impact"] in SERIOUS]
    assert not serious, serious
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('cite-card-link')")
    assert open_card.is_visible()
    page.keyboard.press("Escape")
    assert not page.locator(".cite:focus-within .cite-card").is_visible()
    assert not visit.problems, visit.problems
    visit.close()
