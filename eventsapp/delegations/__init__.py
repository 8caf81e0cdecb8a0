"""The delegations domain."""
