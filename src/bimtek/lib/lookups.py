"""`field__any=[...]`: many keys as ONE array parameter on PostgreSQL (`field = ANY(%s::type[])`).

An `IN (...)` of 50,000 ids is 50,000 placeholders that Django builds and psycopg splits and binds one by
one: profiled on the readiness refresh of a kabupaten of 8,167 TPS, that was about half of its time.
PostgreSQL plans `= ANY(array)` as it plans `IN` (it rewrites one into the other), so the query and its
index use are the same; only the client's work goes. `keys_in` gives the `__in` filter elsewhere (SQLite).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, ForeignObject, Lookup, Q, QuerySet


class AnyArray(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [list(value)]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        cast = self.lhs.output_field.cast_db_type(connection)
        return f"{lhs} = ANY(%s::{cast}[])", [*lhs_params, list(self.rhs)]


Field.register_lookup(AnyArray)
ForeignObject.register_lookup(AnyArray)  # related fields keep their own lookups (person_id__any)


def keys_in(field: str, keys: Sequence[Any] | QuerySet[Any, Any]) -> Q:
    """`field` is one of `keys`: one array parameter on PostgreSQL, `IN` elsewhere; a queryset of keys is a
    subquery (the database never sends the list)."""
    if isinstance(keys, QuerySet):
        return Q(**{f"{field}__in": keys})
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__any": list(keys)})
    return Q(**{f"{field}__in": keys})
