"""Message wording: defaults, placeholders and rendering with Django's template engine, restricted.

Operators edit the wording, so it is untrusted text: it renders against plain dicts of strings (no model,
no attribute to reach through), with autoescape off (plain text for e-mail, SMS and WhatsApp) and only
text, placeholders and `{% if %}`; anything else, and any placeholder we do not know, is refused by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.template import Context, Engine, Template, TemplateSyntaxError
from django.template.base import TextNode, VariableNode
from django.template.defaulttags import IfNode

PLACEHOLDERS = {
    "nama": "nama peserta",
    "jabatan": "badan dan jabatan (mis. KPPS Ketua · TPS 001)",
    "acara": "nama kegiatan (ToT PPK/PPS atau Bimtek KPPS)",
    "pemilihan": "nama pemilihan",
    "tanggal": "tanggal sesi",
    "jam": "jam mulai sesi",
    "tempat": "nama tempat",
    "alamat": "alamat tempat",
    "bawaan": "yang perlu dibawa",
}
SAMPLE = {
    "nama": "Siti Aminah",
    "jabatan": "KPPS Ketua · TPS 001",
    "acara": "Bimtek KPPS",
    "pemilihan": "Pemilu 2024",
    "tanggal": "Jumat, 26 Januari 2024",
    "jam": "08.00",
    "tempat": "Balai Kecamatan Gantung",
    "alamat": "Jl. Raya Gantung No. 1",
    "bawaan": "KTP-el dan alat tulis",
}
DEFAULT_BRING = "KTP-el, alat tulis dan surat undangan ini"
DEFAULT_SLOT_TIMES = "08.00, 13.00, 15.30"
DEFAULTS = {
    "undangan": (
        "Undangan {{ acara }} {{ tanggal }}",
        "Yth. {{ nama }} ({{ jabatan }}),\n"
        "dengan hormat kami mengundang Saudara/i mengikuti {{ acara }} {{ pemilihan }} pada "
        "{{ tanggal }} pukul {{ jam }} di {{ tempat }}{% if alamat %}, {{ alamat }}{% endif %}.\n"
        "Mohon membawa {{ bawaan }}.\nTerima kasih.",
    ),
    "pengingat": (
        "Pengingat {{ acara }} {{ tanggal }}",
        "Yth. {{ nama }}, mengingatkan {{ acara }} {{ tanggal }} pukul {{ jam }} di {{ tempat }}"
        "{% if alamat %}, {{ alamat }}{% endif %}. Mohon membawa {{ bawaan }}. Terima kasih.",
    ),
}
_INVALID = "\x00?%s\x00"
_INVALID_RE = re.compile("\x00\\?(.*?)\x00")
_ALLOWED_NODES = (TextNode, VariableNode, IfNode)
# No loaders and no libraries: {% include %} and {% load %} have nothing to reach.
ENGINE = Engine(loaders=[], libraries={}, autoescape=False, string_if_invalid=_INVALID)


class TemplateProblem(Exception):
    """The wording cannot be used; `message` names the placeholder or the syntax error."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Wording:
    subject: str
    body: str


def compile_text(field: str, text: str) -> Template:
    try:
        template = ENGINE.from_string(text)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(field, f"{field}: tulisan templat salah ({exc})") from None
    for node in template.nodelist.get_nodes_by_type(object):  # every node, nested ones too
        if not isinstance(node, _ALLOWED_NODES):
            raise TemplateProblem(field, f"{field}: hanya {{{{ isian }}}} dan {{% if %}} yang boleh dipakai")
    stray = [n.s for n in template.nodelist.get_nodes_by_type(TextNode) if "{{" in n.s or "{%" in n.s]
    if stray:
        raise TemplateProblem(field, f"{field}: kurung kurawal tidak lengkap dekat '{stray[0].strip()[:30]}'")
    unknown = _unknown_names(template)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise TemplateProblem(field, f"{field}: isian tidak dikenal: {names}")
    return template


def _unknown_names(template: Template) -> set[str]:
    names = set()
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        var = node.filter_expression.var
        lookups = getattr(var, "lookups", None)
        if lookups is None:  # a literal such as {{ "teks" }}
            continue
        if len(lookups) != 1 or lookups[0] not in PLACEHOLDERS:
            names.add(".".join(lookups))
    return names


def render(text: Template, values: dict[str, str]) -> str:
    out = text.render(Context({k: values.get(k, "") for k in PLACEHOLDERS}, autoescape=False))
    # A value missing at send time shows as nothing rather than as the marker.
    return _INVALID_RE.sub("", out).strip()


def check(subject: str, body: str) -> Wording:
    """Compile and render with sample values; raise TemplateProblem naming what is wrong."""
    if not subject.strip() or not body.strip():
        raise TemplateProblem("subject" if not subject.strip() else "body", "Subjek dan isi wajib diisi")
    subject_t, body_t = compile_text("Subjek", subject), compile_text("Isi", body)
    return Wording(render(subject_t, SAMPLE), render(body_t, SAMPLE))


def slot_time(slot_times: str, slot: int) -> str:
    """'08.00' for slot 1 of '08.00, 13.00'; 'sesi 3' when the list is shorter."""
    times = [t.strip() for t in (slot_times or DEFAULT_SLOT_TIMES).split(",") if t.strip()]
    return times[slot - 1] if 0 < slot <= len(times) else f"sesi {slot}"


_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def long_date(day: date) -> str:
    """'Jumat, 26 Januari 2024': the message is Indonesian whatever the operator's interface language."""
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year}"


def long_dates(first: date, last: date) -> str:
    """'Kamis, 25 Januari 2024 s.d. Jumat, 26 Januari 2024' for a session of several days; one day as long_date."""
    return long_date(first) if last <= first else f"{long_date(first)} s.d. {long_date(last)}"
