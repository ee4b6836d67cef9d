// End-to-end: two phones walk one plan together through the real server: a person's phone and
// a volunteer's, as two browser contexts (nothing shared between them but the link).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { phone, start } from './harness.mjs';
import { GuideScreen, Screen, StepScreen } from './pages.mjs';

const content = resolve(import.meta.dirname, '../../content');
const en = JSON.parse(readFileSync(`${content}/lang/en.json`, 'utf8'));
const structure = JSON.parse(readFileSync(`${content}/structure.json`, 'utf8'));
const [guide] = structure.guides;
const steps = guide.steps.slice(0, 5);
const title = (id) => en.steps[id].title;
const waiting = (template, n) => template.replace('{n}', String(n));

/** The page errors a test did not cause on purpose. The browser logs every request that gets
 * no answer or an error status, so a server the test stops, or a space it deletes, shows up as
 * such a line; those lines are all a test may allow. */
const unexpected = (errors, allowed = []) => errors.filter((e) => !allowed.some((a) => e.includes(a)));
const REFUSED = 'net::ERR_CONNECTION_REFUSED';
const GONE = 'status of 410';

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

/** On the person's phone: "Walk together with my volunteer"; returns the link it shows. */
async function share(page) {
  await new Screen(page, app.base).open('/en/share/');
  // Before choosing, the page says what would leave the phone and who could read it.
  await page.getByRole('heading', { level: 2, name: en.ui.data }).waitFor();
  for (const key of ['data_phone', 'data_server', 'data_who', 'data_delete']) {
    assert.equal(await page.getByText(en.ui[key], { exact: true }).isVisible(), true, key);
  }
  await page.getByRole('button', { name: en.ui.share_start }).click();
  const link = page.getByRole('textbox', { name: en.ui.share_link });
  await link.waitFor();
  // The QR code, as a camera sees it, says the same link.
  const qr = page.locator('.share__qr svg');
  await qr.waitFor();
  const png = PNG.sync.read(await qr.screenshot());
  const seen = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.equal(seen?.data, await link.inputValue(), 'the QR code reads as the link');
  return link.inputValue();
}

/** On the volunteer's phone: opens the link and names the person (on the server at `base`). */
async function join(page, link, label, base = app.base) {
  await page.goto(link);
  const name = page.getByRole('textbox', { name: en.ui.join_label });
  await name.waitFor();
  assert.equal(new URL(page.url()).hash, '', 'the secret is out of the address bar');
  await name.fill(label);
  await page.getByRole('button', { name: en.ui.join_start }).click();
  await page.waitForURL(`${base}/en/`);
}

async function guideOn(page, base = app.base) {
  return new GuideScreen(page, base).open(`/en/${guide.id}/`);
}

/** Waits until a step's box on the open guide shows `checked`; returns how long that took. */
async function until(screen, id, checked, timeout = 5000) {
  const started = Date.now();
  await screen.page.waitForFunction(
    ([name, want]) => [...document.querySelectorAll('input[data-step]')].some((b) => b.getAttribute('data-step') === name && b.checked === want),
    [id, checked],
    { timeout, polling: 50 },
  );
  return Date.now() - started;
}

