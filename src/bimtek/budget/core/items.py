"""The cost items of a training budget (RAB), their default unit costs and default expenditure accounts.

The amounts are placeholders: training costs follow the yearly Standar Biaya Masukan (SBM), and the KPU's finance
staff set them per region; the page says so. The accounts (akun belanja) are the Bagan Akun Standar's as KPU
finance staff commonly use them for a bimtek (Kepdirjen Perbendaharaan on the BAS, in the lineage of
PMK 102/2018 on the classification of the budget): editable defaults too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Item(StrEnum):
    VENUE = "sewa_tempat"
    CONSUMPTION = "konsumsi"
    TRANSPORT = "transport"
    SPEAKER = "honor_narasumber"
    FACILITATOR = "honor_fasilitator"
    MATERIALS = "bahan"
    PARTICIPANT_HONOR = "honor_peserta"  # actual only: the honorarium column of the attendance pay list


LABELS: dict[Item, str] = {
    Item.VENUE: "Sewa tempat",
    Item.CONSUMPTION: "Konsumsi peserta",
    Item.TRANSPORT: "Transport peserta",
    Item.SPEAKER: "Honor narasumber",
    Item.FACILITATOR: "Honor fasilitator",
    Item.MATERIALS: "Penggandaan dan bahan",
    Item.PARTICIPANT_HONOR: "Honor peserta (daftar hadir)",
}

UNITS: dict[Item, str] = {
    Item.VENUE: "hari tempat",
    Item.CONSUMPTION: "orang × bagian hari",
    Item.TRANSPORT: "orang × hari",
    Item.SPEAKER: "narasumber × sesi",
    Item.FACILITATOR: "fasilitator × sesi",
    Item.MATERIALS: "orang",
    Item.PARTICIPANT_HONOR: "orang × sesi",
}

AKUN_NAMES: dict[str, str] = {
    "521211": "Belanja Bahan",
    "521213": "Honor Output Kegiatan",
    "522141": "Belanja Sewa",
    "524113": "Belanja Perjalanan Dinas Dalam Kota",
}

AKUN_SOURCE = (
    "Bagan Akun Standar (Kepdirjen Perbendaharaan, turunan PMK 102/2018), seperti dipakai keuangan KPU"
)
AMOUNT_SOURCE = "Contoh bawaan Bimtek, bukan SBM: KPU mengisi sesuai Standar Biaya Masukan tahun berjalan"


@dataclass(frozen=True)
class UnitCost:
    amount: int  # rupiah per unit
    akun: str  # six digits of the Bagan Akun Standar
    source: str  # where the amount and the akun come from, in words


DEFAULTS: dict[Item, UnitCost] = {
    Item.VENUE: UnitCost(1_500_000, "522141", AMOUNT_SOURCE),
    Item.CONSUMPTION: UnitCost(40_000, "521211", AMOUNT_SOURCE),
    Item.TRANSPORT: UnitCost(150_000, "524113", AMOUNT_SOURCE),
    Item.SPEAKER: UnitCost(900_000, "521213", AMOUNT_SOURCE),
    Item.FACILITATOR: UnitCost(300_000, "521213", AMOUNT_SOURCE),
    Item.MATERIALS: UnitCost(25_000, "521211", AMOUNT_SOURCE),
    Item.PARTICIPANT_HONOR: UnitCost(0, "521213", AMOUNT_SOURCE),
}

# Amounts above these are typing errors, not budgets (a kabupaten's whole training is a few miliar).
MAX_UNIT_COST = 100_000_000
MAX_ACTUAL = 10_000_000_000
