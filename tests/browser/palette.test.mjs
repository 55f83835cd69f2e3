// palette.test.mjs — quick navigation and the theme (issue 20, part 5):
// Ctrl+K opens the command palette, typing finds a dashboard, Enter opens
// it; without JavaScript the Search link is a plain search page that does
// the same; the theme chosen in the settings colours every page, "system"
// follows the browser's setting. Screenshots at 1280 and 390 px, light and
// dark.
import assert from 'node:assert/strict';
import { register } from './lib.mjs';

const DARK_BG = 'rgb(15, 18, 24)';
const LIGHT_BG = 'rgb(246, 247, 251)';

async function newDashboard(page, base, title) {
  await page.goto(base + '/dashboards');
  await page.fill('form[action="/dashboards"] input[name=title]', title);
  await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/),
                     page.click('form[action="/dashboards"] button[type=submit]')]);
  return new URL(page.url()).pathname;
}

async function bodyBg(page) {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

async function chooseTheme(page, base, theme) {
  await page.goto(base + '/settings');
  await page.check(`input[name=theme][value=${theme}]`);
  await Promise.all([page.waitForURL(/\/settings$/),
                     page.click('form:has(input[name=theme]) button[type=submit]')]);
  await page.waitForSelector('.flash');
  assert.match(await page.textContent('.flash'), /theme is saved/);
  assert.equal(await page.getAttribute('html', 'data-theme'), theme);
}

// Ctrl+K, a few letters, the first option selected, Enter: its page.
async function paletteJump(page, base, shot, name) {
  const title = `Quarterly margins ${Date.now() % 1e6}`;
  const href = await newDashboard(page, base, title);
  await page.goto(base + '/chat');
  await page.keyboard.press('Control+k');
  const input = page.locator('dialog.palette[open] input[role=combobox]');
  await input.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'combobox');
  await input.fill('quart marg');
  await page.waitForSelector('dialog.palette [role=listbox]:not([aria-busy])');
  assert.deepEqual(await page.locator('dialog.palette [role=option]').evaluateAll(
    as => as.map(a => a.getAttribute('href'))), [href]);
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.getAttribute(`#${active}`, 'href'), href);
  assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
  await shot(name);
  await Promise.all([page.waitForURL(u => u.pathname === href), input.press('Enter')]);
  assert.equal(await page.textContent('h1'), title);
  assert.equal(await page.isVisible('dialog.palette'), false);
  return title;
}

export const tests = {
  'palette: Ctrl+K, type, Enter opens the dashboard (1280, light)': {
    modes: [true],
    async run({ page, base, shot }) {
      await register(page, base);
      await paletteJump(page, base, shot, 'palette-1280-light');
      // arrows move the selection, Escape closes; the Search link opens it too
      await page.click('a.search-open');
      const input = page.locator('dialog.palette[open] input[role=combobox]');
      await input.fill('set');
      await page.waitForSelector('dialog.palette [role=listbox]:not([aria-busy])');
      await page.waitForSelector('dialog.palette [role=option][href="/settings"]');
      const first = await input.getAttribute('aria-activedescendant');
      await input.press('ArrowDown');
      const opts = await page.locator('dialog.palette [role=option]').count();
      if (opts > 1) assert.notEqual(await input.getAttribute('aria-activedescendant'), first);
      await input.press('Escape');
      assert.equal(await page.isVisible('dialog.palette'), false);
      assert.match(page.url(), /\/dashboards\//);
      // signed out meanwhile: the palette hands over to the sign-in page
      await page.context().clearCookies();
      await Promise.all([page.waitForURL(/\/login/), page.keyboard.press('Control+k')]);
    },
  },
  'palette on a phone, dark theme (390)': {
    modes: [true],
    viewport: { width: 390, height: 800 },
    async run({ page, base, shot }) {
      await register(page, base);
      await chooseTheme(page, base, 'dark');
      assert.equal(await bodyBg(page), DARK_BG);
      await paletteJump(page, base, shot, 'palette-390-dark');
      await shot('dashboard-390-dark');
    },
  },
  'search page without JavaScript (1280 and 390)': {
    modes: [false],
    async run({ page, base, shot }) {
      await register(page, base);
      const title = `Churn by region ${Date.now() % 1e6}`;
      const href = await newDashboard(page, base, title);
      await page.click('a.search-open');
      await page.waitForURL(/\/search$/);
      await page.fill('input[name=q]', 'churn REGION');
      await Promise.all([page.waitForURL(/\/search\?q=/), page.click('form.search-form button')]);
      const hits = await page.locator('a.search-hit').evaluateAll(as => as.map(a => a.getAttribute('href')));
      assert.deepEqual(hits, [href]);
      await shot('search-1280-light');
      await page.setViewportSize({ width: 390, height: 800 });
      await shot('search-390-light');
      await Promise.all([page.waitForURL(u => u.pathname === href), page.click('a.search-hit')]);
      assert.equal(await page.textContent('h1'), title);
    },
  },
  'theme: dark, light and system, with and without JavaScript': {
    modes: [true, false],
    colorScheme: 'dark',
    async run({ page, base, shot }) {
      await register(page, base);
      // "system" (the default) follows the browser, which prefers dark here
      assert.equal(await page.getAttribute('html', 'data-theme'), 'system');
      assert.equal(await bodyBg(page), DARK_BG);
      await chooseTheme(page, base, 'light');
      assert.equal(await bodyBg(page), LIGHT_BG);
      await page.goto(base + '/dashboards');
      assert.equal(await bodyBg(page), LIGHT_BG);
      await shot('dashboards-1280-light-chosen');
      await chooseTheme(page, base, 'dark');
      assert.equal(await bodyBg(page), DARK_BG);
      await page.goto(base + '/search?q=set');
      await shot('search-1280-dark');
      await chooseTheme(page, base, 'system');
      assert.equal(await bodyBg(page), DARK_BG);
      await shot('settings-1280-dark-system');
    },
  },
};
