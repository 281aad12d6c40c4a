"""The difference analysis run on each signature: pyHanko's, without its metadata allowance.

pyHanko's default policy lets any later revision rewrite the document information
dictionary and the XMP metadata, as belonging to no page. Induct's acknowledgement keeps
its kind, pack and session id in the information's keywords, so a later revision could
swap the id and still read as "unchanged after". This policy allows a later revision to
touch only what a later signature's own writer touches there (the modification date and
the producer) and refuses any change to the embedded files, each with a plain reason.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from typing import TypeVar

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import HistoricalResolver
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    GenericFieldModificationRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    ReferenceUpdate,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    WhitelistRule,
    XrefStreamRule,
)

# What pyHanko's writer updates on every incremental save, a signature's included.
INFO_KEYS_A_SIGNATURE_UPDATES = frozenset({"/ModDate", "/Producer"})
XMP_NAMES_A_SIGNATURE_UPDATES = frozenset(
    {
        ("http://ns.adobe.com/xap/1.0/", "ModifyDate"),
        ("http://ns.adobe.com/xap/1.0/", "MetadataDate"),
        ("http://ns.adobe.com/pdf/1.3/", "Producer"),
    }
)
MAX_NAME_TREE_DEPTH = 16
MAX_EMBEDDED_FILES = 1_000
T = TypeVar("T")


class MetadataChanged(SuspiciousModification):
    """A later revision changed what the signature covered; str() says what, in words."""


class InfoUnchangedRule(WhitelistRule):
    """The information dictionary may change only in what a signature's writer updates."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        before, after = _guarded(_info, old), _guarded(_info, new)
        changed = sorted(
            key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
        )
        if changed:
            names = ", ".join(key.lstrip("/") for key in changed[:5])
            raise MetadataChanged(f"the document information ({names}) was changed")
        yield from DocInfoRule().apply(old, new)


