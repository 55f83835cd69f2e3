// connections.test.mjs — the demo connection's schema browser and Explore:
// run SQL, see the table and the chart, an error marked in place.
import assert from 'node:assert/strict';
import { fillSql, register, signIn } from './lib.mjs';

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
  'schema browser describes tables and columns in plain English': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await page.goto(base + '/connections');
      await page.click('a.conn-card');
      const conn = page.url().split('?')[0];
      // the schema refresh job writes the sentences: read the schema again
      // when this stack's worker has not yet
      if (!(await page.$('.table-list .table-desc'))) {
        await page.click('button:has-text("Refresh schema")');
        await page.waitForSelector('text=Reading the schema again in the background');
      }
      for (let i = 0; i < 180 && !(await page.$('.table-list .table-desc')); i++) {
        await page.waitForTimeout(500);
        await page.goto(conn);
      }
      const orders = await page.textContent('.table-list li:has(a:text-is("orders")) .table-desc');
      assert.match(orders, /^One row per order \(id\), dated by ordered_at; each belongs to one customer/);
      await page.click('.table-list a:text-is("orders")');
      await page.waitForSelector('.table-detail table');
      assert.match(await page.textContent('.table-desc-full'), /order items refer to it\. About [\d,]+ rows\./);
      const status = await page.textContent('tr:has(strong:text-is("status")) .col-desc');
      assert.match(status, /^Text, one of (completed|returned|cancelled|shipped|pending)/);
      const price = await page.textContent('tr:has(strong:text-is("customer_id")) .col-desc');
      assert.equal(price, 'Whole number, the customer each order belongs to (customers.id).');
      // the list's sentence stays inside the list at both widths
      const box = await page.$eval('.table-list li:has(a:text-is("orders")) .table-desc',
        e => [e.getBoundingClientRect().right, e.closest('aside').getBoundingClientRect().right]);
      assert.ok(box[0] <= box[1], box.join());
      await shot('schema-descriptions');
      await page.setViewportSize({ width: 390, height: 844 });
      const narrow = await page.$eval('.table-list li:has(a:text-is("orders")) .table-desc',
        e => [e.getBoundingClientRect().right, document.documentElement.clientWidth]);
      assert.ok(narrow[0] <= narrow[1], narrow.join());
      await shot('schema-descriptions-390');
      await page.setViewportSize({ width: 1280, height: 800 });
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
  'connection form offers the engines and takes a mysql:// URL': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await register(page, base);
      await page.goto(base + '/connections/new');
      assert.equal(await page.inputValue('select[name=kind]'), 'postgresql');
      const labels = await page.$$eval('select[name=kind] option', o => o.map(x => x.textContent));
      assert.ok(labels.some(l => l.startsWith('MySQL / MariaDB')), labels.join());
      assert.ok(labels.some(l => l.startsWith('ClickHouse')) && labels.some(l => l.startsWith('SQLite')));
      await shot('connection-form');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot('connection-form-390');
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.fill('input[name=name]', 'Maria');
      await page.fill('input[name=url]', 'mysql://reader:pw@127.0.0.1/shop');
      await Promise.all([page.waitForURL(/\/connections\/[0-9a-f-]{36}/),
                         page.click('button:has-text("Connect and read schema")')]);
      const text = await page.textContent('main');
      assert.match(text, /MySQL \/ MariaDB/);
      assert.match(text, /127\.0\.0\.1:3306\/shop/);
      await shot('connection-mysql');
    },
  },
};
