// uploads_alerts.test.mjs — upload a CSV and watch it load; create an alert
// and check it now; the bell shows the notification.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fillSql, signIn } from './lib.mjs';

export const tests = {
  'upload a CSV and see its table': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      const file = join(tmpdir(), `dm-upload-${process.pid}.csv`);
      let csv = 'region,month,sales\n';
      for (let i = 0; i < 20000; i++) csv += `R${i % 7},2024-${String(i % 12 + 1).padStart(2, '0')}-01,${i}\n`;
      writeFileSync(file, csv);
      await page.goto(base + '/uploads');
      await page.setInputFiles('input[type=file]', file);
      await Promise.all([page.waitForURL(/uploads\/[0-9a-f-]{36}/), page.click('button:has-text("Upload")')]);
      await shot('upload-progress');
      await page.waitForSelector('text=Ready:', { timeout: 60000 });
      assert.match(await page.textContent('.upload-status'), /20000 rows|20,000 rows/);
      await shot('upload-done');
    },
  },
  'alert: create, check now, bell': {
    modes: [true, false],
    async run({ page, base, shot }) {
      await signIn(page, base);
      await page.goto(base + '/alerts/new');
      await page.fill('input[name=name]', 'Orders over 1,000');
      await fillSql(page, 'SELECT count(*) FROM orders');
      await page.selectOption('select[name=condition]', 'above');
      await page.fill('input[name=threshold]', '1000');
      await Promise.all([page.waitForURL(/alerts\/[0-9a-f-]{36}/), page.click('button:has-text("Save alert")')]);
      await Promise.all([page.waitForLoadState(), page.click('button:has-text("Check now")')]);
      for (let i = 0; i < 40 && !(await page.isVisible('.badge.warn')); i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      assert.ok(await page.isVisible('.events .badge.warn'), 'a triggered event');
      assert.ok(await page.isVisible('.bell-count'), 'the bell counts it');
      await shot('alert');
    },
  },
};
