//! Sealing and opening entries natively, with RustCrypto, as [`super::keys`] defines them: for
//! tests and tools (the browser does the same with Web Crypto, so the app ships no cipher).
//! Behind the `seal` feature, which the server never enables: it cannot open what it stores.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::keys::{
    associated_data, from_base64url, plaintext, read_plaintext, to_base64url, SealError, AUTH_TOKEN, ENTRY_KEY, ID_KEY,
    NONCE_BYTES, SALT, SECRET_BYTES, SPACE_ID,
};
use super::wire::{Change, Entry};
use crate::progress::Cell;

/// What a phone derives from a space's secret.
pub struct Keys {
    /// The space's id, in the API's paths.
    pub space_id: String,
    /// The token for the `Authorization: Bearer` header.
    pub token: String,
    entry: [u8; 32],
    id: [u8; 32],
}

/// HKDF-SHA256 (RFC 5869): `len` bytes from `ikm` with `salt` and `info`.
pub fn hkdf_sha256(ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Vec<u8> {
    let mut out = vec![0; len];
    Hkdf::<Sha256>::new(Some(salt), ikm).expand(info, &mut out).expect("at most 255 × 32 bytes");
    out
}

/// HMAC-SHA256.
pub fn hmac_sha256(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// AES-256-GCM with a 96-bit nonce: the ciphertext followed by the 16-byte tag.
pub fn aes256gcm_seal(key: &[u8; 32], nonce: &[u8; NONCE_BYTES], msg: &[u8], aad: &[u8]) -> Vec<u8> {
    Aes256Gcm::new(key.into())
        .encrypt(Nonce::from_slice(nonce), Payload { msg, aad })
        .expect("AES-GCM seals any message under 64 GB")
}

/// Opens [`aes256gcm_seal`]'s output; `None` when the tag does not match.
pub fn aes256gcm_open(key: &[u8; 32], nonce: &[u8; NONCE_BYTES], sealed: &[u8], aad: &[u8]) -> Option<Vec<u8>> {
    Aes256Gcm::new(key.into()).decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad }).ok()
}

/// A new random secret, as the link carries it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    getrandom::getrandom(&mut bytes).expect("the system's random source works");
    to_base64url(&bytes)
}

impl Keys {
    /// Derives the keys from the secret as the link carries it.
    pub fn from_secret(secret: &str) -> Result<Keys, SealError> {
        let bytes = from_base64url(secret).filter(|b| b.len() == SECRET_BYTES).ok_or(SealError::BadSecret)?;
        let derive = |(label, len): (&[u8], usize)| hkdf_sha256(&bytes, SALT, label, len);
        Ok(Keys {
            space_id: to_base64url(&derive(SPACE_ID)),
            token: to_base64url(&derive(AUTH_TOKEN)),
            entry: derive(ENTRY_KEY).try_into().expect("32 bytes"),
            id: derive(ID_KEY).try_into().expect("32 bytes"),
        })
    }

    /// The entry id of a key.
    pub fn entry_id(&self, key: &str) -> String {
        to_base64url(&hmac_sha256(&self.id, key.as_bytes()))
    }

    /// Seals a change with a fresh random nonce.
    pub fn seal(&self, change: &Change) -> Entry {
        let mut nonce = [0u8; NONCE_BYTES];
        getrandom::getrandom(&mut nonce).expect("the system's random source works");
        self.seal_with_nonce(change, nonce)
    }

    /// Seals a change with a given nonce: for test vectors only, since a nonce used twice with
    /// one key gives away both plaintexts.
    pub fn seal_with_nonce(&self, change: &Change, nonce: [u8; NONCE_BYTES]) -> Entry {
        let id = self.entry_id(&change.key);
        let aad = associated_data(&self.space_id, &id, change.cell.at);
        let msg = plaintext(&change.key, &change.cell.value);
        let mut data = nonce.to_vec();
        data.extend(aes256gcm_seal(&self.entry, &nonce, &msg, &aad));
        Entry { id, at: change.cell.at, data: to_base64url(&data) }
    }

    /// Opens an entry of this space.
    pub fn open(&self, entry: &Entry) -> Result<Change, SealError> {
        let data = from_base64url(&entry.data).filter(|d| d.len() >= NONCE_BYTES + 16).ok_or(SealError::BadData)?;
        let (nonce, sealed) = data.split_at(NONCE_BYTES);
        let nonce: &[u8; NONCE_BYTES] = nonce.try_into().expect("split at the nonce's length");
        let aad = associated_data(&self.space_id, &entry.id, entry.at);
        let msg = aes256gcm_open(&self.entry, nonce, sealed, &aad).ok_or(SealError::Forged)?;
        let (key, value) = read_plaintext(&msg).ok_or(SealError::BadPlaintext)?;
        if self.entry_id(&key) != entry.id {
            return Err(SealError::BadPlaintext);
        }
        Ok(Change { key, cell: Cell { value, at: entry.at } })
    }
}
