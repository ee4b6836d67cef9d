// `make bench`, the browser part: against the real server and the built app, in Debian's
// Chromium,
// 1. a repeat visit offline: time from navigation to the first step text visible, served by the
//    service worker, with 4x CPU throttling; median of 5 runs;
// 2. Lighthouse (default mobile: simulated slow 4G and 4x CPU) on /en/ and /ar/first-weeks/:
//    performance, accessibility and best-practices scores, FCP, LCP, TBT, CLS; skipped with a
//    note when target/lighthouse holds no Lighthouse (scripts/setup.sh bench installs it).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_ARGS, phone, start, untilOffline } from '../tests/e2e/harness.mjs';

const root = resolve(import.meta.dirname, '..');
const structure = JSON.parse(readFileSync(`${root}/content/structure.json`, 'utf8'));
const [guide] = structure.guides;
const app = await start();
try {
  const page = await phone(app.browser);
  const path = `/en/${guide.id}/${guide.steps[3]}`;
  await page.goto(app.base + path);
  await page.locator('main h1').waitFor();
  await untilOffline(page);
  await page.context().setOffline(true);
  await app.serverDown();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const runs = [];
  for (let i = 0; i < 5; i += 1) {
    await page.goto(app.base + path, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('main h1.step__title, main h1')?.textContent, null, { polling: 'raf' });
    runs.push(await page.evaluate(() => performance.now()));
  }
  runs.sort((a, b) => a - b);
  const median = runs[2];
  console.log(`repeat visit offline, 4x CPU: first step text after ${Math.round(median)} ms (median of 5: ${runs.map(Math.round).join(', ')} ms); goal 500 ms: ${median <= 500 ? 'met' : 'NOT MET'}`);
  await page.context().close();
  await app.serverUp();

  const lighthouse = `${root}/target/lighthouse/node_modules/.bin/lighthouse`;
  if (!existsSync(lighthouse)) {
    console.log('lighthouse: not installed (scripts/setup.sh bench installs lighthouse@12.2.3 into target/lighthouse)');
  } else {
    console.log('\nLighthouse 12.2.3, default mobile    perf  a11y  best   FCP ms  LCP ms  TBT ms  CLS');
    for (const url of ['/en/', '/ar/first-weeks/']) {
      const out = execFileSync(lighthouse, [app.base + url, '--output=json', '--quiet',
        `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`, '--only-categories=performance,accessibility,best-practices'],
      { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, maxBuffer: 64 * 1024 * 1024 });
      const report = JSON.parse(out);
      const score = (c) => report.categories[c].score.toFixed(2);
      const ms = (a) => String(Math.round(report.audits[a].numericValue)).padStart(7);
      console.log(`${url.padEnd(36)} ${score('performance')}  ${score('accessibility')}  ${score('best-practices')}  ${ms('first-contentful-paint')} ${ms('largest-contentful-paint')} ${ms('total-blocking-time')}  ${report.audits['cumulative-layout-shift'].numericValue.toFixed(3)}`);
    }
  }
} finally {
  await app.stop();
}
