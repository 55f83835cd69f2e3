// connections.test.mjs — the demo connection's schema browser and Explore:
// run SQL, see the table and the chart, an error marked in place.
import assert from 'node:assert/strict';
import { fillSql, signIn } from './lib.mjs';

export const tests = {
  'schema browser shows tables, columns and samples': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await page.goto(base + '/connections');
      await page.click('a.conn-card');
      assert.match(await page.textContent('.table-list'), /orders/);
      await page.click('.table-list a:has-text("countries")');
      await page.waitForSelector('.table-detail table');
      const text = await page.textContent('.table-detail');
      assert.match(text, /Germany/);
      assert.match(text, /→ regions\.id/);
      await shot('schema-browser');
    },
  },
  'explore runs SQL and draws a chart': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page,
        "SELECT r.name AS region, round(sum(oi.quantity * oi.unit_price)) AS revenue\n" +
        "FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN customers c ON c.id = o.customer_id\n" +
        "JOIN countries co ON co.id = c.country_id JOIN regions r ON r.id = co.region_id\nGROUP BY 1 ORDER BY 2 DESC");
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result table.data');
      assert.equal(await page.$$eval('.result table.data tbody tr', t => t.length), 4);
      await shot('explore-table');
      await page.click('label[for=tab-chart]');
      await page.waitForSelector('figure.chart svg:visible');
      assert.equal(await page.getAttribute('figure.chart svg', 'role'), 'img');
      await shot('explore-chart');
      if (js) assert.match(page.url(), /\/explore$/, 'htmx kept the page');
    },
  },
  'explore marks an error and refuses a write': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page, 'SELECT nme FROM customers');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result-error');
      assert.match(await page.textContent('.result-error'), /column "nme" does not exist/);
      assert.equal(await page.textContent('.sql-marked mark'), 'nme');
      await shot('explore-error');
      await fillSql(page, 'DELETE FROM customers');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result-error h2:has-text("will not run")');
    },
  },
  'explore saves the query it ran': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page, 'SELECT name FROM regions ORDER BY name');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result table.data');
      if (js) assert.match(page.url(), /\/explore$/, 'htmx kept the page');
      assert.ok(await page.isVisible('details.save-query summary'), 'Save is offered after a run');
      await page.click('details.save-query summary');
      const name = `Region names ${js ? 'js' : 'nojs'} ${Date.now()}`;
      await page.fill('details.save-query input[name=name]', name);
      await shot('explore-save');
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
      assert.equal((await page.textContent('h1')).trim(), name);
      assert.match(await page.textContent('main'), /SELECT name FROM regions ORDER BY name/);
    },
  },
};
