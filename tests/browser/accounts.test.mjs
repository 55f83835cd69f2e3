// accounts.test.mjs — register and sign in through the real pages, with
// JavaScript on (htmx boost) and off (plain forms), and see the result.
import assert from 'node:assert/strict';
import { register, password } from './lib.mjs';

export const tests = {
  'register, sign out, sign in': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const email = await register(page, base);
      assert.match(await page.textContent('.flash'), /Welcome to DataMind/);
      assert.equal(await page.textContent('.who-name'), 'Bea Browser');
      await shot('after-register');
      // sign out (a POST form in the nav)
      await Promise.all([page.waitForURL(/\/login/), page.click('form[action="/logout"] button')]);
      assert.match(await page.textContent('.flash'), /signed out/);
      // a wrong password: the message, the email kept
      await page.fill('input[name=email]', email);
      await page.fill('input[name=password]', 'not my password at all');
      await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
      await page.waitForSelector('.form-error');
      assert.match(await page.textContent('.form-error'), /Wrong email or password/);
      assert.equal(await page.inputValue('input[name=email]'), email);
      await shot('login-error');
      // the right one
      await page.fill('input[name=password]', password);
      await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
      assert.equal(await page.textContent('.who-name'), 'Bea Browser');
      if (js) assert.ok(await page.evaluate(() => document.querySelector('.app').getAttribute('hx-headers').includes('X-CSRF-Token')));
      await page.goto(base + '/settings');
      await shot('settings');
      await page.goto(base + '/admin/users');
      await shot('users');
      await page.goto(base + '/audit');
      assert.match(await page.textContent('table.data'), /auth\.login/);
      await shot('audit');
    },
  },
  'phone navigation works without JavaScript': {
    modes: [false],
    viewport: { width: 375, height: 800 },
    async run({ page, base, shot }) {
      await register(page, base);
      assert.equal(await page.isVisible('nav.nav'), false);
      await page.click('label.navburger');
      assert.equal(await page.isVisible('nav.nav'), true);
      await shot('phone-nav');
    },
  },
};
