// live.test.mjs — the bell is pushed through nginx's nchan (EventSource via
// htmx's SSE extension): an alert checked in another tab raises the count on
// this page without a reload. (With JavaScript off the bell shows the count
// the page was rendered with: uploads_alerts.test.mjs, "alert: create, check
// now, bell".)
import assert from 'node:assert/strict';
import { signIn } from './lib.mjs';

async function bellCount(page) {
  const t = await page.$eval('#bell-count', e => e.textContent.trim());
  return t === '' ? 0 : Number(t);
}

export const tests = {
  'bell: pushed without a reload': {
    modes: [true],
    async run({ page, base, shot }) {
      await page.addInitScript(() => {
        document.addEventListener('htmx:sseOpen', () => { window.__sseOpen = true; }, true);
      });
      await signIn(page, base);
      await page.goto(base + '/chat');
      assert.equal(await page.getAttribute('#bell-count', 'sse-swap'), 'bell');
      assert.equal(await page.getAttribute('#bell-count', 'hx-trigger'), null, 'no polling');
      // the subscription is open before the alert fires
      await page.waitForFunction(() => window.__sseOpen === true, null, { timeout: 15000 });
      const before = await bellCount(page);
      await page.evaluate(() => { window.__notReloaded = true; });
      // another tab of the same user creates an alert and checks it now
      const other = await page.context().newPage();
      await other.goto(base + '/alerts/new');
      await other.fill('input[name=name]', 'Pushed bell ' + Date.now());
      await other.fill('textarea[name=sql]', 'SELECT count(*) FROM orders');
      await other.selectOption('select[name=condition]', 'above');
      await other.fill('input[name=threshold]', '1000');
      await Promise.all([other.waitForURL(/alerts\/[0-9a-f-]{36}/), other.click('button:has-text("Save alert")')]);
      await Promise.all([other.waitForLoadState(), other.click('button:has-text("Check now")')]);
      await other.close();
      await page.waitForFunction(n => {
        const t = document.querySelector('#bell-count').textContent.trim();
        return (t === '' ? 0 : Number(t)) === n;
      }, before + 1, { timeout: 60000 });
      assert.equal(await page.evaluate(() => window.__notReloaded), true, 'the page was not reloaded');
      assert.equal(await bellCount(page), before + 1);
      await shot('bell-pushed');
    },
  },
};
