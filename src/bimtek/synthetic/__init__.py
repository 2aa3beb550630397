"""A synthetic country: every region, TPS and ad-hoc worker of an election, from a seed, into PostgreSQL.

`country.py` generates (numpy, no Django), `load.py` streams into PostgreSQL with COPY, `service.py`
runs the steps, `hooks.py` holds the parts for tables later issues add. See docs/synthetic.md.
"""
