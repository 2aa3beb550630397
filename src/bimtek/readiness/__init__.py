"""Readiness: which TPS have a fully trained crew, from one TPS up to the country. Rules live in `readiness.core`, free of Django."""
