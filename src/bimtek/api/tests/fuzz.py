"""Bodies for fuzzing the JSON endpoints: raw bytes, JSON of any shape (lone surrogates included, written as
escapes), form-shaped objects with wrong values, deep nesting. A bounded, derandomized budget keeps it a unit
test that never flaps."""

import json

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

BUDGET = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible, CI never flaps
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

text = st.text(max_size=12) | st.sampled_from(["\ud800", "a\udfff", "\udbff\udc00"])  # lone surrogates too
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4),
    max_leaves=20,
)
form_keys = st.sampled_from(
    ["id", "kind", "contest", "votes", "valid", "invalid", "total", "turnout", "ballots"]
)
forms = st.dictionaries(form_keys, values, max_size=6)
bodies = (
    st.binary(max_size=200)
    | values.map(lambda v: json.dumps(v).encode())
    | forms.map(lambda f: json.dumps(f).encode())
    | st.lists(forms, max_size=3).map(lambda fs: json.dumps(fs).encode())
    | st.integers(1, 4000).map(lambda n: b"[" * n + b"]" * n)
)
