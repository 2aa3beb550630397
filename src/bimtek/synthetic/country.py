"""The synthetic country, as numpy arrays: which units, their TPS, and one row per filled seat.

Pure: no Django, no database. `build_country` takes the units (kecamatan, desa, TPS counts) and a
seed and returns every TPS and every appointed person, vectorised, so 7.7 million people take
seconds. Same inputs and seed → the same arrays, bit for bit.

Each part draws from its own child of `numpy.random.SeedSequence(seed)`, so adding a later part
(attendance, test attempts) never changes the rows of an earlier one.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

# Bodies as small integers in the arrays; BODY_NAMES gives the database value.
PPK, PPS, KPPS, LINMAS = 0, 1, 2, 3
BODY_NAMES = ("ppk", "pps", "kpps", "linmas")
SPECIAL_TPS_START = 901

# Ages on voting day (years, inclusive low, exclusive high). Members must be at least 17
# (PKPU 8/2022); KPPS preferably at most 55. PPK/PPS are usually older than KPPS.
AGE_RANGE = {PPK: (25, 60), PPS: (21, 60), KPPS: (17, 55), LINMAS: (20, 58)}
# Share of women per body: an assumption (KPU publishes no national split); Linmas is mostly men.
WOMEN_SHARE = {PPK: 0.35, PPS: 0.40, KPPS: 0.45, LINMAS: 0.05}
# Appointment start, days before voting day: Pemilu 2024 PPK sworn in 4 Jan 2023, PPS 24 Jan 2023,
# KPPS (and Linmas) 25 Jan 2024.
START_DAYS_BEFORE = {PPK: 406, PPS: 386, KPPS: 20, LINMAS: 20}
PHONE_PREFIXES = (811, 812, 813, 821, 822, 823, 852, 853, 857, 858, 877, 878, 895, 896, 838, 881)
PHONE_BLANK_SHARE = 0.05
EMPLOYERS = (
    "Guru SD Negeri",
    "Guru Honorer",
    "Wiraswasta",
    "Petani",
    "Pedagang",
    "Perangkat Desa",
    "Mahasiswa",
    "Karyawan Swasta",
    "Ibu Rumah Tangga",
    "Bidan Desa",
)
EMPLOYER_BLANK_SHARE = 0.5
SINGLE_NAME_SHARE = 0.2  # many Indonesians have one name only


@dataclass(frozen=True)
class Norms:
    ppk_per_kecamatan: int = 5
    pps_per_desa: int = 3
    kpps_per_tps: int = 7
    linmas_per_tps: int = 2
    max_voters_per_tps: int = 300


@dataclass(frozen=True)
class Units:
    """The units to staff. Codes are dotted Kemendagri codes, sorted."""

    kecamatan: list[str]
    desa: list[str]
    desa_kecamatan: npt.NDArray[np.int32]  # index into `kecamatan` for each desa
    tps_regular: npt.NDArray[np.int32]  # per desa: TPS 001..N
    tps_special: npt.NDArray[np.int32]  # per desa: TPS 901..


@dataclass
class TpsRows:
    desa: npt.NDArray[np.int32]  # index into Units.desa
    number: npt.NDArray[np.int16]
    voters: npt.NDArray[np.int16]

    def __len__(self) -> int:
        return len(self.desa)


@dataclass
class PeopleRows:
    """One row per filled seat: the person and their appointment (nobody holds two seats)."""

    body: npt.NDArray[np.int8]
    unit: npt.NDArray[np.int32]  # index into `unit_codes`: the kecamatan (PPK) or the desa (others)
    tps: npt.NDArray[np.int32]  # index into TpsRows, -1 for PPK and PPS
    seat: npt.NDArray[np.int8]
    kecamatan: npt.NDArray[np.int32]  # index into Units.kecamatan, for the NIK
    female: npt.NDArray[np.bool_]
    birth: npt.NDArray[np.datetime64]  # datetime64[D]
    nik: npt.NDArray[np.int64]
    first_name: npt.NDArray[np.int32]  # index into the sex's first-name list
    last_name: npt.NDArray[np.int32]  # index into the sex's last-name list, -1 for a single name
    phone: npt.NDArray[np.int64]  # digits after +62, 0 for none
    employer: npt.NDArray[np.int8]  # index into EMPLOYERS, -1 for none
    unit_codes: list[str] = field(default_factory=list)
    vacant: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.body)


@dataclass(frozen=True)
class NameLists:
    first_male: list[str]
    last_male: list[str]
    first_female: list[str]
    last_female: list[str]


def seed_streams(seed: int, count: int = 8) -> list[np.random.Generator]:
    """Independent generators, one per part: [0] TPS, [1] people, [2...] the later parts' hooks."""
    return [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(count)]


