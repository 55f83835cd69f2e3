// api_tokens.test.mjs — Settings → API tokens, with JavaScript on (htmx
// boost) and off (plain forms): make a token, see it once, use it on the
// API, revoke it; at 1280 and 390 px.
import assert from 'node:assert/strict';
import { register } from './lib.mjs';

// Nothing of the page wider than the window (only a table scrolls, inside
// its .table-wrap): the elements that stick out, as text.
async function overflowing(page) {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap') &&
                   ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
      .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
  });
}

async function makeAndRevoke({ page, base, js, shot }, label) {
  await register(page, base);
  await page.goto(base + '/settings');
  await page.fill('input[name=token_name]', 'Nightly script');
  await page.selectOption('select[name=expires_days]', '90');
  await Promise.all([page.waitForSelector('#new-token'), page.click('#api-tokens button[type=submit]:has-text("Make a token")')]);
  const token = await page.inputValue('#new-token');
  assert.match(token, /^dm_[A-Za-z0-9_-]{43}$/);
  assert.match(await page.textContent('#api-tokens table.data'), /Nightly script/);
  await shot(label + '-token-shown');
  if (js) assert.deepEqual(await overflowing(page), []);
  // it works on the API, as this user
  const me = await page.request.get(base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(me.status(), 200);
  assert.equal((await me.json()).role, 'admin');
  // shown once: not on the next view of the page
  await page.goto(base + '/settings');
  assert.equal(await page.$('#new-token'), null);
  assert.ok(!(await page.content()).includes(token));
  await shot(label + '-token-listed');
  await Promise.all([page.waitForURL(/\/settings/), page.click('#api-tokens button:has-text("Revoke")')]);
  await page.waitForSelector('.flash');
  assert.match(await page.textContent('.flash'), /revoked/);
  // revoked: a 401, though this browser also holds a session cookie
  const after = await page.request.get(base + '/api/v1/me', { headers: { Authorization: 'Bearer ' + token } });
  assert.equal(after.status(), 401);
}

export const tests = {
  'make, use and revoke an API token': {
    modes: [true, false],
    async run(ctx) { await makeAndRevoke(ctx, 'desktop'); },
  },
  'API tokens on a phone': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run(ctx) { await makeAndRevoke(ctx, 'phone'); },
  },
};
