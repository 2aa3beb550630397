"""Instances of true size built from the real data: the ToT of a kabupaten and the KPPS bimtek of a kecamatan.

Venue sizes for the bimtek are assumptions (no public list of halls exists): one village hall per desa with
30-60 seats, derived from the code so runs repeat, and one kecamatan hall.
"""

from __future__ import annotations

from datetime import date, timedelta

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
        facilitator_area=facilitator_area,  # type: ignore[arg-type]
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
