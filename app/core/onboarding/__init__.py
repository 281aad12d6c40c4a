"""One person's onboarding, from the first page to the signed acknowledgement.

This package owns the session saved as the person goes (`session`), the steps they go
through (`flow`), the checks on what they type about themselves (`identity`), the
questionnaire's rules (`rules`) and the acknowledgement record the PDF states
(`acknowledgement`). The wizard in `app.ui` only shows these and asks.
"""
