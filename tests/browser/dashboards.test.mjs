// dashboards.test.mjs — pin six answers, look at the dashboard in light,
// dark and on a phone; with JavaScript off the stale widgets run server-side.
import assert from 'node:assert/strict';
import { chartTextPx, signIn } from './lib.mjs';

const questions = ['revenue by month this year', 'top 5 products by revenue', 'how many orders this year',
                   'orders by channel', 'revenue by region', 'revenue by category'];
let dashboardUrl = null;

async function buildDashboard(page, base) {
  await page.goto(base + '/dashboards');
  if (!(await page.isVisible('input[name=title]'))) await page.click('details.new-dash summary');
  await page.fill('input[name=title]', 'Sales overview');
  await Promise.all([page.waitForURL(/dashboards\/[0-9a-f-]{36}/), page.click('button:has-text("Create dashboard")')]);
  const url = page.url();
  for (const q of questions) {
    await page.goto(base + '/chat');
    await page.fill('textarea[name=message]', q);
    await Promise.all([page.waitForURL(/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
    await page.click('details.pin summary');
    await page.selectOption('details.pin select[name=dashboard_id]', { label: 'Sales overview' });
    await Promise.all([page.waitForURL(/dashboards\//), page.click('details.pin button:has-text("Pin")')]);
  }
  return url;
}

export const tests = {
  'a six-widget dashboard': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      if (!dashboardUrl) dashboardUrl = await buildDashboard(page, base);
      await page.goto(dashboardUrl);
      await page.waitForTimeout(js ? 1500 : 0);
      assert.equal(await page.$$eval('article.widget', w => w.length), 6);
      assert.equal(await page.$$eval('article.widget figure.chart', s => s.length), 6);
      assert.equal(await page.$$eval('article.widget figure.chart svg', s => s.filter(x => x.getBoundingClientRect().width > 0).length), 6,
                   'one drawing of each chart shows');
      const [small, big] = await chartTextPx(page);
      assert.ok(small >= 9 && big <= 16, `chart text ${small}–${big} px`);
      assert.equal(await page.$$eval('.widget-error', e => e.length), 0);
      await shot('dashboard');
    },
  },
  'dashboard in dark mode': {
    colorScheme: 'dark',
    async run({ page, base, shot }) {
      await signIn(page, base);
      if (!dashboardUrl) dashboardUrl = await buildDashboard(page, base);
      await page.goto(dashboardUrl);
      await page.waitForTimeout(1000);
      await shot('dashboard-dark');
    },
  },
  'dashboard on a phone': {
    viewport: { width: 390, height: 844 },
    async run({ page, base, shot }) {
      await signIn(page, base);
      if (!dashboardUrl) dashboardUrl = await buildDashboard(page, base);
      await page.goto(dashboardUrl);
      await page.waitForTimeout(1000);
      const widths = await page.$$eval('article.widget', w => w.map(x => x.getBoundingClientRect().width));
      assert.ok(widths.every(x => x > 300), 'one column on a phone: ' + widths);
      const [small, big] = await chartTextPx(page);
      assert.ok(small >= 9 && big <= 16, `chart text on a phone ${small}–${big} px (was about 6)`);
      await shot('dashboard-phone');
    },
  },
  'date filter: every preset and typed dates keep the bar chart': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/chat');
      await page.fill('textarea[name=message]', 'revenue by month this year');
      await Promise.all([page.waitForURL(/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
      await page.click('article.msg-answer:last-of-type details.pin summary');
      await page.fill('article.msg-answer:last-of-type details.pin input[name=new_title]', `Filters ${js ? 'js' : 'nojs'}`);
      await Promise.all([page.waitForURL(/dashboards\/[0-9a-f-]{36}$/),
                         page.click('article.msg-answer:last-of-type details.pin button:has-text("Pin")')]);
      const dash = page.url();
      // the editor: a bar chart filtered by its month column; it shows what was saved
      await page.waitForSelector('article.widget a:has-text("Edit")');
      await Promise.all([page.waitForURL(/\/edit$/), page.click('article.widget a:has-text("Edit")')]);
      await page.selectOption('select[name=type]', 'bar');
      await page.selectOption('select[name=date_column]', 'month');
      await page.selectOption('select[name=size]', 'full');
      await Promise.all([page.waitForURL(u => u.href === dash), page.click('button:has-text("Save")')]);
      await page.goto(dash + '/widgets/' + (await page.getAttribute('article.widget', 'id')).slice(2) + '/edit');
      assert.equal(await page.$eval('select[name=type]', s => s.value), 'bar');
      assert.equal(await page.$eval('select[name=date_column]', s => s.value), 'month');
      assert.ok(await page.$eval('select[name=connection_id]', s => s.value), 'a connection picker with the widget\'s');
      await page.goto(dash);
      // the grid of the page before Apply is marked, so the wait is for the new one
      const loaded = '#widgets:not([data-before]) article.widget:not([hx-get]) figure.chart svg:visible';
      const apply = async (expect) => {
        await page.$eval('#widgets', g => g.setAttribute('data-before', '1'));
        await page.click('.dash-filter button:has-text("Apply")');
        await page.waitForSelector(loaded);
        assert.equal(await page.$$eval('.widget-error', e => e.length), 0, 'no widget error');
        assert.doesNotMatch(await page.textContent('#widgets'), /needs an? /);
        assert.equal(await page.$eval('select[name=range]', s => s.value), expect);
      };
      for (const range of ['7d', '30d', '90d', 'year', 'all']) {
        await page.selectOption('select[name=range]', range);
        await apply(range);
        if (range !== 'all') assert.match(await page.textContent('article.widget'), /filtered/);
      }
      // typed dates, "Custom" not picked: they apply
      await page.fill('input[name=from]', '2026-02-01');
      await page.fill('input[name=to]', '2026-04-30');
      await apply('custom');
      assert.match(await page.textContent('article.widget'), /filtered/);
      await shot('dashboard-filter');
      // a full-width widget: its chart's text keeps its size (it was huge)
      const [small, big] = await chartTextPx(page);
      assert.ok(small >= 9 && big <= 16, `chart text on a full-width widget ${small}–${big} px`);
      // a preset picked after custom dates wins over the dates left in their boxes
      await page.selectOption('select[name=range]', '30d');
      await apply('30d');
      assert.equal(await page.inputValue('input[name=from]'), '');
      // the PDF of the filtered dashboard, with JavaScript on a real download
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
                                      page.click('.dash-head a:has-text("PDF")')]);
      assert.match(dl.suggestedFilename(), /\.pdf$/);
    },
  },
  'the add-widget form opens on demand and adds a widget': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/dashboards');
      if (!(await page.isVisible('input[name=title]'))) await page.click('details.new-dash summary');
      await page.fill('input[name=title]', `Form ${js ? 'js' : 'nojs'}`);
      await Promise.all([page.waitForURL(/dashboards\/[0-9a-f-]{36}$/), page.click('button:has-text("Create dashboard")')]);
      const dash = page.url();
      assert.equal(await page.$$eval('select[name=connection_id]', s => s.length), 0, 'no lists before the form opens');
      await page.click('a:has-text("Add a widget…")');
      if (js) {
        await page.waitForSelector('#add-widget select[name=connection_id]');
        assert.equal(page.url(), dash, 'with JavaScript the form opens in place');
      } else {
        await page.waitForURL(/\/widgets\/new$/);
      }
      assert.ok(await page.$eval('select[name=connection_id]', s => s.options.length) >= 1);
      await shot('add-widget-form');
      const form = 'form:has(input[name=source][value=text])';
      await page.fill(`${form} textarea[name=markdown]`, 'Notes added from the form');
      await page.fill(`${form} input[name=title]`, 'Form notes');
      await page.click(`${form} button:has-text("Add")`);
      await page.waitForSelector('#widgets article.widget:has-text("Notes added from the form")');
      assert.equal(page.url().split('?')[0], dash, 'back on the dashboard');
    },
  },
};
