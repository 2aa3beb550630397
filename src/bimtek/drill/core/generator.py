"""A plausible TPS day from a seed: the story a KPPS reads, and the true form behind it.

The day is simulated first (who came from which list, in which hour, who swapped a damaged ballot, how
the ballots were read), then told. The form is computed from the simulated day, never from the story,
so the story can hide sums (the count read in two rounds, unused ballots left for the trainee to work
out) without the truth drifting from it.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, get_args

from bimtek.drill.core.form import (
    CONTESTS,
    EMPTY_COLUMN,
    LP,
    MAX_VOTERS,
    Ballots,
    CountForm,
    Kind,
    Turnout,
    boxes,
    reserve,
)
from bimtek.drill.core.words import in_words

Level = Literal["easy", "hard"]
LEVELS: tuple[Level, ...] = get_args(Level)
Source = Literal["dpt", "dptb", "dpk"]
_SOURCE_ORDER: tuple[Source, ...] = get_args(Source)

# Each trap is a place where KPPS went wrong in real counts; a hard drill sets at least three.
TRAPS: dict[str, str] = {
    "dpk_last_hour": "pemilih DPK datang pada jam terakhir dan harus dicatat di I.B.3, bukan I.B.1",
    "damaged_swap": "pemilih menukar surat suara yang keliru dicoblos atau rusak (II.3), pemilihnya tetap satu",
    "mis_marked_invalid": "surat suara yang dicoblos pada lebih dari satu kolom termasuk suara tidak sah",
    "disabled_dptb": "pemilih disabilitas dari DPTb tetap dihitung di bagian III",
    "split_count": "perolehan suara dibacakan dalam dua tahap dan harus dijumlahkan",
    "reserve_in_parts": "surat suara diterima disebut sebagai DPT ditambah cadangan",
    "unused_derived": "sisa surat suara tidak disebut dan harus dihitung dari yang diterima",
}

DESA = ("Sukamaju", "Mekarsari", "Tanjung Harapan", "Sidomulyo", "Karya Bakti", "Suka Damai", "Air Mawar")
SLOTS = ("07.00-09.00", "09.00-11.00", "11.00-12.00")
LAST_HOUR = "12.00-13.00"
WHOLE_DAY = "07.00-13.00"
CONTEST_NAMES = {
    "ppwp": "Pemilihan Presiden dan Wakil Presiden (PPWP)",
    "gubernur": "Pemilihan Gubernur dan Wakil Gubernur",
    "bupati": "Pemilihan Bupati dan Wakil Bupati",
    "walikota": "Pemilihan Wali Kota dan Wakil Wali Kota",
}
FORM_NAMES = {"pemilu": "Model C.Hasil-PPWP", "pilkada": "Model C.Hasil-KWK"}


@dataclass(frozen=True)
class Arrival:
    """A group of voters from one list in one time slot; `disabled_*` are among them."""

    slot: str
    source: Source
    male: int
    female: int
    disabled_male: int = 0
    disabled_female: int = 0


@dataclass(frozen=True)
class CountRound:
    """Ballots read aloud in one round of the count."""

    votes: dict[str, int]
    blank_or_torn: int
    double_marked: int


@dataclass(frozen=True)
class TpsDay:
    seed: int
    level: Level
    kind: Kind
    contest: str
    tps: int
    desa: str
    dpt_male: int
    dpt_female: int
    received: int
    arrivals: tuple[Arrival, ...]
    swaps: tuple[str, ...]  # the time of each damaged-ballot swap
    rounds: tuple[CountRound, ...]
    traps: tuple[str, ...]


@dataclass(frozen=True)
class Drill:
    day: TpsDay
    story: tuple[str, ...]
    truth: CountForm


def new_drill(seed: int, level: Level, kind: Kind = "pemilu") -> Drill:
    day = simulate(seed, level, kind)
    return Drill(day=day, story=tell(day), truth=true_form(day))


def simulate(seed: int, level: Level, kind: Kind) -> TpsDay:
    rng = random.Random(seed)
    hard = level == "hard"
    traps = tuple(sorted(rng.sample(sorted(TRAPS), k=rng.randint(3, len(TRAPS))))) if hard else ()
    contest = rng.choice(CONTESTS[kind])
    dpt = rng.randint(*_dpt_range(kind, hard))
    dpt_male = round(dpt * rng.uniform(0.45, 0.55))
    received = dpt + reserve(kind, dpt)
    damaged = rng.randint(1, 3) if "damaged_swap" in traps else 0
    arrivals = _arrivals(rng, dpt_male, dpt - dpt_male, received - damaged, traps)
    voters = sum(a.male + a.female for a in arrivals)
    return TpsDay(
        seed=seed,
        level=level,
        kind=kind,
        contest=contest,
        tps=rng.randint(1, 40),
        desa=rng.choice(DESA),
        dpt_male=dpt_male,
        dpt_female=dpt - dpt_male,
        received=received,
        arrivals=arrivals,
        swaps=tuple(sorted(f"{rng.randint(7, 12):02d}.{rng.randint(0, 59):02d}" for _ in range(damaged))),
        rounds=_count(rng, voters, _pair_keys(rng, kind), traps),
        traps=traps,
    )


def _dpt_range(kind: Kind, hard: bool) -> tuple[int, int]:
    if not hard:
        return 40, 90
    # Leave room under the TPS maximum for the DPTb and DPK voters who come on the day.
    top = MAX_VOTERS[kind] - 15
    return top * 2 // 3, top


def _pair_keys(rng: random.Random, kind: Kind) -> list[str]:
    if kind == "pemilu":
        return ["1", "2", "3"]
    pairs = rng.choice((1, 2, 2, 3, 3, 4))
    return ["1", EMPTY_COLUMN] if pairs == 1 else [str(n) for n in range(1, pairs + 1)]


def _split(rng: random.Random, n: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, n) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, n], strict=True)]


def _turnout(rng: random.Random, registered: int, rate: float) -> int:
    return sum(rng.random() < rate for _ in range(registered))


def _arrivals(
    rng: random.Random, dpt_male: int, dpt_female: int, ballots: int, traps: Sequence[str]
) -> tuple[Arrival, ...]:
    hard = bool(traps)
    rate = rng.uniform(0.65, 0.92) if hard else rng.uniform(0.7, 0.9)
    male, female = _turnout(rng, dpt_male, rate), _turnout(rng, dpt_female, rate)
    slots = SLOTS if hard else (WHOLE_DAY,)
    groups = [
        Arrival(slot, "dpt", m, f)
        for slot, m, f in zip(
            slots, _split(rng, male, len(slots)), _split(rng, female, len(slots)), strict=True
        )
    ]
    left = ballots - male - female
    dptb = min(rng.randint(3, 10) if hard else rng.randint(0, 2), left)
    if dptb:
        dptb_male = rng.randint(0, dptb)
        groups.append(Arrival(rng.choice(slots), "dptb", dptb_male, dptb - dptb_male))
    left -= dptb
    dpk = min(rng.randint(1, 5), left) if "dpk_last_hour" in traps else 0
    if dpk:
        dpk_male = rng.randint(0, dpk)
        groups.append(Arrival(LAST_HOUR, "dpk", dpk_male, dpk - dpk_male))
    return tuple(_with_disabled(rng, groups, hard, "disabled_dptb" in traps))


def _with_disabled(rng: random.Random, groups: list[Arrival], hard: bool, from_dptb: bool) -> list[Arrival]:
    result = []
    for group in groups:
        if group.source == "dptb" and from_dptb and group.male + group.female:
            dm = 1 if group.male else 0
            result.append(_disabled(group, dm, 1 - dm))
        elif group.source == "dpt" and rng.random() < (0.6 if hard else 0.4):
            result.append(
                _disabled(group, rng.randint(0, min(2, group.male)), rng.randint(0, min(2, group.female)))
            )
        else:
            result.append(group)
    return result


def _disabled(group: Arrival, male: int, female: int) -> Arrival:
    return Arrival(group.slot, group.source, group.male, group.female, male, female)


def _count(rng: random.Random, ballots: int, keys: list[str], traps: Sequence[str]) -> tuple[CountRound, ...]:
    hard = bool(traps)
    invalid = rng.randint(2, 8) if hard else rng.randint(0, 2)
    invalid = min(invalid, ballots)
    double_marked = rng.randint(1, invalid) if "mis_marked_invalid" in traps and invalid else 0
    weights = [rng.uniform(0.2, 1.0) for _ in keys]
    picks = rng.choices(keys, weights=weights, k=ballots - invalid)
    votes = {key: picks.count(key) for key in keys}
    whole = CountRound(votes, invalid - double_marked, double_marked)
    if "split_count" not in traps:
        return (whole,)
    first = {key: rng.randint(0, n) for key, n in votes.items()}
    blank_first = rng.randint(0, whole.blank_or_torn)
    double_first = rng.randint(0, double_marked)
    return (
        CountRound(first, blank_first, double_first),
        CountRound(
            {key: votes[key] - first[key] for key in keys},
            whole.blank_or_torn - blank_first,
            double_marked - double_first,
        ),
    )


def _lp(male: int, female: int) -> LP:
    return LP(male=male, female=female, total=male + female)


def _sum_lp(groups: Sequence[Arrival], disabled: bool = False) -> LP:
    if disabled:
        return _lp(sum(g.disabled_male for g in groups), sum(g.disabled_female for g in groups))
    return _lp(sum(g.male for g in groups), sum(g.female for g in groups))


def true_form(day: TpsDay) -> CountForm:
    """The form a careful KPPS fills in for this day, with words and tallies for the votes."""
    by_source = {s: [a for a in day.arrivals if a.source == s] for s in get_args(Source)}
    voters = sum(a.male + a.female for a in day.arrivals)
    damaged = len(day.swaps)
    votes = {key: sum(r.votes[key] for r in day.rounds) for key in day.rounds[0].votes}
    invalid = sum(r.blank_or_torn + r.double_marked for r in day.rounds)
    form = CountForm(
        id=f"drill-{day.kind}-{day.level}-{day.seed}",
        kind=day.kind,
        contest=day.contest,
        dpt=_lp(day.dpt_male, day.dpt_female),
        turnout=Turnout(
            dpt=_sum_lp(by_source["dpt"]),
            dptb=_sum_lp(by_source["dptb"]),
            dpk=_sum_lp(by_source["dpk"]),
            total=_sum_lp(day.arrivals),
        ),
        ballots=Ballots(
            received=day.received, used=voters, damaged=damaged, unused=day.received - voters - damaged
        ),
        disabled=_sum_lp(day.arrivals, disabled=True),
        votes=votes,
        valid=sum(votes.values()),
        invalid=invalid,
        total=sum(votes.values()) + invalid,
    )
    written = {path: value for path, value in boxes(form).items() if path.startswith(("IV.", "V."))}
    return replace(
        form,
        words={path: in_words(value) for path, value in written.items() if value is not None},
        tally={
            path: value for path, value in written.items() if path.startswith("IV.") and value is not None
        },
    )


def _people(male: int, female: int) -> str:
    return f"{male} laki-laki dan {female} perempuan"


def _pair_name(key: str) -> str:
    return "kolom kosong" if key == EMPTY_COLUMN else f"pasangan calon nomor urut {key}"


def tell(day: TpsDay) -> tuple[str, ...]:
    """The day as paragraphs in Indonesian, in the order a KPPS lives it."""
    return (
        f"Anda anggota KPPS di TPS {day.tps:03d} Desa {day.desa}, {CONTEST_NAMES[day.contest]}.",
        f"DPT TPS ini memuat {_people(day.dpt_male, day.dpt_female)}.",
        _logistics(day),
        *(
            _arrival_text(a)
            for a in sorted(day.arrivals, key=lambda a: (a.slot, _SOURCE_ORDER.index(a.source)))
        ),
        *(
            f"Pukul {time}, seorang pemilih mengembalikan surat suaranya karena keliru mencoblos dan "
            f"menerima surat suara pengganti."
            for time in day.swaps
        ),
        *_count_text(day),
        _unused_text(day),
        f"Isilah formulir {FORM_NAMES[day.kind]} untuk TPS ini.",
    )


def _logistics(day: TpsDay) -> str:
    dpt = day.dpt_male + day.dpt_female
    if "reserve_in_parts" in day.traps:
        return (
            f"Pagi hari KPPS menerima surat suara sebanyak jumlah pemilih DPT ditambah cadangan "
            f"{day.received - dpt} lembar."
        )
    return f"Pagi hari KPPS menerima {day.received} surat suara, sudah termasuk cadangan."


def _arrival_text(a: Arrival) -> str:
    who = {
        "dpt": "pemilih yang terdaftar di DPT",
        "dptb": "pemilih pindahan yang terdaftar di DPTb (membawa formulir pindah memilih)",
        "dpk": (
            "pemilih yang tidak terdaftar di DPT maupun DPTb; karena surat suara masih tersisa, "
            "mereka memilih dengan menunjukkan KTP-el (DPK)"
        ),
    }[a.source]
    text = f"Pukul {a.slot} datang {_people(a.male, a.female)} {who}."
    if a.disabled_male or a.disabled_female:
        text += f" Di antara mereka ada pemilih disabilitas: {_people(a.disabled_male, a.disabled_female)}."
    return text


def _count_text(day: TpsDay) -> list[str]:
    texts = []
    for number, r in enumerate(day.rounds, start=1):
        stage = f"Tahap {number} penghitungan" if len(day.rounds) > 1 else "Saat penghitungan"
        read = ", ".join(f"{_pair_name(key)}: {n}" for key, n in r.votes.items())
        text = f"{stage}, surat suara sah dibacakan: {read}. Surat suara tidak sah (kosong atau robek): {r.blank_or_torn}."
        if r.double_marked:
            text += f" Ada juga {r.double_marked} surat suara yang dicoblos pada lebih dari satu kolom (tidak sah)."
        texts.append(text)
    return texts


def _unused_text(day: TpsDay) -> str:
    if "unused_derived" in day.traps:
        return (
            "KPPS 2 dan 3 menghitung sisa surat suara yang tidak digunakan; hitunglah dari catatan di atas."
        )
    voters = sum(a.male + a.female for a in day.arrivals)
    return (
        f"Surat suara yang tidak digunakan, termasuk sisa cadangan: {day.received - voters - len(day.swaps)}."
    )
