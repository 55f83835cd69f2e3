// rights.test.mjs — the data-rights buttons (issue 17, parts 2 and 3),
// clicked as a user would with JavaScript on and off: "Download my data" is a
// real download (htmx does not fetch the file into the page), the org page's
// retention and typed delete confirmation, erasing a user; the org page at
// phone width too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { password, register } from './lib.mjs';

// Add a user through the Users page; their email.
async function addUser(page, base, role = 'analyst') {
  const email = `e${Date.now() % 1e8}${Math.floor(Math.random() * 1e4)}@example.com`;
  await page.goto(base + '/admin/users');
  await page.fill('form[action="/admin/users"] input[name=full_name]', 'Erin Erased');
  await page.fill('form[action="/admin/users"] input[name=email]', email);
  await page.selectOption('form[action="/admin/users"] select[name=role]', role);
  await page.fill('form[action="/admin/users"] input[name=password]', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Add user")')]);
  await page.waitForSelector(`td:has-text("${email}")`);
  return email;
}

export const tests = {
  'download my data from settings': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const email = await register(page, base);
      await page.goto(base + '/settings');
      const before = page.url();
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }),
                                      page.click('a:has-text("Download my data")')]);
      assert.equal(await dl.failure(), null, 'the download failed');
      assert.match(dl.suggestedFilename(), /^datamind-my-data-\d{4}-\d\d-\d\d\.json$/);
      const doc = JSON.parse(readFileSync(await dl.path(), 'utf8'));
      assert.equal(doc.user.email, email);
      assert.ok(Array.isArray(doc.chats) && Array.isArray(doc.dashboards), 'chats and dashboards listed');
      if (js) { // the page stays (htmx did not swap the file in)
        assert.equal(page.url(), before);
        assert.ok(await page.isVisible('h1:has-text("Settings")'));
      }
      await shot('rights-settings');
    },
  },
  'org page: limits, retention and the typed delete confirmation': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await register(page, base);
      await page.goto(base + '/admin/users');
      await page.click('a:has-text("Organization: limits, retention")');
      await page.waitForSelector('h1:has-text("Organization")');
      assert.match(await page.textContent('table.usage'), /Users\s*1\s*50/);
      await page.fill('input[name=retention_days]', '30');
      await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Save retention")')]);
      await page.waitForSelector('text=Chat retention saved');
      assert.equal(await page.inputValue('input[name=retention_days]'), '30');
      await shot('rights-org');
      // a wrong name: said, nothing deleted
      const name = (await page.textContent('.danger-zone label strong')).trim();
      await page.fill('input[name=confirm_name]', name.toUpperCase());
      await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Delete the organization")')]);
      await page.waitForSelector('text=exactly as shown');
      await page.fill('input[name=confirm_name]', name);
      await Promise.all([page.waitForURL(u => u.pathname === '/login'),
                         page.click('button:has-text("Delete the organization")')]);
      await page.waitForSelector('text=Your organization and all its data are deleted');
      await page.goto(base + '/chat');
      assert.match(new URL(page.url()).pathname, /^\/login/, 'signed out');
    },
  },
  'erase a user': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await register(page, base);
      const email = await addUser(page, base);
      const row = page.locator('tr', { hasText: email });
      await Promise.all([page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}\/erase$/),
                         row.locator('a:has-text("Erase")').click()]);
      assert.ok(await page.isVisible(`text=${email}`));
      await shot('rights-erase');
      await Promise.all([page.waitForURL(u => u.pathname === '/admin/users'),
                         page.click('button:has-text("Erase Erin Erased")')]);
      await page.waitForSelector('text=The user is erased');
      assert.equal(await page.locator('td', { hasText: email }).count(), 0);
    },
  },
  'org page at phone width': {
    viewport: { width: 390, height: 844 },
    async run({ page, base, shot }) {
      await register(page, base);
      await page.goto(base + '/admin/org');
      await shot('rights-org-390');
      const wide = await page.evaluate(() => {
        const over = [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 390)
          .map(e => e.tagName + '.' + e.className).slice(0, 5);
        return [document.documentElement.scrollWidth, over.join(' ')];
      });
      assert.ok(wide[0] <= 390, `no sideways scrolling (${wide[0]}px: ${wide[1]})`);
    },
  },
};
