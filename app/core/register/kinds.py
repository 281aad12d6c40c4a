"""The kinds of event the register's log holds (one module, so every part can name them)."""

from __future__ import annotations

ACKNOWLEDGED = "acknowledgement signed"
COUNTERSIGNED = "countersigned"
CONSENT_RECORDED = "consent recorded"
CONSENT_WITHDRAWN = "consent withdrawn"
IMPORTED = "imported"
KINDS = (ACKNOWLEDGED, COUNTERSIGNED, CONSENT_RECORDED, CONSENT_WITHDRAWN, IMPORTED)
