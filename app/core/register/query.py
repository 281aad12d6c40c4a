"""The trustee view as SQL over the acknowledgements index: statuses, filters, order, pages.

What app.core.register.status works out in Python for a list of rows, worked out here by
SQLite for any number of them, so only the rows on screen are ever read: a status is a
CASE over the index's columns, the pack rules and today (`status_sql`); renewal due is
"signed on or before the pack's cut-off day" (`renewal_cutoff`); the search box uses a
trigram full-text index. tests/unit/core/register/test_query.py checks both give the
same statuses, rows and order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from app.core.packs import RENEW_AFTER_MONTHS
from app.core.register.acks import FACTS, INDEXED, version_text
from app.core.register.events import EventLog
from app.core.register.status import (
    COUNTERSIGNED,
    RENEWAL_DUE,
    SIGNED,
    SUPERSEDED,
    AckRow,
    FilterChoices,
    PackRule,
    RowFilter,
    ack_row,
    column_names,
    derive_one,
    version_key,
)
from app.core.validation import add_months

PAGE = 200
MIN_TRIGRAM = 3  # shorter words are looked for without the full-text index
_COLUMNS = (
    "a.seq, a.trusted, a.subject AS session_id, "
    + ", ".join(f"a.{name}" for name in FACTS)
    + ", a.countersigned_by, a.countersigned_at, a.current_path, a.latest, "
    "(SELECT l.signed_at FROM acks AS l INDEXED BY acks_person_key "
    "WHERE l.person_key = a.person_key AND l.latest = 1) AS latest_signed_at"
)


def renewal_cutoff(today: date, months: int) -> str:
    """The last signing day whose renewal date (add_months) has come by `today`."""
    day = add_months(today, -months)
    while add_months(day + timedelta(days=1), months) <= today:  # a shorter month's end
        day += timedelta(days=1)
    return day.isoformat()


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Terms:
    """The SQL for one set of pack rules on one day: is it due, its status, renew-by order."""

    changed: str
    due: str
    status: str
    renew_by: str
    organisation: str

    @classmethod
    def make(cls, rules: Mapping[str, PackRule], today: date) -> Terms:
        # Literals, not parameters: the same text serves WHERE, ORDER BY and the columns.
        changed, cutoff, months, short = [], [], [], []
        for pack_id, rule in sorted(rules.items()):
            pid = _quote(pack_id)
            changed.append(
                f"WHEN {pid} THEN (a.policy_version != {_quote(rule.policy_version)} OR "
                f"(a.policy_sha256 != '' AND a.policy_sha256 != {_quote(rule.policy_sha256)}))"
                f" AND a.version_key <= {_quote(version_text(rule.policy_version))}"
            )
            cutoff.append(
                f"WHEN {pid} THEN {_quote(renewal_cutoff(today, rule.renew_after_months))}"
            )
            months.append(f"WHEN {pid} THEN {int(rule.renew_after_months)}")
            short.append(f"WHEN {pid} THEN {_quote(rule.short_name)}")
        default_cutoff = _quote(renewal_cutoff(today, RENEW_AFTER_MONTHS))
        changed_sql = f"(CASE a.pack_id {' '.join(changed)} ELSE 0 END)" if changed else "0"
        cutoff_sql = (
            f"(CASE a.pack_id {' '.join(cutoff)} ELSE {default_cutoff} END)"
            if cutoff
            else default_cutoff
        )
        months_sql = (
            f"(CASE a.pack_id {' '.join(months)} ELSE {RENEW_AFTER_MONTHS} END)"
            if months
            else str(RENEW_AFTER_MONTHS)
        )
        late = f"a.signed_day <= {cutoff_sql}"
        status = (
            f"(CASE WHEN a.latest = 0 THEN '{SUPERSEDED}' WHEN {changed_sql} THEN '{SUPERSEDED}' "
            f"WHEN {late} THEN '{RENEWAL_DUE}' WHEN a.countersigned_by != '' "
            f"THEN '{COUNTERSIGNED}' ELSE '{SIGNED}' END)"
        )
        # add_months in SQL: the same day N months on, or that month's last day.
        renew_by = (
            f"MIN(date(a.signed_day, 'start of month', '+' || {months_sql} || ' months', "
            f"'+' || (CAST(substr(a.signed_day, 9, 2) AS INTEGER) - 1) || ' days'), "
            f"date(a.signed_day, 'start of month', '+' || ({months_sql} + 1) || ' months', "
            f"'-1 day'))"
        )
        organisation = (
            f"(CASE a.pack_id {' '.join(short)} ELSE upper(a.pack_id) END)"
            if short
            else "upper(a.pack_id)"
        )
        return cls(
            changed_sql,
            f"(a.latest = 1 AND ({changed_sql} OR {late}))",
            status,
            renew_by,
            organisation,
        )

    def order(self, key: str, descending: bool) -> str:
        way = "DESC" if descending else "ASC"
        if key in INDEXED:
            expr = INDEXED[key]
        else:
            expr = {
                "status": self.status,
                "renew_by": self.renew_by,
                "organisation": f"{self.organisation} COLLATE NOCASE",
                "signature_verdict": "a.trusted * 2 + (a.countersigned_by != '')",
            }.get(key, INDEXED["signed_at"])
        return f"{expr} {way}, a.seq {way}"


class View:
    """The rows one filter and order picks, read a page at a time; any thread may use it."""

    def __init__(
        self,
        log: EventLog,
        rules: Mapping[str, PackRule],
        today: date,
        row_filter: RowFilter,
        sort_key: str = "signed_at",
        descending: bool = True,
    ) -> None:
        self.log, self.rules, self.today = log, dict(rules), today
        self.row_filter, self.sort_key, self.descending = row_filter, sort_key, descending
        self.terms = Terms.make(self.rules, today)
        self.where, self.args = self._where(row_filter)

    def _where(self, f: RowFilter) -> tuple[str, tuple[str, ...]]:
        clauses: list[str] = []
        args: list[str] = []
        for column, value in (
            ("a.pack_id", f.pack_id),
            ("a.role", f.role),
            ("a.policy_version", f.policy_version),
        ):
            if value:
                clauses.append(f"{column} = ?")
                args.append(value)
        if f.status:
            clauses.append(f"{self.terms.status} = ?")
            args.append(f.status)
        if f.due_only:
            clauses.append(self.terms.due)
        if f.queue_only:
            clauses.append(f"{self.terms.status} = '{SIGNED}'")
        for word in f.text.casefold().split():
            if len(word) >= MIN_TRIGRAM:
                match = (
                    "a.seq IN (SELECT rowid FROM acks_search WHERE acks_search MATCH ?"
                    " UNION SELECT ack_seq FROM countersigned_search"
                    " WHERE countersigned_search MATCH ?"
                    " UNION SELECT seq FROM acks WHERE subject >= ? AND subject < ?)"
                )
                args += ['"' + word.replace('"', '""') + '"'] * 2 + [word, word + "\uffff"]
            else:
                match = "instr(a.search, ?) > 0"
                args.append(word)
            # The organisation's short name comes from the pack on this computer.
            packs = [p for p, rule in self.rules.items() if word in rule.short_name.casefold()]
            if packs:
                match += f" OR a.pack_id IN ({', '.join('?' * len(packs))})"
                args += packs
            clauses.append(f"({match})")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", tuple(args)

    def count(self) -> int:
        """How many rows pass the filter."""
        with self.log.connect() as db:
            return int(
                db.execute(f"SELECT COUNT(*) FROM acks AS a{self.where}", self.args).fetchone()[0]
            )

    def page(self, offset: int, limit: int = PAGE) -> list[AckRow]:
        """Rows offset … offset + limit - 1 in the view's order, with their statuses."""
        with self.log.connect() as db:
            return self._rows(db, offset, limit)

    def _rows(self, db: sqlite3.Connection, offset: int, limit: int) -> list[AckRow]:
        order = self.terms.order(self.sort_key, self.descending)
        query = f"SELECT {_COLUMNS} FROM acks AS a{self.where} ORDER BY {order} LIMIT ? OFFSET ?"
        out = []
        cursor = db.execute(query, (*self.args, limit, offset))
        names = column_names(cursor)
        latest, latest_signed_at = names.index("latest"), names.index("latest_signed_at")
        for found in cursor:
            # the facts, as written: a damaged byte is refused
            self.log.sound(found[:latest], numbers=2)
            if not isinstance(found[latest], int) or not isinstance(
                found[latest_signed_at], str | None
            ):
                raise self.log.damaged("a value is not of the kind Induct wrote")
            ack = ack_row(names, found)
            rule = self.rules.get(ack.pack_id)
            derive_one(ack, rule, self.today, bool(found[latest]), found[latest_signed_at] or "")
            out.append(ack)
        return out

    def all(self) -> Iterator[AckRow]:
        """Every row of the view, in order, a page at a time (for export)."""
        offset = 0
        with self.log.connect() as db:
            while batch := self._rows(db, offset, PAGE * 10):
                yield from batch
                offset += len(batch)


