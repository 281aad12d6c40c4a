"""The acknowledgements table: one row per acknowledgement, kept up to date on append.

The event log (app.core.register.events) is the record; this table is an index of it
that the trustee view queries, so a register of a million events opens, filters and
sorts in SQL without reading every event. It is written in the same transaction as the
event it follows (Writer.append calls `on_append`), rebuilt from the log when missing,
and checked against the log by `register check` (`check`). What depends on today or
on the packs installed (renewal due, a newer policy) is never stored: the queries in
app.core.register.query work it out.

Kept here, because SQL alone cannot work them out the way Python does: whose
acknowledgement it is (e-mail or name, case-folded), whether it is that person's latest
for the pack, the moment it was signed, the newest countersignature, the search text.
Only trusted signatures count: an acknowledgement whose person's signature needs a
trustee is nobody's but its own (it supersedes nothing and nothing supersedes it) until a
trusted countersignature vouches for it, and a countersignature that was not trusted is
never shown as one.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any

from app.core.register.kinds import ACKNOWLEDGED, COUNTERSIGNED

# Facts copied from the acknowledgement's payload, in AckRow's order.
FACTS = (
    "person",
    "email",
    "membership_number",
    "role",
    "pack_id",
    "organisation",
    "policy_version",
    "policy_sha256",
    "signed_at",
    "file_path",
    "file_sha256",
    "fingerprint",
    "guardian_name",
    "source",
)
# Those the payload holds (the file's SHA-256 is a column of the event itself).
PAYLOAD_FACTS = tuple(name for name in FACTS if name != "file_sha256")


def payload_fact(alias: str, key: str) -> str:
    """SQL for one fact of an event's payload, as text (NULL when the payload lacks it);
    `alias` names the events table in the query ("" when it needs no name)."""
    column = f"{alias}.payload" if alias else "payload"
    return f"CAST(json_extract({column}, '$.{key}') AS TEXT)"


# Sort keys with an index of their own (ties broken by seq, as the view does).
INDEXED = {
    "person": "person COLLATE NOCASE",
    "role": "role COLLATE NOCASE",
    "policy_version": "version_key",
    "signed_at": "signed_ts",
    "countersigned_by": "countersigned_by COLLATE NOCASE",
    "email": "email COLLATE NOCASE",
    "membership_number": "membership_number COLLATE NOCASE",
}
_FACT_COLUMNS = ",\n    ".join(f"{name} TEXT NOT NULL" for name in FACTS)
_SORT_INDEXES = "\n".join(
    f"CREATE INDEX IF NOT EXISTS acks_by_{key} ON acks ({expr}, seq);"
    for key, expr in INDEXED.items()
)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS acks (
    seq INTEGER PRIMARY KEY,
    trusted INTEGER NOT NULL,
    subject TEXT NOT NULL,
    {_FACT_COLUMNS},
    version_key TEXT NOT NULL,
    signed_ts REAL NOT NULL,
    signed_day TEXT NOT NULL,
    person_key TEXT NOT NULL,
    latest INTEGER NOT NULL,
    countersigned_by TEXT NOT NULL DEFAULT '',
    countersigned_at TEXT NOT NULL DEFAULT '',
    current_path TEXT NOT NULL,
    search TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS acks_subject ON acks (subject);
CREATE INDEX IF NOT EXISTS acks_person_key ON acks (person_key, signed_ts, seq);
CREATE INDEX IF NOT EXISTS acks_due ON acks (latest, pack_id, signed_day);
CREATE INDEX IF NOT EXISTS acks_pack ON acks (pack_id);
CREATE INDEX IF NOT EXISTS acks_role ON acks (role);
CREATE INDEX IF NOT EXISTS acks_version ON acks (policy_version);
{_SORT_INDEXES}
CREATE VIRTUAL TABLE IF NOT EXISTS acks_search USING fts5(
    search, content='', tokenize='trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS countersigned_search USING fts5(
    search, ack_seq UNINDEXED, tokenize='trigram');
"""
# What a register of an earlier format drops before the index is made again from its log.
DROP = """
DROP TABLE IF EXISTS acks;
DROP TABLE IF EXISTS acks_search;
DROP TABLE IF EXISTS countersigned_search;
"""
_INSERT = (
    f"INSERT INTO acks (seq, trusted, subject, {', '.join(FACTS)}, version_key, signed_ts, "
    f"signed_day, person_key, latest, current_path, search) "
    f"VALUES ({', '.join('?' * (len(FACTS) + 10))})"
)


def version_text(version: str) -> str:
    """ "1.10" after "1.9" as text: each number zero-padded, so SQL orders them right."""
    return ".".join(f"{int(n):010d}" for n in re.findall(r"\d+", version))


