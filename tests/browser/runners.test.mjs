// runners.test.mjs — issue 19: a widget's Refresh and exports run in the
// worker's runners; the page follows the job (nchan with JavaScript, a meta
// refresh without) until the result is there, and a slow export still
// arrives as a download. A chat answer's stages appear in order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fillSql, signIn } from './lib.mjs';

async function setFunctions(page, base, list) {
  await page.goto(base + '/connections');
  await page.click('a.conn-card:has-text("Shop")');
  await page.fill('input[name=functions]', list);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save functions")')]);
}

// Poll the page (which may reload itself) until fn says it is there.
async function until(page, fn, what, ms = 90000) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await fn().catch(() => false)) return;
    await page.waitForTimeout(300);
  }
  throw new Error('never happened: ' + what);
}

const STAMP = 'article.widget table.data tbody td';

export const tests = {
  'a widget\'s Refresh follows its slow query and updates the card': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await setFunctions(page, base, 'pg_sleep');
      try {
        await page.goto(base + '/dashboards');
        if (!(await page.isVisible('input[name=title]'))) await page.click('details.new-dash summary');
        await page.fill('input[name=title]', `Runners ${js ? 'js' : 'nojs'} ${Date.now()}`);
        await Promise.all([page.waitForURL(/dashboards\/[0-9a-f-]{36}$/), page.click('button:has-text("Create dashboard")')]);
        const dash = page.url();
        await page.goto(dash + '/widgets/new');
        const form = 'form:has(input[name=source][value=sql])';
        await page.selectOption(`${form} select[name=connection_id]`, { label: 'Shop' });
        await fillSql(page, 'SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS stamp FROM pg_sleep(8)');
        await page.fill(`${form} input[name=title]`, 'Stamp');
        await page.selectOption(`${form} select[name=kind]`, 'table');
        await page.click(`${form} button:has-text("Add")`);
        // its first result comes from the worker too
        await until(page, async () => (await page.$(STAMP)) && !(await page.$('article.widget .badge.warn')),
                    'the first result');
        const first = (await page.textContent(STAMP)).trim();
        if (js) await page.evaluate(() => { window.kept = 'the same page'; });
        await page.click('article.widget button[title=Refresh]');
        await page.waitForSelector('article.widget .badge.warn:has-text("refreshing…")', { timeout: 30000 });
        if (!js) assert.match(page.url(), /\?jobs=[0-9a-f]{32}$/, 'the page follows the job');
        await shot('widget-refreshing');
        await until(page, async () => !(await page.$('article.widget .badge.warn')) &&
                                      (await page.textContent(STAMP)).trim() !== first, 'the new result');
        assert.equal(await page.$$eval('.widget-error', e => e.length), 0);
        if (js) assert.equal(await page.evaluate(() => window.kept), 'the same page', 'updated in place, not reloaded');
        await shot('widget-refreshed');
      } finally {
        await setFunctions(page, base, '');
      }
    },
  },
  'a slow export still arrives as a download': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await setFunctions(page, base, 'pg_sleep');
      try {
        await page.goto(base + '/explore');
        await fillSql(page, 'SELECT 4141 AS v FROM pg_sleep(4)');
        await page.click('button:has-text("Run")');
        await page.waitForSelector('.result table.data', { timeout: 60000 });
        await page.click('details.save-query summary');
        await page.fill('details.save-query input[name=name]', `Slow export ${js ? 'js' : 'nojs'} ${Date.now()}`);
        await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
        const before = page.url();
        const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 90000 }),
                                        page.click('.page-head a:has-text("CSV")')]);
        assert.equal(await dl.failure(), null);
        assert.match(dl.suggestedFilename(), /\.csv$/);
        const lines = readFileSync(await dl.path(), 'utf8').split(/\r?\n/).filter(Boolean);
        assert.deepEqual(lines, ['v', '4141']);
        assert.match(dl.url(), /\/exports\/[0-9a-f]{32}$/, 'the file came from its job');
        const again = await page.request.get(dl.url(), { maxRedirects: 0 });
        assert.equal(again.headers()['content-type'], 'text/csv; charset=utf-8');
        assert.match(again.headers()['content-disposition'], /^attachment; filename=".+\.csv"$/);
        if (js) {
          assert.equal(page.url(), before, 'the page stayed');
          await page.waitForSelector('#exports .export-job:has-text("Your file is ready.")');
        } else {
          assert.match(page.url(), /\/exports\/[0-9a-f]{32}$/, 'the page that prepared it');
          assert.match(await page.textContent('main'), /Preparing your file/);
        }
        await shot('export-slow');
      } finally {
        await setFunctions(page, base, '');
      }
    },
  },
  'a chat answer\'s stages appear in order': {
    async run({ page, base, shot }) {
      await page.addInitScript(() => {
        document.addEventListener('htmx:sseOpen', () => { window.sseOpen = true; });
      });
      await signIn(page, base);
      await page.goto(base + '/chat');
      await page.fill('textarea[name=message]', 'how many orders are there');
      await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
      await page.waitForFunction(() => window.sseOpen === true);
      await page.evaluate(() => {
        window.stages = [];
        for (const li of document.querySelectorAll('#working .stages li')) {
          new MutationObserver(() => {
            const name = li.getAttribute('sse-swap');
            if (li.textContent.trim() && !window.stages.includes(name)) window.stages.push(name);
          }).observe(li, { childList: true, characterData: true, subtree: true });
        }
      });
      await page.fill('textarea[name=message]', 'orders by channel');
      await page.click('form#ask button[type=submit]');
      await page.waitForFunction(() => window.stages.includes('insight'), null, { timeout: 60000 });
      assert.deepEqual(await page.evaluate(() => window.stages),
                       ['understood', 'sql', 'running', 'rows', 'chart', 'insight']);
      await shot('chat-stages');
    },
  },
};
