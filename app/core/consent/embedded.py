"""A captured consent's record as the JSON embedded in its PDF (`induct-consent-record.json`).

Like the acknowledgement's record (app.core.onboarding.record), it is added before the
first signature, so the signatures cover it, and it names its schema and version.
"""

from __future__ import annotations

import json
from typing import Any

from app.core.consent.records import ConsentRecord

SCHEMA = "induct-consent-record"
SCHEMA_VERSION = 1
FILE_NAME = "induct-consent-record.json"
MEDIA_TYPE = "application/json"
DESCRIPTION = "The consent record this PDF prints and its signatures cover"


class ConsentRecordError(ValueError):
    """An embedded consent record that cannot be read."""


def to_bytes(record: ConsentRecord) -> bytes:
    data = {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "record": record.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def from_bytes(raw: bytes) -> ConsentRecord:
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConsentRecordError(f"the consent record is not JSON ({error})") from error
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ConsentRecordError("the embedded file is not an Induct consent record")
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ConsentRecordError(
            f"the consent record is in schema version {data.get('schema_version')!r}; this "
            f"Induct reads version {SCHEMA_VERSION}"
        )
    try:
        return ConsentRecord.from_dict(data["record"])
    except (KeyError, TypeError) as error:
        raise ConsentRecordError(f"the consent record lacks or misnames {error}") from error
