"""The checkin domain."""
