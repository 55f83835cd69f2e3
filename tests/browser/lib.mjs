// lib.mjs — shared steps for the browser tests.
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

export async function signIn(page, base, who = demoLogin()) {
  await page.goto(base + '/login');
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', who.password);
  await Promise.all([page.waitForURL(u => !u.pathname.startsWith('/login')), page.click('button[type=submit]')]);
}
