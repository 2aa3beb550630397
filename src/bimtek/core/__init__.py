"""Project-wide pages and the operator commands that span several apps (import, demo, serve)."""
