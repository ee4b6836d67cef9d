//! The browser's sealing (Web Crypto, src/crypto.rs) in headless Chromium: the primitives pass
//! the published vectors, and the protocol derives, seals and opens exactly as the native
//! implementation and a third one did (model/tests/fixtures/sync-vectors.json, which
//! model/tests/seal.rs holds the native side to). Native test runs skip this file.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use wegwijs::crypto::{aes256gcm_open, aes256gcm_seal, hkdf_sha256, hmac_sha256, new_secret, Keys};
use wegwijs_model::progress::Cell;
use wegwijs_model::sync::keys::{from_base64url, to_base64url, SealError};
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::Entry;
use wegwijs_model::Stamp;

wasm_bindgen_test_configure!(run_in_browser);

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

#[wasm_bindgen_test]
async fn hkdf_passes_rfc_5869() {
    // Appendix A.1 and A.3 (SHA-256); A.2 is in the native test.
    let ikm = hex(&"0b".repeat(22));
    let okm = hkdf_sha256(&ikm, &hex("000102030405060708090a0b0c"), &hex("f0f1f2f3f4f5f6f7f8f9"), 42).await.unwrap();
    assert_eq!(okm, hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    let okm = hkdf_sha256(&ikm, &[], &[], 42).await.unwrap();
    assert_eq!(okm, hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
}

#[wasm_bindgen_test]
async fn aes_gcm_passes_nist_vectors() {
    // NIST CAVP gcmEncryptExtIV256.rsp [Keylen = 256, IVlen = 96, PTlen = 128, AADlen = 0]
    // Count = 0, and the GCM specification's test case 16 (with AAD), as in the native test.
    let cases = [
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
        let (key, nonce, pt, aad, sealed) = (hex(key), hex(nonce), hex(pt), hex(aad), hex(sealed));
        assert_eq!(aes256gcm_seal(&key, &nonce, &pt, &aad).await.unwrap(), sealed);
        assert_eq!(aes256gcm_open(&key, &nonce, &sealed, &aad).await.unwrap(), pt);
        let mut forged = sealed.clone();
        forged[3] ^= 1;
        assert_eq!(aes256gcm_open(&key, &nonce, &forged, &aad).await, Err(SealError::Forged));
    }
}

#[wasm_bindgen_test]
async fn hmac_passes_rfc_4231() {
    let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?").await.unwrap();
    assert_eq!(mac, hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

const VECTORS: &str = include_str!("../model/tests/fixtures/sync-vectors.json");

#[wasm_bindgen_test]
async fn derives_seals_and_opens_as_the_native_side_does() {
    let json: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
    let keys = Keys::from_secret(json["secret"].as_str().unwrap()).await.unwrap();
    assert_eq!(keys.space_id, json["space_id"]);
    assert_eq!(keys.token, json["token"]);
    for e in json["entries"].as_array().unwrap() {
        let entry: Entry = serde_json::from_value(e["entry"].clone()).unwrap();
        let change = Change {
            key: e["key"].as_str().unwrap().into(),
            cell: Cell { value: e["value"].as_str().unwrap().into(), at: entry.at },
        };
        assert_eq!(keys.open(&entry).await, Ok(change.clone()), "opens {}", change.key);
        let sealed = keys.seal_with_nonce(&change, &hex(e["nonce"].as_str().unwrap())).await.unwrap();
        assert_eq!(sealed, entry, "seals {} byte for byte", change.key);
    }
    let first: Entry = serde_json::from_value(json["entries"][0]["entry"].clone()).unwrap();
    let later = Entry { at: Stamp { ms: first.at.ms + 1, ..first.at }, ..first.clone() };
    assert_eq!(keys.open(&later).await, Err(SealError::Forged), "a stamp changed on the way");
    let mut bytes = from_base64url(&first.data).unwrap();
    bytes[20] ^= 1;
    assert_eq!(keys.open(&Entry { data: to_base64url(&bytes), ..first.clone() }).await, Err(SealError::Forged));
    assert_eq!(keys.open(&Entry { data: "AAAA".into(), ..first }).await, Err(SealError::BadData));
}

#[wasm_bindgen_test]
async fn fresh_secrets_and_nonces_round_trip() {
    let secret = new_secret().unwrap();
    assert_eq!(from_base64url(&secret).unwrap().len(), 32);
    assert_ne!(secret, new_secret().unwrap());
    let keys = Keys::from_secret(&secret).await.unwrap();
    let change = Change { key: "note:gp".into(), cell: Cell { value: "di 10:00".into(), at: Stamp { ms: 9, c: 1, node: 3 } } };
    let (a, b) = (keys.seal(&change).await.unwrap(), keys.seal(&change).await.unwrap());
    assert_ne!(a.data, b.data);
    assert_eq!(keys.open(&a).await, Ok(change.clone()));
    assert_eq!(keys.open(&b).await, Ok(change));
    assert!(matches!(Keys::from_secret("too-short").await, Err(SealError::BadSecret)));
}

#[wasm_bindgen_test]
fn the_browser_writes_and_reads_plaintext_as_the_native_side_does() {
    for (key, value) in [
        ("note:digid", "afspraak 12 maart 10:00"),
        ("note:x", "quote \" backslash \\ slash / tab \t newline \n return \r"),
        ("note:y", "\u{0}\u{1}\u{8}\u{b}\u{c}\u{1f}\u{7f} control"),
        ("note:z", "موعد البلدية ١٢ مارس · ቆጸራ · \u{2028}\u{2029} · 😀"),
        ("answer:housing", ""),
    ] {
        let native = wegwijs_model::sync::keys::plaintext(key, value);
        assert_eq!(wegwijs::crypto::plaintext(key, value), native, "{value:?}");
        assert_eq!(wegwijs::crypto::read_plaintext(&native), Some((key.to_owned(), value.to_owned())));
        assert_eq!(wegwijs_model::sync::keys::read_plaintext(&wegwijs::crypto::plaintext(key, value)), Some((key.to_owned(), value.to_owned())));
    }
    assert_eq!(wegwijs::crypto::read_plaintext(b"{\"key\":1}"), None);
    assert_eq!(wegwijs::crypto::read_plaintext(b"not json"), None);
}
