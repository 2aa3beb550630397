"""The parts every printed letter shares: the letterhead, the common placeholders and a compiled template.

Used by the batches of `build.py` and `bpjs.py`, and by the speakers' invitations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bimtek.documents import placeholders
from bimtek.documents.models import DocumentTemplate
from bimtek.documents.pdfs import Letterhead
from bimtek.elections.models import Election
from bimtek.regions.models import Region
from bimtek.workforce.models import Appointment


def region_of(code: str) -> Region | None:
    return Region.objects.filter(code=code).first() if code else None


def letterhead(template: DocumentTemplate, region_code: str) -> Letterhead:
    """The template's letterhead; blanks filled from the region's KPU kabupaten (a PPK prints as its KPU)."""
    kab = (
        region_of(".".join(region_code.split(".")[:2]))
        if region_code.count(".") >= 1
        else region_of(region_code)
    )
    kpu = f"Komisi Pemilihan Umum {kab.display_name}" if kab else "Komisi Pemilihan Umum Republik Indonesia"
    city = kab.name if kab else "Jakarta"
    return Letterhead(
        kpu=template.kpu_name or kpu,
        address=template.address,
        city=template.city or city,
        signatory=template.signatory_name or "(nama)",
        position=template.signatory_position or "Ketua",
    )


def common(
    head: Letterhead, region: Region | None, election: Election | None, day: dt.date
) -> dict[str, str]:
    return {
        "kpu": head.kpu,
        "kota": head.city,
        "tanggal_surat": placeholders.tanggal_id(day),
        "penandatangan": head.signatory,
        "jabatan_penandatangan": head.position,
        "pemilihan": election.name if election else "",
        "wilayah": region.display_name if region else "Indonesia",
    }


class Texts:
    """A template compiled once per batch: title, body paragraphs and the letter number."""

    def __init__(self, template: DocumentTemplate, day: dt.date) -> None:
        self.title = placeholders.renderer(template.title, escape=False)
        self.body = placeholders.renderer(template.body)
        self.number = placeholders.renderer(template.number_pattern, escape=False)
        self.day = day

    def number_of(self, n: int) -> str:
        return self.number(
            {"urut": n, "tahun": self.day.year, "bulan_romawi": placeholders.bulan_romawi(self.day)}
        )

    def paragraphs(self, context: Mapping[str, Any]) -> list[str]:
        return [p.strip() for p in self.body(context).split("\n\n") if p.strip()]


def unit_label(a: Appointment) -> str:
    return f"TPS {a.tps.label} {a.region.display_name}" if a.tps else a.region.display_name
