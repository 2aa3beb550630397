"""Every command that takes --election or --region answers an unknown one the same way: exit 2, one sentence."""

import io

import pytest
from django.core.management import CommandError, call_command

from bimtek.elections.models import Election

pytestmark = pytest.mark.django_db

NOPE = "tidak-ada"
UNKNOWN_ELECTION = [
    ("program", "seed", "--election", NOPE),
    ("questions", "import-starter", "--election", NOPE),
    (
        "plan",
        "scenario",
        "19.06",
        "--election",
        NOPE,
        "--tier",
        "tot",
        "--start",
        "2024-01-22",
        "--end",
        "2024-01-24",
    ),
    ("readiness", "refresh", "--election", NOPE),
    ("feedback", "results", "--election", NOPE, "--region", "19.06"),
    (
        "documents",
        "honorarium",
        "--election",
        NOPE,
        "--region",
        "19.06",
        "--from",
        "2024-01-22",
        "--to",
        "2024-01-24",
    ),
]


@pytest.mark.parametrize("argv", UNKNOWN_ELECTION, ids=lambda argv: f"{argv[0]} {argv[1]}")
def test_an_unknown_election_is_a_usage_error_that_says_where_to_look(argv: tuple[str, ...]) -> None:
    with pytest.raises(CommandError) as error:
        call_command(*argv, stdout=io.StringIO(), stderr=io.StringIO())
    assert error.value.returncode == 2
    assert str(error.value) == (
        "Pemilihan 'tidak-ada' tidak ada; lihat 'bimtek election list' atau buat dengan 'bimtek election create'"
    )


@pytest.mark.parametrize(
    "argv",
    [
        ("readiness", "refresh", "--region", "99.99"),
        ("staffing", "99.99"),
        ("feedback", "results", "--region", "99.99"),
        ("documents", "honorarium", "--region", "99.99", "--from", "2024-01-22", "--to", "2024-01-24"),
    ],
    ids=lambda argv: f"{argv[0]} {argv[1]}",
)
def test_an_unknown_region_is_a_usage_error_that_says_what_a_code_looks_like(
    pemilu: Election, argv: tuple[str, ...]
) -> None:
    with pytest.raises(CommandError) as error:
        call_command(*argv, "--election", pemilu.slug, stdout=io.StringIO(), stderr=io.StringIO())
    assert error.value.returncode == 2
    assert str(error.value).startswith("Kode wilayah '99.99' tidak ada (kode Kemendagri")
