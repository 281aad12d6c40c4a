"""Consent forms as data and as records.

This package owns everything about consent that is not drawing or showing: the templates in
`forms/` and the blocks they are made of (`templates`, `blocks`), a pack's `[consent]` table
(`settings`), a form as filled from both with its text hash (`form`), the decisions a capture
makes and the record it becomes (`decisions`, `capture`, `records`), and the consent log kept
in the register (`store`). Drawing is `app.documents.consent`; showing is `app.ui.consent`.
"""
