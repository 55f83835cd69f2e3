// editor.test.mjs — issue 15 items 1 and 5. The SQL editor (CodeMirror over
// the textarea): highlighting, completion of a real column of the demo
// shop, Ctrl+Enter runs, a click in the schema sidebar inserts the name; a
// plain textarea that still runs without JavaScript. A saved query's page
// shows its last result (table and chart), made by its Explore run and by
// "Run again".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signIn } from './lib.mjs';

const SQL = 'SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY 1';

// the editor's text, as CodeMirror holds it
const editorText = page => page.$eval('.CodeMirror', n => n.CodeMirror.getValue());

async function openExplore(page, base) {
  // through the navigation (with JavaScript, an htmx-boosted swap); on a
  // phone the menu is folded: straight there
  if ((page.viewportSize() || {}).width < 700) {
    await page.goto(base + '/explore');
    return;
  }
  await page.goto(base + '/chat');
  await page.click('nav.nav a:has-text("Explore")');
  await page.waitForURL(/\/explore$/);
}

// With JavaScript a stale card loads itself, and the card it swaps in
// replaces its Edit link: a click on the old link is dropped (htmx ignores
// a boosted request whose element left the page). Wait for it first.
const cardSettled = page => page.waitForFunction(() => !document.querySelector('article.widget .badge.warn'));

// a chart is drawn at three widths, one shown at a time
const chartShown = async page => (await page.locator('#last-run figure.chart svg:visible').count()) === 1;

async function runInExplore(page, base, js) {
  await openExplore(page, base);
  if (js) {
    await page.waitForSelector('.CodeMirror');
    await page.$eval('.CodeMirror', (n, sql) => { n.CodeMirror.setValue(sql); n.CodeMirror.focus(); }, SQL);
    await page.keyboard.press('Control+Enter');
  } else {
    await page.fill('textarea[name=sql]', SQL);
    await page.click('button:has-text("Run")');
  }
  await page.waitForSelector('.result table.data');
}

async function anotherConnection(page, base, id, name) {
  // the worker reads its schema in the background: wait for it
  await page.waitForFunction(async cid => {
    const r = await fetch('/connections/' + cid + '/schema.json');
    return r.ok && (await r.json()).tables.length > 0;
  }, id, { timeout: 60000, polling: 500 });
  await page.goto(base + '/explore');
  await page.waitForSelector('.CodeMirror.sql-editor');
  const first = await page.getAttribute('[data-schema-side]', 'data-connection');
  assert.notEqual(first, id);
  await page.selectOption('select[name=connection_id]', { label: name });
  await page.waitForSelector(`[data-schema-side][data-connection="${id}"]`);
  const listed = await page.$$eval('[data-schema-side] summary .schema-name', ns => ns.map(n => n.getAttribute('data-insert')));
  const json = await page.evaluate(async cid => (await (await fetch('/connections/' + cid + '/schema.json')).json()).tables.map(t => t.insert), id);
  assert.deepEqual(listed, json);
  assert.ok(listed.includes('orders'));
  assert.equal(await page.isVisible('[data-schema-side] .schema-empty'), false);
  // the rebuilt list inserts too, and the completion knows the tables
  await page.$eval('.CodeMirror', n => { n.CodeMirror.setValue('SELECT * FROM '); n.CodeMirror.focus(); n.CodeMirror.execCommand('goDocEnd'); });
  await page.click('[data-schema-side] .schema-name[data-insert="regions"]');
  assert.equal(await editorText(page), 'SELECT * FROM regions');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector('.result table.data');
  assert.deepEqual(await page.$$eval('.result table.data th', hs => hs.map(h => h.textContent)), ['id', 'name']);
}

async function noSideways(page, width) {
  const w = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(w <= width, `the page is ${w}px wide at ${width}px`);
}

