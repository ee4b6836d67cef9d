//! Sealing and opening sync entries in the browser with Web Crypto (`crypto.subtle`: HKDF,
//! HMAC, AES-GCM), as `wegwijs_model::sync::keys` defines them, so the app ships no cipher of
//! its own. tests/web.rs holds it to the published vectors and to the entries the native
//! implementation and a third one sealed.

use js_sys::{Array, Object, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, HkdfParams, HmacImportParams, SubtleCrypto};
use wegwijs_model::progress::Cell;
use wegwijs_model::sync::keys::{
    associated_data, from_base64url, to_base64url, SealError, AUTH_TOKEN, ENTRY_KEY, ID_KEY, NONCE_BYTES, SALT,
    SECRET_BYTES, SPACE_ID,
};
use wegwijs_model::sync::wire::Change;
use wegwijs_model::sync::Entry;

/// What is sealed for one cell, byte for byte as `keys::plaintext` writes it natively, through
/// the browser's `JSON` (serde_json would add about 40 KB brotli to the wasm): both write
/// `{"key":…,"value":…}` in that order, escape the same characters the same way, and a test
/// (tests/web_crypto.rs) seals with a fixed nonce and compares with the native bytes.
pub fn plaintext(key: &str, value: &str) -> Vec<u8> {
    let o = Object::new();
    crate::read::set(&o, "key", &JsValue::from_str(key));
    crate::read::set(&o, "value", &JsValue::from_str(value));
    crate::read::stringify(&o).into_bytes()
}

/// Reads [`plaintext`] back (and the native side's).
pub fn read_plaintext(bytes: &[u8]) -> Option<(String, String)> {
    let value = js_sys::JSON::parse(std::str::from_utf8(bytes).ok()?).ok()?;
    Some((crate::read::string(&value, "key").ok()?, crate::read::string(&value, "value").ok()?))
}

fn failed(e: JsValue) -> SealError {
    SealError::Crypto(e.as_string().or_else(|| js_sys::Error::from(e).message().as_string()).unwrap_or_default())
}

fn crypto() -> Result<web_sys::Crypto, SealError> {
    web_sys::window().ok_or_else(|| SealError::Crypto("no window".into()))?.crypto().map_err(failed)
}

fn subtle() -> Result<SubtleCrypto, SealError> {
    Ok(crypto()?.subtle())
}

fn bytes(b: &[u8]) -> Object {
    Uint8Array::from(b).into()
}

async fn wait(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, SealError> {
    JsFuture::from(promise.map_err(failed)?).await.map_err(failed)
}

async fn wait_bytes(promise: Result<js_sys::Promise, JsValue>) -> Result<Vec<u8>, SealError> {
    Ok(Uint8Array::new(&wait(promise).await?).to_vec())
}

async fn import(raw: &[u8], algorithm: &Object, usage: &str) -> Result<CryptoKey, SealError> {
    let usages = Array::of1(&usage.into());
    let key = wait(subtle()?.import_key_with_object("raw", &bytes(raw), algorithm, false, &usages)).await?;
    Ok(key.unchecked_into())
}

/// Random bytes from the browser's cryptographic source.
pub fn random(len: usize) -> Result<Vec<u8>, SealError> {
    let mut out = vec![0; len];
    crypto()?.get_random_values_with_u8_array(&mut out).map_err(failed)?;
    Ok(out)
}

/// A new random secret, as the link carries it.
pub fn new_secret() -> Result<String, SealError> {
    Ok(to_base64url(&random(SECRET_BYTES)?))
}

/// HKDF-SHA256 (RFC 5869): `len` bytes from `ikm` with `salt` and `info`.
pub async fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Result<Vec<u8>, SealError> {
    let base = import(ikm, &Object::from(JsValue::from_str("HKDF")), "deriveBits").await?;
    let params = HkdfParams::new_with_str("HKDF", "SHA-256", &bytes(info), &bytes(salt));
    wait_bytes(subtle()?.derive_bits_with_object(&params, &base, (len * 8) as u32)).await
}

async fn hmac_key(raw: &[u8]) -> Result<CryptoKey, SealError> {
    import(raw, &HmacImportParams::new_with_str("HMAC", "SHA-256"), "sign").await
}

async fn hmac(key: &CryptoKey, msg: &[u8]) -> Result<Vec<u8>, SealError> {
    wait_bytes(subtle()?.sign_with_str_and_buffer_source("HMAC", key, &bytes(msg))).await
}

/// HMAC-SHA256.
pub async fn hmac_sha256(key: &[u8], msg: &[u8]) -> Result<Vec<u8>, SealError> {
    hmac(&hmac_key(key).await?, msg).await
}

async fn aes_key(raw: &[u8], usage: &str) -> Result<CryptoKey, SealError> {
    import(raw, &Object::from(JsValue::from_str("AES-GCM")), usage).await
}

fn gcm(nonce: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &bytes(nonce));
    params.set_additional_data(&bytes(aad));
    params
}

