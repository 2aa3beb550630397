"""The budget for the demo: KPU Belitung Timur's unit costs for its ToT and bimtek, and a few costs its finance
staff entered (the ToT hall's invoice, the caterer's receipts, the bimtek's printing), all through the budget's
own services. The amounts are invented, in the range of a kabupaten's Standar Biaya Masukan; the page says the
defaults are placeholders.
"""

from __future__ import annotations

from bimtek.budget.services import actual_cost_record, unit_cost_set
from bimtek.elections.models import Election

ACTOR = "demo"
BELTIM = "19.06"
SOURCE = "Demo: SBM 2024 Kabupaten Belitung Timur (angka rekaan)"
# item -> (rupiah per unit, akun belanja)
UNIT_COSTS = {
    "sewa_tempat": (2_000_000, "522141"),
    "konsumsi": (45_000, "521211"),
    "transport": (150_000, "524113"),
    "honor_narasumber": (900_000, "521213"),
    "honor_fasilitator": (300_000, "521213"),
    "bahan": (30_000, "521211"),
}
# (kecamatan or kabupaten, tier, item, rupiah, akun, note)
ACTUALS = [
    ("19.06", "tot", "sewa_tempat", 6_000_000, "522141", "Kuitansi sewa aula 19-21 Januari 2024"),
    ("19.06", "tot", "konsumsi", 18_240_000, "521211", "Katering ToT, 3 hari"),
    ("19.06", "tot", "bahan", 4_100_000, "521211", "Penggandaan modul ToT"),
    ("19.06", "tot", "honor_narasumber", 4_500_000, "521213", "Honor 5 narasumber ToT"),
    ("19.06.02", "bimtek", "konsumsi", 7_650_000, "521211", "Katering bimtek KPPS Gantung"),
    ("19.06.01", "bimtek", "bahan", 2_850_000, "521211", "Penggandaan formulir latihan Manggar"),
]


def demo_budget(election: Election) -> int:
    """Set Beltim's unit costs and enter its actuals; the number of actual costs entered."""
    for item, (amount, akun) in UNIT_COSTS.items():
        unit_cost_set(election=election, region_code=BELTIM, item=item, amount=amount, akun=akun, source=SOURCE,
                      actor=ACTOR)  # fmt: skip
    for code, tier, item, amount, akun, note in ACTUALS:
        actual_cost_record(election=election, region_code=code, tier=tier, item=item, amount=amount, akun=akun,
                           note=note, actor=ACTOR)  # fmt: skip
    return len(ACTUALS)
