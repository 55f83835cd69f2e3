// foundation.test.mjs — the login page renders styled, with and without JS;
// error pages are pages; a phone gets a readable layout.
import assert from 'node:assert/strict';

export const tests = {
  'login page renders styled': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const res = await page.goto(base + '/login');
      assert.equal(res.status(), 200);
      assert.equal(await page.title(), 'Sign in · DataMind');
      // the stylesheet applied: the sign-in button is the accent colour
      const bg = await page.$eval('button[type=submit]', el => getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(79, 70, 229)');
      assert.ok(await page.isVisible('input[name=email]'));
      if (js) {
        await page.waitForFunction(() => window.htmx !== undefined);
      }
      await shot('login');
    },
  },
  'login page in dark mode': {
    colorScheme: 'dark',
    async run({ page, base, shot }) {
      await page.goto(base + '/login');
      const bg = await page.$eval('body', el => getComputedStyle(el).backgroundColor);
      assert.equal(bg, 'rgb(15, 18, 24)');
      await shot('login-dark');
    },
  },
  'login page on a phone': {
    viewport: { width: 360, height: 740 },
    async run({ page, base, shot }) {
      await page.goto(base + '/login');
      const w = await page.$eval('.auth-card', el => el.getBoundingClientRect().width);
      assert.ok(w <= 360 && w > 300, 'card width ' + w);
      await shot('login-phone');
    },
  },
  'unknown page shows the 404 page': {
    modes: [true, false],
    async run({ page, base, shot }) {
      const res = await page.goto(base + '/no-such-page');
      assert.equal(res.status(), 404);
      assert.match(await page.textContent('h1'), /Page not found/);
      await shot('404');
    },
  },
};
