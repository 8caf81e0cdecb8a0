"""Webhooks: an organizer's HTTPS endpoint told of registrations and check-ins, signed."""
