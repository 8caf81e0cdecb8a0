"""The mail domain."""
