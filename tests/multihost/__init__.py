"""The two-host check (two_hosts.py, run as a script by .ci/run; not collected by pytest)."""
