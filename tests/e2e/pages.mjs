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
