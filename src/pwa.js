// The page's side of the service worker (public/sw.js), bound by src/pwa.rs. Kept in JavaScript
// because every call here is a browser API with promises and events: as Rust through web-sys it
// would cost the wasm more than these lines cost the glue.

let ready = null;

// Registers the worker once the page has loaded (so precaching never competes with the first
// paint), reports a waiting new version and the connection, and looks for a new version at start
// and whenever the page becomes visible again.
export function start(onUpdate, onLine) {
  const line = () => onLine(navigator.onLine);
  addEventListener('online', line);
  addEventListener('offline', line);
  line();
  if (!('serviceWorker' in navigator)) return;
  ready = new Promise((resolve) => {
    const go = () => register(onUpdate).then(resolve, (e) => {
      console.warn('Wegwijs cannot work offline in this browser:', e);
      resolve(null);
    });
    if (document.readyState === 'complete') setTimeout(go, 0);
    else addEventListener('load', go, { once: true });
  });
}

async function register(onUpdate) {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  const waiting = () => {
    if (registration.waiting && navigator.serviceWorker.controller) onUpdate();
  };
  const watch = (worker) => worker?.addEventListener('statechange', () => worker.state === 'installed' && waiting());
  registration.addEventListener('updatefound', () => watch(registration.installing));
  watch(registration.installing);
  waiting();
  const check = () => registration.active && registration.update().catch(() => {});
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  check();
  await navigator.serviceWorker.ready;
  return registration;
}

// Lets the waiting version take over and reloads into it; the person asked for it.
export function applyUpdate() {
  const run = async () => {
    const waiting = (await ready)?.waiting;
    if (!waiting) return location.reload();
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'activate' });
  };
  run();
}

// Asks the active worker; null when there is none (no support, or not installed yet).
async function ask(message) {
  const worker = (await ready)?.active;
  if (!worker) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    worker.postMessage(message, [channel.port2]);
  });
}

// Keeps the languages (codes joined by commas) on the phone; resolves to whether all are.
export async function keep(codes) {
  const answer = await ask({ type: 'keep', codes: codes.split(',') });
  return Boolean(answer?.ok);
}

// Every language of this build as [code, size written in `lang`, kept]; null without a worker.
export async function languages(lang) {
  const answer = await ask({ type: 'languages' });
  if (!answer?.ok) return null;
  let format;
  try {
    format = new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  } catch {
    format = { format: (n) => `${Math.round(n)} kB` };
  }
  return answer.languages.map((l) => [l.code, format.format(Math.max(1, l.size / 1000)), l.kept]);
}

let persisting = false;

// Asks the browser not to evict this site's storage (the person's ticks); once a session.
export function persist() {
  if (persisting || !navigator.storage?.persist) return;
  persisting = true;
  navigator.storage.persisted().then((yes) => yes || navigator.storage.persist()).catch(() => {});
}
