"""Placeholders in editable templates: Django's template engine over plain dicts, checked when saved.

A template may hold text and `{{ placeholder }}` (with filters such as `|upper`), nothing else: a tag such
as `{% include %}` or `{% load %}` could read files or run code, so it is refused like an unknown name.
Checking happens on save, so a letter batch never fails, or prints a blank, halfway through a kabupaten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, Node, TextNode, Variable, VariableNode
from django.utils.translation import gettext as _

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# No loaders: a template string can reach no file, whatever it says.
ENGINE = Engine(autoescape=True, loaders=[])

COMMON = {
    "kpu": "nama KPU penerbit",
    "kota": "kota tempat surat dibuat",
    "tanggal_surat": "tanggal surat, mis. 22 Januari 2024",
    "penandatangan": "nama penandatangan",
    "jabatan_penandatangan": "jabatan penandatangan",
    "pemilihan": "nama pemilihan, mis. Pemilu 2024",
    "wilayah": "nama wilayah",
    "nomor": "nomor surat (dari pola nomor)",
}
PLACEHOLDERS: dict[str, dict[str, str]] = {
    "izin": {
        **COMMON,
        "nama": "nama petugas",
        "jabatan": "jabatan petugas, mis. Anggota 3 KPPS TPS 001",
        "desa": "desa/kelurahan tempat bertugas",
        "instansi": "pemberi kerja (instansi/perusahaan)",
        "kegiatan": "kegiatan, mis. bimbingan teknis KPPS",
        "tanggal_mulai": "hari pertama",
        "tanggal_selesai": "hari terakhir",
    },
    "lampiran_sk": {**COMMON, "badan": "PPK, PPS, KPPS atau Linmas", "jumlah": "jumlah orang"},
    "berita_acara": {
        **COMMON,
        "badan": "PPK, PPS, KPPS atau Linmas",
        "jumlah": "jumlah orang yang dilantik",
        "hari": "hari pelantikan, mis. Kamis",
        "tanggal": "tanggal pelantikan",
        "tempat": "tempat pelantikan",
    },
    "honorarium": {
        **COMMON,
        "tanggal_mulai": "awal rentang tanggal",
        "tanggal_selesai": "akhir rentang tanggal",
        "jumlah": "jumlah penerima",
    },
    "undangan_narasumber": {
        **COMMON,
        "nama": "nama narasumber",
        "instansi": "instansi narasumber",
        "modul": "materi yang dibawakan, mis. Tahapan pemungutan suara",
        "kegiatan": "kegiatan, mis. ToT PPK/PPS",
        "tanggal": "hari dan tanggal sesi",
        "waktu": "jam sesi, mis. 08.00–17.00",
        "tempat": "tempat sesi",
    },
    "bpjs_surat": {
        **COMMON,
        "jumlah": "jumlah petugas yang didaftarkan",
        "tanggal_mulai": "awal masa tugas",
        "tanggal_selesai": "akhir masa tugas",
    },
    "bpjs_belum": {**COMMON, "badan": "PPK, PPS, KPPS atau Linmas", "jumlah": "jumlah orang"},
}
NUMBER_PLACEHOLDERS = {
    "urut": "nomor urut dalam satu cetakan",
    "tahun": "tahun",
    "bulan_romawi": "bulan (I-XII)",
}


def tanggal_id(day: dt.date) -> str:
    """22 Januari 2024: the way dates are written in Indonesian letters, whatever the server's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def hari_id(day: dt.date) -> str:
    return DAYS[day.weekday()]


def bulan_romawi(day: dt.date) -> str:
    return ROMAN[day.month - 1]


def _names_in(expression: FilterExpression) -> Iterable[str]:
    if isinstance(expression.var, Variable) and expression.var.lookups:
        yield expression.var.lookups[0]
    for _func, args in expression.filters:
        for lookup, arg in args:
            if lookup and isinstance(arg, Variable) and arg.lookups:
                yield arg.lookups[0]


def _problem_of(node: Node, allowed: Mapping[str, str]) -> str:
    if isinstance(node, TextNode):
        return ""
    if isinstance(node, VariableNode):
        for name in _names_in(node.filter_expression):
            if name not in allowed:
                return _("penanda tidak dikenal: {{ %(name)s }}") % {"name": name}
        return ""
    tag = getattr(getattr(node, "token", None), "contents", "").split(" ")[0]
    return _("perintah {%% %(tag)s %%} tidak diizinkan, hanya penanda {{ ... }}") % {"tag": tag}


def check(text: str, allowed: Mapping[str, str]) -> str:
    """'' when the text is a valid template using only `allowed` names; else what is wrong, naming it."""
    try:
        template = ENGINE.from_string(text)
    except TemplateSyntaxError as exc:
        return _("penulisan penanda salah: %(error)s") % {"error": exc}
    for node in template.nodelist:
        problem = _problem_of(node, allowed)
        if problem:
            return problem
    return ""


def renderer(text: str, *, escape: bool = True) -> Callable[[Mapping[str, Any]], str]:
    """Compile a checked template once for a whole batch. `escape` keeps &, < and > safe for reportlab's
    paragraph markup; a spreadsheet cell wants the plain text."""
    template = ENGINE.from_string(text)
    return lambda context: template.render(Context(dict(context), autoescape=escape))


def render(text: str, context: Mapping[str, Any], *, escape: bool = True) -> str:
    return renderer(text, escape=escape)(context)