def build_tps(units: Units, norms: Norms, rng: np.random.Generator) -> TpsRows:
    """TPS 001..regular and 901.. per desa, with a generated DPT (no per-TPS voter counts are public).

    Regular TPS: normal around 255 voters, capped at the election's maximum (Pemilu: 300), so the
    national DPT comes near the real 204.8 million for 820,161 TPS. Special-location TPS (prisons,
    hospitals, boarding schools) are uniform from 20 to the maximum.
    """
    per_desa = units.tps_regular + units.tps_special
    desa = np.repeat(np.arange(len(units.desa), dtype=np.int32), per_desa)
    first_of_desa = np.repeat(np.cumsum(per_desa) - per_desa, per_desa)
    position = np.arange(len(desa)) - first_of_desa  # 0-based within the desa
    regular = np.repeat(units.tps_regular, per_desa)
    number = np.where(position < regular, position + 1, SPECIAL_TPS_START + position - regular)
    cap = norms.max_voters_per_tps
    voters_regular = np.clip(np.rint(rng.normal(0.835 * cap, 0.12 * cap, len(desa))), 60, cap)
    voters_special = rng.integers(20, cap + 1, len(desa))
    voters = np.where(position < regular, voters_regular, voters_special)
    return TpsRows(desa=desa, number=number.astype(np.int16), voters=voters.astype(np.int16))


def _seats(count: int, per_unit: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int8]]:
    """(unit index, seat number) for `per_unit` seats in each of `count` units."""
    unit = np.repeat(np.arange(count), per_unit)
    seat = np.tile(np.arange(1, per_unit + 1, dtype=np.int8), count)
    return unit, seat


