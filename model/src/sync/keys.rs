//! How a shared space's secret becomes its names and keys, and how a cell is laid out before
//! it is sealed: the one definition both sealing implementations follow (Web Crypto in the
//! browser, RustCrypto natively, in [`super::seal`]). Nothing here encrypts.
//!
//! - The secret is [`SECRET_BYTES`] random bytes, made on the person's phone and passed to the
//!   volunteer's in the link `<origin>/join#<secret in base64url>`; the part after `#` never
//!   reaches a server.
//! - HKDF-SHA256 with salt [`SALT`] derives, by the labels below: the space id (16 bytes, in
//!   the API's paths), the token that authorises pushes and pulls (32 bytes; the server keeps
//!   only its SHA-256), the AES-256-GCM key for entries, and the HMAC-SHA256 key for entry ids.
//! - An entry's id is the HMAC of the key's name; its data is the nonce (12 random bytes) and
//!   the AES-GCM ciphertext of [`plaintext`], bound by [`associated_data`] to its space, its id
//!   and its stamp, so the server can neither read an entry nor move it to another key, space
//!   or time without the phones noticing.

use std::fmt;

use crate::Stamp;

/// The length of a space's secret.
pub const SECRET_BYTES: usize = 32;
/// The HKDF salt: the protocol and its version.
pub const SALT: &[u8] = b"wegwijs sync v1";
/// HKDF label and length of the space id.
pub const SPACE_ID: (&[u8], usize) = (b"space id", 16);
/// HKDF label and length of the auth token.
pub const AUTH_TOKEN: (&[u8], usize) = (b"auth token", 32);
/// HKDF label and length of the AES-256-GCM key for entries.
pub const ENTRY_KEY: (&[u8], usize) = (b"entry key", 32);
/// HKDF label and length of the HMAC-SHA256 key for entry ids.
pub const ID_KEY: (&[u8], usize) = (b"id key", 32);
/// The AES-GCM nonce length.
pub const NONCE_BYTES: usize = 12;

/// Why an entry or a secret could not be used. An entry that fails to open is kept as it is
/// on the server; the phone only skips it and says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealError {
    /// The secret is not base64url of [`SECRET_BYTES`] bytes.
    BadSecret,
    /// The data is not base64url, or too short to hold a nonce and a tag.
    BadData,
    /// The data does not open with this space's key for this id and stamp: written with
    /// another secret, or changed on the way.
    Forged,
    /// It opened, but holds no key and value, or a key whose id is not this entry's.
    BadPlaintext,
    /// The browser offers no Web Crypto here (it needs https), or it failed; the text is the
    /// browser's.
    Crypto(String),
}

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SealError::BadSecret => f.write_str("the link's secret is damaged: ask for a new link"),
            SealError::BadData => f.write_str("an entry's data is not base64url of a sealed cell"),
            SealError::Forged => {
                f.write_str("an entry does not open with this space's key (another secret, or changed on the way)")
            }
            SealError::BadPlaintext => f.write_str("an entry opened but does not hold a key and value of its id"),
            SealError::Crypto(why) => write!(f, "this browser cannot encrypt here: {why}"),
        }
    }
}

impl std::error::Error for SealError {}

/// The data AES-GCM authenticates besides the ciphertext.
pub fn associated_data(space_id: &str, entry_id: &str, at: Stamp) -> Vec<u8> {
    format!("{}\0{space_id}\0{entry_id}\0{}.{}.{}", String::from_utf8_lossy(SALT), at.ms, at.c, at.node).into_bytes()
}

/// What is sealed for one cell: its key and value, as JSON.
pub fn plaintext(key: &str, value: &str) -> Vec<u8> {
    serde_json::json!({ "key": key, "value": value }).to_string().into_bytes()
}

/// Reads [`plaintext`] back.
pub fn read_plaintext(bytes: &[u8]) -> Option<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Plain {
        key: String,
        value: String,
    }
    let p: Plain = serde_json::from_slice(bytes).ok()?;
    Some((p.key, p.value))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5), as ids, data and the secret travel.
pub fn to_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding; `None` for any other character or a length no encoding
/// has.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c)? as u32;
            n |= v << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    // A last character with bits the bytes do not use is not canonical: refuse it, so each
    // byte string has one text.
    (to_base64url(&out) == text).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_and_refuses_what_is_not() {
        // RFC 4648 §10, without padding.
        for (bytes, text) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")]
        {
            assert_eq!(to_base64url(bytes.as_bytes()), text);
            assert_eq!(from_base64url(text).as_deref(), Some(bytes.as_bytes()));
        }
        assert_eq!(to_base64url(&[0xfb, 0xff]), "-_8");
        for bad in ["Zg=", "Z", "Zm9v+", "Zm9v/w", "Zh"] {
            assert_eq!(from_base64url(bad), None, "{bad}");
        }
    }

    #[test]
    fn plaintext_round_trips_any_text() {
        let note = "afspraak gemeente 12 maart 10:00 \"kamer 3\" ✓ موعد";
        assert_eq!(read_plaintext(&plaintext("note:gp", note)), Some(("note:gp".into(), note.into())));
        assert_eq!(read_plaintext(b"{\"key\":1}"), None);
    }
}
