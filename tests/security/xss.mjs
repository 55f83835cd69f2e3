// xss.mjs — visits every page that shows the payloads planted by
// xss_plant.py in headless Chromium with JavaScript on: fails on any dialog,
// page error from a payload, CSP violation, live dangerous markup (an
// element with an on* handler, a javascript: link, a script carrying a
// payload), or a page that does not show the payload as text.
// Usage: node xss.mjs PLANT.json  (DM_BASE_URL, DM_ROOT, DM_ARTIFACTS)
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.DM_ROOT, '.npm', 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const base = process.env.DM_BASE_URL;
const artifacts = process.env.DM_ARTIFACTS || join(process.env.DM_ROOT, 'artifacts', 'security');
mkdirSync(artifacts, { recursive: true });
const plant = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
const ctx = await browser.newContext({ javaScriptEnabled: true, viewport: { width: 1280, height: 900 } });
const u = new URL(base);
await ctx.addCookies([{ name: 'dm_session', value: plant.cookie, domain: u.hostname, path: '/', httpOnly: true }]);

let passed = 0, failed = 0;
for (const path of plant.pages) {
  const page = await ctx.newPage();
  const problems = [];
  page.on('dialog', d => { problems.push(`dialog fired: ${d.type()} ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('console', m => { if (/Content Security Policy|Refused to/.test(m.text())) problems.push('CSP: ' + m.text()); });
  page.on('pageerror', e => problems.push('page error: ' + String(e).slice(0, 200)));
  try {
    const resp = await page.goto(base + path, { waitUntil: 'load', timeout: 30000 });
    await page.waitForTimeout(400);
    if (!resp || resp.status() >= 400) problems.push(`status ${resp && resp.status()}`);
    const found = await page.evaluate(() => {
      const bad = [];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.getAttributeNames()) {
          const v = el.getAttribute(a) || '';
          if (/^on/i.test(a) && /alert/.test(v)) bad.push(`<${el.tagName.toLowerCase()} ${a}="${v}">`);
          if (/^(href|src|action|formaction|xlink:href)$/i.test(a) && /^\s*javascript:/i.test(v)) bad.push(`<${el.tagName.toLowerCase()} ${a}="${v}">`);
        }
        if (el.tagName.toLowerCase() === 'script' && /alert\(/.test(el.textContent || '')) bad.push('<script>' + el.textContent.slice(0, 80));
      }
      const text = (document.body ? document.body.innerText : '') + ' ' + (document.documentElement.textContent || '');
      return { bad, text };
    });
    problems.push(...found.bad.map(b => 'live markup: ' + b));
    if (!plant.payloads.some(p => found.text.includes(p)))
      problems.push('no payload visible as text (expected it escaped on this page)');
    await page.screenshot({ path: join(artifacts, 'xss-' + path.replace(/[^a-z0-9]+/gi, '_').slice(0, 100) + '.png'), fullPage: true }).catch(() => {});
  } catch (e) {
    problems.push('error: ' + e.message.split('\n')[0]);
  }
  if (problems.length) { failed++; console.log(`FAIL xss ${path}: ${problems.join('; ')}`); }
  else { passed++; console.log(`ok   xss ${path}`); }
  await page.close();
}
await browser.close();
console.log(`xss: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
