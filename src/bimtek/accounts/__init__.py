"""Accounts, roles and the one region-scoping mechanism every page, API call and export uses."""
