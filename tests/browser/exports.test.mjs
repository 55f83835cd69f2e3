// exports.test.mjs — every download, clicked as a user would, with
// JavaScript on and off: a real download event (htmx must not fetch the file
// into the page), the right file name, type and bytes, and the page stays.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fillSql, signIn } from './lib.mjs';

// Click what starts a download; the file it saved and its suggested name.
async function download(page, selector) {
  const before = page.url();
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click(selector)]);
  const failure = await dl.failure();
  assert.equal(failure, null, `${selector}: the download failed`);
  const bytes = readFileSync(await dl.path());
  assert.equal(page.url(), before, `${selector}: the page stayed where it was`);
  assert.ok(await page.isVisible('header, nav'), `${selector}: the page was not replaced by the file`);
  return { name: dl.suggestedFilename(), bytes };
}

// The file is what its extension says: CSV starting with header, XLSX a zip, PDF.
function check(file, ext, header) {
  assert.match(file.name, new RegExp(`\\.${ext}$`), `file name ${file.name}`);
  if (ext === 'csv') {
    const first = file.bytes.toString('utf8').replace(/^\ufeff/, '').split(/\r?\n/)[0];
    assert.equal(first, header, 'the CSV starts with its header row');
  } else if (ext === 'xlsx') {
    assert.deepEqual([...file.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'an .xlsx is a zip');
    assert.ok(file.bytes.includes('xl/worksheets/sheet1.xml'), 'an .xlsx holds a worksheet');
  } else {
    assert.equal(file.bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'a PDF starts with %PDF-');
    assert.ok(file.bytes.includes('%%EOF'), 'the PDF is complete');
  }
}

async function allThree(page, selectors, header) {
  const exts = ['csv', 'xlsx', 'pdf'];
  for (let i = 0; i < 3; i++) check(await download(page, selectors[i]), exts[i], header);
}

export const tests = {
  'downloads from a chat answer': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await page.goto(base + '/chat');
      await page.fill('textarea[name=message]', 'orders by channel');
      await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
      await page.waitForSelector('article.msg-answer .answer-actions');
      const a = 'article.msg-answer:last-of-type .answer-actions';
      const header = await page.$$eval('article.msg-answer:last-of-type table.data thead th',
                                       t => t.map(x => x.textContent).join(','));
      assert.match(header, /channel/);
      await allThree(page, [`${a} a:has-text("Download CSV")`, `${a} a:has-text("Excel")`, `${a} a:has-text("PDF")`],
                     header);
      await shot('export-chat');
    },
  },
  'downloads from Explore and a saved query': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page, 'SELECT id, name FROM regions ORDER BY id');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result table.data');
      const bar = 'form.export-bar';
      await allThree(page, [`${bar} button[value=csv]`, `${bar} button[value=xlsx]`, `${bar} button[value=pdf]`],
                     'id,name');
      await page.click('details.save-query summary');
      await page.fill('details.save-query input[name=name]', `Regions ${js ? 'js' : 'nojs'}`);
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
      const q = '.page-head';
      await allThree(page, [`${q} a:has-text("CSV")`, `${q} a:has-text("Excel")`, `${q} a:has-text("PDF")`],
                     'id,name');
      await shot('export-query');
    },
  },
  'downloads from a dashboard and the audit log': {
    modes: [true, false],
    async run({ page, base, js }) {
      await signIn(page, base);
      await page.goto(base + '/chat');
      await page.fill('textarea[name=message]', 'revenue by region');
      await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
      await page.click('article.msg-answer:last-of-type details.pin summary');
      await page.fill('article.msg-answer:last-of-type details.pin input[name=new_title]', `Exports ${js ? 'js' : 'nojs'}`);
      await Promise.all([page.waitForURL(/\/dashboards\/[0-9a-f-]{36}/),
                         page.click('article.msg-answer:last-of-type details.pin button:has-text("Pin")')]);
      await page.waitForSelector('article.widget figure.chart svg:visible');
      const header = await page.evaluate(async url => {
        const r = await fetch(url); return (await r.text()).replace(/^\ufeff/, '').split(/\r?\n/)[0];
      }, await page.getAttribute('article.widget a:has-text("CSV")', 'href'));
      assert.match(header, /region/);
      check(await download(page, 'article.widget a:has-text("CSV")'), 'csv', header);
      check(await download(page, '.dash-head a:has-text("PDF")'), 'pdf');
      await page.goto(base + '/audit');
      const audit = await download(page, 'a:has-text("Export CSV")');
      assert.match(audit.name, /\.csv$/);
      assert.match(audit.bytes.toString('utf8').split(/\r?\n/)[0], /action/);
    },
  },
  'a download that htmx boosts anyway still downloads': {
    // defence in depth: without hx-boost="false" the file's bytes used to
    // replace the page; app.js hands such a response to the browser instead
    async run({ page, base }) {
      await signIn(page, base);
      await page.goto(base + '/explore');
      await fillSql(page, 'SELECT id, name FROM regions ORDER BY id');
      await page.click('button:has-text("Run")');
      await page.waitForSelector('.result table.data');
      await page.$$eval('[hx-boost="false"]', els => els.forEach(e => e.removeAttribute('hx-boost')));
      await page.evaluate(() => window.htmx && window.htmx.process(document.body));
      check(await download(page, 'form.export-bar button[value=csv]'), 'csv', 'id,name');
      await page.click('details.save-query summary');
      await page.fill('details.save-query input[name=name]', `Boosted ${Date.now()}`);
      await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
      await page.$$eval('[hx-boost="false"]', els => els.forEach(e => e.removeAttribute('hx-boost')));
      await page.evaluate(() => window.htmx && window.htmx.process(document.body));
      check(await download(page, '.page-head a:has-text("Excel")'), 'xlsx');
      assert.ok(await page.isVisible('h1'), 'the page is still the page');
    },
  },
};
