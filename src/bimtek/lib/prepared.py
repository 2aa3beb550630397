"""A hot query compiled once per shape, then bound to each call's values (the check-in's participant lookup).

Building a queryset with Q objects, EXISTS and subqueries and compiling it to SQL costs the check-in about
2 ms of Python per scan, for a query PostgreSQL answers in 0.4 ms. The SQL of such a query depends only on
its shape (the user's `Scope`, a flag, how many ids), never on the ids, the session or the election: those
are parameters. So `Prepared` builds the queryset once per shape with sentinel values in the places of the
changing ones, compiles it, notes where each sentinel sits among the parameters, and from then on runs
that SQL with the call's values in those places.

It refuses to keep what it cannot bind exactly: when a sentinel does not come out as a parameter of its own
(a lookup that transformed it, say into a LIKE pattern), that shape is run through the ORM every time.
The key must hold everything else the SQL depends on: `Scope` is a frozen dataclass, made for it.

On PostgreSQL the SQL binds on the server and is prepared (`preparing_cursor`): behind a connection pooler
in transaction mode that needs PgBouncer 1.21 or newer (`max_prepared_statements`).

Rows come back as the ORM's `values_list` gives them: each column through the converters Django applies
(the backend's, such as SQLite's dates and booleans, and the field's own, such as JSON decoding), looked up
for the calling thread's connection.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet

SENTINEL = -7_340_000_000  # far below any id: a parameter equal to it (or near it) is a sentinel
_UNBINDABLE = object()


class Prepared:
    """`Prepared(build)`: `build(key, **values)` returns a `values_list` queryset; `rows(key, **values)` its rows.

    Each value is an int or a list of ints; a list's length is part of the shape (SQLite binds one
    parameter per element, PostgreSQL one array)."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *, size: int = 512) -> None:
        self.build = build
        self.size = size
        self._shapes: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def rows(
        self, key: Hashable, *, using: str = "default", **values: int | list[int]
    ) -> list[tuple[Any, ...]]:
        lengths = tuple(
            (name, len(v)) if isinstance(v, list) else (name, None) for name, v in sorted(values.items())
        )
        shape = (using, connections[using].vendor, key, lengths)
        with self._lock:
            entry = self._shapes.get(shape)
            if entry is not None:
                self._shapes.move_to_end(shape)
        if entry is None:
            entry = self._compile(key, lengths, using)
            with self._lock:
                self._shapes[shape] = entry
                while len(self._shapes) > self.size:
                    self._shapes.popitem(last=False)
        if entry is _UNBINDABLE:
            return list(self.build(key, **values).using(using))
        sql, template, slots, columns, converters = entry
        params = list(template)
        for position, (name, index) in slots.items():
            value = values[name]
            params[position] = list(value) if index == "all" else value if index is None else value[index]  # type: ignore[index]  # a list where the shape has one
        connection = connections[using]
        with preparing_cursor(connection, params) as cursor:
            cursor.execute(sql, params)
            rows = list(cursor.fetchall())
        if not rows:
            return rows
        if converters is None:  # looked up once per shape (the shape holds the connection's alias and vendor)
            converters = _converters(columns, connection)
            with self._lock:
                if shape in self._shapes:
                    self._shapes[shape] = (*entry[:4], converters)
        return _converted(rows, converters, connection)

    def _compile(self, key: Hashable, lengths: tuple[tuple[str, int | None], ...], using: str) -> Any:
        sentinels: dict[str, int | list[int]] = {}
        where: dict[int, tuple[str, int | None]] = {}  # sentinel value -> (name, element index or None)
        n = 0
        for name, length in lengths:
            if length is None:
                sentinels[name] = SENTINEL - n
                where[SENTINEL - n] = (name, None)
                n += 1
            else:
                items = [SENTINEL - n - i for i in range(length)]
                sentinels[name] = items
                where.update({v: (name, i) for i, v in enumerate(items)})
                n += length
        queryset = self.build(key, **sentinels).using(using)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a scope that sees nothing: the ORM answers [] without a query
            return _UNBINDABLE
        slots: dict[int, tuple[str, int | str | None]] = {}
        found: set[int] = set()
        for position, param in enumerate(params):
            if isinstance(param, list) and param and all(isinstance(v, int) and v in where for v in param):
                name = where[param[0]][0]
                if param != sentinels[name]:
                    return _UNBINDABLE
                slots[position] = (name, "all")
                found.update(param)
            elif isinstance(param, int) and not isinstance(param, bool) and param in where:
                slots[position] = where[param]
                found.add(param)
            elif isinstance(param, int | str) and str(SENTINEL)[:5] in str(param):
                return _UNBINDABLE  # a sentinel inside another value (a pattern): not a parameter of its own
        if found != set(where):
            return _UNBINDABLE
        columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
        return sql, tuple(params), slots, columns, None


