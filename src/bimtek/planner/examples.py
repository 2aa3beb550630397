"""Instances of true size built from the real data: the ToT of a kabupaten and the KPPS bimtek of a kecamatan.

Venue sizes for the bimtek are assumptions (no public list of halls exists), derived from the code so runs repeat.
`bimtek_instance` keeps the first assumption (a 30-60 seat hall per desa, a 150-seat kecamatan hall);
`pemilu2024_bimtek` is the one the benchmark uses, closer to how KPU ran it in January 2024:

- every desa has one balai desa holding 2-3 TPS crews (7 KPPS, plus 2 Linmas each if included) per session,
  2 sessions a day; a desa with more TPS than that takes in the window (urban kelurahan: 6,304 of 83,762 desa,
  288,000 TPS) trains in a larger hall instead (a gedung serbaguna, the kelurahan's aula) seating its crews in
  those 8 sessions, so its own 3 PPS can still staff both sessions of each day;
- every kecamatan has its hall of about 100 seats, 2 sessions a day;
- the window runs from the pelantikan (25 January 2024) to D-17 (28 January, voting on 14 February);
- facilitators are the kecamatan's 5 PPK and each desa's 3 PPS, 2 per session, at most 2 sessions a day, each
  crew meeting one from its own desa (or the PPK); crews train in their own desa or at the kecamatan hall.

The `tight` variant ends the bimtek at D-19 (26 January) and has no larger halls: many kecamatan cannot fit
everyone, which shows the explanation at national scale.
"""

from __future__ import annotations

from datetime import date, timedelta
from math import ceil

from .core.schema import Facilitator, Group, Instance, Rules, Venue, Window
from .realdata import districts_in, villages_in

PPK_SIZE, PPS_SIZE, KPPS_SIZE, LINMAS_PER_TPS = 5, 3, 7, 2


def days(start: date, count: int) -> tuple[date, ...]:
    return tuple(start + timedelta(days=i) for i in range(count))


def tot_groups(regency: str) -> list[Group]:
    """A kabupaten's PPK (5 per kecamatan) and PPS (3 per desa), each body one group."""
    ppk = [Group(f"ppk-{code}", code, PPK_SIZE) for code in districts_in(regency)]
    pps = [Group(f"pps-{v.code}", v.code, PPS_SIZE) for v in villages_in(regency)]
    return ppk + pps


def tot_instance(
    regency: str, *, start: date, day_count: int, capacity: int = 300, sessions_per_day: int = 1
) -> Instance:
    window = days(start, day_count)
    venue = Venue(f"aula-{regency}", regency, capacity, sessions_per_day, window)
    return Instance(Window(window[0], window[-1]), (venue,), tuple(tot_groups(regency)))


def crew_groups(district: str, *, linmas: bool = False) -> list[Group]:
    size = KPPS_SIZE + (LINMAS_PER_TPS if linmas else 0)
    return [
        Group(f"kpps-{v.code}-{n:03d}", v.code, size)
        for v in villages_in(district)
        for n in range(1, v.tps + 1)
    ]


def village_hall_capacity(code: str) -> int:
    return 30 + (sum(map(int, code.replace(".", ""))) * 7) % 31


def bimtek_venues(district: str, window: tuple[date, ...], *, hall_capacity: int = 150) -> list[Venue]:
    halls = [
        Venue(f"balai-{v.code}", v.code, village_hall_capacity(v.code), 2, window)
        for v in villages_in(district)
    ]
    return [Venue(f"aula-{district}", district, hall_capacity, 2, window), *halls]


def bimtek_facilitators(district: str, available_from: date | None = None) -> list[Facilitator]:
    """The PPK of the kecamatan and the PPS of each desa, who facilitate after their ToT."""
    ppk = [Facilitator(f"ppk-{district}-{i}", district, available_from) for i in range(1, PPK_SIZE + 1)]
    pps = [
        Facilitator(f"pps-{v.code}-{i}", v.code, available_from)
        for v in villages_in(district)
        for i in range(1, PPS_SIZE + 1)
    ]
    return ppk + pps


def bimtek_instance(
    district: str,
    *,
    start: date,
    day_count: int,
    linmas: bool = False,
    facilitators_per_session: int = 2,
    facilitator_area: str = "desa",
) -> Instance:
    window = days(start, day_count)
    rules = Rules(
        facilitators_per_session=facilitators_per_session,
        facilitator_area=facilitator_area,  # type: ignore[arg-type]  # a str option; Rules has a Literal
        facilitator_max_sessions_per_day=2,
        locality="desa",
    )
    return Instance(
        Window(window[0], window[-1]),
        tuple(bimtek_venues(district, window)),
        tuple(crew_groups(district, linmas=linmas)),
        tuple(bimtek_facilitators(district)),
        rules,
    )


PELANTIKAN, VOTING_DAY = date(2024, 1, 25), date(2024, 2, 14)
KECAMATAN_HALL_SEATS, BIMTEK_DAYS, SESSIONS_PER_DAY = 100, 4, 2


def balai_crews(code: str) -> int:
    """How many crews a desa's balai seats at once: 2 or 3 (two in three desa take 3), fixed by the code."""
    return 2 if sum(map(int, code.replace(".", ""))) % 3 == 0 else 3


def pemilu2024_venues(district: str, crew_size: int, *, tight: bool = False) -> list[Venue]:
    window = days(PELANTIKAN, BIMTEK_DAYS)
    slots = len(window) * SESSIONS_PER_DAY
    venues = [Venue(f"aula-{district}", district, KECAMATAN_HALL_SEATS, SESSIONS_PER_DAY, window)]
    for village in villages_in(district):
        crews_at_once = balai_crews(village.code)
        if not tight:  # a desa with more TPS than its balai takes in the window trains in a larger hall
            crews_at_once = max(crews_at_once, ceil(village.tps / slots))
        venues.append(Venue(f"balai-{village.code}", village.code, crews_at_once * crew_size, 2, window))
    return venues


def pemilu2024_bimtek(district: str, *, tight: bool = False, linmas: bool = False) -> Instance:
    """The KPPS bimtek of one kecamatan as run for Pemilu 2024 (see the module notes for the assumptions)."""
    crew_size = KPPS_SIZE + (LINMAS_PER_TPS if linmas else 0)
    window = days(PELANTIKAN, BIMTEK_DAYS)
    rules = Rules(
        facilitators_per_session=2,
        facilitator_area="desa",
        facilitator_max_sessions_per_day=2,
        not_before=PELANTIKAN,
        voting_day=VOTING_DAY,
        min_days_before_voting=19 if tight else 17,
        locality="desa",
    )
    return Instance(
        Window(window[0], window[-1]),
        tuple(pemilu2024_venues(district, crew_size, tight=tight)),
        tuple(crew_groups(district, linmas=linmas)),
        tuple(bimtek_facilitators(district)),
        rules,
    )
