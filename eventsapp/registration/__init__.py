"""The registration domain."""
