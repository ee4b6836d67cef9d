// Draws the install icons from the one source, public/icon.svg, with Debian's Chromium:
//   node scripts/icons.mjs
// writes public/icon-192.png, public/icon-512.png and public/icon-maskable-512.png. The PNGs are
// committed, so building needs no image tool; run this again after changing the SVG (a native
// test checks every icon's pixel size against the manifest).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const pub = resolve(import.meta.dirname, '../public');
const svg = readFileSync(`${pub}/icon.svg`, 'utf8');
// Maskable: the launcher cuts the icon to its own shape, keeping only a centred circle of 80 %.
// So the background fills the whole square and the drawing shrinks into that circle.
const background = svg.match(/<rect[^>]*fill="([^"]+)"[^>]*\/>/);
if (!background) throw new Error('public/icon.svg: expected a background <rect fill="…"/>');
const drawing = svg.replace(background[0], '').replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="${background[1]}"/>`
  + `<g transform="translate(12.8 12.8) scale(0.6)">${drawing}</g></svg>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const [name, source, size] of [['icon-192.png', svg, 192], ['icon-512.png', svg, 512], ['icon-maskable-512.png', maskable, 512]]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`);
  writeFileSync(`${pub}/${name}`, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  console.log(`public/${name}: ${size}×${size}`);
}
await browser.close();
