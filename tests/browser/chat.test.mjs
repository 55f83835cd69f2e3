// chat.test.mjs — a new user on the demo asks the three questions of the
// issue and sees correct answers with charts, with JavaScript on and off.
import assert from 'node:assert/strict';
import { chartTextPx, signIn } from './lib.mjs';

// An answer slower than DATAMIND_QUERY_WAIT_MS holds its place
// (article.pending) until the job answering it is done (issue 19).
async function askQ(page, js, q) {
  const before = await page.$$eval('article.msg-answer:not(.pending)', a => a.length).catch(() => 0);
  await page.fill('textarea[name=message]', q);
  if (js && page.url().includes('/chat/')) {
    await page.click('form#ask button[type=submit]');
    await page.waitForFunction(n => document.querySelectorAll('article.msg-answer:not(.pending)').length > n, before);
  } else {
    await Promise.all([page.waitForURL(/\/chat\/[0-9a-f-]{36}/), page.click('form#ask button[type=submit]')]);
  }
  await page.waitForSelector('article.pending', { state: 'detached', timeout: 60000 });
  const answers = await page.$$('article.msg-answer');
  return answers[answers.length - 1];
}

export const tests = {
  'three questions, with charts': {
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/chat');
      assert.ok(await page.isVisible('.suggestions .chip'), 'suggested questions on an empty chat');
      let a = await askQ(page, js, 'revenue by month this year');
      assert.match(await a.textContent(), /Revenue (grew|fell|was flat)/);
      assert.ok(await a.$('figure.chart svg'));
      a = await askQ(page, js, 'top 5 customers by number of orders');
      assert.match(await a.textContent(), /Top 5 customers by number of orders/);
      assert.ok(await a.$('figure.chart svg'));
      a = await askQ(page, js, 'now only Germany');
      assert.ok(await a.$('figure.chart svg'));
      const sql = await a.$eval('details.answer-sql code', c => c.textContent);
      assert.match(sql, /Germany/);
      await page.setViewportSize({ width: 1280, height: 900 });
      await shot('chat');
    },
  },
  'chat on a phone': {
    viewport: { width: 390, height: 844 },
    modes: [true, false],
    async run({ page, base, js, shot }) {
      await signIn(page, base);
      await page.goto(base + '/chat');
      await askQ(page, js, 'orders by channel');
      await askQ(page, js, 'revenue by month this year');
      await shot('chat-phone');
      // opened again from the list, as a returning user does: the conversation
      // comes first, on the first screen, not under the list of chats
      await page.goto(base + await page.getAttribute('.chat-list a', 'href'));
      const [main, side] = await page.evaluate(() => ['.chat-main', '.chat-side'].map(
        s => document.querySelector(s).getBoundingClientRect().top));
      assert.ok(main < side, `the conversation (${main}) before the list of chats (${side})`);
      assert.ok(main < 200, 'the conversation starts on the first screen: ' + main);
      // the chart's text is readable on a phone (it was about 6 px)
      const [small, big] = await chartTextPx(page);
      assert.ok(small >= 9 && big <= 16, `chart text ${small}–${big} px`);
      await shot('chat-phone-open');
    },
  },
};
