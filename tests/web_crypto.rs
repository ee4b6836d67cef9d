//! The browser's sealing (Web Crypto, in src/sync.js) in headless Chromium: the primitives pass
//! the published vectors, and the protocol derives, seals and opens exactly as the native
//! implementation and a third one did (model/tests/fixtures/sync-vectors.json, which
//! model/tests/seal.rs holds the native side to), in both directions. Native test runs skip
//! this file.
#![cfg(target_arch = "wasm32")]

use js_sys::Uint8Array;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wegwijs_model::progress::Cell;
use wegwijs_model::sync::keys::{from_base64url, to_base64url};
use wegwijs_model::sync::seal::Keys as NativeKeys;
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::Entry;
use wegwijs_model::Stamp;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/src/sync.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn hkdf(ikm: Vec<u8>, salt: Vec<u8>, info: Vec<u8>, len: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn hmac(key: Vec<u8>, msg: Vec<u8>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = aesSeal)]
    async fn aes_seal(key: Vec<u8>, nonce: Vec<u8>, msg: Vec<u8>, aad: Vec<u8>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = aesOpen)]
    async fn aes_open(key: Vec<u8>, nonce: Vec<u8>, sealed: Vec<u8>, aad: Vec<u8>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn derive(secret: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = seal)]
    async fn seal_js(keys: &JsValue, change: JsValue, nonce: Vec<u8>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = seal)]
    async fn seal_fresh(keys: &JsValue, change: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = open)]
    async fn open_js(keys: &JsValue, entry: JsValue) -> Result<JsValue, JsValue>;
    fn plaintext(key: &str, value: &str) -> Vec<u8>;
    #[wasm_bindgen(js_name = readPlaintext)]
    fn read_plaintext(bytes: Vec<u8>) -> JsValue;
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

fn bytes(v: JsValue) -> Vec<u8> {
    Uint8Array::new(&v).to_vec()
}

fn to_js(v: &Value) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).unwrap()
}

fn from_js(v: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(v).unwrap().as_string().unwrap()).unwrap()
}

fn change_js(c: &Change) -> JsValue {
    to_js(&json!({ "key": c.key, "value": c.cell.value, "at": c.cell.at }))
}

fn change_of(v: &JsValue) -> Change {
    let v = from_js(v);
    Change {
        key: v["key"].as_str().unwrap().into(),
        cell: Cell { value: v["value"].as_str().unwrap().into(), at: serde_json::from_value(v["at"].clone()).unwrap() },
    }
}

/// What open() said when it refused, or None when it opened.
async fn refusal(keys: &JsValue, entry: &Entry) -> Option<String> {
    match open_js(keys, to_js(&serde_json::to_value(entry).unwrap())).await {
        Ok(_) => None,
        Err(e) => Some(js_sys::Error::from(e).message().into()),
    }
}

#[wasm_bindgen_test]
async fn hkdf_passes_rfc_5869() {
    // Appendix A.1 and A.3 (SHA-256); A.2 is in the native test.
    let ikm = hex(&"0b".repeat(22));
    let okm =
        bytes(hkdf(ikm.clone(), hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42).await.unwrap());
    assert_eq!(okm, hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    let okm = bytes(hkdf(ikm, vec![], vec![], 42).await.unwrap());
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
        assert_eq!(bytes(aes_seal(key.clone(), nonce.clone(), pt.clone(), aad.clone()).await.unwrap()), sealed);
        assert_eq!(bytes(aes_open(key.clone(), nonce.clone(), sealed.clone(), aad.clone()).await.unwrap()), pt);
        let mut forged = sealed.clone();
        forged[3] ^= 1;
        assert!(aes_open(key, nonce, forged, aad).await.unwrap().is_null(), "a changed byte does not open");
    }
}