def person_key(pack_id: str, email: str, person: str, vouched: bool, seq: int) -> str:
    """Whose acknowledgement of which pack: the e-mail address, else the name, case-folded,
    as a trusted certificate or countersignature vouches; else keyed by its event alone."""
    if not vouched:
        return f"{pack_id}\n\n{seq}"  # a real key never starts with a newline (stripped)
    return pack_id + "\n" + (email or person).strip().casefold()


def is_trusted(payload: dict[str, Any]) -> bool:
    """The event says its signature led to a trusted root (JSON true, nothing else)."""
    return payload.get("trusted") is True


def signed_ts(signed_at: str) -> float:
    try:
        return datetime.fromisoformat(signed_at).timestamp()
    except ValueError:
        return 0.0


def search_text(facts: dict[str, str], countersigned_by: str, current_path: str) -> str:
    """Everything the search box looks in, case-folded (the organisation's short name is
    matched separately, as it comes from the pack on this computer)."""
    return "\n".join(
        (
            facts["person"],
            facts["email"],
            facts["membership_number"],
            facts["role"],
            facts["organisation"],
            facts["pack_id"],
            facts["policy_version"],
            facts["guardian_name"],
            countersigned_by,
            PurePath(current_path or facts["file_path"]).name,
            facts.get("subject", ""),
        )
    ).casefold()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def on_append(
    db: sqlite3.Connection,
    seq: int,
    kind: str,
    subject: str,
    file_sha256: str,
    payload: dict[str, Any],
) -> None:
    """Bring the table up to date with the event just appended (same transaction)."""
    if kind == ACKNOWLEDGED:
        _add_ack(db, seq, subject, file_sha256, payload)
    elif kind == COUNTERSIGNED and is_trusted(payload):
        _add_countersignature(db, subject, payload)


def _add_ack(
    db: sqlite3.Connection, seq: int, subject: str, file_sha256: str, payload: dict[str, Any]
) -> None:
    facts = {name: _text(payload.get(name)) for name in FACTS}
    facts["file_sha256"] = file_sha256  # kept beside the payload, not in it
    facts["subject"] = subject
    trusted = is_trusted(payload)
    key = person_key(facts["pack_id"], facts["email"], facts["person"], trusted, seq)
    moment = signed_ts(facts["signed_at"])
    current = db.execute(
        "SELECT seq, signed_ts FROM acks INDEXED BY acks_person_key "
        "WHERE person_key = ? AND latest = 1",
        (key,),
    ).fetchone()
    latest = current is None or (moment, seq) > (current[1], current[0])
    if latest and current is not None:
        db.execute("UPDATE acks SET latest = 0 WHERE seq = ?", (current[0],))
    search = search_text(facts, "", facts["file_path"])
    db.execute(
        _INSERT,
        (
            seq,
            int(trusted),
            subject,
            *(facts[name] for name in FACTS),
            version_text(facts["policy_version"]),
            moment,
            facts["signed_at"][:10] if moment else "",
            key,
            int(latest),
            facts["file_path"],
            search,
        ),
    )
    # The session id (random hex, found by its start instead) is left out of the full-text
    # index: a third of its size for nothing a person would type part of.
    db.execute(
        "INSERT INTO acks_search (rowid, search) VALUES (?, ?)",
        (seq, search.rpartition("\n")[0]),
    )


def _add_countersignature(db: sqlite3.Connection, subject: str, payload: dict[str, Any]) -> None:
    """The newest countersignature of an acknowledgement is the one the view shows."""
    for row in db.execute(
        f"SELECT seq, trusted, {', '.join(FACTS)} FROM acks WHERE subject = ?", (subject,)
    ).fetchall():
        seq, trusted, facts = row[0], row[1], dict(zip(FACTS, row[2:], strict=True))
        facts["subject"] = subject
        if not trusted:  # vouched for now: it joins the person's acknowledgements
            _join_person(
                db, seq, person_key(facts["pack_id"], facts["email"], facts["person"], True, seq)
            )
        trustee = _text(payload.get("trustee"))
        path = _text(payload.get("file_path")) or facts["file_path"]
        db.execute(
            "UPDATE acks SET countersigned_by = ?, countersigned_at = ?, current_path = ?, "
            "search = ? WHERE seq = ?",
            (
                trustee,
                _text(payload.get("signed_at")),
                path,
                search_text(facts, trustee, path),
                seq,
            ),
        )
        # Only added to: the full-text index of the acknowledgement itself never changes.
        db.execute(
            "INSERT INTO countersigned_search (search, ack_seq) VALUES (?, ?)",
            ((trustee + "\n" + PurePath(path).name).casefold(), seq),
        )


