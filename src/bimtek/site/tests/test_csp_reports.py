"""Browsers report what the Content-Security-Policy refused; the site logs it without any page's address."""

import json
import logging

import pytest
from django.test import Client

from bimtek.site.csp_reports import MAX_BYTES, ReportError, read_reports

OWN = "https://bimtek.example"
VIEWS = {"/presensi/sesi/12/hadir/": "delivery:checkin", "/saya/tes/AB12-CD34/": "participants:take"}


def read(body: object, kind: str = "application/csp-report") -> list[dict[str, object]]:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    found = read_reports(raw, kind, own="bimtek.example", view_of=lambda path: VIEWS.get(path, ""))
    return [r.as_dict() for r in found]


def test_a_report_uri_report_names_the_view_and_what_was_refused_never_the_address() -> None:
    (refusal,) = read(
        {
            "csp-report": {
                "document-uri": f"{OWN}/saya/tes/AB12-CD34/?nik=3578010101900001",
                "effective-directive": "script-src-elem",
                "violated-directive": "script-src-elem",
                "blocked-uri": "https://evil.example/steal.js?who=3578010101900001",
                "source-file": f"{OWN}/static/pwa/field.abc123.js",
                "line-number": 41,
            }
        }
    )
    assert refusal == {
        "directive": "script-src-elem",
        "blocked": "https://evil.example",
        "page": "participants:take",
        "source": "/static/pwa/field.abc123.js",
        "line": 41,
    }
    assert "3578010101900001" not in json.dumps(refusal) and "AB12" not in json.dumps(refusal)


def test_a_reporting_api_batch_keeps_only_its_csp_reports() -> None:
    refusals = read(
        [
            {"type": "deprecation", "body": {"id": "x"}},
            {
                "type": "csp-violation",
                "url": f"{OWN}/presensi/sesi/12/hadir/",
                "body": {
                    "documentURL": f"{OWN}/presensi/sesi/12/hadir/",
                    "effectiveDirective": "style-src-attr",
                    "blockedURL": "inline",
                    "sourceFile": f"{OWN}/presensi/sesi/12/hadir/",
                    "lineNumber": 7,
                },
            },
        ],
        "application/reports+json",
    )
    assert refusals == [
        {
            "directive": "style-src-attr",
            "blocked": "inline",
            "page": "delivery:checkin",
            "source": "self",
            "line": 7,
        }
    ]


@pytest.mark.parametrize(
    ("blocked", "page", "expected"),
    [
        ("eval", f"{OWN}/x/", ("eval", "unknown")),
        ("data:image/svg+xml;base64,PHN2Zz4=", "https://elsewhere.example/a", ("data", "elsewhere")),
        ("", "", ("other", "elsewhere")),
        (f"{OWN}:8443/static/app.css", f"{OWN}:8443/presensi/sesi/12/hadir/", ("self", "delivery:checkin")),
        (
            "https://bimtek.example.evil.test/x.js",
            "https://bimtek.example.evil.test/a",
            ("https://bimtek.example.evil.test", "elsewhere"),
        ),
        (f"{OWN}/static/app.css", f"{OWN}/presensi/sesi/12/hadir/", ("self", "delivery:checkin")),
    ],
)
def test_what_was_refused_is_a_kind_or_an_origin(blocked: str, page: str, expected: tuple[str, str]) -> None:
    (refusal,) = read(
        {"csp-report": {"document-uri": page, "violated-directive": "img-src 'self'", "blocked-uri": blocked}}
    )
    assert (refusal["blocked"], refusal["page"]) == expected
    assert refusal["directive"] == "img-src"


