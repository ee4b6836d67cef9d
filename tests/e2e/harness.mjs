// Starts the real Wegwijs server on a free port with a temporary database, and a headless
// Debian Chromium driven by Playwright (never a downloaded browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--no-first-run',
];

async function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts the server (serving `dist`, by default the built app) and the browser; returns
 * { base, browser, dist, stop, serverDown, serverUp }. `serverDown` ends the server process, so
 * nothing at all answers (a truly absent network, whatever the browser emulates); `serverUp`
 * starts it again on the same port and database. `db` is the server's `WEGWIJS_DB` (by
 * default a new SQLite file); `browser: false` starts the server alone. */
export async function start({ dist = join(root, 'dist'), db, browser: withBrowser = true } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wegwijs-e2e-'));
  const bin = process.env.WEGWIJS_SERVER_BIN ?? join(root, 'target/debug/wegwijs-server');
  const base = `http://127.0.0.1:${port}`;
  let server;
  const up = async () => {
    server = spawn(bin, [], {
      env: { ...process.env, PORT: String(port), WEGWIJS_DB: db ?? join(dataDir, 'db/wegwijs.sqlite'), WEGWIJS_DIST: dist },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    server.stderr.on('data', (d) => { stderr += d; });
    const deadline = Date.now() + 15000;
    for (;;) {
      try {
        const r = await fetch(`${base}/api/v1/health`);
        if (r.ok) break;
      } catch { /* not up yet */ }
      if (server.exitCode !== null || Date.now() > deadline) {
        server.kill();
        throw new Error(`the server did not start: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const down = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    server.kill();
    await exited;
  };
  await up();
  const browser = withBrowser ? await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }) : null;
  return {
    base,
    browser,
    dist,
    serverDown: down,
    serverUp: up,
    async stop() {
      await browser?.close();
      await down();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A phone-sized page whose browser prefers `locale`; fails the test on any page error.
 * `options` go to the browser context: `{ serviceWorkers: 'block' }` for a test that replaces
 * the server's answers with `page.route`, which a service worker's own fetches would bypass. */
export async function phone(browser, locale = 'en-US', options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale, deviceScaleFactor: 1, ...options });
  return watch(await context.newPage());
}

/** Collects the page's errors in `page.errors`, so a test can require there were none. */
export function watch(page) {
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

/** Waits until the service worker controls the page and keeps the page's language. */
export async function untilOffline(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
  const lang = await page.evaluate(() => document.documentElement.lang);
  const kept = async (l) => Boolean(await caches.match(`/content/lang/${l}.json`) && await caches.match(`/content/more/${l}.json`));
  await page.waitForFunction(kept, lang, { timeout: 20000, polling: 100 });
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, not added as a <script>: the app's CSP rightly
  // refuses inline scripts it does not know.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
