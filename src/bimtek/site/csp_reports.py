"""What a browser reports when the Content-Security-Policy refuses something, read into what may be logged.

Chromium and Firefox post a refusal to the policy's `report-uri` as `application/csp-report`
(`{"csp-report": {...}}`); the Reporting API sends `application/reports+json`, a list of
`{"type": "csp-violation", "body": {...}}`. Both are read here into `Refusal`s, which hold no address of a
page (a page's path can hold a participant's token or code, and another site's path anything): the page is
named by its view, what was refused by its kind or origin. A report is anyone's to send, so what cannot be
read is refused with a code naming the field, and nothing in it reaches the log but those names.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_BYTES = 16_384  # a real report is well under 2 KB
MAX_REFUSALS = 20  # a Reporting API batch holds a few
KEYWORDS = {
    "inline",
    "eval",
    "wasm-eval",
    "data",
    "blob",
    "self",
    "trusted-types-policy",
    "trusted-types-sink",
}
FIELDS = {  # (report-uri name, Reporting API name)
    "page": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective"),
    "violated": ("violated-directive", "violatedDirective"),
    "blocked": ("blocked-uri", "blockedURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
}
DIRECTIVE_CHARS = set("abcdefghijklmnopqrstuvwxyz-")


class ReportError(ValueError):
    def __init__(self, code: str, field: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.field, self.detail = code, field, detail


@dataclass(frozen=True)
class Refusal:
    directive: str  # script-src-elem, style-src-attr, ...
    blocked: str  # inline, eval, data, or the origin of what was refused
    page: str  # the view of the page it happened on, or "elsewhere"
    source: str  # the file (of this site) or origin where the refused code was, "" when not told
    line: int | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_reports(body: bytes, content_type: str, *, own: str, view_of: Callable[[str], str]) -> list[Refusal]:
    """The refusals in a report body. `own` is this site's host name (behind a proxy the port a browser
    saw may differ from the app's); `view_of` names the view of one of its paths ("" when none). Raises
    ReportError for anything that is not a report."""
    if len(body) > MAX_BYTES:
        raise ReportError("too_large", "body", f"a report holds at most {MAX_BYTES} bytes")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReportError("not_json", "body", f"not JSON: {error}") from None
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/reports+json":
        if not isinstance(data, list) or not data:
            raise ReportError("not_a_report", "body", "a list of reports is expected")
        if len(data) > MAX_REFUSALS:
            raise ReportError("too_many", "body", f"at most {MAX_REFUSALS} reports at once")
        out = []
        for i, report in enumerate(data):
            if not isinstance(report, dict) or report.get("type") != "csp-violation":
                continue  # another kind of report (deprecation, intervention): not ours to log
            out.append(_refusal(report.get("body"), 1, f"[{i}].body", own, view_of))
        return out
    if kind in {"application/csp-report", "application/json"}:
        if not isinstance(data, dict):
            raise ReportError("not_a_report", "body", 'an object with "csp-report" is expected')
        return [_refusal(data.get("csp-report"), 0, "csp-report", own, view_of)]
    raise ReportError("wrong_type", "content-type", "application/csp-report or application/reports+json")


def _refusal(report: object, style: int, where: str, own: str, view_of: Callable[[str], str]) -> Refusal:
    if not isinstance(report, dict):
        raise ReportError("not_a_report", where, "an object is expected")

    def text(name: str) -> str:
        value = report.get(FIELDS[name][style], "")
        if not isinstance(value, str):
            raise ReportError("not_text", f"{where}.{FIELDS[name][style]}", "text is expected")
        return value.strip()

    directive = (text("directive") or text("violated")).split(" ")[0].lower()
    if not directive or not set(directive) <= DIRECTIVE_CHARS or len(directive) > 40:
        raise ReportError("no_directive", f"{where}.{FIELDS['directive'][style]}", "the refused directive")
    line = report.get(FIELDS["line"][style])
    return Refusal(
        directive=directive,
        blocked=_what(text("blocked"), own),
        page=_page(text("page"), own, view_of),
        source=_source(text("source"), own),
        line=line if isinstance(line, int) and not isinstance(line, bool) and 0 <= line < 10**7 else None,
    )


def _origin(address: str) -> str:
    parts = urlsplit(address)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


def _what(blocked: str, own: str) -> str:
    word = blocked.lower()
    if word in KEYWORDS:
        return word
    if ":" in word and word.split(":", 1)[0] in KEYWORDS:  # data:..., blob:...
        return word.split(":", 1)[0]
    origin = _origin(blocked)
    if not origin:
        return "other"
    return "self" if urlsplit(blocked).hostname == own else origin


def _page(address: str, own: str, view_of: Callable[[str], str]) -> str:
    if not _origin(address) or urlsplit(address).hostname != own:
        return "elsewhere"
    return view_of(urlsplit(address).path) or "unknown"


def _source(address: str, own: str) -> str:
    if not address:
        return ""
    origin = _origin(address)
    if origin and urlsplit(address).hostname == own:
        path = urlsplit(address).path
        return path if path.startswith("/static/") else "self"  # a page's own path is not logged
    return origin or _what(address, own)
