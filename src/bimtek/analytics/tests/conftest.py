"""The cascade is told on readiness's story of Lenggang: the same desa, crews and results."""

from bimtek.readiness.tests.conftest import lenggang_story  # noqa: F401 - a fixture, shared with readiness's tests
