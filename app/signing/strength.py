"""Whether a passphrase is strong enough to protect a key that others rely on."""

from __future__ import annotations

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn's "safely unguessable: moderate protection from offline attack"


def weakness(passphrase: str, *, whose: str, hints: tuple[str, ...] = ()) -> str:
    """Why `passphrase` is too weak to protect `whose` key, or "" when it will do.

    zxcvbn (Dropbox's estimator) judges guessability, with `hints` (names, e-mail, the
    organisation) counted as known to an attacker; a length rule comes first because
    it is the one people can act on without reading a score.
    """
    if len(passphrase) < MIN_LENGTH:
        return (
            f"That passphrase is too short to protect {whose} key: use at least "
            f"{MIN_LENGTH} characters, for example four or five unrelated words."
        )
    from zxcvbn import zxcvbn  # only when a passphrase is being chosen

    result = zxcvbn(passphrase[:100], user_inputs=[h for h in hints if h])
    if int(result["score"]) >= MIN_SCORE:
        return ""
    feedback = result.get("feedback") or {}
    advice = " ".join(
        part for part in (feedback.get("warning") or "", *feedback.get("suggestions", [])) if part
    )
    return (
        f"That passphrase is too easy to guess to protect {whose} key"
        + (f": {advice}" if advice else ".")
        + " Four or five unrelated words work well."
    ).replace("..", ".")
