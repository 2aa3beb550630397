"""`values_where_in` reads what the ORM's `filter(...__in=...).values(...)` reads, on either database."""

import datetime as dt

import pytest

from bimtek.conftest import LENGGANG
from bimtek.lib.bulk import values_where_in
from bimtek.workforce.models import Person

pytestmark = pytest.mark.django_db

NAMES = ("id", "nik", "name", "birth_date", "region_id", "health_date", "party_statement", "periods_served")


def test_it_reads_the_same_values_as_the_orm(beltim_tps: object) -> None:
    people = Person.objects.bulk_create(
        Person(nik=f"190602010190{n:04d}", name=f"P{n}", birth_date=dt.date(1990, 1, 1), sex="L",
               region_id=LENGGANG, health_date=dt.date(2024, 1, n) if n % 2 else None, periods_served=n)
        for n in range(1, 8)
    )  # fmt: skip
    keys = [p.nik for p in people[:5]] + ["0000000000000000"]
    ours = sorted(values_where_in(Person, "nik", keys, NAMES), key=lambda v: v["nik"])
    orm = sorted(Person.objects.filter(nik__in=keys).values(*NAMES), key=lambda v: v["nik"])
    assert ours == orm and len(ours) == 5
    assert values_where_in(Person, "nik", [], NAMES) == []


def test_keys_in_finds_the_same_rows_as_in(beltim_tps: object) -> None:
    from bimtek.lib.lookups import keys_in

    people = Person.objects.bulk_create(
        Person(
            nik=f"190602010190{n:04d}",
            name=f"P{n}",
            birth_date=dt.date(1990, 1, 1),
            sex="L",
            region_id=LENGGANG,
        )
        for n in range(1, 6)
    )
    ids = [p.pk for p in people[:3]] + [10**9]
    assert sorted(Person.objects.filter(keys_in("pk", ids)).values_list("pk", flat=True)) == sorted(ids[:3])
    assert sorted(Person.objects.filter(keys_in("nik", [people[4].nik])).values_list("pk", flat=True)) == [
        people[4].pk
    ]
    assert not Person.objects.filter(keys_in("pk", [])).exists()


def test_rows_where_in_reads_the_same_rows_as_the_orm_past_one_chunk(beltim_tps: object) -> None:
    from bimtek.lib.bulk import in_chunk_size, rows_where_in

    n = in_chunk_size() + 3 if in_chunk_size() < 1000 else 7  # SQLite: more keys than one IN holds
    people = Person.objects.bulk_create(
        Person(nik=f"190602010190{i:04d}", name=f"P{i}", birth_date=dt.date(1990, 1, 1), sex="L",
               region_id=LENGGANG)
        for i in range(1, n + 1)
    )  # fmt: skip
    keys = [p.pk for p in people] + [10**9]
    queryset = Person.objects.filter(name__startswith="P")
    ours = sorted(rows_where_in(queryset, "id", keys, ("id", "nik", "region_id")))
    assert ours == sorted(queryset.values_list("id", "nik", "region_id")) and len(ours) == n
    assert rows_where_in(queryset, "id", [], ("id",)) == []
