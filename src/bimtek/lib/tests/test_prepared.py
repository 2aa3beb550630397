"""A query compiled once per shape answers as the ORM does, for every later call's own values."""

from typing import Any

import pytest
from django.db import connection
from django.db.models import JSONField, QuerySet, Value
from django.test.utils import CaptureQueriesContext

from bimtek.accounts.models import User
from bimtek.lib.prepared import Prepared

pytestmark = pytest.mark.django_db


def _users(key: str, *, above: int, ids: list[int]) -> QuerySet[Any]:
    qs = User.objects.filter(pk__in=ids, pk__gt=above)
    if key == "staff":
        qs = qs.filter(is_staff=True)
    return qs.order_by("pk").values_list("pk", "username")


@pytest.fixture
def users() -> list[User]:
    return [User.objects.create(username=f"u{n}", is_staff=n % 2 == 0) for n in range(6)]


def test_later_calls_bind_their_own_values_in_one_query(users: list[User]) -> None:
    prepared = Prepared(_users)
    ids = [u.pk for u in users]
    for key in ("all", "staff"):
        for above, chosen in ((0, ids[:3]), (ids[0], ids[:3]), (0, ids[3:]), (ids[4], ids[2:])):
            expected = list(_users(key, above=above, ids=chosen))
            with CaptureQueriesContext(connection) as queries:
                assert prepared.rows(key, above=above, ids=chosen) == expected
            assert len(queries) == 1
    assert len(prepared._shapes) == 4  # two keys x two list lengths (3 and 4): compiled once each


def test_a_value_the_query_transforms_is_left_to_the_orm(users: list[User]) -> None:
    """`pk__gt=above + 1` puts no sentinel of its own among the parameters: that shape is never bound."""
    prepared = Prepared(lambda key, *, above: User.objects.filter(pk__gt=above + 1).values_list("pk"))
    for above in (users[0].pk, users[3].pk):
        assert prepared.rows("k", above=above) == [(u.pk,) for u in users if u.pk > above + 1]


def test_a_query_that_can_return_nothing_is_left_to_the_orm(users: list[User]) -> None:
    prepared = Prepared(lambda key, *, above: User.objects.none().values_list("pk"))
    assert prepared.rows("k", above=1) == []


def test_the_oldest_shapes_go_first(users: list[User]) -> None:
    prepared = Prepared(_users, size=2)
    for n in range(1, 5):
        prepared.rows("all", above=0, ids=[u.pk for u in users[:n]])
    assert len(prepared._shapes) == 2


def test_rows_come_back_as_the_orm_converts_them(users: list[User]) -> None:
    """A datetime, a boolean and a JSON column are the Python values the ORM gives, on SQLite as on PostgreSQL."""

    def build(key: str, *, pk: int) -> QuerySet[Any]:
        qs = User.objects.filter(pk=pk).annotate(parts=Value(["pagi", "siang"], output_field=JSONField()))
        return qs.values_list("date_joined", "is_staff", "parts")

    prepared = Prepared(build)
    for user in users[:2]:
        expected = list(build("k", pk=user.pk))
        assert prepared.rows("k", pk=user.pk) == expected
        joined, staff, parts = expected[0]
        assert (joined, staff, parts) == (user.date_joined, user.is_staff, ["pagi", "siang"])
    assert len(prepared._shapes) == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-only: set DATABASE_URL to a PostgreSQL server"
)
def test_on_postgresql_a_query_run_again_and_again_is_prepared_on_the_server(users: list[User]) -> None:
    prepared = Prepared(_users)
    ids = [u.pk for u in users[:3]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (before,) = cursor.fetchone()
        for above in range(8):
            assert prepared.rows("all", above=above, ids=ids) == list(_users("all", above=above, ids=ids))
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (after,) = cursor.fetchone()
    assert after == before + 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL-only: set DATABASE_URL to a PostgreSQL server"
)
def test_on_postgresql_a_query_bound_to_a_long_list_is_planned_for_its_values(users: list[User]) -> None:
    # A generic plan reads a long list bound as a parameter once a row; in the text the server hashes it.
    from bimtek.lib.lookups import keys_in
    from bimtek.lib.prepared import LONG_LIST, guarded

    prepared = Prepared(lambda key, ids: User.objects.filter(keys_in("pk", ids)).values_list("pk"))
    many = [u.pk for u in users] + list(range(10**9, 10**9 + LONG_LIST))
    table = connection.ops.quote_name(User._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (before,) = cursor.fetchone()
        for _ in range(8):
            assert sorted(prepared.rows("all", ids=many)) == sorted((u.pk,) for u in users)
            rename = f"UPDATE {table} SET first_name = 'x' WHERE id = ANY(%s)"  # noqa: S608 (the table's own name)
            assert guarded(connection, rename, [many]) == len(users)
        cursor.execute("SELECT count(*) FROM pg_prepared_statements")
        (after,) = cursor.fetchone()
    assert after == before


def test_a_guarded_statement_counts_its_rows_and_a_failing_one_leaves_the_transaction_as_it_was(
    users: list[User],
) -> None:
    from django.db import DatabaseError, transaction

    from bimtek.lib.prepared import guarded

    table = connection.ops.quote_name(User._meta.db_table)
    rename = f"UPDATE {table} SET first_name = %s WHERE id IN (%s, %s)"  # noqa: S608 (the table's own name)
    assert guarded(connection, rename, ["Ani", users[0].pk, users[1].pk]) == 2  # outside a transaction too
    with transaction.atomic():
        for n in range(7):  # past psycopg's prepare threshold, on PostgreSQL
            assert guarded(connection, rename, [f"Budi {n}", users[2].pk, 10**9]) == 1
        with pytest.raises(DatabaseError):
            guarded(connection, f"UPDATE {table} SET username = NULL WHERE id = %s", [users[3].pk])  # noqa: S608 (the table's own name)
        User.objects.filter(pk=users[4].pk).update(first_name="Cici")  # the transaction still works
    names = dict(User.objects.values_list("pk", "first_name"))
    assert [names[u.pk] for u in users[:5]] == ["Ani", "Ani", "Budi 6", "", "Cici"]
    assert User.objects.get(pk=users[3].pk).username == "u3"