def build_people(
    units: Units,
    tps: TpsRows,
    norms: Norms,
    names: NameLists,
    rng: np.random.Generator,
    *,
    voting_day: dt.date,
    vacancy_rate: float,
    taken_serials: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None,
) -> PeopleRows:
    """Every seat of every unit, less a seeded share of vacancies; the rows sorted by region code.

    `taken_serials` is (NIK first 12 digits, highest serial) of people already in the database, so
    a synthetic NIK never collides with a stored one.
    """
    # Unit codes: kecamatan and desa together, sorted, so a kecamatan sorts just before its desa.
    unit_codes = sorted([*units.kecamatan, *units.desa])
    position = {code: i for i, code in enumerate(unit_codes)}
    kec_unit = np.array([position[c] for c in units.kecamatan], dtype=np.int32)
    desa_unit = np.array([position[c] for c in units.desa], dtype=np.int32)

    parts: list[tuple[npt.NDArray[Any], ...]] = []
    for body_code, count, per_unit in (
        (PPK, len(units.kecamatan), norms.ppk_per_kecamatan),
        (PPS, len(units.desa), norms.pps_per_desa),
        (KPPS, len(tps), norms.kpps_per_tps),
        (LINMAS, len(tps), norms.linmas_per_tps),
    ):
        index, seat_of_unit = _seats(count, per_unit)
        unit_of: npt.NDArray[Any]
        kec_of: npt.NDArray[Any]
        tps_of: npt.NDArray[Any]
        if body_code == PPK:
            unit_of, kec_of, tps_of = kec_unit[index], index, np.full(len(index), -1)
        elif body_code == PPS:
            unit_of, kec_of, tps_of = desa_unit[index], units.desa_kecamatan[index], np.full(len(index), -1)
        else:
            desa = tps.desa[index]
            unit_of, kec_of, tps_of = desa_unit[desa], units.desa_kecamatan[desa], index
        parts.append((np.full(len(index), body_code, dtype=np.int8), unit_of, tps_of, seat_of_unit, kec_of))
    body, unit, tps_index, seat, kec = (np.concatenate(columns) for columns in zip(*parts, strict=True))

    # Vacancies: any seat but a ketua (seat 1 of PPK, PPS, KPPS; Linmas has no ketua).
    vacant = (rng.random(len(body)) < vacancy_rate) & ~((seat == 1) & (body != LINMAS))
    vacant_counts = {BODY_NAMES[b]: int(np.count_nonzero(vacant & (body == b))) for b in range(4)}
    keep = ~vacant
    body, unit, tps_index, seat, kec = body[keep], unit[keep], tps_index[keep], seat[keep], kec[keep]
    tps_number = np.where(tps_index >= 0, tps.number[np.maximum(tps_index, 0)], 0)
    order = np.lexsort((seat, tps_number, body, unit))  # last key first: region, body, TPS, seat
    body, unit, tps_index, seat, kec = body[order], unit[order], tps_index[order], seat[order], kec[order]

    n = len(body)
    female = rng.random(n) < np.select([body == b for b in range(4)], [WOMEN_SHARE[b] for b in range(4)])
    low = np.select([body == b for b in range(4)], [AGE_RANGE[b][0] for b in range(4)])
    high = np.select([body == b for b in range(4)], [AGE_RANGE[b][1] for b in range(4)])
    # 366 days a year at the young end, so the youngest is 17 on voting day even across leap years.
    age_days = rng.integers(low * 366, high * 365)
    birth = np.datetime64(voting_day, "D") - age_days.astype("timedelta64[D]")

    first_name = np.where(
        female, rng.integers(0, len(names.first_female), n), rng.integers(0, len(names.first_male), n)
    ).astype(np.int32)
    last_name = np.where(
        female, rng.integers(0, len(names.last_female), n), rng.integers(0, len(names.last_male), n)
    ).astype(np.int32)
    last_name[rng.random(n) < SINGLE_NAME_SHARE] = -1
    phone = np.array(PHONE_PREFIXES, dtype=np.int64)[rng.integers(0, len(PHONE_PREFIXES), n)]
    phone = phone * 10**8 + rng.integers(0, 10**8, n)
    phone[rng.random(n) < PHONE_BLANK_SHARE] = 0
    employer = rng.integers(0, len(EMPLOYERS), n).astype(np.int8)
    employer[rng.random(n) < EMPLOYER_BLANK_SHARE] = -1

    kecamatan_digits = np.array([int(c.replace(".", "")) for c in units.kecamatan], dtype=np.int64)
    nik = make_niks(kecamatan_digits[kec], birth, female, taken_serials)
    return PeopleRows(
        body=body,
        unit=unit,
        tps=tps_index.astype(np.int32),
        seat=seat,
        kecamatan=kec.astype(np.int32),
        female=female,
        birth=birth,
        nik=nik,
        first_name=first_name,
        last_name=last_name,
        phone=phone,
        employer=employer,
        unit_codes=unit_codes,
        vacant=vacant_counts,
    )


