// share.test.mjs — public dashboard links (issue 15, item 6), with
// JavaScript on and off: make a link on the dashboard's page, open it in a
// fresh browser context (no session) where the dashboard shows read-only,
// revoke it, and the link is gone. Screenshots at 1280 and 390 px.
import assert from 'node:assert/strict';
import { signIn } from './lib.mjs';

export async function pinnedDashboard(page, base, title) {
  await page.goto(base + '/chat');
  await page.fill('textarea[name=message]', 'revenue by region');
  await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
  await page.click('article.msg-answer:last-of-type details.pin summary');
  await page.fill('article.msg-answer:last-of-type details.pin input[name=new_title]', title);
  await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/),
                     page.click('article.msg-answer:last-of-type details.pin button:has-text("Pin")')]);
  await page.waitForSelector('article.widget figure.chart svg:visible');
  return page.url();
}

export const tests = {
  'public link: create, open signed out, revoke': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const mode = js ? 'js' : 'nojs';
      const title = `Public board ${mode} ${Date.now()}`;
      await signIn(page, base);
      const dash = await pinnedDashboard(page, base, title);
      // with JavaScript the card is loaded after the page (GET …/sharing)
      await page.waitForSelector('#share', { timeout: 10000 });
      await page.selectOption('#share select[name=expires]', '30');
      await Promise.all([page.waitForURL(/\/links$/), page.click('#share button:has-text("Create public link")')]);
      const url = await page.inputValue('#public-link');
      assert.match(url, /\/public\/d\/[A-Za-z0-9_-]{43}$/);
      await shot('share-link-created');
      // a fresh context: no cookies, no session
      const fresh = await page.context().browser().newContext({ javaScriptEnabled: js,
                                                                viewport: { width: 1280, height: 800 } });
      try {
        const pub = await fresh.newPage();
        const r = await pub.goto(url);
        assert.equal(r.status(), 200);
        assert.equal((await pub.textContent('h1')).trim(), title);
        await pub.waitForSelector('article.widget figure.chart svg:visible');
        assert.equal(await pub.$$eval('form, nav, input, button, [hx-get], [hx-post], script', e => e.length), 0,
                     'no forms, navigation or scripts on the public page');
        const links = await pub.$$eval('a[href]', as => as.map(a => a.getAttribute('href')));
        assert.ok(links.every(h => h.startsWith('/public/d/')), 'links stay under the public link: ' + links);
        const html = await pub.content();
        assert.ok(!/csrf/i.test(html), 'no CSRF token');
        await pub.screenshot({ path: `${process.env.DM_ARTIFACTS}/share-public-1280-${mode}.png`, fullPage: true });
        await pub.setViewportSize({ width: 390, height: 844 });
        const widths = await pub.$$eval('article.widget', w => w.map(x => x.getBoundingClientRect().width));
        assert.ok(widths.every(x => x > 300 && x <= 390), 'one column on a phone: ' + widths);
        await pub.screenshot({ path: `${process.env.DM_ARTIFACTS}/share-public-390-${mode}.png`, fullPage: true });
        const svg = await pub.goto(url + '/widgets/' + (await pinnedWidget(page, dash)) + '.svg');
        assert.equal(svg.status(), 200);
        assert.match(svg.headers()['content-type'], /image\/svg\+xml/);
        // the dashboard's page lists the link; revoke it
        await page.goto(dash);
        const row = '#share ul.links li:first-child';
        assert.match(await page.textContent(row), /live/);
        await shot('share-dashboard');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(dash + '#share');
        await page.screenshot({ path: `${process.env.DM_ARTIFACTS}/share-dashboard-390-${mode}.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
        await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}(#share)?$/),
                           page.click(`${row} button:has-text("Revoke")`)]);
        await page.waitForSelector(`${row} .badge:has-text("revoked")`);
        assert.equal(await page.$$eval(`${row} button`, b => b.length), 0, 'no Revoke on a revoked link');
        const gone = await pub.goto(url);
        assert.equal(gone.status(), 410);
        assert.match(await pub.textContent('main'), /expired or was revoked/);
        assert.ok(!(await pub.content()).includes(title), 'the gone page names no dashboard');
        await pub.screenshot({ path: `${process.env.DM_ARTIFACTS}/share-public-gone-${mode}.png`, fullPage: true });
      } finally {
        await fresh.close();
      }
    },
  },
};


// The id of the chart widget on the dashboard page at url.
async function pinnedWidget(page, url) {
  if (page.url() !== url) await page.goto(url);
  const id = await page.getAttribute('article.widget', 'id');
  return id.replace(/^w-/, '');
}
