// reports.test.mjs — scheduled reports (issue 15, item 6) with JavaScript
// on and off: schedule a dashboard's PDF weekly, "Send now", and the status
// shows it sent; the e-mail reaches a local SMTP sink with the PDF attached;
// delete. Screenshots at 1280 and 390 px.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { signIn } from './lib.mjs';
import { pinnedDashboard } from './share.test.mjs';

// A local SMTP sink on the stack's DM_SMTP_PORT (the worker sends to it):
// every message's text, as the alert tests' sink keeps them.
function smtpSink() {
  const messages = [];
  const server = createServer(sock => {
    let buf = '', data = null;
    sock.write('220 sink ready\r\n');
    sock.on('data', chunk => {
      buf += chunk.toString('latin1');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i + 1); buf = buf.slice(i + 1);
        if (data !== null) {
          if (line === '.\r\n' || line === '.\n') { messages.push(data.join('')); data = null; sock.write('250 queued\r\n'); }
          else data.push(line);
          continue;
        }
        const cmd = line.trim().toUpperCase();
        if (cmd === 'DATA') { data = []; sock.write('354 go ahead\r\n'); }
        else if (cmd === 'QUIT') { sock.end('221 bye\r\n'); }
        else sock.write('250 ok\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise(resolve => server.listen(Number(process.env.DM_SMTP_PORT), '127.0.0.1',
                                              () => resolve({ messages, close: () => server.close() })));
}

export const tests = {
  'scheduled report: schedule, send now, status': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const mode = js ? 'js' : 'nojs';
      const sink = await smtpSink();
      try {
        await signIn(page, base);
        const dash = await pinnedDashboard(page, base, `Report board ${mode} ${Date.now()}`);
        const to = `team-${mode}-${Date.now()}@example.com`;
        await page.fill('#reports input[name=recipients]', to);
        await page.selectOption('#reports select[name=frequency]', 'weekly');
        await page.selectOption('#reports select[name=weekday]', '5');
        await page.selectOption('#reports select[name=hour]', '8');
        await page.click('#reports button:has-text("Schedule")');
        await page.waitForSelector('text=Report scheduled');
        const item = '#reports ul.report-list li:first-child';
        await page.waitForSelector(item);
        assert.match(await page.textContent(item), /every Friday at 08:00 UTC/);
        assert.match(await page.textContent(item), /Last sent: never/);
        assert.match(await page.textContent(item), new RegExp(to.replace(/[.]/g, '\\.')));
        await page.click(`${item} button:has-text("Send now")`);
        await page.waitForSelector('text=Sending now');
        // the worker sends it: the status shows it on the next look
        let sent = '';
        for (let i = 0; i < 240 && !/Last sent: \d{4}-/.test(sent); i++) {
          await page.waitForTimeout(500);
          await page.reload();
          sent = await page.textContent(item);
        }
        assert.match(sent, /Last sent: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
        const mail = sink.messages.find(m => m.includes(to));
        assert.ok(mail, 'the e-mail reached the SMTP sink');
        assert.match(mail, /Content-Type: application\/pdf/);
        assert.match(mail, /\r?\n\r?\nJVBERi0/, 'the attachment is a PDF (%PDF- in base64)');
        await shot('report-scheduled');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.reload();
        await page.screenshot({ path: `${process.env.DM_ARTIFACTS}/report-scheduled-390-${mode}.png`, fullPage: true });
        await page.setViewportSize({ width: 1280, height: 800 });
        await page.click(`${item} button:has-text("Delete")`);
        await page.waitForSelector('text=Scheduled report deleted');
        assert.equal(await page.$$eval('#reports ul.report-list li', l => l.length), 0);
      } finally {
        sink.close();
      }
    },
  },
  'scheduled CSV of a saved query: schedule, send now, status': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      const mode = js ? 'js' : 'nojs';
      const sink = await smtpSink();
      try {
        await signIn(page, base);
        await page.goto(base + '/explore');
        await page.fill('textarea[name=sql]', 'SELECT id, name FROM regions ORDER BY id');
        await page.click('button:has-text("Run")');
        await page.waitForSelector('.result table.data');
        await page.click('details.save-query summary');
        await page.fill('details.save-query input[name=name]', `Regions report ${mode} ${Date.now()}`);
        await Promise.all([page.waitForURL(/\/queries\/[0-9a-f-]{36}/), page.click('button:has-text("Save query")')]);
        const to = `csv-${mode}-${Date.now()}@example.com`;
        assert.match(await page.textContent('#reports'), /as a CSV file/);
        await page.fill('#reports input[name=recipients]', to);
        await page.click('#reports button:has-text("Schedule")');
        await page.waitForSelector('text=Report scheduled');
        const item = '#reports ul.report-list li:first-child';
        assert.match(await page.textContent(item), /daily at 07:00 UTC/);
        await page.click(`${item} button:has-text("Send now")`);
        await page.waitForSelector('text=Sending now');
        let sent = '';
        for (let i = 0; i < 240 && !/Last sent: \d{4}-/.test(sent); i++) {
          await page.waitForTimeout(500);
          await page.reload();
          sent = await page.textContent(item);
        }
        assert.match(sent, /Last sent: \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
        const mail = sink.messages.find(m => m.includes(to));
        assert.ok(mail, 'the e-mail reached the SMTP sink');
        const b64 = mail.split(/Content-Type: text\/csv[^\n]*\n(?:[^\n]+\n)*\r?\n/)[1].split('--dm-report')[0];
        const csv = Buffer.from(b64.replace(/\s+/g, ''), 'base64').toString('utf8');
        assert.equal(csv.split(/\r?\n/)[0], 'id,name');
        await shot('report-query');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.reload();
        await page.screenshot({ path: `${process.env.DM_ARTIFACTS}/report-query-390-${mode}.png`, fullPage: true });
      } finally {
        sink.close();
      }
    },
  },
};