def _converters(columns: list[Any], connection: Any) -> list[tuple[int, list[Any], Any]]:
    """(position, converters, column) of each column that has converters, as `SQLCompiler` looks them up."""
    converters = []
    for position, column in enumerate(columns):
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    return converters


def _converted(
    rows: list[tuple[Any, ...]], converters: list[tuple[int, list[Any], Any]], connection: Any
) -> list[tuple[Any, ...]]:
    """The rows with each column's converters applied, as `SQLCompiler.apply_converters` does."""
    if not converters:
        return rows
    out = []
    for row in rows:
        values = list(row)
        for position, found, column in converters:
            value = values[position]
            for convert in found:
                value = convert(value, column, connection)
            values[position] = value
        out.append(tuple(values))
    return out


# A list longer than this is bound on the client, into the statement's text: the server then plans the
# statement for those values (it hashes a long list it can see; on a generic plan, a list bound as a parameter
# is read through once a row: the readiness mark of a 20,000-row import took 0.7 s so, 9 ms planned for it).
LONG_LIST = 64


def _has_long_list(params: Any) -> bool:
    return any(isinstance(p, list | tuple) and len(p) > LONG_LIST for p in params or ())


def ids_in(ids: list[int]) -> tuple[str, list[Any]]:
    """The SQL after a column that must be one of `ids`, and its parameters, bound as this module binds lists on
    PostgreSQL: a short list one parameter per element (one plan serves every run), a long one as one array
    (planned for its values: `preparing_cursor`, `guarded`)."""
    if len(ids) > LONG_LIST:
        return "= ANY(%s::bigint[])", [list(ids)]
    return f"IN ({', '.join(['%s'] * len(ids))})", list(ids)


def preparing_cursor(connection: Any, params: Any = ()) -> Any:
    """Django's cursor; on PostgreSQL one that binds on the server, so psycopg prepares a statement after its
    fifth run on a connection (`prepare_threshold` in the settings) and PostgreSQL stops planning it every time
    (about 1 ms of its CPU for each of the check-in's reads, more than they take to run). For a statement of
    fixed text run on every request (`Prepared`, the check-in's insert, the session read, the readiness mark). Django's own cursors
    bind on the client and never prepare. It is still Django's wrapper (errors are Django's).

    PostgreSQL plans a prepared statement for its values in its first five runs, then keeps one generic plan
    unless that plan's estimate looks dearer. Bind a short list one parameter per element (`field__in`), not
    as an array: the generic estimate of an array, whose length it does not know, looked dearer for the
    check-in's participant read and readiness mark, and both were planned on every run. A statement given
    `params` holding a list longer than `LONG_LIST` gets Django's own cursor: planned for its values each
    run, as a long list's best plan depends on them, and the planning is cheap beside it.
    While queries are logged (DEBUG, a test capturing them) it is Django's own cursor too: Django reads the
    SQL it logs from a client-binding cursor only."""
    if connection.vendor != "postgresql" or connection.queries_logged or _has_long_list(params):
        return connection.cursor()
    import psycopg

    connection.ensure_connection()
    connection.validate_thread_sharing()
    return CursorWrapper(psycopg.Cursor(connection.connection), connection)


GUARD = "bimtek_guard"


def guarded(connection: Any, sql: str, params: list[Any]) -> int:
    """Run one statement in a savepoint of its own inside the caller's transaction; its row count.

    A statement that fails (raising Django's `DatabaseError`) leaves the transaction as it was before it, as
    `transaction.atomic()` around it would, for a write that must never take the caller's with it (the
    readiness mark inside a check-in). On PostgreSQL the savepoint, the statement and its release go in one
    round trip (psycopg's pipeline mode) instead of three, on the preparing cursor; a failure costs one
    more, to roll back to the savepoint. Elsewhere, outside a transaction, and for a statement bound to a long
    list (`LONG_LIST`), it is `atomic()`.
    """
    inline = _has_long_list(params)  # planned for its values (`preparing_cursor`): no pipeline then
    if (
        connection.vendor != "postgresql"
        or connection.queries_logged
        or inline
        or not connection.in_atomic_block
    ):
        with transaction.atomic(using=connection.alias), preparing_cursor(connection, params) as cursor:
            cursor.execute(sql, params)
            return max(cursor.rowcount, 0)
    import psycopg

    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    frame, statement = psycopg.Cursor(raw), psycopg.Cursor(raw)  # the savepoint's statements share one
    with connection.wrap_database_errors:
        try:
            with raw.pipeline():
                frame.execute(f"SAVEPOINT {GUARD}", prepare=False)
                statement.execute(sql, params)
                frame.execute(f"RELEASE SAVEPOINT {GUARD}", prepare=False)
            count = statement.rowcount
        except psycopg.Error:
            raw.execute(f"ROLLBACK TO SAVEPOINT {GUARD}", prepare=False)
            raw.execute(f"RELEASE SAVEPOINT {GUARD}", prepare=False)
            raise
        finally:
            frame.close()
            statement.close()
    return max(count, 0)