def nik_prefixes(
    kecamatan_digits: npt.NDArray[np.int64], birth: npt.NDArray[np.datetime64], female: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """The first 12 NIK digits as a number: kecamatan (6), day (+40 for women), month, 2-digit year."""
    months = birth.astype("datetime64[M]")
    day = (birth - months).astype(np.int64) + 1 + np.where(female, 40, 0)
    month = months.astype(np.int64) % 12 + 1
    year = (birth.astype("datetime64[Y]").astype(np.int64) + 1970) % 100
    return np.asarray(kecamatan_digits * 10**6 + day * 10**4 + month * 100 + year, dtype=np.int64)


def make_niks(
    kecamatan_digits: npt.NDArray[np.int64],
    birth: npt.NDArray[np.datetime64],
    female: npt.NDArray[np.bool_],
    taken_serials: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None = None,
) -> npt.NDArray[np.int64]:
    """Unique 16-digit NIKs: the serial counts people of the same kecamatan, birth date and sex.

    Real serials run per kecamatan and birth date too, and a per-kecamatan counter could not work:
    the largest kecamatan (31.75.06) has 1,591 TPS, over 14,000 people, beyond the 4-digit serial.
    """
    prefix = nik_prefixes(kecamatan_digits, birth, female)
    order = np.argsort(prefix, kind="stable")
    ordered = prefix[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(ordered)]))
    serial = np.empty(len(prefix), dtype=np.int64)
    serial[order] = np.arange(len(ordered)) - group_start + 1
    if taken_serials is not None and len(taken_serials[0]):
        taken_prefix, taken_max = taken_serials  # taken_prefix sorted
        at = np.clip(np.searchsorted(taken_prefix, prefix), 0, len(taken_prefix) - 1)
        serial += np.where(taken_prefix[at] == prefix, taken_max[at], 0)
    if len(serial) and serial.max() > 9999:
        raise ValueError("NIK serial above 9999 for one kecamatan, birth date and sex")
    return prefix * 10**4 + serial


# Who operates Sirekap at each TPS: KPPS 4 (as in the demo); when that seat is vacant, the first seated of
# KPPS 5, 6, 7, 3, 2. The ketua leads the count and is never the operator.
SIREKAP_PREFERENCE = (4, 5, 6, 7, 3, 2)


def sirekap_operators(people: PeopleRows) -> npt.NDArray[np.bool_]:
    """One operator per TPS among its seated KPPS, by `SIREKAP_PREFERENCE`."""
    rank = np.full(len(people), 99, dtype=np.int64)
    for place, seat in enumerate(SIREKAP_PREFERENCE):
        rank[(people.body == KPPS) & (people.seat == seat)] = place
    candidates = np.flatnonzero(rank < 99)
    order = candidates[np.lexsort((rank[candidates], people.tps[candidates]))]
    tps = people.tps[order]
    first = order[np.r_[True, tps[1:] != tps[:-1]]] if len(order) else order
    operator = np.zeros(len(people), dtype=bool)
    operator[first] = True
    return operator


SAMPLE_SEED = 20240214  # the kabupaten sample depends on the scale only, so benchmarks compare across seeds


def in_regions(code: str, regions: list[str]) -> bool:
    return not regions or any(code == r or code.startswith(f"{r}.") for r in regions)


def choose_kabupaten(
    kabupaten: list[str], tps: dict[str, int], *, regions: list[str], scale: float
) -> list[str]:
    """The kabupaten/kota to build: those inside `regions` (all when empty), then a sample by `scale`.

    The sample walks the kabupaten in a fixed shuffled order and stops once it holds `scale` of their
    TPS, so `--scale 0.05` builds about 5% of the people, in whole kabupaten whose every kecamatan,
    desa and TPS is staffed to the norms. At least one kabupaten is always built.
    """
    candidates = [k for k in kabupaten if in_regions(k, regions)]
    if scale >= 1 or not candidates:
        return candidates
    target = scale * sum(tps.get(k, 0) for k in candidates)
    chosen, held = [], 0
    for i in np.random.default_rng(SAMPLE_SEED).permutation(len(candidates)):
        chosen.append(candidates[i])
        held += tps.get(candidates[i], 0)
        if held >= target:
            break
    return sorted(chosen)
