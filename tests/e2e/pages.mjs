// Page objects: how a person finds things on each screen, by role and label.

export class Screen {
  constructor(page, base) {
    this.page = page;
    this.base = base;
  }

  async open(path) {
    await this.page.goto(this.base + path);
    await this.heading().waitFor();
    return this;
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async direction() {
    return this.page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
  }

  /** Opens the language chooser and picks a language by its own name; waits for its address. */
  async chooseLanguage(endonym, code) {
    await this.page.locator('summary.lang-picker__summary').click();
    await this.page.getByRole('link', { name: endonym }).click();
    await this.page.waitForURL((url) => url.pathname.startsWith(`/${code}/`), { waitUntil: 'commit' });
    await this.page.waitForFunction((c) => document.documentElement.lang === c && document.querySelector('main h1'), code);
  }

  /** Whether anything sticks out sideways (cut off, or a horizontal scroll on a phone). */
  async overflowsSideways() {
    return this.page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  }

  /** Visible text elements that are empty, or show a placeholder that was not filled. */
  async emptyOrBrokenTexts() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('main h1, main h2, main h3, main p, main li, main a, main label, header a, summary')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.tagName, el.textContent.trim()])
        .filter(([, text]) => text === '' || /\{[a-z_]+\}|undefined|\[object/.test(text))
        .map(([tag, text]) => `${tag}: "${text}"`));
  }
}

export class GuideScreen extends Screen {
  /** The checkbox of a step, by the step's title. */
  stepBox(title) {
    return this.page.getByRole('checkbox', { name: title });
  }

  stepLink(title) {
    return this.page.getByRole('link', { name: title });
  }
}

export class StepScreen extends Screen {
  doneBox(label) {
    return this.page.getByRole('checkbox', { name: label });
  }
}

export class QuestionsScreen extends Screen {
  /** A date question, by its label. */
  dateField(label) {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Chooses an answer of a question by keyboard: focus on the choice, then Space. */
  async choose(question, answer) {
    const choice = this.page.getByRole('group', { name: question, exact: true }).getByRole('radio', { name: answer, exact: true });
    await choice.focus();
    await this.page.keyboard.press('Space');
    await this.page.waitForFunction((el) => el.checked, await choice.elementHandle());
  }

  /** Types the children's years of birth, one row each (a row appears once the one before it has
   * a year); each is saved on leaving its field. */
  async childYears(w, years) {
    const rows = this.page.getByRole('group', { name: w.intake.children, exact: true })
      .getByRole('spinbutton', { name: w.ui.child_year });
    for (const [i, year] of years.entries()) {
      await rows.nth(i).focus();
      await this.page.keyboard.type(year);
      await this.page.keyboard.press('Tab');
    }
  }
}

export class PlanScreen extends Screen {
  /** A step's entry in the plan list, by its title. */
  item(title) {
    return this.page.locator('.plan > li').filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  /** Whether a step is shown in the plan list. */
  async stepShown(title) {
    return (await this.item(title).count()) === 1 && this.item(title).isVisible();
  }

  /** The date line of a step. */
  async dueText(title) {
    return (await this.item(title).locator('.due').textContent()) ?? '';
  }

  /** Whether the plan says "not for you" or "maybe" for a step ('' when it is for the person). */
  async itemStatus(title) {
    const status = this.item(title).locator('.plan__status');
    return (await status.count()) ? status.textContent() : '';
  }

  /** A day written out as the browser writes it in `lang`. */
  async dateIn(day, lang) {
    return this.page.evaluate(([d, l]) =>
      new Date(`${d}T12:00:00Z`).toLocaleDateString(l, { dateStyle: 'long', timeZone: 'UTC' }), [day, lang]);
  }

  /** Presses a calendar button; returns the text of the file it gives. */
  async download(button) {
    const [file] = await Promise.all([this.page.waitForEvent('download'), button.click()]);
    const chunks = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
}
