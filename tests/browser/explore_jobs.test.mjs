// explore_jobs.test.mjs — issue 19: Explore queries run in the job runners.
// A query longer than DATAMIND_QUERY_WAIT_MS shows a page that follows it
// (htmx polling with JavaScript, a meta refresh without) until the result
// is there; a running query is cancelled with its Cancel button.
import assert from 'node:assert/strict';
import { fillSql, signIn } from './lib.mjs';

async function setFunctions(page, base, list) {
  await page.goto(base + '/connections');
  await page.click('a.conn-card:has-text("Shop")');
  await page.fill('input[name=functions]', list);
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save functions")')]);
}

async function run(page, base, sql) {
  await page.goto(base + '/explore');
  await fillSql(page, sql);
  await page.click('button:has-text("Run")');
}

export const tests = {
  'explore follows a slow query to its result and cancels one': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await setFunctions(page, base, 'pg_sleep');
      try {
        const tag = `${js ? 'js' : 'nojs'}_${Date.now()}`;
        await run(page, base, `SELECT 5 AS slow_${tag} FROM pg_sleep(4)`);
        await page.waitForSelector('.job-follow', { timeout: 20000 });
        await shot('explore-following');
        await page.waitForSelector('.result table.data', { timeout: 60000 });
        assert.equal((await page.textContent('.result table.data tbody td')).trim(), '5');
        assert.equal(await page.$('.job-follow'), null);
        if (js) assert.match(page.url(), /\/explore$/, 'htmx kept the page');
        else assert.match(page.url(), /\/explore\/jobs\/[0-9a-f]{32}/, 'the page followed the job');

        await run(page, base, `SELECT 6 AS long_${tag} FROM pg_sleep(120)`);
        await page.waitForSelector('.job-follow button:has-text("Cancel")', { timeout: 20000 });
        // the follow page renews itself every second: click until a click lands
        for (let i = 0; i < 20 && !(await page.$('.result-error')); i++) {
          try {
            await page.click('.job-follow button:has-text("Cancel")', { timeout: 2000 });
            await page.waitForSelector('.result-error', { timeout: 5000 });
          } catch (e) { /* replaced under the click: again */ }
        }
        assert.match(await page.textContent('.result-error'), /You cancelled this query\./);
        await shot('explore-cancelled');
      } finally {
        await setFunctions(page, base, '');
      }
    },
  },
};