def _join_person(db: sqlite3.Connection, seq: int, key: str) -> None:
    """Give acknowledgement `seq` the person's `key`, and mark their latest again."""
    db.execute("UPDATE acks SET person_key = ? WHERE seq = ?", (key, seq))
    latest = db.execute(
        "SELECT seq FROM acks INDEXED BY acks_person_key WHERE person_key = ? "
        "ORDER BY signed_ts DESC, seq DESC LIMIT 1",
        (key,),
    ).fetchone()[0]
    db.execute(
        "UPDATE acks SET latest = (seq = ?) WHERE person_key = ? AND latest != (seq = ?)",
        (latest, key, latest),
    )


def rebuild(
    db: sqlite3.Connection, events: Iterator[tuple[int, str, str, str, dict[str, Any]]]
) -> None:
    """Fill the (empty) table from `events`: (seq, kind, subject, file_sha256, payload)."""
    for seq, kind, subject, file_sha256, payload in events:
        on_append(db, seq, kind, subject, file_sha256, payload)


# -- checking it against the log ------------------------------------------------------------

# What person_key() gives, worked out by SQLite itself where it can: for text that is all
# ASCII, casefold() is SQLite's lower() and str.strip() trims these; other rows go to the
# Python function. (The search text stays with search_text(): in SQL, taking a path's last
# part costs three times the Python call.)
_WHITESPACE = "char(9, 10, 11, 12, 13, 28, 29, 30, 31, 32)"
_ASCII = "NOT GLOB '*[^' || char(1) || '-' || char(127) || ']*'"
_VOUCHED = "(a.trusted = 1 OR a.countersigned_by != '')"
_WHO = "coalesce(nullif(a.email, ''), a.person)"
_PERSON_KEY = f"""(CASE
    WHEN NOT {_VOUCHED} THEN a.pack_id || char(10, 10) || a.seq
    WHEN {_WHO} {_ASCII} THEN a.pack_id || char(10) || lower(trim({_WHO}, {_WHITESPACE}))
    ELSE induct_person_key(a.pack_id, a.email, a.person, {_VOUCHED}, a.seq) END)"""
_VERSIONS = "SELECT DISTINCT policy_version, version_key FROM acks"
_LOGGED = {n: f"IFNULL({payload_fact('e', n)}, '')" for n in PAYLOAD_FACTS} | {
    "file_sha256": "e.file_sha256"
}
# One pass over the index, each row against its event: copied facts, what is worked out
# from them (the case-folded key by person_key() itself; signed_ts where SQLite reads the
# same moment, a UTC offset given), whether it is the person's latest, its countersignature.
_DIFFERS = f"""
SELECT a.seq,
    e.seq IS NULL OR e.kind != '{ACKNOWLEDGED}'
    OR {" OR ".join(f"a.{n} IS NOT {_LOGGED[n]}" for n in FACTS)}
    OR a.subject IS NOT e.subject
    OR a.trusted IS NOT (json_type(e.payload, '$.trusted') IS 'true')
    OR a.person_key IS NOT {_PERSON_KEY}
    OR a.signed_day != CASE WHEN a.signed_ts != 0 THEN substr(a.signed_at, 1, 10) ELSE '' END
    OR (length(a.signed_at) > 19 AND julianday(a.signed_at) IS NOT NULL
        AND abs((julianday(a.signed_at) - 2440587.5) * 86400.0 - a.signed_ts) > 0.5) AS d0,
    a.latest != NOT EXISTS (
        SELECT 1 FROM acks AS l INDEXED BY acks_person_key
        WHERE l.person_key = a.person_key AND (l.signed_ts, l.seq) > (a.signed_ts, a.seq)) AS d1,
    a.countersigned_by != IFNULL({payload_fact("c", "trustee")}, '')
        OR a.countersigned_at != IFNULL({payload_fact("c", "signed_at")}, '')
        OR a.current_path != IFNULL(NULLIF({payload_fact("c", "file_path")}, ''), a.file_path)
        AS d2,
    a.search IS NOT induct_search(a.person, a.email, a.membership_number, a.role,
        a.organisation, a.pack_id, a.policy_version, a.guardian_name, a.countersigned_by,
        a.current_path, a.file_path, a.subject) AS d3
FROM acks AS a
LEFT JOIN events AS e ON e.seq = a.seq
LEFT JOIN events AS c ON c.seq = (
    SELECT MAX(seq) FROM events WHERE subject = a.subject AND kind = '{COUNTERSIGNED}'
    AND json_type(payload, '$.trusted') IS 'true')
"""
# Only the rows that differ come back to Python; a NULL is damage too. Not MATERIALIZED:
# SQLite then makes each comparison once for a row that checks out (nearly all of them),
# and again only for one that does not, instead of writing every row to a table first.
_DIFFERING = (
    f"WITH d AS ({_DIFFERS}) SELECT seq, IFNULL(d0, 1), IFNULL(d1, 1), "
    "IFNULL(d2, 1), IFNULL(d3, 1) FROM d "
    "WHERE IFNULL(d0, 1) OR IFNULL(d1, 1) OR IFNULL(d2, 1) OR IFNULL(d3, 1)"
)
_WRONG = (
    "differs in the acknowledgements index",
    "is marked wrongly as the person's latest in the acknowledgements index",
    "has the wrong countersignature in the acknowledgements index",
    "has the wrong search text in the acknowledgements index",
)


