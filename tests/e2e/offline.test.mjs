// End-to-end: the installed app with no network. "Offline" here is both the browser's own
// offline mode (what the page sees: navigator.onLine, the badge) and the server actually gone, so
// nothing can come from the network whatever the browser emulates for its service worker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, phone, start, untilOffline } from './harness.mjs';
import { GuideScreen, Screen, StepScreen } from './pages.mjs';

const root = resolve(import.meta.dirname, '../..');
const content = join(root, 'content');
const words = (code) => JSON.parse(readFileSync(`${content}/lang/${code}.json`, 'utf8'));
const structure = JSON.parse(readFileSync(`${content}/structure.json`, 'utf8'));
const codes = readdirSync(`${content}/lang`).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
const en = words('en');
const [guide] = structure.guides;
const languageTable = readFileSync(join(root, 'model/src/language.rs'), 'utf8');
/** A compiled-in string of a language (model/src/language.rs), for screens shown without content. */
const builtIn = (code, field) => {
  const block = languageTable.split('Language {').find((b) => b.includes(`code: "${code}"`));
  return JSON.parse(block.match(new RegExp(`${field}: ("[^"]*")`))[1]);
};

async function offline(app, page) {
  await page.context().setOffline(true);
  await app.serverDown();
}

async function online(app, page) {
  await app.serverUp();
  await page.context().setOffline(false);
}

describe('airplane mode after one visit', () => {
  let app;
  before(async () => { app = await start(); });
  after(async () => { await app?.stop(); });

  test('home, a guide, a step, the glossary and a never-visited deep link open and reload offline', async () => {
    const page = await phone(app.browser);
    const home = await new Screen(page, app.base).open('/en/');
    await untilOffline(page);
    await offline(app, page);
    assert.equal(await page.locator('.offline-badge').textContent(), en.ui.offline);

    const step = guide.steps[guide.steps.length - 1];
    const screens = [
      ['/en/', en.ui.tagline],
      [`/en/${guide.id}/`, en.guides[guide.id].title],
      [`/en/${guide.id}/${step}`, en.steps[step].title],
      ['/en/glossary/', en.ui.glossary],
      [`/en/${structure.guides[2].id}/${structure.guides[2].steps[1]}`, en.steps[structure.guides[2].steps[1]].title],
    ];
    for (const [path, title] of screens) {
      await home.open(path);
      assert.equal(await home.heading().textContent(), title, path);
      await page.reload();
      await home.heading().waitFor();
      assert.equal(await home.heading().textContent(), title, `${path} after a reload`);
    }
    assert.equal(await page.locator('.offline-badge').textContent(), en.ui.offline, 'the badge stays while offline');

    // Ticking offline is kept, through a reload offline and after the network is back.
    const guideScreen = await new GuideScreen(page, app.base).open(`/en/${guide.id}/`);
    const box = guideScreen.stepBox(en.steps[guide.steps[1]].title);
    await box.check();
    await page.reload();
    await guideScreen.heading().waitFor();
    assert.equal(await box.isChecked(), true, 'ticked offline, still ticked after a reload offline');

    await online(app, page);
    await page.locator('.offline-badge').waitFor({ state: 'detached' });
    await page.reload();
    await guideScreen.heading().waitFor();
    assert.equal(await box.isChecked(), true, 'online again, nothing lost');
    assert.deepEqual(page.errors.filter((e) => !e.includes('net::ERR_')), []);
    await page.context().close();
  });

  test('a language that is not on the phone says so offline; after "keep all" every language opens', async () => {
    const page = await phone(app.browser);
    const screen = await new Screen(page, app.base).open('/en/');
    await untilOffline(page);
    await offline(app, page);
    await page.goto(`${app.base}/ti/`);
    const alert = page.getByRole('alert');
    await alert.getByText(builtIn('ti', 'not_on_phone')).waitFor();
    assert.equal(await alert.getByRole('heading', { level: 1 }).textContent(), builtIn('ti', 'endonym'));
    assert.equal(await screen.direction().then(([lang]) => lang), 'ti');
    await alert.getByRole('button', { name: builtIn('ti', 'retry') }).click();
    await alert.getByText(builtIn('ti', 'not_on_phone')).waitFor();
    assert.deepEqual(page.errors.filter((e) => !e.includes('net::ERR_')), [], 'no page error, only the failed fetch');

    await online(app, page);
    await screen.open('/en/');
    await page.locator('summary.lang-picker__summary').click();
    const keep = page.getByRole('button', { name: en.ui.keep_languages });
    await keep.click();
    await keep.waitFor({ state: 'detached' });
    const list = page.locator('.lang-picker__list');
    for (const code of codes) {
      const item = list.locator(`a[hreflang="${code}"] .lang-picker__copy`);
      assert.match(await item.textContent(), new RegExp(`^${en.ui.kept} · \\d+ kB$`), code);
    }

    await offline(app, page);
    for (const code of codes) {
      await screen.open(`/${code}/`);
      assert.equal(await screen.heading().textContent(), words(code).ui.tagline, code);
    }
    await online(app, page);
    await page.context().close();
  });

  test('the browser finds nothing that stops installing the app', async () => {
    // A profile on disk: a context of its own is incognito, where Chrome never installs apps.
    const profile = mkdtempSync(join(tmpdir(), 'wegwijs-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();
    await new Screen(page, app.base).open('/en/');
    await untilOffline(page);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
});

describe('updates', () => {
  let app;
  let dist;
  before(async () => {
    dist = mkdtempSync(join(tmpdir(), 'wegwijs-build-'));
    cpSync(join(root, 'dist'), dist, { recursive: true });
    app = await start({ dist });
  });
  after(async () => {
    await app?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  test('a new build is offered, loads only when asked, and every tick stays', async () => {
    const page = await phone(app.browser);
    const screen = await new GuideScreen(page, app.base).open(`/en/${guide.id}/`);
    await untilOffline(page);
    const ticked = [guide.steps[0], guide.steps[2]].map((id) => en.steps[id].title);
    for (const title of ticked) await screen.stepBox(title).check();

    // Build B: the same app with a changed text, and its own precache list and version.
    const tagline = `${en.ui.tagline} (B)`;
    const file = join(dist, 'content/lang/en.json');
    const changed = JSON.parse(readFileSync(file, 'utf8'));
    changed.ui.tagline = tagline;
    writeFileSync(file, JSON.stringify(changed));
    cpSync(join(root, 'public/sw.js'), join(dist, 'sw.js'));
    execFileSync(join(root, 'target/debug/xtask'), ['finish', dist], { stdio: 'ignore' });

    // The page becomes visible again: it looks for a new version, and offers it.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const reload = page.getByRole('button', { name: en.ui.reload });
    await page.getByText(en.ui.update_ready).waitFor({ timeout: 20000 });
    await screen.open('/en/');
    assert.notEqual(await screen.heading().textContent(), tagline, 'nothing changes before the person chooses');

    await reload.click();
    await page.getByRole('heading', { level: 1, name: tagline }).waitFor({ timeout: 20000 });
    const caches = await page.evaluate(() => caches.keys());
    assert.equal(caches.length, 1, `only the new build is kept: ${caches}`);
    await screen.open(`/en/${guide.id}/`);
    for (const title of ticked) assert.equal(await screen.stepBox(title).isChecked(), true, title);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
