// pivot.test.mjs — Pivot / Describe (issue 20, part 2), clicked as a user
// would with JavaScript on and off: from a saved query's page to its pivot
// (plain GET form), the pivot's CSV a real download (htmx does not fetch it
// into the page), Describe with its SVG histograms, and both pages at 390 px
// without a page-wide horizontal scroll; screenshots at 1280 and 390 px.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fillSql, newBoard, signIn } from './lib.mjs';

const SQL = 'SELECT c.segment, o.channel, o.status, oi.quantity, oi.unit_price * oi.quantity AS amount ' +
  'FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items oi ON oi.order_id = o.id';

async function savedQuery(page, base, name) {
  await page.goto(base + '/explore');
  const csrf = await page.getAttribute('input[name=_csrf]', 'value');
  const conn = await page.getAttribute('select[name=connection_id] option', 'value');
  const r = await page.request.post(base + '/queries', { form: { _csrf: csrf, name, sql: SQL, connection_id: conn }, maxRedirects: 0 });
  assert.equal(r.status(), 303);
  return base + r.headers().location;
}

const grand = page => page.textContent('table.pivot-table tfoot td.grand');

async function pivotPage(page, base, js) {
  const url = await savedQuery(page, base, 'Pivot lines ' + (js ? 'js' : 'nojs'));
  await page.goto(url);
  await Promise.all([page.waitForURL(/\/analyze$/), page.click('a:has-text("Pivot / Describe")')]);
  await page.waitForSelector('form.pivot-form', { timeout: 30000 });
  await page.selectOption('select[name=rows]', 'segment');
  await page.selectOption('select[name=cols]', 'channel');
  await page.selectOption('select[name=agg]', 'sum');
  await page.selectOption('select[name=val]', 'amount');
  await Promise.all([page.waitForURL(/view=pivot&rows=segment&cols=channel&agg=sum&val=amount/),
                     page.click('form.pivot-form button:has-text("Pivot")')]);
  await page.waitForSelector('table.pivot-table', { timeout: 30000 });
  return url;
}

// A new dashboard with one SQL widget; its URL, the page on it.
async function boardWithWidget(page, base, title, kind, wtitle, sql) {
  const { url } = await newBoard(page, base, title, [[wtitle, kind, sql]]);
  await page.goto(url);
  return url;
}

export const tests = {
  'pivot: choose rows, columns and a sum; download it; describe': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await pivotPage(page, base, js);
      const heads = await page.$$eval('table.pivot-table thead th', t => t.map(x => x.textContent.trim()));
      assert.deepEqual(heads, ['segment \\ channel', 'mobile', 'store', 'web', 'Total']);
      const rows = await page.$$eval('table.pivot-table tbody th', t => t.map(x => x.textContent.trim()));
      assert.deepEqual(rows, ['Consumer', 'Enterprise', 'Small Business']);
      assert.match(await grand(page), /^\d+\.\d\d$/);
      await shot('pivot-1280');
      // the CSV: a real download, the page stays
      const before = page.url();
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('#pivot a:has-text("Download CSV")')]);
      assert.equal(await dl.failure(), null);
      assert.match(dl.suggestedFilename(), /\.csv$/);
      const csv = readFileSync(await dl.path(), 'utf8').split(/\r?\n/);
      assert.equal(csv[0], 'segment,channel,sum of amount,total');
      assert.ok(csv.includes(`,,${(await grand(page)).trim()},grand total`), 'the grand total row');
      assert.equal(page.url(), before, 'the page stayed');
      // Describe
      await Promise.all([page.waitForURL(/view=describe/), page.click('nav.analyze-tabs a:has-text("Describe")')]);
      await page.waitForSelector('table.describe-table', { timeout: 60000 });
      const cols = await page.$$eval('table.describe-table tbody tr', t => t.map(x => x.dataset.col));
      assert.deepEqual(cols, ['segment', 'channel', 'status', 'quantity', 'amount']);
      assert.equal(await page.locator('tr[data-col=amount] svg.spark rect.spark-bar').count(), 10);
      assert.equal(await page.locator('tr[data-col=segment] ol.top-values li').count(), 3);
      assert.ok(await page.isVisible('table.corr-table'));
      await shot('describe-1280');
    },
  },
  'pivot: pivot and describe on a phone': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      const url = await pivotPage(page, base, js);
      let w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 400, 'no page-wide horizontal scroll on the pivot: ' + w);
      await shot('pivot-390');
      await page.goto(url + '/analyze?view=describe');
      await page.waitForSelector('table.describe-table', { timeout: 60000 });
      w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 400, 'no page-wide horizontal scroll on describe: ' + w);
      await shot('describe-390');
    },
  },
  'pivot: reached from an Explore result and a dashboard widget': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page, 'SELECT status, channel, count(*) AS orders FROM orders GROUP BY 1, 2');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result table.data');
      await Promise.all([page.waitForURL(/\/explore\/analyze\?connection_id=/), page.click('a:has-text("Pivot / Describe")')]);
      await page.waitForSelector('form.pivot-form', { timeout: 30000 });
      await page.selectOption('select[name=rows]', 'status');
      await page.selectOption('select[name=cols]', 'channel');
      await page.selectOption('select[name=agg]', 'sum');
      await page.selectOption('select[name=val]', 'orders');
      await Promise.all([page.waitForURL(/rows=status/), page.click('form.pivot-form button:has-text("Pivot")')]);
      await page.waitForSelector('table.pivot-table', { timeout: 30000 });
      assert.match(page.url(), /connection_id=.*&sql=SELECT/, 'the GET form keeps the Explore source');
      assert.match(await grand(page), /^\d+$/);
      // a widget's card links to its pivot, under the dashboard's filters
      await boardWithWidget(page, base, 'Pivot board ' + (js ? 'js' : 'nojs'), 'table', 'Orders by status',
                            'SELECT status, channel, count(*) AS orders FROM orders GROUP BY 1, 2');
      await shot('pivot-widget-card');
      await Promise.all([page.waitForURL(/\/widgets\/[0-9a-f-]{36}\/analyze/), page.click('article.widget a:has-text("Pivot")')]);
      await Promise.all([page.waitForURL(/view=describe/), page.click('nav.analyze-tabs a:has-text("Describe")')]);
      await page.waitForSelector('table.describe-table', { timeout: 60000 });
      assert.equal(await page.locator('tr[data-col=orders] svg.spark').count(), 1);
    },
  },
  'pivot: a widget card keeps its buttons inside it on a phone': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await boardWithWidget(page, base, 'Pivot phone ' + (js ? 'js' : 'nojs'), 'chart', 'Orders by channel',
                            'SELECT channel, count(*) AS orders FROM orders GROUP BY 1');
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 400, 'no page-wide horizontal scroll: ' + w);
      const out = await page.$$eval('article.widget', cards => cards.flatMap(c => {
        const box = c.getBoundingClientRect();
        return [...c.querySelectorAll('.widget-tools a, .widget-tools button')]
          .filter(b => b.getBoundingClientRect().right > box.right + 0.5).map(b => b.textContent.trim());
      }));
      assert.deepEqual(out, [], 'every footer button inside its card');
      await shot('pivot-widget-card-390');
    },
  },
};
