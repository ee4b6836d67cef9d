//! Native sealing: the primitives pass the published vectors (RFC 5869 for HKDF-SHA256, NIST's
//! for AES-256-GCM, RFC 4231 for HMAC-SHA256), and the protocol matches the entries another
//! implementation sealed (`fixtures/sync-vectors.json`, from scripts/sync-vectors.py), both
//! ways. The browser's Web Crypto sealing is held to the same file in tests/web.rs.

use wegwijs_model::progress::Cell;
use wegwijs_model::sync::keys::SealError;
use wegwijs_model::sync::keys::{from_base64url, to_base64url};
use wegwijs_model::sync::seal::{aes256gcm_open, aes256gcm_seal, hkdf_sha256, hmac_sha256, new_secret, Keys};
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::Entry;
use wegwijs_model::Stamp;

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn hkdf_passes_rfc_5869() {
    // Appendix A.1, A.2 and A.3 (SHA-256).
    // (ikm, salt, info, length, okm)
    type Case = (Vec<u8>, Vec<u8>, Vec<u8>, usize, &'static str);
    let cases: [Case; 3] = [
        (
            hex(&"0b".repeat(22)),
            hex("000102030405060708090a0b0c"),
            hex("f0f1f2f3f4f5f6f7f8f9"),
            42,
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        ),
        (
            (0x00..=0x4f).collect(),
            (0x60..=0xaf).collect(),
            (0xb0..=0xff).collect(),
            82,
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87",
        ),
        (
            hex(&"0b".repeat(22)),
            Vec::new(),
            Vec::new(),
            42,
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
        ),
    ];
    for (ikm, salt, info, len, okm) in cases {
        assert_eq!(to_hex(&hkdf_sha256(&ikm, &salt, &info, len)), okm);
    }
}

#[test]
fn aes_gcm_passes_nist_vectors() {
    // (key, nonce, plaintext, aad, ciphertext ‖ tag):
    // - NIST CAVP gcmEncryptExtIV256.rsp, [Keylen = 256, IVlen = 96, PTlen = 0 / 128, AADlen = 0],
    //   Count = 0 of each;
    // - the GCM specification's test case 16 (McGrew and Viega, as submitted to NIST), with AAD.
    let cases = [
        (
            "0000000000000000000000000000000000000000000000000000000000000000",
            "000000000000000000000000",
            "",
            "",
            "530f8afbc74536b9a963b4f1c4cb738b",
        ),
        (
            "31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22",
            "0d18e06c7c725ac9e362e1ce",
            "2db5168e932556f8089a0622981d017d",
            "",
            "fa4362189661d163fcd6a56d8bf0405ad636ac1bbedd5cc3ee727dc2ab4a9489",
        ),
        (
            "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
            "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f66276fc6ece0f4e1768cddf8853bb2d551b",
        ),
    ];
    for (key, nonce, pt, aad, sealed) in cases {
        let key: [u8; 32] = hex(key).try_into().unwrap();
        let nonce: [u8; 12] = hex(nonce).try_into().unwrap();
        assert_eq!(to_hex(&aes256gcm_seal(&key, &nonce, &hex(pt), &hex(aad))), sealed);
        assert_eq!(aes256gcm_open(&key, &nonce, &hex(sealed), &hex(aad)), Some(hex(pt)));
        let mut forged = hex(sealed);
        forged[0] ^= 1;
        assert_eq!(aes256gcm_open(&key, &nonce, &forged, &hex(aad)), None, "a changed byte is refused");
    }
}

#[test]
fn hmac_passes_rfc_4231() {
    // Test cases 1 and 2.
    assert_eq!(
        to_hex(&hmac_sha256(&hex(&"0b".repeat(20)), b"Hi There")),
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    );
    assert_eq!(
        to_hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

struct Vectors {
    keys: Keys,
    json: serde_json::Value,
}

fn vectors() -> Vectors {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sync-vectors.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    Vectors { keys: Keys::from_secret(json["secret"].as_str().unwrap()).unwrap(), json }
}

#[test]
fn derives_the_names_another_implementation_derived() {
    let v = vectors();
    assert_eq!(v.keys.space_id, v.json["space_id"]);
    assert_eq!(v.keys.token, v.json["token"]);
    for e in v.json["entries"].as_array().unwrap() {
        assert_eq!(v.keys.entry_id(e["key"].as_str().unwrap()), e["entry"]["id"]);
    }
}

#[test]
fn seals_as_another_implementation_did_and_opens_what_it_sealed() {
    let v = vectors();
    for e in v.json["entries"].as_array().unwrap() {
        let entry: Entry = serde_json::from_value(e["entry"].clone()).unwrap();
        let change = Change {
            key: e["key"].as_str().unwrap().into(),
            cell: Cell { value: e["value"].as_str().unwrap().into(), at: entry.at },
        };
        assert_eq!(v.keys.open(&entry), Ok(change.clone()), "opens {}", change.key);
        let nonce: [u8; 12] = hex(e["nonce"].as_str().unwrap()).try_into().unwrap();
        assert_eq!(v.keys.seal_with_nonce(&change, nonce), entry, "seals {} byte for byte", change.key);
    }
}

#[test]
fn refuses_entries_moved_changed_or_of_another_space() {
    let v = vectors();
    let entries: Vec<Entry> = v.json["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| serde_json::from_value(e["entry"].clone()).unwrap())
        .collect();
    let moved = Entry { id: entries[1].id.clone(), ..entries[0].clone() };
    assert_eq!(v.keys.open(&moved), Err(SealError::Forged), "moved to another key");
    let later = Entry { at: Stamp { ms: entries[0].at.ms + 1, ..entries[0].at }, ..entries[0].clone() };
    assert_eq!(v.keys.open(&later), Err(SealError::Forged), "given a later stamp");
    let mut bytes = from_base64url(&entries[0].data).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    assert_eq!(v.keys.open(&Entry { data: to_base64url(&bytes), ..entries[0].clone() }), Err(SealError::Forged));
    assert_eq!(v.keys.open(&Entry { data: "AAAA".into(), ..entries[0].clone() }), Err(SealError::BadData));
    assert_eq!(v.keys.open(&Entry { data: "not base64".into(), ..entries[0].clone() }), Err(SealError::BadData));
    let other = Keys::from_secret(&new_secret()).unwrap();
    assert_eq!(other.open(&entries[0]), Err(SealError::Forged), "another space's key");
    assert!(Keys::from_secret("short").is_err());
    assert!(Keys::from_secret(&format!("{}A", v.json["secret"].as_str().unwrap())).is_err());
}

#[test]
fn every_seal_uses_a_fresh_nonce_and_opens() {
    let keys = Keys::from_secret(&new_secret()).unwrap();
    let change = Change { key: "done:gp".into(), cell: Cell { value: "1".into(), at: Stamp { ms: 5, c: 0, node: 1 } } };
    let (a, b) = (keys.seal(&change), keys.seal(&change));
    assert_ne!(a.data, b.data);
    assert_eq!(keys.open(&a), Ok(change.clone()));
    assert_eq!(keys.open(&b), Ok(change));
    assert_ne!(new_secret(), new_secret());
    assert_eq!(from_base64url(&new_secret()).unwrap().len(), 32);
}

#[test]
fn the_longest_note_still_fits_one_entry() {
    use wegwijs_model::progress::NOTE_MAX;
    use wegwijs_model::sync::MAX_DATA_CHARS;
    let keys = Keys::from_secret(&new_secret()).unwrap();
    // Three bytes a unit is the most a text box's character can take in UTF-8 (a four-byte
    // character counts as two units); quotes and new lines double in JSON.
    for unit in ["ሀ", "\"", "\n", "ع"] {
        let change = Change {
            key: "note:nareis-documents".into(),
            cell: Cell { value: unit.repeat(NOTE_MAX), at: Stamp { ms: u64::MAX / 2, c: u32::MAX, node: u32::MAX } },
        };
        let entry = keys.seal(&change);
        assert!(entry.data.len() <= MAX_DATA_CHARS, "{unit:?}: {} characters", entry.data.len());
    }
}
