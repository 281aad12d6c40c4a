"""The consent-forms window: print forms, capture a consent, records and withdrawals."""
