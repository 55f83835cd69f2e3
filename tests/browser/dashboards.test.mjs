// dashboards.test.mjs — pin six answers, look at the dashboard in light,
// dark and on a phone; with JavaScript off the stale widgets run server-side.
import assert from 'node:assert/strict';
import { signIn } from './lib.mjs';

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
      assert.equal(await page.$$eval('article.widget figure.chart svg', s => s.length), 6);
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
      await shot('dashboard-phone');
    },
  },
};
