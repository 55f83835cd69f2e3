// run.mjs — loads every *.test.mjs beside it and runs its tests in headless
// Chromium, once with JavaScript on and once off where a test asks for both.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.DM_ROOT, '.npm', 'node_modules', 'x.js'));
const { chromium } = require('playwright-core');
const here = dirname(fileURLToPath(import.meta.url));
const base = process.env.DM_BASE_URL;
const artifacts = process.env.DM_ARTIFACTS;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});

let passed = 0, failed = 0;
// DM_BROWSER_TESTS=exports runs only the files whose name contains it (for development)
const only = process.env.DM_BROWSER_TESTS || '';
const files = readdirSync(here).filter(f => f.endsWith('.test.mjs') && f.includes(only)).sort();
for (const f of files) {
  const mod = await import(pathToFileURL(join(here, f)));
  for (const [name, t] of Object.entries(mod.tests)) {
    for (const js of t.modes || [true]) {
      const label = `${f}: ${name} (JavaScript ${js ? 'on' : 'off'})`;
      const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: t.viewport || { width: 1280, height: 800 },
                                             colorScheme: t.colorScheme || 'light' });
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', e => errors.push(String(e)));
      page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('dialog', d => { errors.push('dialog: ' + d.message()); d.dismiss(); });
      try {
        await t.run({ page, base, js, shot: async (n) => page.screenshot({ path: join(artifacts, `${n}-${js ? 'js' : 'nojs'}.png`), fullPage: true }) });
        const csp = errors.filter(e => /Content Security Policy|Refused to/.test(e));
        if (csp.length) throw new Error('CSP violations: ' + csp.join('; '));
        if (errors.some(e => e.startsWith('dialog:'))) throw new Error(errors.join('; '));
        console.log(`ok   ${label}`);
        passed++;
      } catch (e) {
        console.log(`FAIL ${label}: ${e.message}`);
        failed++;
      } finally {
        await ctx.close();
      }
    }
  }
}
await browser.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