class XmpUnchangedRule(WhitelistRule):
    """The XMP metadata may change only in the dates and producer a signature's writer sets."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        if _guarded(_xmp, old) != _guarded(_xmp, new):
            raise MetadataChanged("the XMP metadata was changed")
        yield from MetadataUpdateRule().apply(old, new)


class EmbeddedFilesUnchangedRule(WhitelistRule):
    """No embedded file may be added, removed or replaced after a signature."""

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        if _guarded(_embedded, old) != _guarded(_embedded, new):
            raise MetadataChanged("an embedded file was added, removed or replaced")
        return ()


_FORM_RULE = FormUpdatingRule(
    field_rules=[SigFieldCreationRule(), SigFieldModificationRule(), GenericFieldModificationRule()]
)
LTA = ModificationLevel.LTA_UPDATES
# pyHanko's DEFAULT_DIFF_POLICY, with its /Info and /Metadata rules made strict and the
# embedded files compared first (so the reason names them).
STRICT_DIFF_POLICY = StandardDiffPolicy(
    global_rules=[
        EmbeddedFilesUnchangedRule().as_qualified(LTA),
        CatalogModificationRule(),
        InfoUnchangedRule().as_qualified(LTA),
        XrefStreamRule().as_qualified(LTA),
        ObjectStreamRule().as_qualified(LTA),
        DSSCompareRule().as_qualified(LTA),
        XmpUnchangedRule().as_qualified(LTA),
    ],
    form_rule=_FORM_RULE,
)


def change_reason(diff_result: object) -> str:
    """The plain reason a MetadataChanged carries, or "" for any other result."""
    return str(diff_result.args[0]) if isinstance(diff_result, MetadataChanged) else ""


def _guarded(read: Callable[[HistoricalResolver], T], resolver: HistoricalResolver) -> T:
    """`read(resolver)`, with any damage it meets turned into a refusal of the revision."""
    try:
        return read(resolver)
    except SuspiciousModification:
        raise
    except Exception as error:  # a damaged object is a change nobody can vouch for
        raise MetadataChanged("the document's metadata cannot be read") from error


def _get(resolver: HistoricalResolver, container: object, key: str) -> object | None:
    """`container[key]` as it stood in `resolver`'s revision (None when absent).

    References are resolved through the resolver itself: a reference taken from the
    trailer would otherwise resolve in the newest revision.
    """
    if not isinstance(container, generic.DictionaryObject) or key not in container:
        return None
    return _resolve(resolver, container.raw_get(key))


def _resolve(resolver: HistoricalResolver, value: object) -> object:
    if isinstance(value, generic.IndirectObject):
        return resolver.get_object(value.reference)
    return value


def _info(resolver: HistoricalResolver) -> dict[str, str]:
    info = _get(resolver, resolver.trailer_view, "/Info")
    if info is None:
        return {}
    if not isinstance(info, generic.DictionaryObject):
        return {"/Info": repr(info)}
    return {
        str(key): _plain(_resolve(resolver, info.raw_get(key)))
        for key in info
        if str(key) not in INFO_KEYS_A_SIGNATURE_UPDATES
    }


def _plain(value: object) -> str:
    return f"{type(value).__name__}:{value!r}"


def _root(resolver: HistoricalResolver) -> object:
    return _get(resolver, resolver.trailer_view, "/Root")


def _xmp(resolver: HistoricalResolver) -> list[tuple[str, str, str]]:
    stream = _get(resolver, _root(resolver), "/Metadata")
    if stream is None:
        return []
    if not isinstance(stream, generic.StreamObject):
        return [("", "/Metadata", repr(stream))]
    from pyhanko.pdf_utils.metadata.xmp_xml import parse_xmp

    data = stream.read_data(DecodePurpose.XMP_METADATA)  # bounded by pyHanko's limits
    fields = [
        (name.ns, name.local_name, repr(value))
        for structure in parse_xmp(io.BytesIO(data))
        for name, value in structure
        if (name.ns, name.local_name) not in XMP_NAMES_A_SIGNATURE_UPDATES
    ]
    return sorted(fields)


def _embedded(resolver: HistoricalResolver) -> list[tuple[str, str]]:
    """(name, SHA-256 of the file's stored bytes and specification) of each embedded file."""
    root = _root(resolver)
    found: list[tuple[str, str]] = []
    tree = _get(resolver, _get(resolver, root, "/Names"), "/EmbeddedFiles")
    if tree is not None:
        found += _name_tree(resolver, tree, 0)
    associated = _get(resolver, root, "/AF")
    if isinstance(associated, generic.ArrayObject):
        found += [("/AF", _file_digest(resolver, spec)) for spec in associated[:MAX_EMBEDDED_FILES]]
    if len(found) > MAX_EMBEDDED_FILES:
        raise MetadataChanged("the document holds more embedded files than Induct reads")
    return found


def _name_tree(resolver: HistoricalResolver, node: object, depth: int) -> list[tuple[str, str]]:
    if depth > MAX_NAME_TREE_DEPTH or not isinstance(node, generic.DictionaryObject):
        raise MetadataChanged("the embedded files cannot be read")
    found: list[tuple[str, str]] = []
    pairs = _get(resolver, node, "/Names")
    if isinstance(pairs, generic.ArrayObject):
        raw = [pairs.raw_get(i) for i in range(min(len(pairs), 2 * MAX_EMBEDDED_FILES))]
        for index in range(0, len(raw) - 1, 2):
            name = _resolve(resolver, raw[index])
            found.append((repr(name), _file_digest(resolver, raw[index + 1])))
    kids = _get(resolver, node, "/Kids")
    if isinstance(kids, generic.ArrayObject):
        for index in range(min(len(kids), MAX_EMBEDDED_FILES)):
            kid = _resolve(resolver, kids.raw_get(index))
            found += _name_tree(resolver, kid, depth + 1)
    return found


def _file_digest(resolver: HistoricalResolver, spec: object) -> str:
    """The digest of a file specification with its embedded streams' stored (encoded) bytes:
    never decompressed, so a bomb costs nothing."""
    spec = _resolve(resolver, spec)
    digest = hashlib.sha256(repr(spec).encode())
    files = _get(resolver, spec, "/EF")
    if isinstance(files, generic.DictionaryObject):
        for key in sorted(str(k) for k in files):
            stream = _get(resolver, files, key)
            if isinstance(stream, generic.StreamObject):
                digest.update(key.encode() + stream.encoded_data)
    return digest.hexdigest()
