"""Pure readiness rules: no Django imports."""
