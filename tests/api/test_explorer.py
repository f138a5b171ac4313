"""The explorer: its routes, and the page itself in Debian's Chromium driven by Playwright.

The browser tests start the app with uvicorn on a free 127.0.0.1 port over an embedded store
holding the Kota Contoh demo. They skip with a reason when Chromium, Playwright or
``node_modules`` is missing, and fail instead under ``SELARAS_REQUIRE_BROWSER=1`` (as CI sets).
They wait on conditions in the page, never on the clock.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote
from urllib.request import urlopen

import pytest
import uvicorn
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from api.app import create_app
from api.explorer import NODE_MODULES, mount_explorer, vendor_packages
from api.loading import read_files, write_records
from api.settings import Settings
from graph.embedded import EmbeddedStore
from tests.conftest import demo_batch

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PUSKESMAS = "renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.01.0002"
RKPD_PROGRAM = "rkpd-kota-contoh-2026:program:dinas-pendidikan/1.01.05"
ORPHAN = "renja-kota-contoh-dinkes-2026:sub_kegiatan:1.02.02.2.09.0001"
READY = "body[data-ready='1']"
KOTA_UJI = {"pemda": "Kota Uji"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("explorer") / "demo.db"
    with EmbeddedStore(str(path)) as store:
        write_records(store, demo_batch())
    return path


def make_app(db: Path, node_modules: Path | None = None) -> FastAPI:
    return create_app(
        str(db), Settings(tokens=db.with_name("tokens.json"), node_modules=node_modules)
    )


# --- routes, no browser ----------------------------------------------------------------------


def test_page_vendor_and_api_routes_live_side_by_side(demo_db: Path) -> None:
    with TestClient(make_app(demo_db)) as client:
        page = client.get("/")
        assert page.status_code == 200 and "main.js" in page.text
        assert client.get("/i18n.js").headers["content-type"].startswith("text/javascript")
        assert client.get("/api/health").json()["counts"]["elements"] == 497
        assert client.get("/openapi.json").json()["info"]["title"] == "Selaras"
        assert client.get("/docs").status_code == 200
        missing = client.get("/api/elements/nope")
        assert missing.status_code == 404 and missing.json()["error"]["type"] == "NotFound"
        assert client.get("/api/no-such-route").status_code == 404
        assert client.get("/vendor/left-pad/index.js").status_code == 404
        encoded = client.get("/api/elements/" + quote(RKPD_PROGRAM, safe=""))
        assert encoded.status_code == 200 and encoded.json()["id"] == RKPD_PROGRAM


def test_only_the_packages_of_package_json_are_served() -> None:
    assert vendor_packages() == ["cytoscape", "cytoscape-dagre"]
    assert vendor_packages(Path("/nonexistent/package.json")) == []


def test_the_explorer_mount_never_shadows_the_api_whatever_the_order(demo_db: Path) -> None:
    app = FastAPI()
    mount_explorer(app)
    router = APIRouter(prefix="/api")
    router.add_api_route("/ping", lambda: {"pong": True})
    app.include_router(router)
    mount_explorer(app)
    assert [getattr(r, "name", None) for r in app.routes].count("explorer") == 1
    with TestClient(app) as client:
        assert client.get("/api/ping").json() == {"pong": True}
        assert client.get("/openapi.json").status_code == 200
        assert client.get("/").status_code == 200


def test_without_node_modules_the_libraries_are_404_and_the_api_works(
    demo_db: Path, tmp_path: Path
) -> None:
    with TestClient(make_app(demo_db, tmp_path / "absent")) as client:
        lib = client.get("/vendor/cytoscape/dist/cytoscape.esm.min.mjs")
        assert lib.status_code == 404
        assert client.get("/").status_code == 200
        assert client.get("/api/health").status_code == 200


# --- the browser -----------------------------------------------------------------------------


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} missing (apt-get install chromium)"
    if not all((NODE_MODULES / name / "package.json").is_file() for name in vendor_packages()):
        return f"{NODE_MODULES} incomplete (npm ci, as make run and make test do)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright missing (pip install -e '.[dev]')"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on a free 127.0.0.1 port, in a thread; its base URL."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", ws="none")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started or not thread.is_alive():
                break
            threading.Event().wait(0.02)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _why_no_browser()
    if reason:
        if os.environ.get("SELARAS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"SELARAS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(browser: Any, demo_db: Path) -> Iterator[str]:
    with serving(make_app(demo_db)) as url:
        yield url


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(20_000)
    page.goto(base_url + "/")
    page.wait_for_selector(READY)
    yield page
    context.close()
    assert not errors, errors


def api(base_url: str, path: str) -> Any:
    with urlopen(base_url + path) as response:
        return json.load(response)


def pick(page: Any, text: str, element_id: str) -> None:
    """Search as a user types, then pick one result; wait until the graph shows it."""
    page.locator("#search").press_sequentially(text)
    page.locator(f'.result[data-id="{element_id}"]').click()
    page.wait_for_function(
        "id => window.cy && cy.getElementById(id).selected() && cy.nodes().length > 1",
        arg=element_id,
    )


def test_search_as_you_type_lists_results(page: Any, base_url: str) -> None:
    page.locator("#search").press_sequentially("puskesmas")
    page.wait_for_function("document.querySelectorAll('#results .result').length === 9")
    assert api(base_url, "/api/elements?search=puskesmas")["total"] == 9
    page.select_option("#f-dokumen", "rkpd-kota-contoh-2026")
    page.wait_for_function("document.querySelectorAll('#results .result').length === 3")
    assert "Sub kegiatan" in page.inner_text("#results")


OFF_SCREEN = """() => {
  const e = cy.extent();
  return cy.nodes().filter((n) => {
    const b = n.boundingBox();
    return b.x1 < e.x1 || b.x2 > e.x2 || b.y1 < e.y1 || b.y2 > e.y2;
  }).map((n) => n.id());
}"""


def test_a_trace_is_shown_whole(page: Any) -> None:
    """A trace adds the chain above the focus: the view is fitted to it, not left centred on
    the focus with the chain and where it breaks off screen (21 nodes, 10 ranks here)."""
    pick(page, "puskesmas", PUSKESMAS)
    before = page.evaluate("cy.zoom()")
    page.click("#trace-up")
    page.wait_for_function("cy.nodes('.path').length > 3")
    assert page.evaluate(OFF_SCREEN) == []
    assert 0.3 <= page.evaluate("cy.zoom()") < before


def test_picking_draws_the_neighbourhood_and_trace_reaches_the_top(page: Any) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    kinds = page.evaluate("cy.nodes().map(n => n.data('kind'))")
    assert "kegiatan" in kinds and len(kinds) >= 3
    page.click("#trace-up")
    page.wait_for_function("cy.nodes('.path').length > 3")
    path_kinds = set(page.evaluate("cy.nodes('.path').map(n => n.data('kind'))"))
    assert {"sasaran", "visi"} <= path_kinds
    assert page.evaluate("cy.nodes('.anchor').map(n => n.data('kind'))")[0] == "sasaran"
    assert page.evaluate("cy.nodes('.break').length") == 0
    assert "mencapai" in page.inner_text("#status")
    y = page.evaluate(
        "id => [cy.nodes('[kind = \"visi\"]').position('y'), cy.getElementById(id).position('y')]",
        PUSKESMAS,
    )
    assert y[0] < y[1], "top-down: the visi is drawn above the sub kegiatan"


def test_clicking_a_node_expands_its_parents_and_children(page: Any) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    before = page.evaluate("cy.nodes().length")
    parent = page.evaluate(
        "id => cy.getElementById(id).incomers('node').filter(n => n.data('kind') === 'kegiatan')"
        ".id()",
        PUSKESMAS,
    )
    box = page.locator("#cy").bounding_box()
    x, y = page.evaluate("id => Object.values(cy.getElementById(id).renderedPosition())", parent)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_function(f"cy.nodes().length > {before}")
    page.wait_for_function("id => cy.getElementById(id).selected()", arg=parent)
    page.wait_for_function(
        "id => document.querySelector('#detail-body .id').textContent === id", arg=parent
    )


def test_a_name_matched_link_is_dashed(page: Any, base_url: str) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    edges = page.evaluate("cy.edges().map(e => [e.data('basis'), e.style('line-style')])")
    assert edges and all(
        style == ("dashed" if basis == "nama" else "solid") for basis, style in edges
    )


def test_checks_panel_runs_a_check_and_a_row_marks_the_node_red(page: Any, base_url: str) -> None:
    names = [q["name"] for q in api(base_url, "/api/queries")]
    page.wait_for_selector("#catalogue .tab")
    tabs = page.eval_on_selector_all("#catalogue .tab", "ts => ts.map(t => t.dataset.query)")
    assert tabs == [*names, "unresolved"]  # the catalogue, then the unresolved references
    page.click("#catalogue .tab[data-query='orphaned_activities']")
    page.select_option("#query-form select[name='kind']", "sub_kegiatan")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#result-table tbody tr")
    expected = api(base_url, "/api/queries/orphaned_activities?kind=sub_kegiatan")["rows"]
    assert page.locator("#result-table tbody tr").count() == len(expected) > 0
    page.click(f'#result-table tbody tr[data-id="{ORPHAN}"]')
    page.wait_for_function(
        "id => cy.getElementById(id).hasClass('orphaned_activities')", arg=ORPHAN
    )
    page.wait_for_function("id => cy.getElementById(id).hasClass('break')", arg=ORPHAN)
    colour = page.evaluate("id => cy.getElementById(id).style('border-color')", ORPHAN)
    assert colour == "rgb(213,0,0)"
    assert "putus" in page.inner_text("#status")
    assert "q=orphaned_activities" in page.url and "p.kind=sub_kegiatan" in page.url


def test_the_result_table_sorts_by_a_column(page: Any, base_url: str) -> None:
    page.click("#catalogue .tab[data-query='orphaned_activities']")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#result-table tbody tr")
    page.click("#result-table th[data-column='pagu']")
    column = "[...document.querySelectorAll('#result-table tbody tr')].map(r => r.dataset.id)"
    rows = api(base_url, "/api/queries/orphaned_activities")["rows"]
    ascending = [r["id"] for r in sorted(rows, key=lambda r: (r["pagu"], rows.index(r)))]
    assert page.evaluate(column) == ascending
    page.click("#result-table th[data-column='pagu']")
    assert page.evaluate(column)[0] == ascending[-1]


def test_duplicated_programs_are_linked_together(page: Any) -> None:
    page.click("#catalogue .tab[data-query='duplicated_programs']")
    page.select_option("#query-form select[name='reason']", "nama_mirip")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#result-table tbody tr")
    page.locator("#result-table tbody tr").first.click()
    page.wait_for_function("cy.edges('.dup').length === 1")
    ends = page.evaluate(
        "cy.edges('.dup').connectedNodes().map(n => n.hasClass('duplicated_programs'))"
    )
    assert ends == [True, True]


def test_detail_panel_shows_indicators_pagu_and_provenance(page: Any, base_url: str) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    element = api(base_url, "/api/elements/" + quote(PUSKESMAS, safe=""))
    page.wait_for_selector("#detail-body .detail-provenance")
    provenance = page.inner_text("#detail-body .detail-provenance")
    assert element["src_file"] in provenance and str(element["src_row"]) in provenance
    assert element["src_sheet"] in provenance
    assert element["indicators"][0]["nama"] in page.inner_text("#detail-body .detail-indicators")
    assert "4.655.000.000" in page.inner_text("#detail-body .detail-pagu")
    parents = page.inner_text("#detail-body .detail-parents")
    link = element["parents"][0]
    assert link["id"] in parents and f"{link['src_row']}" in parents


def test_language_toggle_switches_every_label(page: Any) -> None:
    assert page.inner_text("#checks h2") == "Pemeriksaan"
    page.click("#lang")
    page.wait_for_function("document.querySelector('#checks h2').textContent === 'Checks'")
    assert page.inner_text("#trace-up") == "Trace to the top"
    assert page.evaluate("document.documentElement.lang") == "en" and "lang=en" in page.url
    page.click("#lang")
    page.wait_for_function("document.querySelector('#checks h2').textContent === 'Pemeriksaan'")


def test_png_and_table_exports(page: Any, base_url: str) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    with page.expect_download() as download:
        page.click("#png")
    assert download.value.suggested_filename.endswith(".png")
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.click("#catalogue .tab[data-query='unsupported_priorities']")
    page.fill("#query-form input[name='tahun']", "2026")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#result-table tbody tr")
    with page.expect_download() as download:
        page.click(".export-csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and [r["id"] for r in rows] == [
        r["id"] for r in api(base_url, "/api/queries/unsupported_priorities?tahun=2026")["rows"]
    ]
    with page.expect_download() as download:
        page.click(".export-xlsx")
    assert download.value.suggested_filename == "unsupported_priorities.xlsx"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"


def test_the_url_reopens_the_same_view(page: Any, browser: Any) -> None:
    pick(page, "puskesmas", PUSKESMAS)
    page.click("#group")
    page.wait_for_function("cy.nodes('.opd-group').length > 0")
    page.click("#trace-up")
    page.wait_for_function("cy.nodes('.path').length > 3")
    nodes = sorted(page.evaluate("cy.nodes().map(n => n.id())"))
    url = page.url
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    again = context.new_page()
    again.goto(url)
    again.wait_for_selector(READY)
    assert again.evaluate("cy.$('node:selected').id()") == PUSKESMAS
    assert sorted(again.evaluate("cy.nodes().map(n => n.id())")) == nodes
    assert again.evaluate("cy.nodes('.path').length") == page.evaluate("cy.nodes('.path').length")
    assert again.evaluate("cy.nodes('.opd-group.faded').length") == 0, "a faded box fades all"
    again.wait_for_function(
        "id => document.querySelector('#detail-body .id')?.textContent === id", arg=PUSKESMAS
    )
    assert again.input_value("#search") == "puskesmas"
    context.close()


def test_without_the_libraries_the_page_says_so_and_search_works(
    browser: Any, demo_db: Path, tmp_path: Path
) -> None:
    with serving(make_app(demo_db, tmp_path / "absent")) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url + "/")
        page.wait_for_selector(READY)
        assert "npm ci" in page.inner_text("#cy")
        page.locator("#search").press_sequentially("puskesmas")
        page.wait_for_selector("#results .result")
        page.locator("#results .result").first.click()
        page.wait_for_selector("#detail-body .detail-provenance")
        context.close()


HOSTILE = "<img src=x onerror=alert(1)>"


def test_workbook_names_are_text_never_html(browser: Any, tmp_path: Path) -> None:
    """A program named ``<img src=x onerror=alert(1)>`` is shown literally and runs nothing."""
    from loaders import load_workbook

    path = tmp_path / "renja.csv"
    path.write_text(
        "jenis,RENJA\npemda,Kota Uji\ntahun,2026\nopd,Dinas Kesehatan\n\n"
        f'jenis_elemen,kode,nama\nprogram,1.02.02,"{HOSTILE}"\n'
        f'kegiatan,1.02.02.2.01,"{HOSTILE} kegiatan"\n',
        encoding="utf-8",
    )
    db = tmp_path / "xss.db"
    with EmbeddedStore(str(db)) as store:
        store.replace_documents([load_workbook(path)])
    dialogs: list[str] = []
    with serving(make_app(db)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "/")
        page.wait_for_selector(READY)
        page.locator("#search").press_sequentially("img")
        page.wait_for_function("document.querySelectorAll('#results .result').length === 2")
        assert HOSTILE in page.inner_text("#results")
        page.locator(".result").first.click()
        page.wait_for_selector("#detail-body .detail-provenance")
        assert HOSTILE in page.inner_text("#detail-body")
        assert page.locator("img[src='x']").count() == 0
        context.close()
    assert dialogs == []


def test_screenshots_of_the_main_screens(page: Any) -> None:
    """docs/screenshots/: the explorer as a new user first sees it, with a broken chain traced."""
    folder = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    pick(page, "1.03.09.2.01.0003", "renja-kota-contoh-pupr-2026:sub_kegiatan:1.03.09.2.01.0003")
    page.locator("#trace-up").click()
    page.wait_for_function("cy.nodes('.break').length > 0")
    page.screenshot(path=str(folder / "explorer.png"))
    assert (folder / "explorer.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_target_shows_as_written_with_what_was_read_on_hover(
    browser: Any, tmp_path: Path
) -> None:
    """A planning table's targets (``<22``, ``70,38-70,76``) are read into numbers too: the
    panel shows each as written, the end of the period as a column of its own, and what was
    read only on hover, not as a line of ``target_2025_nilai``-style keys."""
    from tests.loaders.test_profiles import MATRIKS_ROWS, matriks

    db = tmp_path / "table.db"
    with EmbeddedStore(str(db)) as store:
        write_records(store, read_files([matriks(tmp_path, *MATRIKS_ROWS)], identity=KOTA_UJI))
        sasaran = next(d for d in store.graph.nodes if ":sasaran:" in d)
    with serving(make_app(db)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(f"{url}/#el={quote(sasaran, safe='')}")
        page.wait_for_selector("#detail-body .detail-indicators .years")
        panel = page.locator("#detail-body .detail-indicators")
        heads = [h.split() for h in panel.locator("thead").all_inner_texts()]
        assert heads[0] == ["2025", "2026"] and heads[1][-2:] == ["Akhir", "periode"]
        cell = panel.locator(".indicator").first.locator("tbody span").first
        assert cell.inner_text() == "<22" and cell.get_attribute("title") == "op < · nilai 22"
        assert "_nilai" not in panel.inner_text() and "_op" not in panel.inner_text()
        # no Satuan column in the table: the unit its targets are written with, said so
        names = panel.locator(".indicator > p:first-child").all_inner_texts()
        assert names == ["Angka kematian ibu", "Waktu tanggap (menit, dibaca dari target)"]
        assert "satuan_asal" not in panel.inner_text()
        assert "src_row" not in panel.inner_text() and "Baris 9" in panel.inner_text()
        context.close()


def test_unresolved_references_are_listed_with_the_checks(browser: Any, tmp_path: Path) -> None:
    """The checks panel lists the references that link to nothing (GET
    /api/documents/unresolved) beside the checks; a row shows its element, traced up."""
    from tests.loaders.test_acuan_links import ACUAN, MATRIKS_MERGED
    from tests.loaders.test_profiles import (
        MATRIKS_ROWS,
        RENSTRA_ROWS,
        matriks,
        renstra_with_acuan,
    )

    files = [
        matriks(tmp_path, *MATRIKS_ROWS, merges=MATRIKS_MERGED),
        renstra_with_acuan(tmp_path, ACUAN, RENSTRA_ROWS[:5]),
    ]
    db = tmp_path / "unresolved.db"
    with EmbeddedStore(str(db)) as store:
        write_records(store, read_files(files, identity={"pemda": "Kab. Contoh"}))
    with serving(make_app(db)) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.locator("#catalogue button[data-query='unresolved']").click()
        page.locator("#query-form button[type='submit']").click()
        page.wait_for_selector("#result-table tbody tr")
        texts = page.locator("#result-table tbody tr").all_inner_texts()
        assert len(texts) == 2 and any("RPJMD:S9.9.9" in r for r in texts)
        assert page.locator("#result-bar .export-csv").count() == 0  # no file of its own
        row = page.locator("#result-table tbody tr", has_text="RPJMD:S9.9.9")
        element = row.get_attribute("data-id")
        assert element is not None and element.endswith(":sasaran:S1.2")
        row.click()
        page.wait_for_function(f"cy.$id({json.dumps(element)}).length > 0")
        page.wait_for_selector("#detail-body .detail-provenance")
        assert element in page.inner_text("#detail-body")
        context.close()
