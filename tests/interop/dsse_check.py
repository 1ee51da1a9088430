"""An independent DSSE / in-toto implementation for mcp-audit's interoperability test.

Uses securesystemslib's DSSE envelope (its own PAE and Ed25519 verification, through
`cryptography`) and, as a second check, a PAE written here from the DSSE spec with a bare
`cryptography` Ed25519 verify. Nothing from mcp-audit is imported.

    python dsse_check.py verify ENVELOPE PUBLIC_PEM KEYID
        verify an mcp-audit envelope; print the statement's subject and predicate summary as JSON
    python dsse_check.py sign SCORE_DOCUMENT PRIVATE_PEM KEYID PURL OUT
        sign an in-toto statement about SCORE_DOCUMENT's package as mcp-audit would, write OUT
"""

import base64
import copy
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import CryptoSigner, SSlibKey

PAYLOAD_TYPE = "application/vnd.in-toto+json"
STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
PREDICATE_TYPE = "https://github.com/mcp-audit/mcp-audit/blob/main/docs/attestation.md#score-predicate-v1"


def pae(payload_type: str, payload: bytes) -> bytes:
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def verify(envelope_path: str, public_path: str, keyid: str) -> None:
    with open(public_path, "rb") as f:
        public = load_pem_public_key(f.read())
    with open(envelope_path) as f:
        raw = json.load(f)
    envelope = Envelope.from_dict(copy.deepcopy(raw))
    if envelope.payload_type != PAYLOAD_TYPE:
        sys.exit(f"payloadType {envelope.payload_type!r}")
    # 1. securesystemslib: raises VerificationError unless the threshold of 1 is met.
    envelope.verify([SSlibKey.from_crypto(public, keyid=keyid)], 1)
    # 2. The spec's PAE by hand, with cryptography's Ed25519.
    for signature in raw["signatures"]:
        public.verify(base64.b64decode(signature["sig"]), pae(raw["payloadType"], base64.b64decode(raw["payload"])))
    statement = json.loads(envelope.payload)
    assert statement["_type"] == STATEMENT_TYPE, statement["_type"]
    assert statement["predicateType"] == PREDICATE_TYPE, statement["predicateType"]
    (subject,) = statement["subject"]
    assert subject["digest"]["sha256"] == statement["predicate"]["package"]["sha256"]
    print(json.dumps({"subject": subject, "score": statement["predicate"]["score"],
                      "verdict": statement["predicate"]["verdict"]}))


def sign(document_path: str, private_path: str, keyid: str, purl: str, out_path: str) -> None:
    with open(private_path, "rb") as f:
        private = load_pem_private_key(f.read(), password=None)
    with open(document_path) as f:
        document = json.load(f)
    statement = {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": purl, "digest": {"sha256": document["package"]["sha256"]}}],
        "predicateType": PREDICATE_TYPE,
        "predicate": document,
    }
    envelope = Envelope(json.dumps(statement).encode(), PAYLOAD_TYPE, {})
    envelope.sign(CryptoSigner(private, SSlibKey.from_crypto(private.public_key(), keyid=keyid)))
    with open(out_path, "w") as f:
        json.dump(envelope.to_dict(), f)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"verify": verify, "sign": sign}[command](*args)
