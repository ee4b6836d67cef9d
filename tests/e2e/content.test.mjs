// Every guide in every language opens and shows no empty or missing text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { phone, start } from './harness.mjs';
import { Screen } from './pages.mjs';

const content = resolve(import.meta.dirname, '../../content');
const structure = JSON.parse(readFileSync(`${content}/structure.json`, 'utf8'));
const languages = readdirSync(`${content}/lang`).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

for (const lang of languages) {
  test(`every guide shows complete text in ${lang}`, async () => {
    const words = JSON.parse(readFileSync(`${content}/lang/${lang}.json`, 'utf8'));
    const page = await phone(app.browser);
    const screen = await new Screen(page, app.base).open(`/${lang}/`);
    assert.deepEqual(await screen.emptyOrBrokenTexts(), [], `/${lang}/`);
    for (const guide of structure.guides) {
      await screen.open(`/${lang}/${guide.id}/`);
      assert.equal(await screen.heading().textContent(), words.guides[guide.id].title);
      assert.deepEqual(await screen.emptyOrBrokenTexts(), [], `/${lang}/${guide.id}/`);
      assert.equal(await page.locator('.step-list > li').count(), guide.steps.length);
    }
    const guide = structure.guides[0];
    const step = guide.steps[guide.steps.length - 1];
    await screen.open(`/${lang}/${guide.id}/${step}`);
    assert.deepEqual(await screen.emptyOrBrokenTexts(), [], `/${lang}/${guide.id}/${step}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}
