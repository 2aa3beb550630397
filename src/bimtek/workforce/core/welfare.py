"""Worker welfare and eligibility: what the registry knows about one person in, findings out.

Pure Python, no Django. The people import, the person page and the readiness TPS page all ask the same
function (`findings`), so a rule is written once, here, with its source. A finding is either a refusal
(`refuse`: the row is not imported) or a flag (`flag`: the operator decides). Only being under 17 on voting
day refuses; everything else is for a person to look at, because the registry also holds people already
appointed and hiding them would not make them eligible.

The sources and their confidence are those of the project's domain notes (`/work/shared/domain.md`, section
"Welfare, eligibility, pay and protection"): PKPU 8/2022 Pasal 35 as summarised by KPU pages for the
eligibility list; press reports of KPU figures for BPJS Ketenagakerjaan. The medical thresholds are common
clinical cut-offs, not KPU rules: KPU asks for the checks but publishes no cut-off.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

MIN_AGE = 17
KPPS_PREFERRED_MAX_AGE = 55

# A health statement describes the person on the day it was written. KPPS are recruited within about two
# months of voting day and the heaviest work is voting day itself (the deaths of 2019 and 2024 came from
# it), so a statement older than about six months says little about that day. Our choice, not a KPU rule.
HEALTH_MAX_AGE_DAYS = 180

# Clinical cut-offs for a flag, never a refusal: hypertension from 140/90 mmHg (WHO, 2021 guideline);
# a random blood sugar of 200 mg/dL or more (American Diabetes Association); total cholesterol of 240 mg/dL
# or more is "high" (NCEP ATP III).
SYSTOLIC_HIGH = 140
DIASTOLIC_HIGH = 90
BLOOD_SUGAR_HIGH = 200
CHOLESTEROL_HIGH = 240


class Severity(StrEnum):
    REFUSE = "refuse"
    FLAG = "flag"


class Bpjs(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Education(StrEnum):
    """Highest completed education, lowest first (the order is the comparison)."""

    SD = "sd"
    SMP = "smp"
    SMA = "sma"  # SMA or equivalent (SMK, MA, paket C)
    D3 = "d3"
    S1 = "s1"
    S2 = "s2"
    S3 = "s3"

    @property
    def rank(self) -> int:
        return list(Education).index(self)


# The bodies recruited under PKPU 8/2022 (badan ad hoc). Linmas are Satlinmas members assigned by the
# regional government, so the ad-hoc eligibility list (party statement, education) is not asked of them.
AD_HOC_BODIES = frozenset({"ppk", "pps", "kpps"})


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    confidence: str  # "tinggi", "sedang", or "pilihan Bimtek" when the number is ours


PKPU_8_2022 = Source("PKPU 8/2022 Pasal 35 (ringkasan laman KPU)", "tinggi")
PKPU_8_2022_KPPS_AGE = Source(
    "PKPU 8/2022 Pasal 35; rentang usia KPPS 17-55 'dipertimbangkan' sejak Pemilu 2019", "sedang"
)
HEALTH_2024 = Source(
    "PKPU 8/2022 Pasal 35 (sehat jasmani dan rohani); surat sehat Pemilu 2024 memuat tekanan darah, gula darah, kolesterol",
    "tinggi untuk daftar pemeriksaan, sedang untuk kata-katanya",
)
HEALTH_AGE = Source(f"Pilihan Bimtek: surat sehat paling lama {HEALTH_MAX_AGE_DAYS} hari", "pilihan Bimtek")
CLINICAL = Source(
    "Batas klinis umum (WHO 2021 untuk tekanan darah, ADA untuk gula darah, NCEP ATP III untuk kolesterol); KPU tidak menetapkan batas",
    "sedang",
)
BPJS_2024 = Source(
    "BPJS Ketenagakerjaan (JKK/JKM) untuk badan ad hoc Pemilu 2024, menurut laporan pers angka KPU", "sedang"
)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    source: Source


@dataclass(frozen=True, slots=True)
class Health:
    """A health statement (surat keterangan sehat): its date and the values KPU asks for; None: not given."""

    statement_date: dt.date | None = None
    systolic: int | None = None  # mmHg
    diastolic: int | None = None  # mmHg
    blood_sugar: int | None = None  # mg/dL
    cholesterol: int | None = None  # mg/dL


@dataclass(frozen=True, slots=True)
class Person:
    birth_date: dt.date
    body: str  # "ppk", "pps", "kpps", "linmas"
    health: Health = Health()
    bpjs: Bpjs = Bpjs.UNKNOWN
    party_statement: bool = False  # a signed statement of no party membership
    education: Education | None = None  # None: not recorded


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years on `day`: the birthday itself counts; someone born on 29 February turns a year older on
    1 March in a year without one."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def findings(person: Person, voting_day: dt.date) -> list[Finding]:
    """Every rule the person does not meet, refusals first, in a stable order."""
    found = [*_age(person, voting_day), *_health(person.health, voting_day), *_bpjs(person)]
    if person.body in AD_HOC_BODIES:
        found += _ad_hoc(person)
    return sorted(found, key=lambda f: f.severity != Severity.REFUSE)


def age_findings(birth_date: dt.date, body: str, voting_day: dt.date) -> list[Finding]:
    """Only the rules of the birth date (what a file without welfare columns can tell), as `findings` says them."""
    return _age(Person(birth_date=birth_date, body=body), voting_day)


def refusals(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity == Severity.REFUSE]


def flags(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.severity == Severity.FLAG]


def _age(person: Person, voting_day: dt.date) -> list[Finding]:
    age = age_on(person.birth_date, voting_day)
    if age < MIN_AGE:
        return [
            Finding(
                "under_17",
                Severity.REFUSE,
                f"Usia {age} tahun pada hari pemungutan suara; minimal {MIN_AGE}",
                PKPU_8_2022,
            )
        ]
    if person.body == "kpps" and age > KPPS_PREFERRED_MAX_AGE:
        return [
            Finding(
                "kpps_over_55",
                Severity.FLAG,
                f"Usia {age} tahun pada hari pemungutan suara; KPPS sebaiknya paling tua "
                f"{KPPS_PREFERRED_MAX_AGE} tahun (keputusan operator)",
                PKPU_8_2022_KPPS_AGE,
            )
        ]
    return []


def health_valid(statement_date: dt.date | None, voting_day: dt.date) -> bool:
    """A health statement is there and not older than `HEALTH_MAX_AGE_DAYS` on voting day (readiness counts
    the KPPS for whom this is false, where the KPU chooses)."""
    return statement_date is not None and (voting_day - statement_date).days <= HEALTH_MAX_AGE_DAYS


def _health(health: Health, voting_day: dt.date) -> list[Finding]:
    if health.statement_date is None:
        return [Finding("health_missing", Severity.FLAG, "Surat keterangan sehat belum ada", HEALTH_2024)]
    found = []
    days = (voting_day - health.statement_date).days
    if not health_valid(health.statement_date, voting_day):
        found.append(
            Finding(
                "health_old",
                Severity.FLAG,
                f"Surat keterangan sehat bertanggal {health.statement_date:%d-%m-%Y}, {days} hari sebelum "
                f"hari pemungutan suara (lebih dari {HEALTH_MAX_AGE_DAYS} hari)",
                HEALTH_AGE,
            )
        )
    if (health.systolic or 0) >= SYSTOLIC_HIGH or (health.diastolic or 0) >= DIASTOLIC_HIGH:
        found.append(
            Finding(
                "blood_pressure_high",
                Severity.FLAG,
                f"Tekanan darah {health.systolic or '?'}/{health.diastolic or '?'} mmHg "
                f"(tinggi dari {SYSTOLIC_HIGH}/{DIASTOLIC_HIGH})",
                CLINICAL,
            )
        )
    if (health.blood_sugar or 0) >= BLOOD_SUGAR_HIGH:
        found.append(
            Finding(
                "blood_sugar_high",
                Severity.FLAG,
                f"Gula darah {health.blood_sugar} mg/dL (tinggi dari {BLOOD_SUGAR_HIGH})",
                CLINICAL,
            )
        )
    if (health.cholesterol or 0) >= CHOLESTEROL_HIGH:
        found.append(
            Finding(
                "cholesterol_high",
                Severity.FLAG,
                f"Kolesterol total {health.cholesterol} mg/dL (tinggi dari {CHOLESTEROL_HIGH})",
                CLINICAL,
            )
        )
    return found


def _bpjs(person: Person) -> list[Finding]:
    if person.bpjs == Bpjs.YES:
        return []
    words = "belum terdaftar" if person.bpjs == Bpjs.NO else "belum diketahui"
    return [
        Finding(
            "bpjs_missing",
            Severity.FLAG,
            f"BPJS Ketenagakerjaan (JKK/JKM) {words}",
            BPJS_2024,
        )
    ]


def _ad_hoc(person: Person) -> list[Finding]:
    found = []
    if not person.party_statement:
        found.append(
            Finding(
                "party_statement_missing",
                Severity.FLAG,
                "Surat pernyataan bukan anggota partai politik (5 tahun terakhir) belum ada",
                PKPU_8_2022,
            )
        )
    if person.education is not None and person.education.rank < Education.SMA.rank:
        found.append(
            Finding(
                "education_below_sma",
                Severity.FLAG,
                f"Pendidikan {EDUCATION_LABELS[person.education]}; syaratnya paling rendah SMA atau sederajat",
                PKPU_8_2022,
            )
        )
    return found


EDUCATION_LABELS = {
    Education.SD: "SD",
    Education.SMP: "SMP",
    Education.SMA: "SMA/sederajat",
    Education.D3: "D3",
    Education.S1: "S1",
    Education.S2: "S2",
    Education.S3: "S3",
}
BPJS_LABELS = {Bpjs.YES: "Terdaftar", Bpjs.NO: "Tidak terdaftar", Bpjs.UNKNOWN: "Belum diketahui"}

# Short labels for lists (the TPS page) and for readers who may not see health values: no numbers in them.
FINDING_LABELS = {
    "under_17": "Di bawah 17 tahun",
    "kpps_over_55": "Usia di atas 55",
    "health_missing": "Tanpa surat sehat",
    "health_old": "Surat sehat lama",
    "blood_pressure_high": "Tekanan darah tinggi",
    "blood_sugar_high": "Gula darah tinggi",
    "cholesterol_high": "Kolesterol tinggi",
    "bpjs_missing": "Tanpa BPJS",
    "party_statement_missing": "Tanpa pernyataan nonpartai",
    "education_below_sma": "Pendidikan di bawah SMA",
}
