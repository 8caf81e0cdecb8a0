"""API v1: token-authenticated JSON under /api/v1/, described by an OpenAPI 3.1 document."""
