"""Consent-form PDFs with reportlab: blank, fillable, captured and in batches.

This package owns drawing only: the flowables of a form (`layout`), laying a form out once
and printing many copies (`pages`), the answers and signatures of a captured form
(`answers`), its evidence page (`evidence`), and the entry points (`form`). What a form
says and decides lives in `app.core.consent`.
"""
