// Walking together, the part that talks to the server: sealing and opening entries with Web
// Crypto (crypto.subtle: HKDF, HMAC, AES-GCM) exactly as wegwijs_model::sync::keys defines them,
// the API's push, pull and delete, and when to sync. The rules (the outbox, merging, the clock)
// stay in the model, in the together module's wasm (src/bin/together): this module asks it for
// what to send through one `hook` and hands it what came back.
//
// Served as /sync.js and imported by the together module (src/together.js), so
// a first visit never downloads it (the service worker keeps it for offline starts). It was Rust
// over web-sys before; as Rust, the async rounds and the calls cost the wasm 8.3 KB brotli on
// every first visit. tests/web_crypto.rs holds it to the published vectors (RFC 5869, RFC 4231,
// NIST) and to entries the native side sealed, byte for byte, in both directions.
//
// The hook: hook(what, key, arg), where key is the replica's storage key:
//   'shared'  -> [{key, secret, known, seq}] for every replica that syncs now
//   'outbox'  -> [{key, value, at}] of the replica, read when it is about to be pushed
//   'pulled'  with {changes, next, clock}: opened changes and the sequence number they reach
//   'pushed'  with {changes, clock}: the server acknowledged these
//   'ended'   the space is gone from the server (deleted by either phone)
//   'status'  with 'synced' | 'offline' | 'failed', after each round
// clock is [server's ms, this phone's ms when sent, when answered], for the model's clock.

const text = new TextEncoder();
const SALT = 'wegwijs sync v1';
const NONCE_BYTES = 12;
const SECRET_BYTES = 32;
// The most entry data in one push: under the server's 64 KB body limit with room for the rest.
const PUSH_BYTES = 40000;
// How often a visible page asks for the other phone's changes ("within 5 seconds").
const INTERVAL_MS = 2000;

const subtle = () => crypto.subtle;
const bytesOf = (buffer) => new Uint8Array(buffer);

/** Base64url without padding, as ids, data and the secret travel. */
export function toBase64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Reads base64url without padding; null for any other character or an impossible length. */
export function fromBase64url(data) {
  if (typeof data !== 'string' || !/^[A-Za-z0-9_-]*$/.test(data) || data.length % 4 === 1) return null;
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** HKDF-SHA256 (RFC 5869): `len` bytes. */
export async function hkdf(ikm, salt, info, len) {
  const base = await subtle().importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return bytesOf(await subtle().deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, base, len * 8));
}

const hmacKey = (raw) => subtle().importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

/** HMAC-SHA256. */
export async function hmac(key, msg) {
  return bytesOf(await subtle().sign('HMAC', await hmacKey(key), msg));
}

const aesKey = (raw) => subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
const gcm = (iv, additionalData) => ({ name: 'AES-GCM', iv, additionalData });

/** AES-256-GCM with a 96-bit nonce: the ciphertext followed by the 16-byte tag. */
export async function aesSeal(key, nonce, msg, aad) {
  return bytesOf(await subtle().encrypt(gcm(nonce, aad), key instanceof CryptoKey ? key : await aesKey(key), msg));
}

/** Opens aesSeal's output; null when the tag does not match. */
export async function aesOpen(key, nonce, sealed, aad) {
  const k = key instanceof CryptoKey ? key : await aesKey(key);
  return subtle().decrypt(gcm(nonce, aad), k, sealed).then(bytesOf, () => null);
}

/** What is sealed for one cell, byte for byte as the model's keys::plaintext writes it. */
export function plaintext(key, value) {
  return text.encode(JSON.stringify({ key, value }));
}

/** Reads plaintext back: {key, value}, or null. */
export function readPlaintext(bytes) {
  try {
    const p = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof p?.key === 'string' && typeof p.value === 'string' ? { key: p.key, value: p.value } : null;
  } catch {
    return null;
  }
}

/** The data AES-GCM authenticates besides the ciphertext (keys::associated_data). */
export function associatedData(space, id, at) {
  return text.encode(`${SALT}\0${space}\0${id}\0${at.ms}.${at.c}.${at.node}`);
}

/** What a phone derives from a space's secret: {space, token} in the API's terms, and the keys. */
export async function derive(secret) {
  const raw = fromBase64url(secret);
  if (!raw || raw.length !== SECRET_BYTES) throw new Error("the link's secret is damaged: ask for a new link");
  const salt = text.encode(SALT);
  const part = (label, len) => hkdf(raw, salt, text.encode(label), len);
  return {
    space: toBase64url(await part('space id', 16)),
    token: toBase64url(await part('auth token', 32)),
    entry: await aesKey(await part('entry key', 32)),
    id: await hmacKey(await part('id key', 32)),
  };
}

/** The entry id of a key's name. */
export async function entryId(keys, name) {
  return toBase64url(bytesOf(await subtle().sign('HMAC', keys.id, text.encode(name))));
}

/** Seals a change {key, value, at} into an entry {id, at, data}. The nonce is fresh unless a
 * test gives one: a nonce used twice with one key gives away both plaintexts. */
export async function seal(keys, change, nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES))) {
  const id = await entryId(keys, change.key);
  const sealed = await aesSeal(keys.entry, nonce, plaintext(change.key, change.value), associatedData(keys.space, id, change.at));
  const data = new Uint8Array(NONCE_BYTES + sealed.length);
  data.set(nonce);
  data.set(sealed, NONCE_BYTES);
  return { id, at: change.at, data: toBase64url(data) };
}

