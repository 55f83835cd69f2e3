// grid.test.mjs — the dashboard grid (issue 15, item 3): drag a widget and
// reload (its place is kept), move and resize with the arrow keys, the ← →
// forms with JavaScript off, one column in order on a phone.
import assert from 'node:assert/strict';
import { newBoard, signIn } from './lib.mjs';

// A new dashboard with a bar chart, a KPI and a table, added through the
// plain add-widget form (its POST, with the page's CSRF token).
async function gridBoard(page, base, title) {
  const widgets = [
    ['Revenue by category', 'chart', 'SELECT c.name AS category, sum(oi.quantity * oi.unit_price) AS revenue FROM order_items oi JOIN products p ON p.id = oi.product_id JOIN categories c ON c.id = p.category_id GROUP BY 1 ORDER BY 2 DESC'],
    ['Orders', 'kpi', 'SELECT count(*) AS orders FROM orders'],
    ['Top customers', 'table', 'SELECT name, city, segment FROM customers ORDER BY id LIMIT 8'],
  ];
  const { url } = await newBoard(page, base, title, widgets);
  await page.goto(url);
  await settled(page);
  return url;
}

// With JavaScript the stale widgets load themselves (htmx swaps each card):
// wait for every card to be swapped in before touching one.
const settled = page => page.waitForFunction(() => !document.querySelector('article.widget[hx-get]'));

const place = (page, title) => page.$eval(`article.widget:has(h2:text-is("${title}"))`,
  a => [a.dataset.x, a.dataset.y, a.dataset.w, a.dataset.h].map(Number));
const order = page => page.$$eval('article.widget h2', hs => hs.map(h => h.textContent));
const saved = page => page.waitForResponse(r => r.url().endsWith('/place') && r.status() === 200);

function noOverlap(rects) {
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i], b = rects[j];
      assert.ok(a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1,
                `cards overlap: ${JSON.stringify(a)} ${JSON.stringify(b)}`);
    }
}
const rects = page => page.$$eval('article.widget', as => as.map(a => a.getBoundingClientRect().toJSON()));

