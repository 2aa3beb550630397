"""The planner: waves and sessions for the ToT and the bimtek. The solver lives in `planner.core`, free of Django."""
