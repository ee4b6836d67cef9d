// The together module's doorway to the browser (src/bin/together): sync.js, which seals and
// talks to the server, and the QR code of the share link, drawn on the phone so the secret
// never leaves it. The encoder (qrcode-generator, MIT, copied to /qrcode.js by the build) is
// loaded only when a share screen first needs it; it is same-origin, as the CSP requires.

export { start as syncStart, now as syncNow, remove as syncRemove } from '/sync.js';

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
