"""The verification kit's guide: how anyone can check an Induct signature without Induct."""

from __future__ import annotations

_GUIDE = """\
# Checking {org}'s signed acknowledgements

Acknowledgements made with Induct carry digital signatures (PAdES, in the PDF's own
signature fields): the person's, a parent's or guardian's for someone under 18, and a
trustee's countersignature.

## Who issues which certificate

- {org}'s signing root is the certificate in this kit. It stays on one computer of
  {org}'s and issues two kinds of certificate only:
  - to each **computer {org} has enrolled** for inductions (named, for example
    "Laptop 3", valid for a set number of months), which may issue signers'
    certificates and nothing else;
  - to each **trustee**, for their term.
- Every signature by a volunteer, member or guardian is made with a key created for that
  one signature and destroyed straight after. On an enrolled computer its certificate is
  issued by that computer; elsewhere (someone signing at home) it is self-signed.
- A trustee countersigns with their own key, and their certificate ends with their term.

## The three outcomes

- **Valid**: the signature is intact, the document is unchanged since (apart from later
  signatures), and the certificate leads to the root in this kit and was not revoked
  when the signature was made.
- **Needs a trustee**: intact and unchanged, but made on a computer {org} has not
  enrolled, so its certificate is self-signed. A trustee checks it and countersigns the
  document; once a valid trustee countersignature is on the file, Induct reads the
  signature as "vouched for by" that trustee, and valid. Other checkers show such a
  signature as not trusted (pdfsig: "Certificate issuer isn't Trusted." or "Certificate
  is Self-Signed"); the trustee's countersignature below it is what vouches for it.
- **Broken**: the document was altered or changed after signing, a certificate was
  revoked before the signature was made, or a countersignature is not by a trustee
  {org}'s root has authorised. Do not rely on the document.

These signatures show who signed with which key and that the document has not changed
since. They are not backed by any outside trust service, and the signing time is the
signing computer's own clock.

## What is in this kit

- `{pem}`: the root certificate in PEM form (for pdfsig, `induct verify`, most tools);
- `{der}`: the same certificate in DER form (for Acrobat Reader and Windows);
- `{crl}`: the root's certificate revocation list (CRL): the enrolled computers (a lost
  laptop) and trustees (one who resigned) whose certificates were withdrawn, each with
  the date and reason. Ask {org} for a new kit after a revocation. A countersignature
  also carries, inside the PDF, the revocation list it was checked with;
- the root's SHA-256 fingerprint:

      {fingerprint}

Before trusting the certificate, compare this fingerprint with one you received from
{org} by another route (printed, or read out on the phone). Anyone can make a certificate
with the same name; only the fingerprint tells them apart. Induct, certutil and Acrobat
show it in this same form.

## With Induct

    induct verify --trust {pem} --crl {crl} acknowledgement.pdf

For each signature it names the field, the signer, the certificate fingerprint and the
outcome (VALID, NEEDS A TRUSTEE or BROKEN) with its reason; a revoked certificate is
named with the date and reason of its revocation. It uses this kit's revocation list,
and the one the file carries. It exits with 0 when every signature is valid, 1 when one
is broken or the file has no signature, 3 when one still needs a trustee, and 2 when a
file cannot be read as a PDF. `--json` prints the same as JSON.

## With poppler's pdfsig (Linux, macOS)

    mkdir nssdb
    certutil -d sql:nssdb -N --empty-password
    certutil -d sql:nssdb -A -n "{org_id} root" -t ",C," -i {pem}
    certutil -d sql:nssdb -L -n "{org_id} root"
    pdfsig -nssdir sql:nssdb acknowledgement.pdf

The fourth command shows the root's SHA-256 fingerprint to compare with the one above.
The trust flags ",C," trust the root for e-mail and document signing, which is what
pdfsig checks; "C,," (TLS servers only) is not enough. For an acknowledgement signed on
an enrolled computer, every signature, the countersignature included, shows "Signature
Validation: Signature is Valid." and "Certificate Validation: Certificate is Trusted.".
Read the text, not the exit status: pdfsig exits with 0 even when it reports
"Digest Mismatch" (the file was altered). pdfsig does not read this kit's revocation list, and
does not notice a page changed in an update added after a signature: use
`induct verify` for those.

## In Adobe Acrobat Reader

1. Open Preferences (Edit > Preferences; on macOS Acrobat Reader > Settings), choose
   Signatures, and under "Identities & Trusted Certificates" choose More.
2. Choose Trusted Certificates, then Import, and pick `{der}`. Select the imported
   certificate, choose Certificate Details and compare its SHA-256 fingerprint (on the
   Details tab) with the one above.
3. Choose Edit Trust, tick "Use this certificate as a trusted root", and confirm.
4. Open the acknowledgement and the Signature panel. Each signature made on an enrolled
   computer, and the trustee's, should read "Signature is valid". The last one should say
   the document has not been modified since it was applied; earlier ones say there were
   later changes, which are the later signatures: choose "View signed version" to see
   exactly what each person signed.
"""


def kit_guide(
    org_name: str,
    org_id: str,
    pem_name: str,
    der_name: str,
    crl_name: str,
    fingerprint_grouped: str,
) -> str:
    """GUIDE.md for `org_name`'s verification kit."""
    return _GUIDE.format(
        org=org_name,
        org_id=org_id.upper(),
        pem=pem_name,
        der=der_name,
        crl=crl_name,
        fingerprint=fingerprint_grouped,
    )
