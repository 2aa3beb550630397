"""Insert many rows with the database's fastest path: COPY on PostgreSQL, executemany on SQLite.

The ORM's bulk_create spends most of its time preparing each field of each model instance; an
import of a kabupaten's workforce does not need that. Callers pass plain tuples already in the
column types the database expects (use `db_date`/`db_datetime` for dates).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

from bimtek.lib.lookups import keys_in


def in_chunk_size() -> int:
    """How many values one `IN (...)` may hold: SQLite caps bound variables, PostgreSQL does not."""
    return 10_000 if connection.vendor == "postgresql" else 500


def values_where_in(
    model: Any, field: str, keys: Sequence[Any], names: Sequence[str]
) -> list[dict[str, Any]]:
    """`model.objects.filter(<field>__in=keys).values(*names)`, for tens of thousands of keys: one array
    parameter on PostgreSQL (`lib.lookups.keys_in`), the ORM's `IN` in chunks on SQLite, which caps bound
    variables. Building and binding `IN` lists of 10,000 placeholders was what made the people import's
    lookups slow."""
    if not keys:
        return []
    if connection.vendor == "postgresql":
        return list(model.objects.filter(keys_in(field, keys)).values(*names))
    out: list[dict[str, Any]] = []
    size = in_chunk_size()
    for start in range(0, len(keys), size):
        out += model.objects.filter(**{f"{field}__in": keys[start : start + size]}).values(*names)
    return out


def rows_where_in(
    queryset: Any, field: str, keys: Sequence[Any], names: Sequence[str]
) -> list[tuple[Any, ...]]:
    """`queryset.filter(<field>__in=keys).values_list(*names)`, for tens of thousands of keys, as
    `values_where_in` reads them: one array parameter on PostgreSQL, chunks of `IN` on SQLite."""
    if not keys:
        return []
    if connection.vendor == "postgresql":
        return list(queryset.filter(keys_in(field, keys)).values_list(*names))
    out: list[tuple[Any, ...]] = []
    size = in_chunk_size()
    for start in range(0, len(keys), size):
        out += queryset.filter(**{f"{field}__in": keys[start : start + size]}).values_list(*names)
    return out


def db_date(value: dt.date | None) -> Any:
    return connection.ops.adapt_datefield_value(value)


def db_datetime(value: dt.datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(value)


def allocated_ids(model: Any, count: int) -> list[int] | None:
    """`count` new primary keys drawn from the table's own sequence, for rows COPY writes with their ids, so
    nothing has to be read back to learn them (the people import read 20,000 ids back by NIK: 0.25 s).
    None where the database has no sequence to draw from (SQLite): read the ids back there."""
    if connection.vendor != "postgresql":
        return None
    if count <= 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [n for (n,) in cursor.fetchall()]


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    name = connection.ops.quote_name(table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        batch = list(rows)
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {name} ({quoted}) VALUES ({placeholders})", batch)  # noqa: S608 - names are ours, values bound
        return len(batch)
