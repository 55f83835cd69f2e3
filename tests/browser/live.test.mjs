// live.test.mjs — live updates through nginx's nchan (EventSource via htmx's
// SSE extension): an alert checked in another tab raises the bell's count on
// this page without a reload; a chat answer's stages arrive one by one. (With JavaScript off the bell shows the count
// the page was rendered with: uploads_alerts.test.mjs, "alert: create, check
// now, bell".)
import assert from 'node:assert/strict';
import { fillSql, signIn } from './lib.mjs';

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
      await fillSql(other, 'SELECT count(*) FROM orders');
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
  'chat: an answer streams in stage by stage': {
    modes: [true],
    async run({ page, base, shot }) {
      await page.addInitScript(() => {
        window.__stages = [];
        document.addEventListener('htmx:sseMessage', e => { window.__stages.push(e.detail.type); }, true);
        document.addEventListener('htmx:sseOpen', () => { window.__sseOpen = true; }, true);
      });
      await signIn(page, base);
      await page.goto(base + '/chat');
      await page.fill('textarea[name=message]', 'how many customers are there');
      await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
      // on the chat's page the form asks with htmx and its stages are pushed
      await page.waitForFunction(() => window.__sseOpen === true, null, { timeout: 15000 });
      const before = await page.$$eval('article.msg-answer', a => a.length);
      await page.evaluate(() => { window.__stages = []; }); // (the first question's are in too: hx-boost)
      await page.fill('textarea[name=message]', 'how many orders are there');
      await page.click('form#ask button[type=submit]');
      await page.waitForFunction(n => document.querySelectorAll('article.msg-answer').length > n, before);
      await page.waitForFunction(() => window.__stages.includes('insight'), null, { timeout: 30000 });
      const stages = await page.evaluate(() => window.__stages.filter(s => s !== 'bell'));
      assert.deepEqual(stages, ['understood', 'sql', 'running', 'rows', 'chart', 'insight']);
      const text = sel => page.$eval(`#working li[sse-swap=${sel}]`, e => e.textContent.trim());
      assert.match(await text('sql'), /^SELECT/i);
      assert.equal(await text('rows'), '1 row');
      const answers = await page.$$eval('article.msg-answer p.insight', p => p.map(x => x.textContent.trim()));
      assert.equal(await text('insight'), answers[answers.length - 1]);
      await shot('chat-stages');
    },
  },
};
