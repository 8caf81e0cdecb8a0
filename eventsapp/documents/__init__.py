"""Printed matter: the program booklet, personal agendas, visa letters, certificates."""
