// End-to-end: the intake, the personal plan, what to do next on home, the calendar file and the
// printout, with the browser's clock fixed to 2 December 2026. Texts come from the content files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ICAL from 'ical.js';
import { axe, phone, start } from './harness.mjs';
import { GuideScreen, PlanScreen, QuestionsScreen, Screen } from './pages.mjs';

const content = resolve(import.meta.dirname, '../../content');
const words = (code) => JSON.parse(readFileSync(`${content}/lang/${code}.json`, 'utf8'));
const languages = readdirSync(`${content}/lang`).filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
const en = words('en');
const ar = words('ar');
const TODAY = new Date('2026-12-02T10:00:00Z');

let app;
before(async () => { app = await start(); });
after(async () => { await app?.stop(); });

/** A phone whose clock stands at TODAY. */
async function phoneToday(locale) {
  const page = await phone(app.browser, locale);
  await page.clock.setFixedTime(TODAY);
  return page;
}

/** The family of the issue: asylum on 2026-10-01, refugee status, partner abroad, children born
 * in 2019 and 2012; answered mostly by keyboard. */
async function answerFamily(q, w = en) {
  await q.dateField(w.intake.asylum_decision).fill('2026-10-01');
  await q.choose(w.intake.protection, w.intake['protection.refugee']);
  await q.choose(w.intake.partner_abroad, w.ui.yes);
  await q.childYears(w, ['2019', '2012']);
}

