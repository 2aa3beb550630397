"""The HTTP API with its OpenAPI schema, scoped like every page."""
