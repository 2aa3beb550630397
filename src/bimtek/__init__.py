"""Bimtek: plan, run and watch the tiered training of Indonesia's election ad-hoc workforce."""

__version__ = "0.1.0"
