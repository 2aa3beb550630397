"""The honorarium/transport list as a pure computation: who is paid, how much, and the total in words.

Input is typed data built by `selectors.attendees` (one `Attendee` per person, election and tier, with the
parts, sessions and days attended in the chosen range); no Django here. Only people who meet the delivery
completion rule (`delivery.certificates.completed`, attendance only: the post-test does not decide pay)
get a line. Transport is paid per day attended, honorarium per session attended.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from num2words import num2words

from bimtek.delivery.certificates import completed

# Rupiah per body when neither KPU RI nor the region has set a rate (`Rate` rows override these).
DEFAULT_RATES: dict[str, tuple[int, int]] = {
    "ppk": (150_000, 0),
    "pps": (150_000, 0),
    "kpps": (100_000, 0),
    "linmas": (100_000, 0),
}


@dataclass(frozen=True)
class RateRow:
    transport_per_day: int
    honorarium_per_session: int


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    nik_masked: str
    body: str  # ppk, pps, kpps, linmas
    position: str  # "Ketua KPPS", "Anggota 3 KPPS"
    unit: str  # "TPS 001 Lenggang" or the desa/kecamatan
    required: tuple[str, ...]
    parts: frozenset[str]
    sessions: frozenset[int]
    days: frozenset[str]  # ISO dates


@dataclass(frozen=True)
class Line:
    attendee: Attendee
    days: int
    sessions: int
    transport_rate: int
    honorarium_rate: int

    @property
    def transport(self) -> int:
        return self.days * self.transport_rate

    @property
    def honorarium(self) -> int:
        return self.sessions * self.honorarium_rate

    @property
    def total(self) -> int:
        return self.transport + self.honorarium


def rupiah_words(amount: int) -> str:
    """1200000 -> 'satu juta dua ratus ribu rupiah', as written under a payment list."""
    return f"{num2words(amount, lang='id')} rupiah"


def rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def lines_of(attendees: Iterable[Attendee], rates: Mapping[str, RateRow]) -> list[Line]:
    """One line per attendee who attended every required part, paid at the rate of their body.

    An attendee is a person in one election and tier, so someone trained for two elections in the same
    range gets two lines, each at its own rate, rather than one line mixing rates.
    """
    out = []
    for a in attendees:
        if completed(required=a.required, attended=a.parts, post_test_passed=True, require_post_test=False):
            continue
        rate = rates.get(a.body, RateRow(*DEFAULT_RATES.get(a.body, (0, 0))))
        out.append(Line(a, len(a.days), len(a.sessions), rate.transport_per_day, rate.honorarium_per_session))
    return sorted(out, key=lambda line: (line.attendee.unit, line.attendee.name, line.attendee.person_id))


@dataclass(frozen=True)
class Totals:
    people: int
    transport: int
    honorarium: int
    total: int

    @property
    def words(self) -> str:
        return rupiah_words(self.total)


def totals_of(lines: Iterable[Line]) -> Totals:
    rows = list(lines)
    transport = sum(line.transport for line in rows)
    honorarium = sum(line.honorarium for line in rows)
    return Totals(len(rows), transport, honorarium, transport + honorarium)
