"""The demo summit (``flask demo``): it fills every domain at once, so it belongs to the
app assembly (like ``eventsapp/commands.py``), above every domain package."""
