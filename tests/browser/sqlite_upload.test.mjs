// sqlite_upload.test.mjs — a SQLite file uploaded from the Uploads page
// becomes a connection; its page links to it; the connection is listed.
// Deleting the upload is refused while a saved query uses its connection
// (the refusal names it), then removes the upload with its connection.
// With JavaScript on and off, at 1280 and 390 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { register } from './lib.mjs';

let n = 0;
function sqliteFile() {
  const file = join(tmpdir(), `dm-sqlite-${process.pid}-${n++}.sqlite`);
  rmSync(file, { force: true });
  execFileSync('sqlite3', [file,
    'CREATE TABLE regions (id integer PRIMARY KEY, name text);' +
    "INSERT INTO regions VALUES (1, 'EMEA'), (2, 'APAC');"]);
  return file;
}

async function uploadOne(page, base, shot, size) {
  await register(page, base);
  await page.goto(base + '/uploads');
  assert.match(await page.textContent('main'), /SQLite database/);
  await shot(`sqlite-upload-form-${size}`);
  await page.setInputFiles('input[type=file]', sqliteFile());
  await Promise.all([page.waitForURL(/uploads\/[0-9a-f-]{36}/), page.click('button:has-text("Upload")')]);
  const upload = page.url();
  for (let i = 0; i < 60 && !(await page.isVisible('text=Ready:')); i++) {
    await page.waitForTimeout(500);
    if (!(await page.isVisible('text=Ready:'))) await page.reload();
  }
  assert.match(await page.textContent('main'), /Ready: the connection “dm-sqlite-/);
  await shot(`sqlite-upload-done-${size}`);
  const href = await page.getAttribute('a:has-text("The connection")', 'href');
  assert.match(href, /^\/connections\/[0-9a-f-]{36}$/);
  await page.goto(base + '/connections');
  assert.ok(await page.isVisible(`a[href="${href}"]`), 'the connection is listed');
  await shot(`sqlite-connections-${size}`);
  await deleteIt(page, base, shot, size, upload, href);
}

async function deleteIt(page, base, shot, size, upload, href) {
  await page.goto(upload);
  const csrf = await page.getAttribute('form[action$="/delete"] input[name=_csrf]', 'value');
  const name = `Regions ${size}`;
  const saved = await page.request.post(base + '/queries', { maxRedirects: 0, form: {
    _csrf: csrf, name, sql: 'SELECT name FROM regions', connection_id: href.split('/').pop() } });
  assert.equal(saved.status(), 303);
  const query = saved.headers().location;
  await page.click('button:has-text("Delete this upload and its connection")');
  await page.waitForSelector('text=The upload was not deleted');
  assert.equal(page.url(), upload);
  assert.match(await page.textContent('main'), new RegExp(`not deleted.*used by saved query “${name}”`));
  await shot(`sqlite-upload-delete-refused-${size}`);
  const gone = await page.request.post(base + query + '/delete', { maxRedirects: 0, form: { _csrf: csrf } });
  assert.equal(gone.status(), 303);
  await page.goto(upload);
  await Promise.all([page.waitForURL(/\/uploads$/),
    page.click('button:has-text("Delete this upload and its connection")')]);
  await page.waitForSelector('text=Upload deleted, with its connection');
  assert.match(await page.textContent('main'), /Upload deleted, with its connection “dm-sqlite-/);
  await shot(`sqlite-upload-deleted-${size}`);
  await page.goto(base + '/connections');
  assert.ok(!(await page.isVisible(`a[href="${href}"]`)), 'the connection is gone');
}

export const tests = {
  'a SQLite file becomes a connection (1280 px)': {
    modes: [true, false],
    async run({ page, base, shot }) { await uploadOne(page, base, shot, 1280); },
  },
  'a SQLite file becomes a connection (390 px)': {
    modes: [true, false],
    viewport: { width: 390, height: 844 },
    async run({ page, base, shot }) { await uploadOne(page, base, shot, 390); },
  },
};
