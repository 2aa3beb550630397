"""Pure item analysis and scoring: no Django imports."""