@pytest.mark.parametrize(
    ("body", "kind", "code", "field"),
    [
        (b"\xff\xfe not json", "application/csp-report", "not_json", "body"),
        (b"{nope", "application/csp-report", "not_json", "body"),
        ([1, 2], "application/csp-report", "not_a_report", "body"),
        ({"csp-report": "text"}, "application/csp-report", "not_a_report", "csp-report"),
        ({"csp-report": {"blocked-uri": "inline"}}, "application/csp-report", "no_directive", "csp-report.effective-directive"),
        ({"csp-report": {"effective-directive": "script-src; drop"}}, "application/csp-report", "no_directive", "csp-report.effective-directive"),
        ({"csp-report": {"effective-directive": "img-src", "blocked-uri": 5}}, "application/csp-report", "not_text", "csp-report.blocked-uri"),
        ({}, "application/reports+json", "not_a_report", "body"),
        ([{"type": "csp-violation", "body": None}], "application/reports+json", "not_a_report", "[0].body"),
        ([{"type": "csp-violation"}] * 21, "application/reports+json", "too_many", "body"),
        ({"csp-report": {}}, "text/plain", "wrong_type", "content-type"),
        (b" " * (MAX_BYTES + 1), "application/csp-report", "too_large", "body"),
    ],
)  # fmt: skip
def test_what_is_not_a_report_is_refused_with_a_code_naming_the_field(
    body: object, kind: str, code: str, field: str
) -> None:
    with pytest.raises(ReportError) as refused:
        read(body, kind)
    assert (refused.value.code, refused.value.field) == (code, field)


REPORT = {
    "csp-report": {
        "document-uri": "http://testserver/akun/masuk/?next=/saya/",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
    }
}


@pytest.mark.django_db
def test_the_site_logs_a_refusal_a_browser_posts(caplog: pytest.LogCaptureFixture) -> None:
    client = Client(enforce_csrf_checks=True)  # no session, no token: as a browser sends it
    with caplog.at_level(logging.WARNING, logger="bimtek.csp"):
        response = client.post("/csp-laporan/", json.dumps(REPORT), content_type="application/csp-report")
    assert response.status_code == 204
    (record,) = [r for r in caplog.records if r.name == "bimtek.csp"]
    assert record.getMessage() == (
        "csp refused directive=script-src-elem blocked=inline page=accounts:login source=- line=-"
    )
    assert "/saya/" not in record.getMessage()


@pytest.mark.django_db
def test_the_site_refuses_what_is_not_a_report_without_logging_it(caplog: pytest.LogCaptureFixture) -> None:
    client = Client()
    with caplog.at_level(logging.WARNING, logger="bimtek.csp"):
        bad = client.post("/csp-laporan/", "3578010101900001", content_type="application/csp-report")
        large = client.post("/csp-laporan/", " " * (MAX_BYTES + 1), content_type="application/csp-report")
        read_only = client.get("/csp-laporan/")
    assert bad.status_code == 400 and bad.json()["code"] == "not_a_report"
    assert large.status_code == 413 and large.json() == {
        "code": "too_large",
        "field": "body",
        "detail": f"a report holds at most {MAX_BYTES} bytes",
    }
    assert read_only.status_code == 405
    assert not [r for r in caplog.records if r.name == "bimtek.csp"]


@pytest.mark.django_db
def test_one_address_past_its_quota_gets_429_and_is_not_logged(
    settings: object, caplog: pytest.LogCaptureFixture
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.CSP_REPORTS_PER_MINUTE = 3  # type: ignore[attr-defined]  # pytest-django's settings fixture takes any setting
    body = json.dumps(REPORT)
    with caplog.at_level(logging.WARNING, logger="bimtek.csp"):
        codes = [
            Client(REMOTE_ADDR="10.0.0.7")
            .post("/csp-laporan/", body, content_type="application/csp-report")
            .status_code
            for _ in range(5)
        ]
        other = Client(REMOTE_ADDR="10.0.0.8").post(
            "/csp-laporan/", body, content_type="application/csp-report"
        )
    assert codes == [204, 204, 204, 429, 429]
    assert other.status_code == 204
    assert len([r for r in caplog.records if r.name == "bimtek.csp"]) == 4


def test_the_policy_sends_its_reports_to_the_site() -> None:
    from django.conf import settings
    from django.urls import resolve

    (address,) = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["report-uri"]
    assert resolve(address).view_name == "site:csp_report"