describe('the plan', () => {
  test('a refugee family gets the school and ISK steps, and family reunification first with its date', async () => {
    const page = await phoneToday();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    assert.equal(await q.heading().textContent(), en.ui.answer_questions);
    await answerFamily(q);
    await page.getByRole('link', { name: en.ui.see_plan }).click();
    const plan = new PlanScreen(page, app.base);
    await plan.heading().waitFor();
    for (const step of ['school-start', 'leerplicht', 'isk']) {
      assert.ok(await plan.stepShown(en.steps[step].title), `${step} is in the plan`);
    }
    const due = await plan.dueText(en.steps['nareis-apply'].title);
    const date = await plan.dateIn('2027-01-01', 'en');
    assert.ok(due.includes(en.ui.due_on.replace('{date}', date)), due);
    assert.ok(due.includes(en.ui.days_left.replace('{days}', '30')), due);
    // Home: family reunification is the first thing to do, with why.
    await page.getByRole('link', { name: en.ui.home, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: en.ui.tagline }).waitFor();
    const next = page.getByRole('region', { name: en.ui.what_next }).getByRole('listitem');
    assert.equal(await next.count(), 3);
    assert.equal(await next.first().getByRole('link').textContent(), en.steps['nareis-apply'].title);
    assert.ok((await next.first().textContent()).includes(en.ui.why_soonest));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a person who has told nothing yet is sent first to steps they can take now, not to the tax return', async () => {
    const page = await phoneToday();
    await new Screen(page, app.base).open('/en/');
    const next = page.getByRole('region', { name: en.ui.what_next }).getByRole('listitem');
    await next.first().waitFor();
    const structure = JSON.parse(readFileSync(`${content}/structure.json`, 'utf8'));
    const byTitle = new Map(structure.steps.map((st) => [en.steps[st.id].title, st]));
    const titles = await next.getByRole('link').allTextContents();
    assert.equal(titles.length, 3);
    for (const t of titles) assert.deepEqual(byTitle.get(t)?.after, [], `${t}: nothing comes before it`);
    assert.ok(!titles.includes(en.steps['tax-return'].title), titles.join(' / '));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('with no children no school step is shown, and "show all" shows it with the reason', async () => {
    const page = await phoneToday();
    await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    await page.getByRole('checkbox', { name: en.ui.no_children }).check();
    const plan = await new PlanScreen(page, app.base).open('/en/plan/');
    const school = en.steps['school-start'];
    assert.equal(await plan.stepShown(school.title), false);
    await page.getByRole('checkbox', { name: en.ui.show_all }).check();
    assert.ok(await plan.stepShown(school.title));
    const item = plan.item(school.title);
    assert.ok((await item.textContent()).includes(`${en.ui.not_for_you}: ${school.applies}`));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('someone who came as a minor with parents abroad sees family reunification', async () => {
    const page = await phoneToday();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    const parents = page.getByRole('group', { name: en.intake.parents_abroad });
    assert.equal(await parents.isVisible(), false, 'asked only after "came as a minor"');
    await q.choose(en.intake.came_as_minor, en.ui.yes);
    await q.choose(en.intake.parents_abroad, en.ui.yes);
    for (const answer of [['partner_abroad', en.ui.no], ['children_abroad', en.ui.no]]) {
      await q.choose(en.intake[answer[0]], answer[1]);
    }
    const plan = await new PlanScreen(page, app.base).open('/en/plan/');
    assert.ok(await plan.stepShown(en.steps['nareis-apply'].title));
    assert.equal(await plan.itemStatus(en.steps['nareis-apply'].title), '', 'for them, not "maybe"');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the plan survives a reload and a language switch; a missing date links to its question', async () => {
    const page = await phoneToday();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    await answerFamily(q);
    const plan = await new PlanScreen(page, app.base).open('/en/plan/');
    await page.reload();
    await plan.heading().waitFor();
    const due = await plan.dueText(en.steps['nareis-apply'].title);
    assert.ok(due.includes(en.ui.due_on.replace('{date}', await plan.dateIn('2027-01-01', 'en'))), due);
    await plan.chooseLanguage('العربية', 'ar');
    assert.equal(new URL(page.url()).pathname, '/ar/plan/');
    const arDue = await plan.dueText(ar.steps['nareis-apply'].title);
    assert.ok(arDue.includes(ar.ui.due_on.replace('{date}', await plan.dateIn('2027-01-01', 'ar'))), arDue);
    // The Dutch title stands beside each step, for an official reading the printout.
    assert.ok((await plan.item(ar.steps['nareis-apply'].title).textContent()).includes(words('nl').steps['nareis-apply'].title));
    // The DigiD letter date is not given: the step says which answer would give it.
    await page.getByRole('checkbox', { name: ar.ui.show_all }).check();
    const ask = plan.item(ar.steps.digid.title).getByRole('link', { name: ar.intake.digid_letter });
    await ask.click();
    await page.waitForURL((u) => u.pathname === '/ar/plan/questions' && u.hash === '#q-digid_letter');
    await page.getByLabel(ar.intake.digid_letter).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a date that needs a follow-up question links to it, and that question shows', async () => {
    const page = await phoneToday();
    const plan = await new PlanScreen(page, app.base).open('/en/plan/');
    const ask = plan.item(en.steps['health-insurance'].title).getByRole('link', { name: en.intake.left_reception });
    await ask.click();
    await page.waitForURL((u) => u.pathname === '/en/plan/questions' && u.hash === '#q-left_reception');
    await page.getByLabel(en.intake.left_reception).waitFor({ state: 'visible' });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the answers are deleted on request, and the ticks stay', async () => {
    const page = await phoneToday();
    const guide = await new GuideScreen(page, app.base).open('/en/first-weeks/');
    await guide.stepBox(en.steps.digid.title).check();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    await q.choose(en.intake.protection, en.intake['protection.subsidiary']);
    await page.getByRole('button', { name: en.ui.delete_answers }).click();
    const radio = page.getByRole('group', { name: en.intake.protection }).getByRole('radio', { name: en.intake['protection.subsidiary'] });
    assert.equal(await radio.isChecked(), false);
    await page.reload();
    await q.heading().waitFor();
    assert.equal(await radio.isChecked(), false, 'gone from the phone too');
    await guide.open('/en/first-weeks/');
    assert.ok(await guide.stepBox(en.steps.digid.title).isChecked(), 'the tick stays');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('the calendar and the printout', () => {
  test('"add all to my calendar" gives a valid calendar: all-day dates, two reminders, a stable id per step', async () => {
    const page = await phoneToday();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    await answerFamily(q);
    const plan = await new PlanScreen(page, app.base).open('/en/plan/');
    const all = await plan.download(page.getByRole('button', { name: en.ui.add_all_to_calendar }));
    const events = new ICAL.Component(ICAL.parse(all)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const nareis = events.find((e) => e.uid === 'nareis-apply@wegwijs');
    assert.ok(nareis, `the family reunification deadline is in the file: ${events.map((e) => e.uid)}`);
    assert.equal(nareis.summary, en.steps['nareis-apply'].title);
    assert.equal(nareis.startDate.isDate, true, 'an all-day event');
    assert.equal(nareis.startDate.toString(), '2027-01-01');
    assert.ok(nareis.description.includes(en.steps['nareis-apply'].deadline));
    const triggers = nareis.component.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('trigger').toString());
    // 09:00 a week before and 09:00 the day before, counted back from the day's start.
    assert.deepEqual(triggers, ['-P6DT15H', '-PT15H']);
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'one id per step');
    // One step's own button gives that step alone, with the same id (importing again updates it).
    const button = plan.item(en.steps['nareis-apply'].title).getByRole('button', { name: en.ui.add_to_calendar });
    const one = new ICAL.Component(ICAL.parse(await plan.download(button))).getAllSubcomponents('vevent');
    assert.deepEqual(one.map((e) => new ICAL.Event(e).uid), ['nareis-apply@wegwijs']);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the printout is a checklist with dates and the Dutch titles, without buttons', async () => {
    const page = await phoneToday('ar');
    const q = await new QuestionsScreen(page, app.base).open('/ar/plan/questions');
    await answerFamily(q, ar);
    const plan = await new PlanScreen(page, app.base).open('/ar/plan/');
    await plan.item(ar.steps['nareis-apply'].title).getByText(words('nl').steps['nareis-apply'].title).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: ar.ui.print_plan }).isVisible(), false);
    assert.equal(await page.locator('.site-header').isVisible(), false);
    const item = plan.item(ar.steps['nareis-apply'].title);
    assert.ok(await item.isVisible());
    const box = await item.evaluate((li) => getComputedStyle(li, '::before').borderTopStyle);
    assert.equal(box, 'solid', 'each step has a box to tick on paper');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('the intake and plan for everyone', () => {
  test('the intake works by keyboard alone', async () => {
    const page = await phoneToday();
    const q = await new QuestionsScreen(page, app.base).open('/en/plan/questions');
    // Tab to the first choice of "which protection", and choose with the arrow keys.
    const group = page.getByRole('group', { name: en.intake.protection });
    for (let i = 0; i < 40 && !(await group.evaluate((g) => g.contains(document.activeElement))); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await group.evaluate((g) => g.contains(document.activeElement)), 'reached by Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    assert.ok(await group.getByRole('radio', { name: en.intake['protection.subsidiary'] }).isChecked());
    // A year that is not a year is not saved, and says so; a real one is saved on leaving the field.
    const year = page.getByLabel(en.intake.birth_year);
    await year.focus();
    await page.keyboard.type('19');
    await page.keyboard.press('Tab');
    const error = page.getByRole('alert').filter({ hasText: en.ui.year_invalid });
    await error.waitFor();
    assert.equal(await year.getAttribute('aria-invalid'), 'true');
    await year.focus();
    await page.keyboard.type('90');
    await page.keyboard.press('Tab');
    await error.waitFor({ state: 'hidden' });
    await page.reload();
    await q.heading().waitFor();
    assert.equal(await year.inputValue(), '1990');
    assert.ok(await group.getByRole('radio', { name: en.intake['protection.subsidiary'] }).isChecked());
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const lang of ['en', 'ar']) {
    test(`axe finds no serious or critical violation on the intake, the plan and home (${lang})`, async () => {
      const page = await phoneToday();
      const q = await new QuestionsScreen(page, app.base).open(`/${lang}/plan/questions`);
      await answerFamily(q, words(lang));
      assert.deepEqual(await axe(page), [], 'intake');
      await new PlanScreen(page, app.base).open(`/${lang}/plan/`);
      await page.getByRole('checkbox', { name: words(lang).ui.show_all }).check();
      assert.deepEqual(await axe(page), [], 'plan');
      await new Screen(page, app.base).open(`/${lang}/`);
      assert.deepEqual(await axe(page), [], 'home');
      await page.context().close();
    });
  }

  test('the intake and the plan show no missing text in any language', async () => {
    const page = await phoneToday();
    for (const lang of languages) {
      const w = words(lang);
      const q = await new QuestionsScreen(page, app.base).open(`/${lang}/plan/questions`);
      await answerFamily(q, w);
      await q.choose(w.intake.came_as_minor, w.ui.yes);
      await q.choose(w.intake.housing, w.intake['housing.home']);
      assert.deepEqual(await q.emptyOrBrokenTexts(), [], `/${lang}/plan/questions`);
      const plan = await new PlanScreen(page, app.base).open(`/${lang}/plan/`);
      await page.getByRole('checkbox', { name: w.ui.show_all }).check();
      assert.deepEqual(await plan.emptyOrBrokenTexts(), [], `/${lang}/plan/`);
      assert.ok(await plan.stepShown(w.steps['nareis-apply'].title), lang);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
