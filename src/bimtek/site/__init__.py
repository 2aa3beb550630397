"""The top floor: the home and import pages, base and error templates, the demo, and the operator commands that span several apps (import, demo, serve, worker, backup, restore)."""