/** Opens an entry of this space into {key, value, at}; throws with what is wrong. */
export async function open(keys, entry) {
  const data = fromBase64url(entry?.data);
  if (!data || data.length < NONCE_BYTES + 16) throw new Error("an entry's data is not base64url of a sealed cell");
  const at = entry.at;
  const msg = await aesOpen(keys.entry, data.subarray(0, NONCE_BYTES), data.subarray(NONCE_BYTES), associatedData(keys.space, entry.id, at ?? {}));
  if (!msg) throw new Error("an entry does not open with this space's key (another secret, or changed on the way)");
  const p = readPlaintext(msg);
  if (!p || (await entryId(keys, p.key)) !== entry.id) throw new Error('an entry opened but does not hold a key and value of its id');
  return { key: p.key, value: p.value, at };
}

// --- The API ---

class Failure extends Error {
  // kind: 'unreachable' (no answer), 'gone' (the space was deleted), 'refused' (an error answer)
  constructor(kind, message) {
    super(message || kind);
    this.kind = kind;
  }
}

const derived = new Map();
const keysOf = (secret) => {
  if (!derived.has(secret)) derived.set(secret, derive(secret).catch((e) => { derived.delete(secret); throw e; }));
  return derived.get(secret);
};

async function call(keys, method, tail, body) {
  const headers = { Authorization: `Bearer ${keys.token}` };
  if (body) headers['Content-Type'] = 'application/json';
  let response, answer;
  try {
    response = await fetch(`/api/v1/spaces/${keys.space}${tail}`, { method, headers, body, cache: 'no-store' });
    answer = await response.text();
  } catch {
    throw new Failure('unreachable');
  }
  let json = null;
  try {
    json = JSON.parse(answer);
  } catch {
    // Not JSON: said below when it matters.
  }
  if (response.ok) return json;
  if (response.status === 404 || response.status === 410) throw new Failure('gone');
  throw new Failure('refused', `${response.status}: ${json?.message ?? answer}`);
}

const whole = (n) => Number.isSafeInteger(n) && n >= 0;

function unreadable(what) {
  return new Failure('refused', `the server's answer to a ${what} is not what the API says`);
}

async function pushOutbox(key, keys, create) {
  const outbox = app('outbox', key, null);
  // An empty outbox is pushed only to create the space.
  if (!outbox.length && !create) return;
  let changes = [], entries = [], bytes = 0;
  for (let i = 0; i < Math.max(outbox.length, 1); i++) {
    if (outbox[i]) {
      const entry = await seal(keys, outbox[i]);
      changes.push(outbox[i]);
      entries.push(entry);
      bytes += entry.data.length + entry.id.length + 64;
    }
    if (bytes >= PUSH_BYTES || i + 1 >= outbox.length) {
      const sent = Date.now();
      const answer = await call(keys, 'POST', '/entries', JSON.stringify({ entries }));
      if (!whole(answer?.now_ms)) throw unreadable('push');
      app('pushed', key, { changes, clock: [answer.now_ms, sent, Date.now()] });
      changes = [];
      entries = [];
      bytes = 0;
    }
  }
}

// Pulls what is new in the replica's space, then pushes its outbox. A space this phone has not
// reached yet is pushed to first: that creates it (an empty one too), so a space missing later
// can only have been deleted.
async function syncOne({ key, secret, known, seq }) {
  const keys = await keysOf(secret);
  if (!known) await pushOutbox(key, keys, true);
  let after = seq;
  for (;;) {
    const sent = Date.now();
    const page = await call(keys, 'GET', `/entries?after=${after}`);
    const received = Date.now();
    if (!Array.isArray(page?.entries) || !whole(page.next) || typeof page.more !== 'boolean' || !whole(page.now_ms)) throw unreadable('pull');
    const changes = [];
    for (const entry of page.entries) {
      try {
        changes.push(await open(keys, entry));
      } catch (e) {
        // Not sealed with this space's key: nothing a phone of this space wrote. It stays on
        // the server as it is.
        console.warn('Wegwijs: an entry of the shared space could not be opened:', e.message);
      }
    }
    app('pulled', key, { changes, next: page.next, clock: [page.now_ms, sent, received] });
    if (!page.more || page.next <= after) break;
    after = page.next;
  }
  await pushOutbox(key, keys, false);
}

async function round() {
  for (const replica of app('shared', '', null)) {
    let status = 'synced';
    // Offline, a request could only fail (and the browser would log each failure).
    if (!navigator.onLine) status = 'offline';
    else {
      try {
        await syncOne(replica);
      } catch (e) {
        if (e.kind === 'gone') app('ended', replica.key, null);
        else {
          status = e.kind === 'unreachable' && !navigator.onLine ? 'offline' : 'failed';
          if (e.kind !== 'unreachable') console.warn('Wegwijs: sync:', e.message);
        }
      }
    }
    app('status', replica.key, status);
  }
}

let app = null;
let busy = false;
let again = false;

/** Runs a round now, or right after the one running. */
export function now() {
  if (!app) return;
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  (async () => {
    do {
      again = false;
      await round();
    } while (again);
    busy = false;
  })();
}

/** Starts syncing with the app's hook: now, when the network comes back, when the page becomes
 * visible, and every INTERVAL_MS while it is visible. */
export function start(hook) {
  if (app) return;
  app = hook;
  const visible = () => !document.hidden && now();
  addEventListener('online', now);
  document.addEventListener('visibilitychange', visible);
  setInterval(visible, INTERVAL_MS);
}

/** Deletes the whole space from the server; true when it is gone (already gone counts). */
export async function remove(secret) {
  try {
    await call(await keysOf(secret), 'DELETE', '');
    return true;
  } catch (e) {
    return e.kind === 'gone';
  }
}
