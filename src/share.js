// Draws the share link as a QR code on the phone, so the secret never leaves it. The encoder
// (qrcode-generator, MIT, copied to /qrcode.js by the build) is loaded only when a share page
// first needs it, never on the first visit; it is same-origin, as the CSP requires.

let loading = null;

function encoder() {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/qrcode.js';
    script.onload = () => resolve(window.qrcode);
    script.onerror = () => { loading = null; reject(new Error('the QR code encoder did not load')); };
    document.head.append(script);
  });
  return loading;
}

// Fills the element `id` with an SVG QR code of `text` (error correction M, 4 modules of quiet
// zone, as scanners expect). Where the encoder cannot load (offline before it was kept), the
// element stays empty and the link beside it still works.
export function drawQr(id, text) {
  encoder().then((qrcode) => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
    const el = document.getElementById(id);
    if (el) {
      el.innerHTML = `<svg viewBox="0 0 ${n + 8} ${n + 8}" shape-rendering="crispEdges" aria-hidden="true"><rect width="${n + 8}" height="${n + 8}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
    }
  }, (e) => console.warn('Wegwijs:', e.message));
}

// Walking together is done by /sync.js (sealing, the API, when to sync), imported only once a
// replica on this phone is shared: a phone that never shares never downloads it. The app gives
// the hook it answers through (see the top of src/sync.js).
let hook = null;
let sync = null;

export function syncInit(h) {
  hook = h;
}

export function syncNow() {
  if (!sync) {
    if (!hook || !hook('shared', '', null).length) return;
    sync = import('/sync.js').then(
      (m) => (m.start(hook), m),
      (e) => {
        // Not loaded (offline before the service worker kept it): the changes wait in the
        // outbox, and the next reason to sync tries again.
        sync = null;
        for (const r of hook('shared', '', null)) hook('status', r.key, navigator.onLine ? 'failed' : 'offline');
        console.warn('Wegwijs: sync did not load:', e.message);
      },
    );
  }
  sync.then((m) => m && m.now());
}

export function syncRemove(secret) {
  return import('/sync.js').then((m) => m.remove(secret));
}
