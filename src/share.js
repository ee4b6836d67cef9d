// Walking together lives in a second wasm module (src/bin/together, built into /together/),
// imported only once a replica on this phone is shared or one of its screens (share, join,
// people) is opened: a phone that never shares never downloads it, and a first visit does not
// wait for it. The app gives the `tell(what, key)` the module answers through (see the top of
// src/bin/together/main.rs), and says 'unavailable' there while the module cannot be loaded
// (offline before the service worker kept it): what is shared waits in the outbox meanwhile.

let tell = null;
let together = null;

function load() {
  together ??= (async () => {
    const m = await import('/together/together.js');
    await m.default();
    m.start(tell);
    return m;
  })().then(
    (m) => (tell('available', ''), m),
    (e) => {
      together = null;
      tell('unavailable', '');
      console.warn('Wegwijs: walking together did not load:', e.message);
      throw e;
    },
  );
  return together;
}

export function togetherInit(t) {
  tell = t;
}

// Draws the bar again and syncs; loads the module first only when something is shared.
export function togetherNow(shared) {
  if (together || shared) load().then((m) => m.now(), () => {});
}

export function togetherShow(screen, arg) {
  load().then((m) => m.show(screen, arg), () => {});
}
