// history.test.mjs — issue 20, parts 1 and 3: Explore's Estimate, the cost
// warning with "Run anyway", the query history and "Run again", with
// JavaScript on and off, at 1280 and 390 px. DATAMIND_COST_WARN_ROWS is set
// to 50,000 for the test (the shop has 100,000 orders) through the
// integration tests' helper, and put back after.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fillSql, signIn } from './lib.mjs';

function warnRows(value) {
  const extra = value ? `{"COST_WARN_ROWS": "${value}"}` : '{}';
  execFileSync('python3', ['-c', `import dm; dm.reconfigure(${extra}, "DATAMIND_COST_WARN_ROWS=")`],
               { env: { ...process.env, PYTHONPATH: join(process.env.DM_ROOT, 'tests', 'integration') },
                 stdio: 'inherit' });
}

async function click(page, js, selector) {
  // without JavaScript every button is a page load; with it, a swap
  if (js) await page.click(selector);
  else await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

export const tests = {
  'explore estimates, warns before a big scan, and keeps a history': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      warnRows(50000);
      try {
        const tag = `${js ? 'js' : 'nojs'}_${Date.now()}`;
        const sql = `SELECT id, status, '${tag}' AS tag FROM orders ORDER BY id`;
        await page.goto(base + '/explore');
        await fillSql(page, sql);
        await click(page, js, 'button[name=estimate]');
        await page.waitForSelector('.estimate-card', { timeout: 30000 });
        assert.match(await page.textContent('.estimate-card'), /orders\s+\(~[0-9,]+ rows, by index\)\s+large/);
        assert.match(await page.textContent('.estimate-card'), /Run will ask before running it/);
        assert.equal(await page.$('.result table.data'), null, 'nothing ran');
        await shot('explore-estimate');

        await click(page, js, '.editor button.primary');
        await page.waitForSelector('.cost-warning', { timeout: 30000 });
        assert.match(await page.textContent('.cost-warning'), /This query may read a lot of data/);
        assert.equal(await page.$('.result table.data'), null, 'nothing ran');
        await shot('explore-cost-warning');
        await page.setViewportSize({ width: 390, height: 800 });
        await shot('explore-cost-warning-390');
        await page.setViewportSize({ width: 1280, height: 800 });

        await click(page, js, '.cost-warning button:has-text("Run anyway")');
        await page.waitForSelector('.result table.data', { timeout: 60000 });
        assert.equal(await page.$('.cost-warning'), null);

        await page.goto(base + '/history?q=' + tag);
        const rows = await page.$$('table.history tbody tr');
        assert.equal(rows.length, 2, 'the warned run and the run');
        assert.match(await rows[0].textContent(), /ok/);
        assert.match(await rows[1].textContent(), /needs confirmation/);
        await shot('history');
        await page.setViewportSize({ width: 390, height: 800 });
        await shot('history-390');
        // no page is wider than the screen at 390 px
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 400),
                  'history fits 390 px');
        await page.setViewportSize({ width: 1280, height: 800 });

        // (with JavaScript a boosted link: the address changes by pushState)
        await Promise.all([page.waitForURL(/\/history\/[0-9a-f-]{36}$/),
                           page.click('table.history tbody tr:first-child td:first-child a')]);
        await page.waitForSelector('.run-facts');
        assert.match(await page.textContent('main'), /Estimated rows/);
        await shot('history-run');
        await page.setViewportSize({ width: 390, height: 800 });
        await shot('history-run-390');
        await page.setViewportSize({ width: 1280, height: 800 });

        // Run again: Explore with the result (a confirmed run earlier; this
        // one asks again, as a new run of a big scan)
        await Promise.all([page.waitForURL(/\/explore/), page.click('.page-head button:has-text("Run again")')]);
        await page.waitForSelector('.cost-warning, .result table.data, .job-follow', { timeout: 30000 });
        await page.waitForSelector('.cost-warning, .result table.data', { timeout: 60000 });
        assert.ok(await page.$('.cost-warning'), 'a new run of a big scan asks again');
        await page.goto(base + '/history?q=' + tag);
        assert.equal((await page.$$('table.history tbody tr')).length, 3);
      } finally {
        warnRows(null);
      }
    },
  },
};
