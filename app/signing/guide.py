"""The verification kit's guide: how anyone can check an Induct signature without Induct."""

from __future__ import annotations

_GUIDE = """\
# Checking {org}'s signed acknowledgements

Acknowledgements made with Induct carry digital signatures (PAdES, in the PDF's own
signature fields): the person's, a parent's or guardian's for someone under 18, and a
trustee's countersignature. Each signer has their own key. The certificates of trustees,
and of people who signed on one of {org}'s own computers, are issued by {org}'s signing
root, the certificate in this kit. A certificate that is not issued by this root is
reported as "not trusted": ask the signer for their certificate's fingerprint if you need
to rely on it.

These signatures show who signed with which key and that the document has not changed
since. They are not backed by any outside trust service, and the signing time is the
signing computer's own clock.

## The root certificate

- `{pem}`: the root certificate in PEM form (for pdfsig, `induct verify`, most tools);
- `{der}`: the same certificate in DER form (for Acrobat Reader and Windows);
- its SHA-256 fingerprint:

      {fingerprint}

Before trusting the certificate, compare this fingerprint with one you received from
{org} by another route (printed, or read out on the phone). Anyone can make a certificate
with the same name; only the fingerprint tells them apart.

## In Adobe Acrobat Reader

1. Open Preferences (Edit > Preferences; on macOS Acrobat Reader > Settings), choose
   Signatures, and under "Identities & Trusted Certificates" choose More.
2. Choose Trusted Certificates, then Import, and pick `{der}`. Select the imported
   certificate, choose Certificate Details and compare its SHA-256 fingerprint (on the
   Details tab) with the one above.
3. Choose Edit Trust, tick "Use this certificate as a trusted root", and confirm.
4. Open the acknowledgement and the Signature panel. Each signature should read
   "Signature is valid". The last one should say the document has not been modified
   since it was applied; earlier ones say there were later changes, which are the later
   signatures: choose "View signed version" to see exactly what each person signed.

## With poppler's pdfsig (Linux, macOS)

    mkdir nssdb
    certutil -d sql:nssdb -N --empty-password
    certutil -d sql:nssdb -A -n "{org_id} root" -t ",C," -i {pem}
    certutil -d sql:nssdb -L -n "{org_id} root"    # shows the fingerprint to compare
    pdfsig -nssdir sql:nssdb acknowledgement.pdf

The trust flags ",C," trust the root for e-mail and document signing, which is what
pdfsig checks; "C,," (TLS servers only) is not enough. Every signature should show
"Signature Validation: Signature is Valid." and "Certificate Validation: Certificate is
Trusted.". Read the text, not the exit status: pdfsig exits with 0 even when it reports
"Digest Mismatch" (the file was altered). pdfsig also does not notice a page changed in
an update added after a signature; use `induct verify` for that.

## With Induct

    induct verify --trust {pem} acknowledgement.pdf

For each signature it names the field, the signer, the certificate fingerprint, and
whether the signature is intact, whether the document was changed after it (beyond what
later signatures added) and whether the certificate is trusted. It exits with 0 when every
signature is intact, unchanged after and trusted; 1 when one is not, or the file has no
signature (each problem is printed on its own line); and 2 when a file cannot be read as
a PDF. `--json` prints the same as JSON.
"""


def kit_guide(
    org_name: str, org_id: str, pem_name: str, der_name: str, fingerprint_grouped: str
) -> str:
    """GUIDE.md for `org_name`'s verification kit."""
    return _GUIDE.format(
        org=org_name,
        org_id=org_id.upper(),
        pem=pem_name,
        der=der_name,
        fingerprint=fingerprint_grouped,
    )