export const tests = {
  'the SQL editor: highlighting, completion, sidebar, Ctrl+Enter runs': {
    modes: [true],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await openExplore(page, base);
      await page.waitForSelector('.CodeMirror.sql-editor');
      assert.equal(await page.isVisible('textarea[name=sql]'), false, 'the editor stands in for the textarea');
      await page.click('.CodeMirror-code');
      await page.keyboard.type('SELECT cust');
      await page.waitForSelector('.CodeMirror-hints');
      const hints = await page.$$eval('.CodeMirror-hint', ns => ns.map(n => n.textContent));
      assert.ok(hints.some(h => h.startsWith('customer_id')), 'a column of the shop: ' + hints.join(', '));
      assert.ok(hints.includes('customers'), 'a table of the shop: ' + hints.join(', '));
      await page.click('.CodeMirror-hint:has-text("customer_id")');
      // (show-hint gives the editor its focus back a moment after the click)
      await page.waitForFunction(() => document.querySelector('.CodeMirror').CodeMirror.hasFocus());
      assert.equal(await editorText(page), 'SELECT customer_id');
      assert.ok(await page.$('.CodeMirror .cm-keyword'), 'SELECT is highlighted as a keyword');
      // the sidebar: a table, then one of its columns, at the cursor
      await page.keyboard.type(', count(*) AS n FROM');
      await page.click('[data-schema-side] .schema-name[data-insert="orders"]');
      assert.equal(await editorText(page), 'SELECT customer_id, count(*) AS n FROM orders');
      await page.keyboard.type(' GROUP BY');
      await page.keyboard.press('Escape');
      await page.click('[data-schema-side] summary:has(.schema-name[data-insert="orders"])', { position: { x: 4, y: 8 } });
      await page.click('[data-schema-side] .schema-cols .schema-name[data-insert="customer_id"]');
      await page.keyboard.type(' ORDER BY 2 DESC LIMIT 3');
      await page.keyboard.press('Escape');
      const sql = 'SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id ORDER BY 2 DESC LIMIT 3';
      assert.equal(await editorText(page), sql);
      assert.equal(await page.inputValue('textarea[name=sql]'), sql, 'the form field keeps in step');
      await shot('editor-explore-typing');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('.result table.data');
      assert.match(page.url(), /\/explore$/, 'htmx kept the page');
      assert.equal(await page.$$eval('.result table.data tbody tr', rs => rs.length), 3);
      assert.deepEqual(await page.$$eval('.result table.data th', hs => hs.map(h => h.textContent)), ['customer_id', 'n']);
      assert.equal(await editorText(page), sql, 'the editor keeps the SQL');
      await shot('editor-explore-result');
    },
  },

  // (no screenshot before Back: Playwright's screenshot leaves style=""
  // on inputs, which htmx's history copy then brings back against the CSP)
  'the editor after Back (htmx history cache)': {
    modes: [true],
    async run({ page, base }) {
      await signIn(page, base);
      await openExplore(page, base);
      await page.waitForSelector('.CodeMirror.sql-editor');
      await page.$eval('.CodeMirror', n => n.CodeMirror.setValue('SELECT 1 AS one'));
      await page.click('nav.nav a:has-text("Dashboards")');
      await page.waitForURL(/\/dashboards$/);
      await page.goBack();
      await page.waitForSelector('.CodeMirror.sql-editor');
      assert.equal(await page.$$eval('.CodeMirror', ns => ns.length), 1, 'one editor, no stale copy');
      await page.click('.CodeMirror-code');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(', 2 AS two');
      assert.equal(await page.inputValue('textarea[name=sql]'), await editorText(page));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Enter');
      await page.waitForSelector('.result table.data');
      assert.deepEqual(await page.$$eval('.result table.data th', hs => hs.map(h => h.textContent)), ['one', 'two']);
    },
  },

  'the widget SQL editor: completion, sidebar, Ctrl+Enter saves': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/dashboards');
      if (!(await page.isVisible('form[action="/dashboards"]'))) await page.click('summary:has-text("New dashboard")');
      // a dashboard with one SQL widget, through the plain forms
      await page.fill('form[action="/dashboards"] input[name=title]', `Editor ${js ? 'js' : 'nojs'} ${Date.now()}`);
      await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}$/),
                         page.click('form[action="/dashboards"] button[type=submit]')]);
      const dash = page.url();
      await page.goto(dash + '/widgets/new');
      const form = 'form:has(input[name=source][value=sql])';
      if (js) {
        await page.waitForSelector(`${form} .CodeMirror.sql-editor`);
        await page.$eval(`${form} .CodeMirror`, n => n.CodeMirror.setValue('SELECT 1 AS one'));
      } else {
        await page.fill(`${form} textarea[name=sql]`, 'SELECT 1 AS one');
      }
      await page.fill(`${form} input[name=title]`, 'Statuses');
      await Promise.all([page.waitForURL(dash), page.click(`${form} button:has-text("Add")`)]);
      await cardSettled(page);
      await page.click('a[href$="/edit"]');
      await page.waitForURL(/\/edit$/);
      assert.ok(await page.isVisible('[data-schema-side] .schema-name[data-insert="orders"]'));
      const sql = 'SELECT status, count(*) AS n FROM orders GROUP BY status';
      if (js) {
        await page.waitForSelector('.CodeMirror.sql-editor');
        await page.$eval('.CodeMirror', n => n.CodeMirror.setValue(''));
        await page.click('.CodeMirror-code');
        await page.keyboard.type('SELECT stat');
        await page.waitForSelector('.CodeMirror-hints');
        const hints = await page.$$eval('.CodeMirror-hint', ns => ns.map(n => n.textContent));
        assert.ok(hints.some(h => h.startsWith('status')), 'a column of the shop: ' + hints.join(', '));
        await page.keyboard.press('Escape');
        await page.$eval('.CodeMirror', (n, s) => n.CodeMirror.setValue(s), sql.replace(' orders', ''));
        await page.$eval('.CodeMirror', n => { const cm = n.CodeMirror; cm.focus(); cm.setCursor(cm.posFromIndex(cm.getValue().indexOf(' GROUP'))); });
        await page.click('[data-schema-side] .schema-name[data-insert="orders"]');
        assert.equal(await editorText(page), sql);
        await shot('editor-widget');
        await Promise.all([page.waitForURL(dash), page.keyboard.press('Control+Enter')]);
      } else {
        await page.fill('textarea[name=sql]', sql);
        await shot('editor-widget');
        await Promise.all([page.waitForURL(dash), page.click('button:has-text("Save")')]);
      }
      await page.waitForSelector('.flash:has-text("Widget saved.")');
      await cardSettled(page);
      await page.click('a[href$="/edit"]');
      await page.waitForURL(/\/edit$/);
      assert.equal(await page.inputValue('textarea[name=sql]'), sql, 'the SQL was saved');
    },
  },

  'another connection: its tables in the sidebar and the completion': {
    modes: [true],
    async run({ page, base }) {
      await signIn(page, base);
      // a second connection (to the same shop, under another name)
      const name = 'Shop copy ' + Date.now();
      await page.goto(base + '/connections/new');
      await page.fill('input[name=name]', name);
      await page.fill('input[name=host]', '127.0.0.1');
      await page.fill('input[name=port]', process.env.DM_PG_PORT);
      await page.fill('input[name=database]', 'shop');
      await page.fill('input[name=user]', 'shop_reader');
      await page.fill('input[name=password]', readFileSync(join(process.env.DM_VAR, 'demo-secrets', 'shop_reader'), 'utf8').trim());
      const ssl = await page.$('select[name=sslmode]');
      if (ssl) await ssl.selectOption('disable');
      await Promise.all([page.waitForURL(/\/connections\/[0-9a-f-]{36}/), page.click('form:has(input[name=host]) button[type=submit]')]);
      const id = page.url().match(/[0-9a-f-]{36}/)[0];
      try {
        await anotherConnection(page, base, id, name);
      } finally { // the later tests find one "Shop"
        await page.evaluate(async ([cid, cname]) => {
          const body = new FormData();
          body.append('_csrf', document.querySelector('input[name=_csrf]').value);
          body.append('confirm', cname);
          await fetch('/connections/' + cid + '/delete', { method: 'POST', body });
        }, [id, name]);
      }
    },
  },

  'Explore at 1280 px': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await runInExplore(page, base, js);
      assert.equal((await page.textContent('.result table.data tbody td')).trim(), 'cancelled');
      // the sidebar: a list of the tables, readable either way
      assert.ok(await page.isVisible('[data-schema-side] .schema-name[data-insert="orders"]'));
      if (!js) {
        assert.equal(await page.isVisible('textarea[name=sql]'), true, 'a plain textarea');
        assert.equal(await page.$('.CodeMirror'), null);
        assert.match(page.url(), /\/explore\/run$/);
      }
      await shot('editor-explore-1280');
    },
  },

  'Explore at 390 px': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await runInExplore(page, base, js);
      await noSideways(page, 390);
      await shot('editor-explore-390');
    },
  },

  'a saved query shows its last result and chart; Run again': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await runInExplore(page, base, js);
      await page.click('summary:has-text("Save this query")');
      const name = `Orders by status ${js ? 'js' : 'nojs'} ${Date.now()}`;
      await page.fill('.save-query input[name=name]', name);
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}$/), page.click('button:has-text("Save query")')]);
      // the Explore run's result, kept with the query
      await page.waitForSelector('#last-run table.data');
      assert.match(await page.textContent('#last-run .result-meta'), /Last run\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+·\s+5 rows/);
      assert.ok(await chartShown(page), 'the chart is drawn');
      assert.equal((await page.textContent('#last-run table.data tbody td')).trim(), 'cancelled');
      await shot('editor-query-1280');
      const url = page.url();
      // the page after the run (the same address: wait for its answer, not the URL)
      await Promise.all([page.waitForResponse(r => r.url() === url && r.request().method() === 'GET'),
                         page.click('button:has-text("Run again")')]);
      await page.waitForURL(url);
      await page.waitForSelector('#last-run table.data');
      assert.ok(await chartShown(page));
      if (js) {
        // the edit form's editor: Ctrl+Enter saves; other SQL drops the old result
        await page.waitForSelector('.CodeMirror.sql-editor');
        await page.$eval('.CodeMirror', n => n.CodeMirror.setValue('SELECT 42 AS answer'));
        await page.click('.CodeMirror-code');
        await page.keyboard.press('Control+Enter');
        await page.waitForSelector('.flash:has-text("Query updated.")');
        assert.match(await page.textContent('#last-run'), /Not run yet/);
        assert.match(await page.textContent('pre.query-sql'), /SELECT 42 AS answer/);
        await page.click('button:has-text("Run")');
        await page.waitForSelector('#last-run table.data');
        assert.equal((await page.textContent('#last-run table.data tbody td')).trim(), '42');
      }
    },
  },

  'a saved query at 390 px': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await runInExplore(page, base, js);
      await page.click('summary:has-text("Save this query")');
      await page.fill('.save-query input[name=name]', `Phone ${js ? 'js' : 'nojs'} ${Date.now()}`);
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}$/), page.click('button:has-text("Save query")')]);
      await page.waitForSelector('#last-run figure.chart svg:visible');
      await noSideways(page, 390);
      await shot('editor-query-390');
    },
  },
};
