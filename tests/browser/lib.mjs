// lib.mjs — shared steps for the browser tests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The demo account scripts/demo-data created for this stack.
export function demoLogin() {
  const text = readFileSync(join(process.env.DM_VAR, 'demo-login.txt'), 'utf8');
  return {
    email: text.match(/Sign in as:\s+(\S+)/)[1],
    password: text.match(/Password:\s+(\S+)/)[1],
  };
}

export const password = 'correct horse battery staple';
let n = 0;
const unique = () => `b${process.pid}-${Date.now() % 1e7}-${n++}`;

// A new organization through /register; its admin's email. The page is then
// signed in (Bea Browser).
export async function register(page, base) {
  const slug = unique();
  await page.goto(base + '/register');
  await page.fill('input[name=org_name]', 'Browser Org ' + slug);
  await page.fill('input[name=org_slug]', slug);
  await page.fill('input[name=full_name]', 'Bea Browser');
  await page.fill('input[name=email]', `${slug}@example.com`);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/register')), page.click('button[type=submit]')]);
  return `${slug}@example.com`;
}

export async function signIn(page, base, who = demoLogin()) {
  await page.goto(base + '/login');
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', who.password);
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}

// The on-screen size (px) of the text of every chart shown: its font size
// times the scale the SVG is drawn at. [smallest, largest], or [] if none.
export async function chartTextPx(page, scope = 'body') {
  return page.$eval(scope, root => {
    const px = [];
    for (const svg of root.querySelectorAll('figure.chart svg')) {
      const box = svg.getBoundingClientRect();
      if (!box.width || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) continue;
      const scale = box.width / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('.axis text')) {
        const size = parseFloat(getComputedStyle(t).fontSize);
        if (size) px.push(size * scale);
      }
    }
    return px.length ? [Math.min(...px), Math.max(...px)] : [];
  });
}

// Put SQL in the page's SQL box: with JavaScript the editor (CodeMirror,
// static/sql-editor.js) stands in for a textarea marked data-editor, which stays
// its form field.
export async function fillSql(page, sql) {
  if (await page.$('html.js') && await page.$('textarea[name=sql][data-editor]')) {
    await page.waitForSelector('.CodeMirror.sql-editor');
    await page.$eval('.CodeMirror.sql-editor', (n, s) => n.CodeMirror.setValue(s), sql);
  } else {
    await page.fill('textarea[name=sql]', sql);
  }
}

// A new dashboard made through the pages, with SQL widgets added by the
// plain add-widget form's POST (with the page's CSRF token): widgets is
// [[title, kind, sql], …]. Returns its URL and the token; the page is left
// on the add-widget form.
export async function newBoard(page, base, title, widgets) {
  await page.goto(base + '/dashboards');
  if (!(await page.isVisible('input[name=title]'))) await page.click('details.new-dash summary');
  await page.fill('input[name=title]', title);
  await Promise.all([page.waitForURL(/dashboards\/[0-9a-f-]{36}$/), page.click('button:has-text("Create dashboard")')]);
  const url = page.url();
  await page.goto(url + '/widgets/new');
  const csrf = await page.getAttribute('input[name=_csrf]', 'value');
  const conn = await page.getAttribute('select[name=connection_id] option', 'value');
  for (const [t, kind, sql] of widgets) {
    const r = await page.request.post(url + '/widgets', { form: { _csrf: csrf, source: 'sql', title: t, kind, sql, connection_id: conn }, maxRedirects: 0 });
    assert.equal(r.status(), 303);
  }
  return { url, csrf };
}
