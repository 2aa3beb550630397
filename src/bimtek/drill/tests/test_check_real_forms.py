"""A PPS checks real forms: one typed on the page, a kecamatan's XLSX batch, or Sirekap's JSON."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from bimtek.accounts.models import User
from bimtek.conftest import LENGGANG, SELINSING
from bimtek.drill.core.form import boxes
from bimtek.drill.exports import RESULT_HEADERS
from bimtek.drill.tests.forms import tps_004_sukamaju
from bimtek.elections.models import Election
from bimtek.workforce.tests.factories import xlsx_bytes

pytestmark = pytest.mark.django_db

CLEAN = boxes(tps_004_sukamaju())
PATHS = list(CLEAN)
# The published record of domain.md: valid 220 + invalid 1 written as 211, the pairs summing to 210.
PUBLISHED = {**dict.fromkeys(PATHS), "IV.1": 100, "IV.2": 60, "IV.3": 50, "V.A": 220, "V.B": 1, "V.C": 211}


@pytest.fixture
def client(pps_lenggang: User) -> Client:
    client = Client()
    client.force_login(pps_lenggang)
    return client


def codes_in(page: str) -> set[str]:
    return {
        code
        for code in ("valid_sum", "votes_sum", "sum_lp", "ballots_balance")
        if f'data-code="{code}"' in page
    }


def upload(client: Client, election: Election, name: str, content: bytes, **extra: str) -> object:
    url = reverse("drill:check_file", args=[election.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, content), **extra})


def test_it_checks_a_form_typed_on_the_page(client: Client, pemilu: Election) -> None:
    url = reverse("drill:check", args=[pemilu.slug])
    assert client.get(url).status_code == 200
    data = {p: "" if v is None else str(v) for p, v in PUBLISHED.items()}
    page = client.post(url, {**data, "region_code": LENGGANG, "tps": "4"}).content.decode()
    assert codes_in(page) == {"valid_sum", "votes_sum"}
    assert "Jumlah suara sah (V.A) tertulis 220" in page and f"{LENGGANG} TPS 004" in page
    clean = client.post(url, {p: str(v) for p, v in CLEAN.items()}).content.decode()
    assert codes_in(clean) == set() and 'id="with-errors">0<' in clean


def test_a_typed_form_for_another_desa_is_refused(client: Client, pemilu: Election) -> None:
    url = reverse("drill:check", args=[pemilu.slug])
    assert client.post(url, {"region_code": SELINSING, "tps": "1", "V.A": "1"}).status_code == 404


def kecamatan_xlsx() -> bytes:
    headers = ["Kode Desa", "TPS", *PATHS]
    rows: list[list[object]] = [
        [LENGGANG, 1, *CLEAN.values()],  # row 2: clean
        [LENGGANG, 2, *PUBLISHED.values()],  # row 3: valid_sum, votes_sum
        [LENGGANG, 3, *{**CLEAN, "V.A": "seratus"}.values()],  # row 4: words in a number box
        [SELINSING, 1, *CLEAN.values()],  # row 5: the neighbouring desa
        [LENGGANG, 5, *{**CLEAN, "II.1": "@SUM(A1:A3)"}.values()],  # row 6: a formula typed as text
        [LENGGANG, 6, *{**CLEAN, "I.A.l": 101.0, "I.A.p": 109}.values()],  # row 7: Excel's float, fine
    ]
    return xlsx_bytes(rows, headers)


def test_it_checks_a_kecamatan_batch_and_reports_bad_rows(client: Client, pemilu: Election) -> None:
    page = upload(client, pemilu, "kecamatan.xlsx", kecamatan_xlsx()).content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    rejected = [(row, code) for row, code in _rejected(page)]
    assert rejected == [(4, "not_a_number"), (5, "region_out_of_scope"), (6, "formula")]
    assert "Isian harus bilangan bulat 0-999, bukan &#x27;seratus&#x27;" in page
    checked = _checked_rows(page)
    assert checked == {2: set(), 3: {"valid_sum", "votes_sum"}, 7: set()}


def _rejected(page: str) -> list[tuple[int, str]]:
    table = page.split('id="rejected"')[1].split("</table>")[0]
    result = []
    for tr in table.split("<tr>")[2:]:
        cells = [c.split("</td>")[0] for c in tr.split("<td")[1:]]
        result.append((int(cells[0].split(">")[-1]), cells[2].split('data-code="')[1].split('"')[0]))
    return result


def _checked_rows(page: str) -> dict[int, set[str]]:
    result = {}
    for block in page.split('class="tps-result" data-row="')[1:]:
        row = int(block.split('"')[0])
        article = block.split("</article>")[0]
        result[row] = {c.split('"')[0] for c in article.split('data-code="')[1:]}
    return result


def test_the_export_holds_one_row_per_checked_tps(client: Client, pemilu: Election) -> None:
    response = upload(client, pemilu, "kecamatan.xlsx", kecamatan_xlsx(), export="xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")  # type: ignore[index]  # the test client's response, typed loosely
    workbook = load_workbook(io.BytesIO(response.content))  # type: ignore[attr-defined]  # the test client's response, typed loosely by the helper
    results = list(workbook["Hasil per TPS"].iter_rows(values_only=True))
    assert list(results[0]) == RESULT_HEADERS
    assert [(r[0], r[2], r[3], r[4]) for r in results[1:]] == [
        (2, LENGGANG, 1, "OK"),
        (3, LENGGANG, 2, "KESALAHAN"),
        (7, LENGGANG, 6, "OK"),
    ]
    assert results[2][7] == "valid_sum, votes_sum"
    violations = list(workbook["Pelanggaran"].iter_rows(values_only=True))[1:]
    assert [(v[0], v[3]) for v in violations] == [(3, "valid_sum"), (3, "votes_sum")]
    assert "tidak sama dengan" in str(violations[1][5]) or "perbaiki" in str(violations[1][5])
    rejected = list(workbook["Baris ditolak"].iter_rows(values_only=True))[1:]
    assert [r[0] for r in rejected] == [4, 5, 6]


def sirekap(valid: int, invalid: int, total: int, pairs: tuple[int, int, int]) -> dict[str, object]:
    return {
        "administrasi": {"suara_sah": valid, "suara_tidak_sah": invalid, "suara_total": total},
        "chart": {"100025": pairs[0], "100026": pairs[1], "100027": pairs[2], "null": None},
    }


def test_it_checks_sirekap_json_one_or_many(client: Client, pemilu: Election) -> None:
    one = json.dumps(sirekap(220, 1, 211, (100, 60, 50))).encode()
    page = upload(client, pemilu, "tps.json", one).content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert _checked_rows(page) == {1: {"valid_sum", "votes_sum"}}
    many = json.dumps([sirekap(210, 1, 211, (100, 60, 50)), sirekap(220, 1, 211, (100, 60, 50))]).encode()
    page = upload(client, pemilu, "tps.json", many).content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert _checked_rows(page) == {1: set(), 2: {"valid_sum", "votes_sum"}}


def test_a_malformed_json_names_the_field(client: Client, pemilu: Election) -> None:
    bad = json.dumps([sirekap(210, 1, 211, (100, 60, 50)), {"administrasi": {"suara_sah": "dua"}}]).encode()
    page = upload(client, pemilu, "tps.json", bad).content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert _rejected(page) == [(2, "form_data")]
    assert "administrasi.suara_sah" in page


def test_a_sheet_without_form_columns_is_refused_whole(client: Client, pemilu: Election) -> None:
    page = upload(client, pemilu, "x.xlsx", xlsx_bytes([["a", "b"]], ["Nama", "Alamat"])).content.decode()  # type: ignore[attr-defined]  # Playwright and live_server fixtures are typed object here
    assert "header_missing" in page and _checked_rows(page) == {}
