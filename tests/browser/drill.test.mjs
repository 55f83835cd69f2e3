// drill.test.mjs — drill-down (issue 15, item 4): click a bar in a widget's
// chart and land on its rows page filtered by that value (a real link: with
// JavaScript on and off), sort a widget's table by a column (htmx swaps the
// sorted table into the card; without JavaScript the rows page opens), the
// rows behind a number; screenshots at 1280 and 390 px.
import assert from 'node:assert/strict';
import { newBoard, signIn } from './lib.mjs';

async function drillBoard(page, base, title) {
  const widgets = [
    ['Orders by channel', 'chart', 'SELECT channel, count(*) AS orders FROM orders GROUP BY channel ORDER BY 2 DESC'],
    ['Revenue by category', 'chart', 'SELECT c.name AS category, sum(oi.quantity * oi.unit_price) AS revenue FROM order_items oi JOIN products p ON p.id = oi.product_id JOIN categories c ON c.id = p.category_id GROUP BY c.name ORDER BY 2 DESC'],
    ['Products by category', 'table', 'SELECT c.name AS category, count(*) AS products FROM products p JOIN categories c ON c.id = p.category_id GROUP BY c.name'],
  ];
  const { url, csrf } = await newBoard(page, base, title, widgets);
  const r = await page.request.post(url + '/refresh', { form: { _csrf: csrf }, maxRedirects: 0 });
  assert.equal(r.status(), 303);
  await page.goto(url);
  return url;
}

const rowsOf = page => page.$$eval('#rows-table tbody tr', trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent.trim())));

export const tests = {
  'drill: click a bar or a pie slice, the rows of that value': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      const url = await drillBoard(page, base, 'Drill ' + (js ? 'js' : 'nojs'));
      // a bar: "Home & Kitchen" (an & in the value, percent-encoded in the link)
      const bar = page.locator('article.widget:has(h2:text-is("Revenue by category")) figure.chart a.drill:visible[href$="v=Home%20%26%20Kitchen"]');
      assert.equal(await bar.count(), 1, 'the bar of Home & Kitchen is a link');
      await Promise.all([page.waitForURL(/\/rows\?col=category&v=Home%20%26%20Kitchen$/), bar.locator('rect').click()]);
      let rows = await rowsOf(page);
      assert.equal(rows.length, 1, 'one row: ' + JSON.stringify(rows));
      assert.equal(rows[0][0], 'Home & Kitchen');
      assert.match(await page.textContent('.drill-filter'), /category.*Home & Kitchen/);
      await shot('drill-rows-1280');
      // the rows behind it: every order line of that category
      await Promise.all([page.waitForURL(/behind=1/), page.click('a:has-text("The rows behind this number")')]);
      const headers = await page.$$eval('#rows-table th', t => t.map(x => x.textContent.trim()));
      const ci = headers.indexOf('name');
      assert.ok(ci >= 0 && headers.includes('quantity'), headers.join(','));
      const behind = await rowsOf(page);
      assert.ok(behind.length > 1 && behind.every(r => r.includes('Home & Kitchen')), 'the order lines of Home & Kitchen');
      await page.screenshot({ path: `${process.env.DM_ARTIFACTS}/drill-behind-1280-${js ? 'js' : 'nojs'}.png` }); // its top: 500 rows
      // a pie slice: a point inside its ring, not the hole in the middle
      await page.goto(url);
      const slice = page.locator('article.widget:has(h2:text-is("Orders by channel")) figure.chart a.drill:visible').first();
      const href = await slice.getAttribute('href');
      assert.match(href, /\/rows\?col=channel&v=(web|mobile|store)$/);
      const value = href.split('v=')[1];
      const pt = await slice.locator('path').evaluate(p => {
        const q = p.getPointAtLength(p.getTotalLength() * 0.12), m = p.getScreenCTM();
        const c = p.ownerSVGElement.createSVGPoint(); c.x = q.x; c.y = q.y;
        const s = c.matrixTransform(m);
        const b = p.getBoundingClientRect(), cx = b.x + b.width / 2, cy = b.y + b.height / 2;
        return { x: s.x + (cx - s.x) * 0.08, y: s.y + (cy - s.y) * 0.08 }; // just inside the edge
      });
      await Promise.all([page.waitForURL(/\/rows\?col=channel/), page.mouse.click(pt.x, pt.y)]);
      rows = await rowsOf(page);
      assert.equal(rows.length, 1);
      assert.equal(rows[0][0], value);
    },
  },
  'drill: sort a widget table by a column': {
    modes: [true, false],
    async run({ page, base, js }) {
      await signIn(page, base);
      const url = await drillBoard(page, base, 'Sort ' + (js ? 'js' : 'nojs'));
      const card = 'article.widget:has(h2:text-is("Products by category"))';
      const header = page.locator(`${card} th a.sort:has-text("products")`);
      await header.click();
      if (js) {
        // htmx swapped the sorted table into the card: still the dashboard
        await page.waitForSelector(`${card} th[aria-sort="ascending"]`);
        assert.equal(page.url(), url);
        await page.click(`${card} th a.sort:has-text("products")`);
        await page.waitForSelector(`${card} th[aria-sort="descending"]`);
        const n = await page.$$eval(`${card} tbody tr`, trs => trs.map(tr => Number(tr.children[1].textContent)));
        assert.deepEqual(n, [...n].sort((a, b) => b - a));
      } else {
        await page.waitForURL(/rows\?sort=products&dir=asc/);
        const n = (await rowsOf(page)).map(r => Number(r[1]));
        assert.deepEqual(n, [...n].sort((a, b) => a - b));
      }
    },
  },
  'drill: the rows page on a phone': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      const url = await drillBoard(page, base, 'Drill phone ' + (js ? 'js' : 'nojs'));
      const wid = (await page.getAttribute('article.widget:has(h2:text-is("Orders by channel"))', 'id')).slice(2);
      await page.goto(`${url}/widgets/${wid}/rows?col=channel&v=web&behind=1&sort=ordered_at&dir=desc`);
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 400, 'no page-wide horizontal scroll: ' + w);
      assert.equal((await rowsOf(page)).length, 500);
      // the top of it (500 rows make a full-page shot too tall to look at)
      await page.screenshot({ path: `${process.env.DM_ARTIFACTS}/drill-rows-390-${js ? 'js' : 'nojs'}.png` });
      await page.goto(`${url}/widgets/${wid}/rows?col=channel&v=web`);
      await shot('drill-filtered-390');
    },
  },
};
