#!/usr/bin/env python3
"""Writes model/tests/fixtures/sync-vectors.json: sync entries sealed as model/src/sync/keys.rs
defines, by a third implementation (Python's `cryptography`, on OpenSSL), so the native
(RustCrypto) and browser (Web Crypto) sealing are both checked against something neither
wrote. Run it only to change the protocol; the tests read the committed file."""
import base64, hashlib, hmac, json, pathlib
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

SALT = b"wegwijs sync v1"

def b64(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def hkdf(ikm, label, n):
    return HKDF(hashes.SHA256(), n, SALT, label).derive(ikm)

secret = bytes(range(32))
space_id = b64(hkdf(secret, b"space id", 16))
token = b64(hkdf(secret, b"auth token", 32))
entry_key = hkdf(secret, b"entry key", 32)
id_key = hkdf(secret, b"id key", 32)

cells = [
    ("done:register-brp", "1", {"ms": 1780000000000, "c": 0, "node": 7}),
    ("note:gp", "afspraak 12 maart 10:00 \"kamer 3\" موعد ✓", {"ms": 1780000000001, "c": 2, "node": 4000000000}),
    ("answer:housing", "", {"ms": 0, "c": 0, "node": 0}),
]
entries = []
for i, (key, value, at) in enumerate(cells):
    entry_id = b64(hmac.new(id_key, key.encode(), hashlib.sha256).digest())
    aad = f"{SALT.decode()}\0{space_id}\0{entry_id}\0{at['ms']}.{at['c']}.{at['node']}".encode()
    msg = json.dumps({"key": key, "value": value}, ensure_ascii=False, separators=(",", ":")).encode()
    nonce = bytes([i + 1] * 12)
    data = b64(nonce + AESGCM(entry_key).encrypt(nonce, msg, aad))
    entries.append({"key": key, "value": value, "nonce": nonce.hex(), "entry": {"id": entry_id, "at": at, "data": data}})

out = {
    "about": "Written by scripts/sync-vectors.py with Python cryptography (OpenSSL); read by model/tests/seal.rs and tests/web.rs.",
    "secret": b64(secret),
    "space_id": space_id,
    "token": token,
    "token_sha256": hashlib.sha256(token.encode()).hexdigest(),
    "entries": entries,
}
path = pathlib.Path(__file__).resolve().parent.parent / "model/tests/fixtures/sync-vectors.json"
path.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
print(path)