/// AES-256-GCM with a 96-bit nonce: the ciphertext followed by the 16-byte tag.
pub async fn aes256gcm_seal(key: &[u8], nonce: &[u8], msg: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    let key = aes_key(key, "encrypt").await?;
    wait_bytes(subtle()?.encrypt_with_object_and_buffer_source(&gcm(nonce, aad), &key, &bytes(msg))).await
}

/// Opens [`aes256gcm_seal`]'s output; [`SealError::Forged`] when the tag does not match.
pub async fn aes256gcm_open(key: &[u8], nonce: &[u8], sealed: &[u8], aad: &[u8]) -> Result<Vec<u8>, SealError> {
    let key = aes_key(key, "decrypt").await?;
    let promise = subtle()?.decrypt_with_object_and_buffer_source(&gcm(nonce, aad), &key, &bytes(sealed));
    JsFuture::from(promise.map_err(failed)?)
        .await
        .map(|buf| Uint8Array::new(&buf).to_vec())
        .map_err(|_| SealError::Forged)
}

/// What a phone derives from a space's secret.
pub struct Keys {
    /// The space's id, in the API's paths.
    pub space_id: String,
    /// The token for the `Authorization: Bearer` header.
    pub token: String,
    entry: Vec<u8>,
    id: CryptoKey,
}

impl Keys {
    /// Derives the keys from the secret as the link carries it.
    pub async fn from_secret(secret: &str) -> Result<Keys, SealError> {
        let raw = from_base64url(secret).filter(|b| b.len() == SECRET_BYTES).ok_or(SealError::BadSecret)?;
        let derive = |(label, len): (&'static [u8], usize)| hkdf_sha256(&raw, SALT, label, len);
        Ok(Keys {
            space_id: to_base64url(&derive(SPACE_ID).await?),
            token: to_base64url(&derive(AUTH_TOKEN).await?),
            entry: derive(ENTRY_KEY).await?,
            id: hmac_key(&derive(ID_KEY).await?).await?,
        })
    }

    /// The entry id of a key.
    pub async fn entry_id(&self, key: &str) -> Result<String, SealError> {
        Ok(to_base64url(&hmac(&self.id, key.as_bytes()).await?))
    }

    /// Seals a change with a fresh random nonce.
    pub async fn seal(&self, change: &Change) -> Result<Entry, SealError> {
        self.seal_with_nonce(change, &random(NONCE_BYTES)?).await
    }

    /// Seals a change with a given nonce: for test vectors only, since a nonce used twice with
    /// one key gives away both plaintexts.
    pub async fn seal_with_nonce(&self, change: &Change, nonce: &[u8]) -> Result<Entry, SealError> {
        let id = self.entry_id(&change.key).await?;
        let aad = associated_data(&self.space_id, &id, change.cell.at);
        let mut data = nonce.to_vec();
        data.extend(aes256gcm_seal(&self.entry, nonce, &plaintext(&change.key, &change.cell.value), &aad).await?);
        Ok(Entry { id, at: change.cell.at, data: to_base64url(&data) })
    }

    /// Opens an entry of this space.
    pub async fn open(&self, entry: &Entry) -> Result<Change, SealError> {
        let data = from_base64url(&entry.data).filter(|d| d.len() >= NONCE_BYTES + 16).ok_or(SealError::BadData)?;
        let (nonce, sealed) = data.split_at(NONCE_BYTES);
        let aad = associated_data(&self.space_id, &entry.id, entry.at);
        let msg = aes256gcm_open(&self.entry, nonce, sealed, &aad).await?;
        let (key, value) = read_plaintext(&msg).ok_or(SealError::BadPlaintext)?;
        if self.entry_id(&key).await? != entry.id {
            return Err(SealError::BadPlaintext);
        }
        Ok(Change { key, cell: Cell { value, at: entry.at } })
    }
}
