"""The register: one hash-chained, append-only event log of who acknowledged what.

This package owns the SQLite event log (`events`), what each event holds (`records`), the
register as the app and the commands use it (`register`), each acknowledgement's status as
derived from the events (`status`), bringing signed files in from other computers
(`importing`, with `pdf_facts` reading what a file says about itself), and the CSV export
(`export`). It never updates an event; statuses are derived when read.
"""
