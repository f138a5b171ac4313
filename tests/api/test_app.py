"""The HTTP API on both backends: every endpoint, tokens, limits and one error shape."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.app import create_app
from api.cli import main
from api.settings import Settings
from api.tokens import TokenBook
from graph.demo import demo_records
from graph.embedded import EmbeddedStore
from graph.model import Document, Element, Records, Reference
from graph.store import GraphStore
from queries import checks
from tests.api.test_cli import RENSTRA
from tests.conftest import BACKENDS
from tests.graph.test_stores import snapshot
from tests.loaders.test_workbook import COLUMNS, GOOD_ROWS, RENJA_HEAD

SUB = "renja-kota-mini-dinkes-2026:sub_kegiatan:1.02.02.2.09.0001"
S1 = "rpjmd-kota-mini-2025-2029:sasaran:S1"


class Api:
    """A test client over one store of one backend, with a write and a read token."""

    def __init__(self, client: TestClient, store: GraphStore, book: TokenBook, target: str):
        self.client, self.store, self.target = client, store, target
        self.write = {"Authorization": f"Bearer {book.create('uji-tulis', 'write')}"}
        self.read = {"Authorization": f"Bearer {book.create('uji-baca', 'read')}"}
        self.book = book


@pytest.fixture(params=BACKENDS)
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    settings = Settings(tokens=tmp_path / "tokens.json", max_upload_bytes=200_000, max_cells=5000)
    if request.param == "neo4j":
        store: GraphStore = request.getfixturevalue("neo4j_store")
        target = request.getfixturevalue("neo4j_uri")
    else:
        target = str(tmp_path / "s.db")
        store = EmbeddedStore(target)
    store.replace_documents(demo_records())
    with TestClient(create_app(target, settings)) as client:
        yield Api(client, store, TokenBook(settings.tokens), target)
    if request.param == "embedded":
        store.close()


def assert_error(response: Any, status: int, kind: str) -> dict[str, Any]:
    body = response.json()
    assert response.status_code == status, body
    assert body["ok"] is False and set(body["error"]) <= {"type", "message", "problems"}
    assert body["error"]["type"] == kind and body["error"]["message"]
    return body


def test_health_version_catalogue(api: Api) -> None:
    health = api.client.get("/api/health").json()
    assert health["store"] == api.store.kind and health["counts"]["elements"] == 12
    assert api.client.get("/api/version").json()["version"]
    catalogue = {q["name"]: q for q in api.client.get("/api/queries").json()}
    params = {p["name"]: p for p in catalogue["orphaned_activities"]["parameters"]}
    assert params["kind"]["choices"] == ["kegiatan", "sub_kegiatan"]
    assert catalogue["orphaned_activities"]["severity"] == "error"


def test_query_json_is_the_cli_json_with_paging(api: Api) -> None:
    http = api.client.get("/api/queries/unsupported_priorities", params={"tahun": "2026"}).json()
    cli = CliRunner().invoke(
        main,
        [
            "--store",
            api.target,
            "query",
            "unsupported_priorities",
            "-p",
            "tahun=2026",
            "--format",
            "json",
        ],
    )
    same = {k: v for k, v in json.loads(cli.stdout).items() if k != "seconds"}
    assert {k: v for k, v in http.items() if k not in ("total", "seconds")} == same
    page = api.client.get(
        "/api/queries/trace_up",
        params={
            "id": SUB.replace("09.0001", "01.0002").replace("2.09", "2.01"),
            "limit": 2,
            "offset": 1,
        },
    ).json()
    assert page["total"] == 9 and len(page["rows"]) == 2 and page["rows"][0]["distance"] == 1


def test_downloads(api: Api) -> None:
    csv = api.client.get("/api/queries/orphaned_activities.csv")
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("id,kind,kode,nama")
    xlsx = api.client.get("/api/queries/orphaned_activities.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content)).active.max_row == 2
    check = api.client.post(
        "/api/check", params={"only": ["orphaned_activities", "unsupported_priorities"]}
    ).json()
    assert check["findings"] == 2 and check["fails"] is True
    report = api.client.post("/api/check", params={"format": "xlsx"})
    book = load_workbook(io.BytesIO(report.content))
    orphans = book["orphaned_activities"]
    assert book.sheetnames[0] == "ringkasan" and orphans["A2"].value == SUB
    assert (orphans["L1"].value, orphans["L2"].value) == ("src_file", "demo")
    only = api.client.post("/api/check?only=unsupported_priorities&fail_on=error").json()
    assert [r["query"] for r in only["results"]] == ["unsupported_priorities"]
    assert only["fails"] is False
    assert book.sheetnames == ["ringkasan", *(q.name for q in checks())]
    assert_error(api.client.get("/api/queries/orphaned_activities.pdf"), 400, "QueryError")


def test_elements_search_and_detail(api: Api) -> None:
    found = api.client.get("/api/elements", params={"search": "PUSKÉSMAS"}).json()
    assert found["total"] == 3 and {r["kind"] for r in found["rows"]} == {"sasaran", "sub_kegiatan"}
    by_kind = api.client.get("/api/elements", params={"kind": "sasaran", "limit": 1}).json()
    assert by_kind["total"] == 3 and len(by_kind["rows"]) == 1
    detail = api.client.get(f"/api/elements/{SUB}").json()
    assert "orphaned_activities" in detail["flags"] and detail["src_sheet"] == "elemen"
    assert_error(api.client.get("/api/elements/nope"), 404, "NotFound")


def test_trace_and_subgraph(api: Api) -> None:
    up = api.client.get(f"/api/trace/{SUB.replace('2.09.0001', '2.01.0002')}").json()
    assert {n["kind"] for n in up["nodes"]} >= {"visi", "sasaran", "sub_kegiatan"}
    assert all({"source", "target", "basis"} <= set(e) for e in up["edges"])
    down = api.client.get(f"/api/trace/{S1}", params={"direction": "down", "depth": 1}).json()
    assert sorted(n["id"] for n in down["nodes"]) == [
        "renstra-kota-mini-dinkes-2025-2029:sasaran:SP1",
        S1,
    ]
    sub = api.client.get("/api/subgraph", params={"ids": f"{S1},{SUB}", "depth": 0}).json()
    flags = [n["flags"] for n in sub["nodes"]]
    assert "orphaned_activities" in flags[0] and "orphaned_activities" not in flags[1]
    assert_error(api.client.get("/api/trace/x", params={"depth": 99}), 400, "QueryError")


def test_upload_good_and_bad_and_delete(api: Api, tmp_path: Path) -> None:
    good = ("renstra.csv", RENSTRA.encode(), "text/csv")
    report = api.client.post("/api/documents", files={"files": good}, headers=api.write).json()
    assert report["documents"][0]["id"] == "renstra-kota-uji-dinas-kesehatan-2025-2029"
    before = snapshot(api.store)
    bad = (
        "../../etc/renja.csv",
        (RENJA_HEAD + COLUMNS + "programme,1,,X,,\n").encode(),
        "text/csv",
    )
    body = assert_error(
        api.client.post(
            "/api/documents", files=[("files", good), ("files", bad)], headers=api.write
        ),
        422,
        "LoadError",
    )
    assert body["error"]["problems"][0] == {
        "file": "renja.csv",
        "sheet": "elemen",
        "row": 7,
        "column": "jenis_elemen",
        "severity": "error",
        "message": body["error"]["problems"][0]["message"],
    }
    assert snapshot(api.store) == before
    gone = api.client.delete(
        "/api/documents/renstra-kota-uji-dinas-kesehatan-2025-2029", headers=api.write
    )
    assert gone.json() == {"ok": True, "deleted": "renstra-kota-uji-dinas-kesehatan-2025-2029"}
    assert len(api.client.get("/api/documents").json()) == 3


def test_limits(api: Api) -> None:
    before = snapshot(api.store)
    big = ("big.csv", b"x" * 300_000, "text/csv")
    assert_error(
        api.client.post("/api/documents", files={"files": big}, headers=api.write), 413, "TooLarge"
    )
    wide = RENJA_HEAD + COLUMNS + GOOD_ROWS + ("," * 3000 + "\n") * 3
    cells = ("wide.csv", wide.encode(), "text/csv")
    assert_error(
        api.client.post("/api/documents", files={"files": cells}, headers=api.write),
        413,
        "TooLarge",
    )
    pdf = ("laporan.pdf", b"%PDF", "application/pdf")
    assert_error(
        api.client.post("/api/documents", files={"files": pdf}, headers=api.write),
        422,
        "InputError",
    )
    assert snapshot(api.store) == before


def test_tokens_guard_every_write(api: Api) -> None:
    before = snapshot(api.store)
    upload = {"files": ("renstra.csv", RENSTRA.encode(), "text/csv")}
    doc = "/api/documents/rpjmd-kota-mini-2025-2029"
    assert_error(api.client.post("/api/documents", files=upload), 401, "AccessDenied")
    assert_error(
        api.client.delete(doc, headers={"Authorization": "Bearer salah"}), 401, "AccessDenied"
    )
    assert_error(api.client.delete(doc, headers=api.read), 403, "Forbidden")
    api.book.revoke("uji-tulis")
    assert_error(
        api.client.post("/api/documents", files=upload, headers=api.write), 401, "AccessDenied"
    )
    assert snapshot(api.store) == before


def test_reading_can_require_a_token(tmp_path: Path) -> None:
    settings = Settings(tokens=tmp_path / "t.json", read_needs_token=True)
    secret = TokenBook(settings.tokens).create("dashboard", "read")
    with TestClient(create_app(str(tmp_path / "s.db"), settings)) as client:
        assert_error(client.get("/api/queries"), 401, "AccessDenied")
        ok = client.get("/api/queries", headers={"Authorization": f"Bearer {secret}"})
        assert ok.status_code == 200


def test_cypher(api: Api) -> None:
    ask = api.client.post(
        "/api/cypher",
        json={
            "query": "MATCH (e:Element {kind: $kind}) RETURN e.id AS id ORDER BY id",
            "params": {"kind": "visi"},
        },
    )
    if api.store.kind == "embedded":
        assert_error(ask, 501, "Unsupported")
        return
    assert ask.json() == {
        "columns": ["id"],
        "rows": [{"id": "rpjmd-kota-mini-2025-2029:visi:V"}],
        "truncated": False,
    }
    for hostile in [
        "MATCH (e) DETACH DELETE e",
        "CREATE (:X)",
        "LOAD CSV FROM 'file:///x' AS r RETURN r",
        "CALL dbms.security.listUsers()",
        "MATCH (e) SET e.x = 1",
    ]:
        assert_error(api.client.post("/api/cypher", json={"query": hostile}), 400, "QueryError")
    assert api.store.stats()["elements"] == 12


def html_table(rows: list[list[str]]) -> bytes:
    """A page with one table, as e-planning apps save them (a title above the table)."""
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (
        "<html><head><meta charset='utf-8'><title>Renja</title></head><body>"
        f"<table border=1>{cells}</table></body></html>"
    ).encode()


HTML_RENJA = [
    ["jenis", "RENJA"],
    ["pemda", "Kota Uji"],
    ["tahun", "2026"],
    ["opd", "Dinas Kesehatan"],
    [],
    ["jenis_elemen", "kode", "nama", "pagu_2026"],
    ["program", "1.02.02", "Program Pemenuhan Upaya Kesehatan &amp; Gizi", ""],
    ["kegiatan", "1.02.02.2.01", "Penyediaan Fasilitas Pelayanan Kesehatan", ""],
    ["sub_kegiatan", "1,02.02.2.01.02", "Pembangunan Puskesmas", "1.500.000.000"],
]


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_upload_of_an_html_table(api: Api, suffix: str) -> None:
    page = (f"renja_dinkes{suffix}", html_table(HTML_RENJA), "text/html")
    response = api.client.post("/api/documents", files={"files": page}, headers=api.write)
    assert response.status_code == 200, response.json()
    (doc,) = response.json()["documents"]
    assert doc["file"] == f"renja_dinkes{suffix}" and doc["profile"] == "selaras"
    assert doc["elements"] == {"kegiatan": 1, "program": 1, "sub_kegiatan": 1}
    sub = api.client.get(f"/api/elements/{doc['id']}:sub_kegiatan:1.02.02.2.01.0002").json()
    assert sub["pagu_2026"] == 1_500_000_000 and sub["src_file"] == f"renja_dinkes{suffix}"
    program = api.client.get(f"/api/elements/{doc['id']}:program:1.02.02").json()
    assert program["nama"] == "Program Pemenuhan Upaya Kesehatan & Gizi"


def test_http_layer_errors_have_the_one_shape(api: Api) -> None:
    """Unknown routes, methods not allowed, unreadable bodies, bodies over the limit."""
    assert_error(api.client.get("/api/rahasia"), 404, "NotFound")
    assert_error(api.client.put("/api/health"), 405, "MethodNotAllowed")
    broken = api.client.post(
        "/api/documents",
        content=b"--x\r\nbukan multipart",
        headers={**api.write, "Content-Type": "multipart/form-data; boundary=y"},
    )
    assert_error(broken, 400, "QueryError")
    huge = api.client.post("/api/cypher", content=b"{" + b" " * 2_000_000 + b"}")
    assert_error(huge, 413, "TooLarge")
    # a line break in a file name ends the part header: the name is read as '"renja.csv'
    forged = (
        b'--y\r\nContent-Disposition: form-data; name="files"; filename="renja.csv\r\n'
        b'X-Disisipkan: 1"\r\n\r\n' + RENSTRA.encode() + b"\r\n--y--\r\n"
    )
    multipart = {**api.write, "Content-Type": "multipart/form-data; boundary=y"}
    before = snapshot(api.store)
    answer = api.client.post("/api/documents", content=forged, headers=multipart)
    assert "tanda kutip" in assert_error(answer, 422, "InputError")["error"]["message"]
    assert snapshot(api.store) == before


def test_unresolved_references(api: Api) -> None:
    assert api.client.get("/api/documents/unresolved").json() == []  # the demo links whole
    doc = Document("renstra-kota-mini-bappeda-2025-2029", "RENSTRA", "Kota Mini", 2025, 2029,
                   "Bappeda", src_file="renstra_bappeda.xlsx")  # fmt: skip
    sasaran = Element(f"{doc.id}:sasaran:SP1", "sasaran", doc.id,
                      {"nama": "Meningkatnya mutu perencanaan", "pemda": "Kota Mini"})  # fmt: skip
    refs = [Reference(sasaran.id, "RPJMD", "S7", 9),
            Reference(sasaran.id, "RPJMD", "nama:Meningkatnya mutu perencanaan", 9)]  # fmt: skip
    api.store.replace_documents([Records(doc, [sasaran], references=refs)])
    rows = api.client.get("/api/documents/unresolved").json()
    assert [(r["id"], r["rujukan"], r["src_file"], r["src_row"]) for r in rows] == [
        (sasaran.id, "RPJMD:S7", "renstra_bappeda.xlsx", 9),
        (sasaran.id, "RPJMD:nama:Meningkatnya mutu perencanaan", "renstra_bappeda.xlsx", 9),
    ]
    assert rows[0]["terdekat"] == "" and rows[1]["terdekat"].startswith(S1.rsplit(":", 2)[0])
    other = Document("renstra-kota-lain-bappeda-2025-2029", "RENSTRA", "Kota Lain", 2025, 2029,
                     "Bappeda", src_file="lain.xlsx")  # fmt: skip
    theirs = Element(
        f"{other.id}:sasaran:SP1", "sasaran", other.id, {"nama": "X", "pemda": "Kota Lain"}
    )
    api.store.replace_documents(
        [Records(other, [theirs], references=[Reference(theirs.id, "RPJMD", "S1", 3)])]
    )
    assert len(api.client.get("/api/documents/unresolved").json()) == 3
    assert api.client.get("/api/documents/unresolved?pemda=KOTA MINI").json() == rows
    [lain] = api.client.get("/api/documents/unresolved?pemda=kota lain").json()
    assert (lain["id"], lain["rujukan"]) == (theirs.id, "RPJMD:S1")  # Kota Mini's S1 is not its
    missing = api.client.get("/api/documents/unresolved?pemda=Kota Entah")
    assert "Kota Lain, Kota Mini" in assert_error(missing, 404, "NotFound")["error"]["message"]
