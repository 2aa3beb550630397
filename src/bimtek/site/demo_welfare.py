"""The demo's welfare columns: health statements, BPJS Ketenagakerjaan, party statements, education.

Drawn from their own random stream (seeded beside the workforce's), so adding them does not change the
demo's people, names or vacancies. Most KPPS are enrolled in BPJS, a few KPPS are over 55 on voting day,
a few people have no health statement or an old one, a few readings are high: enough for the person
page and the readiness pages to show each finding of `workforce.core.welfare`.
"""

import datetime as dt
import random

WELFARE_HEADERS = [
    "Tanggal Surat Sehat",
    "Tekanan Darah",
    "Gula Darah",
    "Kolesterol",
    "BPJS",
    "No BPJS",
    "Pembayar BPJS",
    "Pernyataan Bukan Anggota Partai",
    "Pendidikan",
    "Periode",
]
KPPS_OVER_55_RATE = 0.03
HEALTH_MISSING_RATE = 0.05
HEALTH_OLD_RATE = 0.03
BPJS_RATE = {"KPPS": 0.8, "Linmas": 0.7}  # PPK and PPS: 0.9
EDUCATION = [("SMA", 55), ("D3", 8), ("S1", 28), ("S2", 3), ("SMP", 6)]


def kpps_birth(rng: random.Random, voting_day: dt.date, birth: dt.date) -> dt.date:
    """A KPPS's birth date, now and then moved to make them 56-62 on voting day."""
    if rng.random() >= KPPS_OVER_55_RATE:
        return birth
    return voting_day - dt.timedelta(days=rng.randint(56 * 365 + 20, 62 * 365))


def welfare_cells(rng: random.Random, body: str, voting_day: dt.date) -> list[str]:
    return [*_health(rng, voting_day), *_bpjs(rng, body), *_statement(rng, voting_day)]


def _health(rng: random.Random, voting_day: dt.date) -> list[str]:
    draw = rng.random()
    if draw < HEALTH_MISSING_RATE:
        return ["", "", "", ""]
    days = rng.randint(200, 400) if draw < HEALTH_MISSING_RATE + HEALTH_OLD_RATE else rng.randint(10, 90)
    high = rng.random() < 0.08
    systolic = rng.randint(140, 165) if high else rng.randint(105, 135)
    diastolic = rng.randint(90, 100) if high else rng.randint(65, 85)
    sugar = rng.randint(200, 260) if rng.random() < 0.03 else rng.randint(80, 150)
    cholesterol = rng.randint(240, 280) if rng.random() < 0.06 else rng.randint(150, 230)
    return [
        (voting_day - dt.timedelta(days=days)).strftime("%d-%m-%Y"),
        f"{systolic}/{diastolic}",
        str(sugar),
        str(cholesterol),
    ]


def _bpjs(rng: random.Random, body: str) -> list[str]:
    if rng.random() >= BPJS_RATE.get(body, 0.9):
        return ["Tidak", "", ""]
    payer = rng.choices(["APBD", "Sendiri", "KPU"], weights=[60, 30, 10])[0]
    return ["Ya", f"{rng.randint(10**10, 10**11 - 1)}", payer]


def _statement(rng: random.Random, voting_day: dt.date) -> list[str]:
    signed = (
        (voting_day - dt.timedelta(days=rng.randint(40, 70))).strftime("%d-%m-%Y")
        if rng.random() < 0.95
        else ""
    )
    education = rng.choices([e for e, _ in EDUCATION], weights=[w for _, w in EDUCATION])[0]
    return [signed, education, str(rng.choice([0, 0, 1, 1, 2]))]