def _lenient(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _plain(value: object) -> str:
    """A value SQLite hands a function as text; a damaged one (a number, bytes) never fits."""
    return "" if value is None else value if isinstance(value, str) else f"\x00{value!r}"


def _person_key(
    pack_id: object, email: object, person: object, trusted: object, seq: object
) -> str:
    number = seq if isinstance(seq, int) else -1  # a damaged seq never matches
    return person_key(_plain(pack_id), _plain(email), _plain(person), trusted == 1, number)


def _version_key(version: object) -> str:
    return version_text(_plain(version))


def _search(*values: object) -> str:
    """search_text() from the index's own columns, inlined: it runs once a row."""
    text = [v if isinstance(v, str) else _plain(v) for v in values]
    path = text[9] or text[10]
    name = os.path.basename(path)
    if name in ("", ".", "..") or path[-1:] in _SEPARATORS:  # where PurePath differs
        name = PurePath(path).name
    return "\n".join((*text[:8], text[8], name, text[11])).casefold()


_SEPARATORS = "/\\" if os.name == "nt" else "/"


def _undecodable(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """The first rows of the index holding text that is not UTF-8 (the slow way, only
    when the fast check met one)."""
    found: list[tuple[int, str]] = []
    db.text_factory = bytes
    rows = db.execute("SELECT * FROM acks ORDER BY seq").fetchall()
    db.text_factory = _lenient
    for seq, *values in rows:
        for value in values:
            if isinstance(value, bytes):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    found.append((seq, f"event {seq} differs in the acknowledgements index"))
                    break
        if len(found) >= 3:
            break
    return found or [(0, "the acknowledgements index cannot be read; it is damaged")]


def _wrong_versions(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """Rows whose version_key is not version_text() of their version: worked out once for
    each distinct pair (a register holds a handful of versions), not once a row."""
    found = []
    for version, key in db.execute(_VERSIONS).fetchall():
        if key != _version_key(version):
            (seq,) = db.execute(
                "SELECT MIN(seq) FROM acks WHERE policy_version IS ? AND version_key IS ?",
                (version, key),
            ).fetchone()
            found.append((seq, f"event {seq} {_WRONG[0]}"))
    return found[:3]


def check(path: Path) -> list[tuple[int, str]]:
    """(seq, what is wrong) for the first rows of the table that do not follow the log.

    SQL, on a connection of its own: register check runs it beside the hash walk.
    """
    problems: list[tuple[int, str]] = []
    with closing(sqlite3.connect(path)) as db:
        db.text_factory = _lenient
        db.create_function("induct_person_key", 5, _person_key, deterministic=True)
        db.create_function("induct_search", 12, _search, deterministic=True)
        try:
            for seq, *wrong in db.execute(_DIFFERING):
                problems += [
                    (seq, f"event {seq} {m}") for m, w in zip(_WRONG, wrong, strict=True) if w
                ]
                if len(problems) >= len(_WRONG):
                    break
            problems += _wrong_versions(db)
        except sqlite3.OperationalError:  # a text damaged so that it is no longer UTF-8
            problems += _undecodable(db)
        logged, indexed = db.execute(
            f"SELECT (SELECT COUNT(*) FROM events WHERE kind = '{ACKNOWLEDGED}'), "
            "(SELECT COUNT(*) FROM acks)"
        ).fetchone()
        if logged > indexed:  # every row of the index has its event: some are missing
            seq = db.execute(
                f"SELECT MIN(seq) FROM events WHERE kind = '{ACKNOWLEDGED}' AND seq NOT IN "
                "(SELECT seq FROM acks)"
            ).fetchone()[0]
            problems.append((seq, f"event {seq} is missing from the acknowledgements index"))
    return problems
