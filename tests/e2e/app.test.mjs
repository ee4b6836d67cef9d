// End-to-end: the real server and the built app in headless Chromium, as a person uses them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { axe, CHROMIUM_ARGS, phone, start, watch } from './harness.mjs';
import { GuideScreen, Screen, StepScreen } from './pages.mjs';

const content = resolve(import.meta.dirname, '../../content');
const words = (code) => JSON.parse(readFileSync(`${content}/lang/${code}.json`, 'utf8'));
const structure = JSON.parse(readFileSync(`${content}/structure.json`, 'utf8'));
const en = words('en');
const ar = words('ar');
const nl = words('nl');
const firstWeeks = structure.guides.find((g) => g.id === 'first-weeks');

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

describe('languages and addresses', () => {
  test('/ opens in the browser\'s language, else English', async () => {
    for (const [locale, expected] of [['ar-SY', 'ar'], ['nl-NL', 'nl'], ['de-DE', 'en']]) {
      const page = await phone(app.browser, locale);
      const screen = await new Screen(page, app.base).open('/');
      assert.equal(new URL(page.url()).pathname, `/${expected}/`, locale);
      assert.deepEqual(await screen.direction(), [expected, expected === 'ar' ? 'rtl' : 'ltr']);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  test('Arabic mirrors the whole layout and nothing is cut off', async () => {
    const page = await phone(app.browser);
    for (const path of ['/ar/', '/ar/first-weeks/', `/ar/first-weeks/${firstWeeks.steps[0]}`]) {
      const screen = await new Screen(page, app.base).open(path);
      assert.deepEqual(await screen.direction(), ['ar', 'rtl'], path);
      assert.equal(await screen.overflowsSideways(), false, `${path} overflows sideways`);
      const headerName = await page.locator('.site-header__name').boundingBox();
      assert.ok(headerName.x > 180, `${path}: the app name stands on the right in RTL (x=${headerName.x})`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a deep link to a step can be reloaded and shared', async () => {
    const page = await phone(app.browser);
    const step = firstWeeks.steps[4];
    const screen = await new StepScreen(page, app.base).open(`/nl/first-weeks/${step}`);
    assert.equal(await screen.heading().textContent(), nl.steps[step].title);
    await page.reload();
    await screen.heading().waitFor();
    assert.equal(await screen.heading().textContent(), nl.steps[step].title);
    assert.match(await page.title(), new RegExp(nl.steps[step].title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // The footer says what the date means, around the date the step was compared with its source.
    const footer = await page.locator('.step__source').textContent();
    const { checked, org } = structure.steps.find((s) => s.id === step).source;
    for (const part of [...nl.ui.last_checked.split('{date}'), checked.slice(0, 4), org]) {
      assert.ok(footer.includes(part.trim()), `${JSON.stringify(part)} in ${footer}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('an unknown address shows a real not-found page with a way home', async () => {
    const page = await phone(app.browser, 'en-GB');
    // An address in no known language is answered in the language chosen last, else the browser's.
    for (const [path, lang] of [
      ['/xx/', 'en'], ['/a/b/c/d/e', 'en'], ['/en/no-such-guide/', 'en'], ['/nl/first-weeks/no-such-step', 'nl'],
      ['/nl/glossary/extra', 'nl'], ['/xx/first-weeks/', 'nl'],
    ]) {
      const screen = await new Screen(page, app.base).open(path);
      assert.equal(await screen.heading().textContent(), words(lang).ui.not_found_title, path);
      await page.getByRole('link', { name: words(lang).ui.go_home }).click();
      await page.waitForURL(`${app.base}/${lang}/`, { waitUntil: 'commit' });
      await page.getByRole('heading', { level: 1, name: words(lang).ui.tagline }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: words(lang).ui.not_found_title }).waitFor();
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('your data', () => {
  test('home leads to what stays on the phone, what goes to the server, who reads it and how to delete it', async () => {
    const page = await phone(app.browser);
    await new Screen(page, app.base).open('/ar/');
    await page.getByRole('link', { name: ar.ui.data, exact: true }).click();
    await page.waitForURL(`${app.base}/ar/data/`);
    await page.getByRole('heading', { level: 1, name: ar.ui.data }).waitFor();
    for (const key of ['data_phone', 'data_server', 'data_who', 'data_delete']) {
      assert.equal(await page.getByText(ar.ui[key], { exact: true }).isVisible(), true, key);
    }
    assert.equal(await page.title(), `${ar.ui.data} · Wegwijs`);
    // Sharing starts and ends on the share screen, one tap away.
    await page.getByRole('main').getByRole('link', { name: ar.ui.share, exact: true }).click();
    await page.getByRole('button', { name: ar.ui.share_start }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('the glossary', () => {
  test('a Dutch word in a step links to its explanation', async () => {
    const page = await phone(app.browser);
    const step = structure.steps.find((s) => s.id === 'bsn-letter') ?? structure.steps[1];
    const guide = structure.guides.find((g) => g.steps.includes(step.id));
    await new StepScreen(page, app.base).open(`/en/${guide.id}/${step.id}`);
    const term = page.locator('main a.term').first();
    const href = await term.getAttribute('href');
    const id = href.split('#')[1];
    await term.click();
    await page.waitForURL(`${app.base}/en/glossary/#${id}`, { waitUntil: 'commit' });
    await page.getByRole('heading', { level: 1, name: en.ui.glossary }).waitFor();
    const entry = page.locator(`dt[id="${id}"]`);
    assert.equal(await entry.textContent(), structure.glossary.find((t) => t.id === id).term);
    await page.waitForFunction((i) => {
      const box = document.getElementById(i).getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }, id);
    assert.equal(await page.locator(`dt[id="${id}"] + dd`).textContent(), en.glossary[id]);

    // The same address opened afresh (shared, or reloaded) also shows the word.
    const last = structure.glossary[structure.glossary.length - 1].id;
    await page.goto(`${app.base}/ar/glossary/#${last}`);
    await page.waitForFunction((i) => {
      const el = document.getElementById(i);
      if (!el) return false;
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    }, last);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('bad content and bad connections', () => {
  test('a language file that cannot be loaded or read says so and can be tried again', async () => {
    const page = await phone(app.browser, 'en-US', { serviceWorkers: 'block' });
    // The shell's own words for this case come with the app, in the language of the address.
    const loadError = { en: 'Could not load. Check your internet connection.', ar: 'حاول مرة أخرى' };
    await page.route('**/content/lang/en.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"ui": {' }));
    await page.goto(`${app.base}/en/first-weeks/`);
    await page.getByRole('alert').getByText(loadError.en).waitFor();
    await page.unroute('**/content/lang/en.json');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: en.guides['first-weeks'].title }).waitFor();

    await page.route('**/content/lang/ar.json', (r) => r.abort('internetdisconnected'));
    await page.goto(`${app.base}/ar/`);
    await page.getByRole('button', { name: loadError.ar }).waitFor();
    assert.deepEqual(await new Screen(page, app.base).direction(), ['ar', 'rtl']);

    // The rest of a language's words (step bodies, the glossary) comes apart from the index: when
    // it fails, a step says so and can be tried again.
    const step = firstWeeks.steps[0];
    await page.route('**/content/more/en.json', (r) => r.abort('internetdisconnected'));
    await page.goto(`${app.base}/en/first-weeks/${step}`);
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    await page.unroute('**/content/more/en.json');
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: en.steps[step].title }).waitFor();
    await page.getByText(en.steps[step].why).waitFor();
    await page.context().close();
  });
});

describe('progress on the device', () => {
  test('a tick survives a reload, a new browser session and a language switch', async () => {
    const page = await phone(app.browser);
    const guide = await new GuideScreen(page, app.base).open('/en/first-weeks/');
    const stepId = firstWeeks.steps[3];
    const box = guide.stepBox(en.steps[stepId].title);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await page.reload();
    await guide.heading().waitFor();
    assert.equal(await guide.stepBox(en.steps[stepId].title).isChecked(), true, 'ticked after reload');

    // Close the tab and come back in a new one of the same browser profile.
    const again = watch(await page.context().newPage());
    await page.close();
    const guideAgain = await new GuideScreen(again, app.base).open('/en/first-weeks/');
    assert.equal(await guideAgain.stepBox(en.steps[stepId].title).isChecked(), true, 'ticked in a new tab');

    await guideAgain.chooseLanguage('العربية', 'ar');
    assert.equal(new URL(again.url()).pathname, '/ar/first-weeks/');
    assert.equal(await guideAgain.stepBox(ar.steps[stepId].title).isChecked(), true, 'ticked in Arabic');

    const step = await new StepScreen(again, app.base).open(`/ar/first-weeks/${stepId}`);
    assert.equal(await step.doneBox(ar.ui.mark_done).isChecked(), true);
    await step.doneBox(ar.ui.mark_done).uncheck();
    await again.reload();
    await step.heading().waitFor();
    assert.equal(await step.doneBox(ar.ui.mark_done).isChecked(), false, 'unticked after reload');
    assert.deepEqual(again.errors, []);
    await again.context().close();
  });

  test('two tabs of the same browser keep each other\'s ticks', async () => {
    const first = await phone(app.browser);
    const second = watch(await first.context().newPage());
    const a = await new GuideScreen(first, app.base).open('/en/first-weeks/');
    const b = await new GuideScreen(second, app.base).open('/en/first-weeks/');
    const [one, two] = [en.steps[firstWeeks.steps[5]].title, en.steps[firstWeeks.steps[6]].title];
    await a.stepBox(one).check();
    await second.waitForFunction((t) => [...document.querySelectorAll('.step-item')]
      .some((li) => li.textContent.includes(t) && li.querySelector('input').checked), one);
    await b.stepBox(two).check();
    await first.reload();
    await a.heading().waitFor();
    assert.equal(await a.stepBox(one).isChecked(), true, 'the first tab kept its own tick');
    assert.equal(await a.stepBox(two).isChecked(), true, 'and has the second tab\'s');
    assert.deepEqual([...first.errors, ...second.errors], []);
    await first.context().close();
  });

  test('a tick survives closing the browser and opening it again', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'wegwijs-profile-'));
    const open = () => chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 360, height: 740 },
    });
    const stepId = firstWeeks.steps[1];
    let browser = await open();
    let guide = await new GuideScreen(watch(await browser.newPage()), app.base).open('/en/first-weeks/');
    await guide.stepBox(en.steps[stepId].title).check();
    await browser.close();
    browser = await open();
    guide = await new GuideScreen(watch(await browser.newPage()), app.base).open('/en/first-weeks/');
    assert.equal(await guide.stepBox(en.steps[stepId].title).isChecked(), true);
    assert.deepEqual(guide.page.errors, []);
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  });

  test('a note on a step is kept as it is typed, across a reload, a language and another tab', async () => {
    const page = await phone(app.browser);
    const stepId = firstWeeks.steps[2];
    const step = await new StepScreen(page, app.base).open(`/nl/first-weeks/${stepId}`);
    const note = page.getByRole('textbox', { name: nl.ui.note });
    assert.equal(await note.inputValue(), '');
    assert.match(await note.getAttribute('aria-describedby'), /note-hint/);
    assert.equal(await page.locator('#note-hint').textContent(), nl.ui.note_hint);
    const text = 'Afspraak gemeente 12 maart 10:00, loket 3';
    await note.pressSequentially(text);
    // Saved with every key, without leaving the field.
    await page.reload();
    await step.heading().waitFor();
    assert.equal(await page.getByRole('textbox', { name: nl.ui.note }).inputValue(), text);

    const other = watch(await page.context().newPage());
    await new StepScreen(other, app.base).open(`/ar/first-weeks/${stepId}`);
    const arNote = other.getByRole('textbox', { name: ar.ui.note });
    assert.equal(await arNote.inputValue(), text, 'the same note in Arabic, in another tab');
    await arNote.fill('');
    await page.waitForFunction(() => document.querySelector('textarea[data-note]').value === '');
    assert.deepEqual([...page.errors, ...other.errors], []);
    await page.context().close();
  });

  test('damaged saved progress is kept aside with a notice, and ticking works again', async () => {
    const page = await phone(app.browser);
    // The app must have read storage already: damaged data written before it starts would be
    // found (and set aside) on this page, not on the next.
    await new Screen(page, app.base).open('/en/');
    await page.evaluate(() => localStorage.setItem('wegwijs.progress', '{"v":1,"steps":'));
    const guide = await new GuideScreen(page, app.base).open('/en/first-weeks/');
    await page.getByText(en.ui.progress_unreadable).waitFor();
    const kept = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('wegwijs.progress.unreadable.')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(kept, ['{"v":1,"steps":']);
    await guide.stepBox(en.steps[firstWeeks.steps[0]].title).check();
    await page.reload();
    await guide.heading().waitFor();
    assert.equal(await guide.stepBox(en.steps[firstWeeks.steps[0]].title).isChecked(), true);
    await page.context().close();
  });
});

describe('accessibility', () => {
  for (const lang of ['en', 'ar']) {
    test(`axe finds no serious or critical violation on any screen (${lang})`, async () => {
      const page = await phone(app.browser);
      for (const path of [`/${lang}/`, `/${lang}/first-weeks/`, `/${lang}/first-weeks/${firstWeeks.steps[4]}`, `/${lang}/glossary/`, `/${lang}/share/`, `/${lang}/people/`, `/${lang}/data/`, `/${lang}/nope/`]) {
        await new Screen(page, app.base).open(path);
        assert.deepEqual(await axe(page), [], path);
      }
      await page.context().close();
    });
  }

  test('the checkbox and links are large enough to tap', async () => {
    const page = await phone(app.browser);
    await new GuideScreen(page, app.base).open('/en/first-weeks/');
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main a, main label, button, summary')]
        .map((el) => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44)
        .map(([t, r]) => `${t} (${Math.round(r.height)}px)`));
    assert.deepEqual(small, []);
    await page.context().close();
  });
});