describe('walking together', () => {
  test('two phones pair through the link and share ticks and notes, offline and across a server restart', async () => {
    const person = await phone(app.browser);
    const volunteer = await phone(app.browser);
    const link = await share(person);
    assert.match(link, new RegExp(`^${app.base}/join#[A-Za-z0-9_-]{43}$`));
    await person.getByText(en.ui.sync_synced).waitFor();
    await join(volunteer, link, 'Amina');

    const theirs = await guideOn(person);
    const mine = await guideOn(volunteer);
    await theirs.stepBox(title(steps[0])).check();
    const took = await until(mine, steps[0], true);
    console.log(`# a tick reached the other phone in ${took} ms`);

    // The volunteer's phone goes offline and ticks three steps; the person ticks a fourth and
    // writes a note.
    await volunteer.context().setOffline(true);
    for (const id of steps.slice(1, 4)) await mine.stepBox(title(id)).check();
    await volunteer.getByText(waiting(en.ui.sync_offline, 3)).waitFor();
    await theirs.stepBox(title(steps[4])).check();
    const step = await new StepScreen(person, app.base).open(`/en/${guide.id}/${steps[4]}`);
    const text = 'Appointment at the municipality 12 March 10:00';
    await person.getByRole('textbox', { name: en.ui.note }).fill(text);
    await person.getByText(en.ui.sync_synced).waitFor();

    // The server restarts while the volunteer is still offline; then the volunteer is back.
    await app.serverDown();
    await app.serverUp();
    await volunteer.context().setOffline(false);
    for (const id of steps) await until(mine, id, true, 10000);
    await volunteer.getByText(en.ui.sync_synced).waitFor();
    await step.heading().waitFor();
    await guideOn(person);
    for (const id of steps) await until(theirs, id, true, 10000);
    await new StepScreen(volunteer, app.base).open(`/en/${guide.id}/${steps[4]}`);
    assert.equal(await volunteer.getByRole('textbox', { name: en.ui.note }).inputValue(), text);

    assert.deepEqual(unexpected([...person.errors, ...volunteer.errors], [REFUSED]), []);
    await person.context().close();
    await volunteer.context().close();
  });

  test('while changes are on their way the bar says how many are being sent, then that all is synced', async () => {
    const person = await phone(app.browser);
    await share(person);
    await person.getByText(en.ui.sync_synced).waitFor();
    // The server takes its time to answer pushes, as on a slow connection.
    let release;
    const held = new Promise((r) => { release = r; });
    await person.route('**/api/v1/spaces/*/entries', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    const screen = await guideOn(person);
    await screen.stepBox(title(steps[0])).check();
    await screen.stepBox(title(steps[1])).check();
    const bar = person.getByRole('status').filter({ hasText: waiting(en.ui.sync_sending, 2) });
    await bar.waitFor();
    release();
    await person.getByRole('status').filter({ hasText: en.ui.sync_synced }).waitFor();
    assert.equal(await person.getByText(waiting(en.ui.sync_sending, 2)).count(), 0);
    assert.deepEqual(person.errors, []);
    await person.context().close();
  });

  test('while the part that walks together cannot load, the bar says so with Try again, and nothing waiting is lost', async () => {
    // No service worker: it would answer from its cache where the test cuts the network.
    const person = await phone(app.browser, 'en-US', { serviceWorkers: 'block' });
    let cut = true;
    await person.route('**/together/**', (route) => (cut ? route.abort() : route.continue()));
    await new Screen(person, app.base).open('/en/share/');
    const missing = person.getByRole('status').filter({ hasText: en.ui.offline });
    await missing.waitFor();
    assert.equal(await person.getByRole('button', { name: en.ui.share_start }).count(), 0);
    cut = false;
    await missing.getByRole('button', { name: en.ui.sync_retry }).click();
    await person.getByRole('button', { name: en.ui.share_start }).click();
    await person.getByRole('status').filter({ hasText: en.ui.sync_synced }).waitFor();
    // Shared, then the module is cut off again: a tick waits, and the bar counts it.
    cut = true;
    const screen = await guideOn(person);
    await person.reload();
    await screen.stepBox(title(steps[0])).check();
    await person.getByRole('status').filter({ hasText: waiting(en.ui.sync_failed, 1) }).waitFor();
    cut = false;
    await person.getByRole('button', { name: en.ui.sync_retry }).click();
    await person.getByRole('status').filter({ hasText: en.ui.sync_synced }).waitFor();
    assert.equal(await person.getByRole('button', { name: en.ui.sync_retry }).count(), 0);
    await person.context().close();
  });

  test('a volunteer who walks with two people keeps them apart', async () => {
    const first = await phone(app.browser);
    const second = await phone(app.browser);
    const volunteer = await phone(app.browser);
    await join(volunteer, await share(first), 'Amina');
    await join(volunteer, await share(second), 'Bilal');
    await (await guideOn(first)).stepBox(title(steps[0])).check();
    await (await guideOn(second)).stepBox(title(steps[1])).check();

    // Bilal, joined last, is on screen: his tick, not Amina's.
    const mine = await guideOn(volunteer);
    await volunteer.getByText('Bilal').first().waitFor();
    await until(mine, steps[1], true);
    assert.equal(await mine.stepBox(title(steps[0])).isChecked(), false);

    await new Screen(volunteer, app.base).open('/en/people/');
    const total = structure.guides.reduce((n, g) => n + g.steps.length, 0);
    const row = (name) => volunteer.getByRole('button', { name: new RegExp(name) });
    await row('Amina').waitFor();
    assert.match(await row('Amina').textContent(), new RegExp(en.ui.progress.replace('{done}', '1').replace('{total}', String(total))));
    await row(en.ui.people_me).waitFor();
    await row('Amina').click();
    await volunteer.waitForURL(`${app.base}/en/`);
    const amina = await guideOn(volunteer);
    await until(amina, steps[0], true);
    assert.equal(await amina.stepBox(title(steps[1])).isChecked(), false);

    assert.deepEqual([...first.errors, ...second.errors, ...volunteer.errors], []);
    for (const p of [first, second, volunteer]) await p.context().close();
  });

  test('deleting the shared data ends the sharing on the other phone, which keeps its copy', async () => {
    const person = await phone(app.browser);
    const volunteer = await phone(app.browser);
    const link = await share(person);
    await join(volunteer, link, 'Amina');
    await (await guideOn(person)).stepBox(title(steps[2])).check();
    const mine = await guideOn(volunteer);
    await until(mine, steps[2], true);

    await new Screen(person, app.base).open('/en/share/');
    await person.getByRole('button', { name: en.ui.share_delete }).click();
    await person.getByRole('button', { name: en.ui.share_start }).waitFor();
    await volunteer.getByText(en.ui.sync_ended).waitFor({ timeout: 10000 });
    assert.equal(await mine.stepBox(title(steps[2])).isChecked(), true, 'the copy stays');
    // A phone that opens the old link only now is told the sharing ended; it does not start
    // an empty space under the old link.
    const late = await phone(app.browser);
    await join(late, link, 'Amina');
    await late.getByText(en.ui.sync_ended).waitFor({ timeout: 10000 });
    assert.deepEqual(unexpected([...person.errors, ...volunteer.errors, ...late.errors], [GONE]), []);
    for (const p of [person, volunteer, late]) await p.context().close();
  });

  // Several servers behind one load balancer: here two processes on one PostgreSQL, each phone
  // on its own. Runs when `make test` has started its PostgreSQL cluster (WEGWIJS_TEST_PG).
  const pg = process.env.WEGWIJS_TEST_PG;
  const required = process.env.WEGWIJS_TEST_PG_REQUIRED === '1';
  test('two server processes on one PostgreSQL: a tick through one reaches a phone on the other within 5 s', { skip: !pg && !required && 'WEGWIJS_TEST_PG is not set' }, async () => {
    assert.ok(pg, 'WEGWIJS_TEST_PG_REQUIRED=1 but WEGWIJS_TEST_PG is not set');
    const [one, two] = [await start({ db: pg, browser: false }), await start({ db: pg, browser: false })];
    try {
      const person = await phone(app.browser);
      const volunteer = await phone(app.browser);
      await new Screen(person, one.base).open('/en/share/');
      await person.getByRole('button', { name: en.ui.share_start }).click();
      const link = await person.getByRole('textbox', { name: en.ui.share_link }).inputValue();
      assert.match(link, new RegExp(`^${one.base}/join#`));
      await person.getByText(en.ui.sync_synced).waitFor();
      // The volunteer opens the same secret on the other server's address.
      await join(volunteer, link.replace(one.base, two.base), 'Amina', two.base);

      const theirs = await guideOn(person, one.base);
      const mine = await guideOn(volunteer, two.base);
      await theirs.stepBox(title(steps[0])).check();
      const took = await until(mine, steps[0], true);
      await mine.stepBox(title(steps[1])).check();
      const back = await until(theirs, steps[1], true);
      console.log(`# across two processes: ${took} ms one way, ${back} ms back`);
      assert.deepEqual(unexpected([...person.errors, ...volunteer.errors]), []);
      await person.context().close();
      await volunteer.context().close();
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});
