// params.test.mjs — issue 15 item 2: {{name}} query parameters. In Explore a
// query with {{status}} shows an input for it after Run (which names what is
// missing); a value filled in runs and a new value updates the result. The
// saved query offers a Run form whose address is a shareable link; a
// dashboard's named filter feeds a widget's parameter. With JavaScript on
// (htmx: the page stays, the inputs come back out of band) and off.
import assert from 'node:assert/strict';
import { fillSql, signIn } from './lib.mjs';

const SQL = 'SELECT status, count(*) AS n FROM orders WHERE status = {{status}} GROUP BY status';

async function runButton(page, js) {
  if (js) await page.click('form.editor button:has-text("Run")');
  else await Promise.all([page.waitForNavigation(), page.click('form.editor button:has-text("Run")')]);
}

async function firstCell(page) {
  await page.waitForSelector('.result table.data tbody td');
  return (await page.textContent('.result table.data tbody td')).trim();
}

export const tests = {
  'explore asks for a parameter, binds it, and the result follows the value': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      const conn = await page.inputValue('select[name=connection_id]');
      await fillSql(page, SQL);
      await runButton(page, js);
      await page.waitForSelector('.result-error h2:has-text("Check the parameters")');
      assert.match(await page.textContent('.result-error'), /\{\{status\}\} has no value/);
      await page.waitForSelector('#params input[name=p_status]');
      if (js) assert.match(page.url(), /\/explore$/, 'htmx kept the page');
      await shot('params-explore-missing');

      await page.fill('#params input[name=p_status]', 'shipped');
      await runButton(page, js);
      assert.equal(await firstCell(page), 'shipped');
      const shipped = (await page.textContent('.result table.data tbody td:nth-child(2)')).trim();
      await page.fill('#params input[name=p_status]', 'cancelled');
      await runButton(page, js);
      await page.waitForFunction(() => document.querySelector('.result table.data tbody td')?.textContent.trim() === 'cancelled');
      assert.notEqual((await page.textContent('.result table.data tbody td:nth-child(2)')).trim(), shipped);
      // a hostile value is only data: no rows, no error
      await page.fill('#params input[name=p_status]', "x'; DROP TABLE orders; --");
      await runButton(page, js);
      await page.waitForFunction(() => /\b0 rows/.test(document.querySelector('.result .result-meta')?.textContent || ''));
      assert.equal(await page.$('.result-error'), null);
      await page.fill('#params input[name=p_status]', 'completed');
      await runButton(page, js);
      assert.equal(await firstCell(page), 'completed');
      await shot('params-explore-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot('params-explore-390');
      await page.setViewportSize({ width: 1280, height: 800 });

      // save it with the parameter's type: the saved query's Run form is a link
      await page.click('details.save-query summary');
      const name = `By status ${js ? 'js' : 'nojs'} ${Date.now()}`;
      await page.fill('details.save-query input[name=name]', name);
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
      const qid = page.url().match(/\/queries\/([0-9a-f-]{36})/)[1];
      await page.fill('form.params-run input[name=p_status]', 'returned');
      await shot('params-query-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot('params-query-390');
      await page.setViewportSize({ width: 1280, height: 800 });
      await Promise.all([page.waitForURL(/\/explore\?/), page.click('form.params-run button:has-text("Run")')]);
      assert.match(page.url(), new RegExp(`query=${qid}.*p_status=returned`));
      assert.equal(await firstCell(page), 'returned');

      // a dashboard whose filter box {{status}} feeds the widget
      await page.goto(base + '/dashboards');
      if (!(await page.isVisible('details.new-dash input[name=title]'))) await page.click('details.new-dash summary');
      await page.fill('details.new-dash input[name=title]', `Params ${js ? 'js' : 'nojs'} ${Date.now()}`);
      await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}/), page.click('button:has-text("Create")')]);
      const did = page.url().match(/\/dashboards\/([0-9a-f-]{36})/)[1];
      const csrf = await page.getAttribute('input[name=_csrf]', 'value');
      const form = { _csrf: csrf, source: 'sql', kind: 'table', sql: SQL, connection_id: conn,
                     title: 'Orders of a status', p_status: 'completed', pt_status: 'text' };
      const res = await page.request.post(`${base}/dashboards/${did}/widgets`, { form, maxRedirects: 0 });
      assert.equal(res.status(), 303, 'widget added');
      await page.goto(`${base}/dashboards/${did}`);
      await page.waitForSelector('.dash-filter input[name=p_status]');
      await page.fill('.dash-filter input[name=p_status]', 'pending');
      await Promise.all([page.waitForURL(/p_status=pending/), page.click('.dash-filter button:has-text("Apply")')]);
      await page.waitForFunction(() => document.querySelector('.dash-grid table.data tbody td')?.textContent.trim() === 'pending', null, { timeout: 30000 });
      await shot('params-dashboard-1280');
      await page.setViewportSize({ width: 390, height: 844 });
      await shot('params-dashboard-390');
    },
  },
};