#[wasm_bindgen_test]
async fn hmac_passes_rfc_4231() {
    let mac = bytes(hmac(b"Jefe".to_vec(), b"what do ya want for nothing?".to_vec()).await.unwrap());
    assert_eq!(mac, hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

const VECTORS: &str = include_str!("../model/tests/fixtures/sync-vectors.json");

#[wasm_bindgen_test]
async fn derives_seals_and_opens_as_the_native_side_does() {
    let json: Value = serde_json::from_str(VECTORS).unwrap();
    let keys = derive(json["secret"].as_str().unwrap()).await.unwrap();
    let names = from_js(&keys);
    assert_eq!(names["space"], json["space_id"]);
    assert_eq!(names["token"], json["token"]);
    for e in json["entries"].as_array().unwrap() {
        let entry: Entry = serde_json::from_value(e["entry"].clone()).unwrap();
        let change = Change {
            key: e["key"].as_str().unwrap().into(),
            cell: Cell { value: e["value"].as_str().unwrap().into(), at: entry.at },
        };
        let opened = open_js(&keys, to_js(&e["entry"])).await.unwrap();
        assert_eq!(change_of(&opened), change, "opens {}", change.key);
        let sealed = seal_js(&keys, change_js(&change), hex(e["nonce"].as_str().unwrap())).await.unwrap();
        assert_eq!(from_js(&sealed), e["entry"], "seals {} byte for byte", change.key);
    }
    let first: Entry = serde_json::from_value(json["entries"][0]["entry"].clone()).unwrap();
    let later = Entry { at: Stamp { ms: first.at.ms + 1, ..first.at }, ..first.clone() };
    assert!(refusal(&keys, &later).await.unwrap().contains("does not open"), "a stamp changed on the way");
    let mut changed = from_base64url(&first.data).unwrap();
    changed[20] ^= 1;
    assert!(refusal(&keys, &Entry { data: to_base64url(&changed), ..first.clone() })
        .await
        .unwrap()
        .contains("does not open"));
    assert!(refusal(&keys, &Entry { data: "AAAA".into(), ..first.clone() }).await.unwrap().contains("not base64url"));
    assert!(refusal(&keys, &Entry { data: "*".into(), ..first }).await.unwrap().contains("not base64url"));
}

#[wasm_bindgen_test]
async fn what_the_browser_seals_with_a_fresh_secret_and_nonce_opens_natively() {
    let secret = wegwijs::sync::new_secret().unwrap();
    assert_eq!(from_base64url(&secret).unwrap().len(), 32);
    assert_ne!(secret, wegwijs::sync::new_secret().unwrap());
    let keys = derive(&secret).await.unwrap();
    let native = NativeKeys::from_secret(&secret).unwrap();
    assert_eq!(from_js(&keys)["space"], native.space_id.as_str());
    let change = Change {
        key: "note:gp".into(),
        cell: Cell { value: "di 10:00 · موعد".into(), at: Stamp { ms: 9, c: 1, node: 3 } },
    };
    let a = seal_fresh(&keys, change_js(&change)).await.unwrap();
    let b = seal_fresh(&keys, change_js(&change)).await.unwrap();
    assert_ne!(from_js(&a)["data"], from_js(&b)["data"], "a fresh nonce each time");
    for sealed in [&a, &b] {
        let entry: Entry = serde_json::from_value(from_js(sealed)).unwrap();
        assert_eq!(native.open(&entry), Ok(change.clone()), "the native side opens what the browser sealed");
        assert_eq!(change_of(&open_js(&keys, sealed.clone()).await.unwrap()), change);
    }
    let entry = native.seal(&change);
    assert_eq!(
        change_of(&open_js(&keys, to_js(&serde_json::to_value(&entry).unwrap())).await.unwrap()),
        change,
        "and the other way"
    );
    let other = derive(&wegwijs::sync::new_secret().unwrap()).await.unwrap();
    assert!(refusal(&other, &entry).await.unwrap().contains("does not open"), "another space's key does not open it");
    assert!(derive("too-short").await.is_err());
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
        assert_eq!(plaintext(key, value), native, "{value:?}");
        assert_eq!(from_js(&read_plaintext(native)), json!({ "key": key, "value": value }));
        assert_eq!(
            wegwijs_model::sync::keys::read_plaintext(&plaintext(key, value)),
            Some((key.to_owned(), value.to_owned()))
        );
    }
    assert!(read_plaintext(b"{\"key\":1}".to_vec()).is_null());
    assert!(read_plaintext(b"not json".to_vec()).is_null());
    assert!(read_plaintext(vec![0xff, 0xfe]).is_null());
}