def due_count(log: EventLog, rules: Mapping[str, PackRule], today: date) -> int:
    """How many acknowledgements are due for renewal: one query."""
    terms = Terms.make(rules, today)
    with log.connect() as db:
        return int(db.execute(f"SELECT COUNT(*) FROM acks AS a WHERE {terms.due}").fetchone()[0])


def _distinct(db: sqlite3.Connection, column: str) -> list[str]:
    """The distinct values of an indexed column, one index seek each (not a full scan)."""
    query = f"""
    WITH RECURSIVE found(value) AS (
        SELECT MIN({column}) FROM acks
        UNION ALL
        SELECT (SELECT MIN({column}) FROM acks WHERE {column} > found.value)
        FROM found WHERE found.value IS NOT NULL)
    SELECT value FROM found WHERE value IS NOT NULL"""
    return [row[0] for row in db.execute(query)]


def choices(log: EventLog, rules: Mapping[str, PackRule]) -> FilterChoices:
    """The organisations, roles and versions in the register, for the filters."""
    with log.connect() as db:
        found = _distinct(db, "pack_id")
        packs = {p: (rules[p].short_name if p in rules else p.upper()) for p in found}
        roles = _distinct(db, "role")
        versions = _distinct(db, "policy_version")
    return FilterChoices(
        tuple(sorted(packs.items(), key=lambda p: p[1].casefold())),
        tuple(sorted(roles, key=str.casefold)),
        tuple(sorted(versions, key=version_key)),
    )