export const tests = {
  'grid: drag a widget and reload, its place is kept': {
    async run({ page, base, shot }) {
      await signIn(page, base);
      const url = await gridBoard(page, base, 'Grid drag');
      assert.deepEqual(await place(page, 'Orders'), [6, 0, 6, 3], 'beside the chart, as a grid flows');
      // drag "Orders" by its handle to the top-left cell: the chart moves down
      const card = page.locator('article.widget:has(h2:text-is("Orders"))');
      const handle = card.locator('.grid-handle');
      assert.ok(await handle.isVisible(), 'an editor sees the handle');
      const hb = await handle.boundingBox(), cb = await card.boundingBox();
      const grid = await page.locator('#widgets').boundingBox();
      const hx = hb.x + hb.width / 2, hy = hb.y + hb.height / 2;
      await page.mouse.move(hx, hy);
      await page.mouse.down();
      const done = saved(page);
      await page.mouse.move(hx - 150, hy + 40, { steps: 6 });
      await page.mouse.move(hx - (cb.x - grid.x) + 4, hy - (cb.y - grid.y) + 4, { steps: 8 });
      await page.mouse.up();
      await done;
      assert.deepEqual(await place(page, 'Orders'), [0, 0, 6, 3]);
      assert.deepEqual((await place(page, 'Revenue by category')).slice(0, 2), [0, 3], 'pushed down');
      noOverlap(await rects(page));
      // resize it by its corner: wider is impossible (the right edge), taller is
      const corner = await page.locator('article.widget:has(h2:text-is("Orders")) .grid-resize').boundingBox();
      await page.mouse.move(corner.x + 5, corner.y + 5);
      await page.mouse.down();
      const done2 = saved(page);
      await page.mouse.move(corner.x + 5, corner.y + 140, { steps: 8 });
      await page.mouse.up();
      await done2;
      const resized = await place(page, 'Orders');
      assert.equal(resized[0], 0);
      assert.ok(resized[3] > 3, 'taller: ' + resized);
      await page.reload();
      await settled(page);
      assert.deepEqual(await place(page, 'Orders'), resized, 'kept after a reload');
      assert.equal((await order(page))[0], 'Orders', 'reading order follows');
      noOverlap(await rects(page));
      await shot('grid-dragged');
    },
  },
  'grid: arrow keys move, Shift+arrow keys resize': {
    async run({ page, base }) {
      await signIn(page, base);
      const url = await gridBoard(page, base, 'Grid keys');
      const handle = page.locator('article.widget:has(h2:text-is("Top customers")) .grid-handle');
      await handle.focus();
      assert.deepEqual(await place(page, 'Top customers'), [6, 3, 6, 6]);
      let done = saved(page);
      await page.keyboard.press('ArrowDown');
      await done;
      assert.deepEqual(await place(page, 'Top customers'), [6, 4, 6, 6]);
      done = saved(page);
      await page.keyboard.press('Shift+ArrowLeft');
      await done;
      done = saved(page);
      await page.keyboard.press('Shift+ArrowUp');
      await done;
      assert.deepEqual(await place(page, 'Top customers'), [6, 4, 5, 5]);
      assert.equal(await page.evaluate(() => document.activeElement.classList.contains('grid-handle')), true,
                   'focus stays on the handle');
      assert.match(await page.textContent('#grid-status'), /Top customers: column 7, row 5, 5 columns wide, 5 rows high\. Saved\./);
      await page.goto(url);
      assert.deepEqual(await place(page, 'Top customers'), [6, 4, 5, 5], 'kept after a reload');
    },
  },
  'grid: with JavaScript off the ← → forms move a widget': {
    modes: [false],
    async run({ page, base }) {
      await signIn(page, base);
      await gridBoard(page, base, 'Grid forms');
      assert.equal(await page.isVisible('.grid-handle'), false, 'no handle without JavaScript');
      assert.equal(await page.isVisible('#grid-help'), false);
      await page.click('article.widget:has(h2:text-is("Orders")) button[title="Move earlier"]');
      await page.waitForLoadState();
      assert.deepEqual(await order(page), ['Orders', 'Revenue by category', 'Top customers']);
      assert.deepEqual(await place(page, 'Orders'), [0, 0, 6, 3]);
      noOverlap(await rects(page));
    },
  },
  'grid: screenshots at 1280 px': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await gridBoard(page, base, 'Grid wide ' + (js ? 'js' : 'nojs'));
      noOverlap(await rects(page));
      assert.equal(await page.$$eval('.widget-error', e => e.length), 0, 'every widget draws');
      await shot('grid-1280');
    },
  },
  'grid: one column in reading order on a phone': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      const url = await gridBoard(page, base, 'Grid phone ' + (js ? 'js' : 'nojs'));
      // put "Top customers" first on the wide grid: the phone shows it first
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const wid = (await page.getAttribute('article.widget:has(h2:text-is("Top customers"))', 'id')).slice(2);
      const r = await page.request.post(`${url}/widgets/${wid}/place`, { form: { _csrf: csrf, x: '0', y: '0', w: '12', h: '4' }, maxRedirects: 0 });
      assert.equal(r.status(), 303);
      await page.goto(url);
      await settled(page);
      assert.deepEqual(await order(page), ['Top customers', 'Revenue by category', 'Orders']);
      const rs = await rects(page);
      assert.ok(rs.every(x => x.width > 300), 'one column: ' + rs.map(x => x.width));
      for (let i = 1; i < rs.length; i++) assert.ok(rs[i].top >= rs[i - 1].bottom, 'in order, one below the other');
      assert.equal(await page.isVisible('.grid-handle'), false, 'no dragging in one column');
      await shot('grid-390');
    },
  },
};
