"""The badges domain."""
