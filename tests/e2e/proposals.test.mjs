// Calls for proposals in a real browser: the secretariat opens a call on a process (a phase
// through the process page's form), sets its themes and formats; a proposer sends a proposal
// through the form, without JavaScript, and sees the screening's findings; every page of the
// call passes the generic checks (status, lang/dir, no raw Fluent ids, axe-core with no
// violations) in the six languages.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS_DIR,
  CONTEXT_OPTIONS,
  checkEveryLanguage,
  launchBrowser,
  signInAsAdmin,
  signUp,
  startServer,
  submit,
  withLang,
} from './harness.mjs';

let server;
let browser;

describe('calls for proposals e2e', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const url = (p, lang) => withLang(server.baseUrl, p, lang);



  test('a call is opened, a proposal sent without JavaScript, and every page passes axe', { timeout: 300_000 }, async (t) => {
    const admin = await browser.newContext(CONTEXT_OPTIONS);
    const proposerContext = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const page = await admin.newPage();
    const proposer = await proposerContext.newPage();
    const visitorPage = await visitor.newPage();
    try {
      await signInAsAdmin(page, server.baseUrl);

      // A call open for centuries, through the process page's phase form.
      await page.goto(url('/processes/wgec-2013', 'en'));
      const phase = page.locator('form[action$="/phases"]');
      await phase.locator('#field-kind').selectOption('call-for-proposals');
      await phase.locator('#field-title').fill('Workshops of the WGEC');
      await phase.locator('#field-opens_at').fill('2000-01-01T00:00');
      await phase.locator('#field-closes_at').fill('2999-01-01T00:00');
      await submit(page, phase.locator('[type="submit"]'));
      const call = await page.locator('a[href^="/calls/"]').last().getAttribute('href');
      assert.match(call, /^\/calls\/[0-9a-f-]{36}$/);

      await page.goto(url(call, 'en'));
      await page.fill('#field-themes', 'Enhanced cooperation: Roles; Mechanisms\nRemote participation');
      await page.fill('#field-formats', 'Workshop = 90\nRoundtable = 60');
      await submit(page, page.locator(`form[action="${call}"] [type="submit"]`));

      await signUp(proposer, server.baseUrl, 'Anriette Esterhuysen');

      await proposer.goto(url(`${call}/proposals/new`, 'en'));
      await proposer.fill('#field-title', 'Who cooperates, and how?');
      await proposer.fill('#field-description', 'A roundtable on the mechanisms of enhanced cooperation.');
      await proposer.fill('#field-policy_questions', 'What should the Working Group recommend?');
      await proposer.selectOption('#field-format', 'Roundtable');
      await proposer.selectOption('#field-theme', 'Enhanced cooperation');
      await proposer.selectOption('#field-p0_role', 'organiser');
      await proposer.fill('#field-p0_name', 'Anriette Esterhuysen');
      await proposer.fill('#field-p0_organisation', 'APC');
      await proposer.selectOption('#field-p0_stakeholder_group', 'civil-society');
      await proposer.selectOption('#field-p1_role', 'speaker');
      await proposer.fill('#field-p1_name', 'Peter Major');
      await proposer.fill('#field-p1_organisation', 'Hungary');
      await proposer.selectOption('#field-p1_stakeholder_group', 'government');
      await proposer.check('#field-p1_confirmed');
      await submit(proposer, proposer.locator('main form [type="submit"]').last());
      const proposal = new URL(proposer.url()).pathname;
      assert.match(proposal, /^\/proposals\/[0-9a-f-]{36}$/, await proposer.locator('main').innerText());
      // One confirmed speaker only: the screening says what to fix before the deadline.
      const shown = await proposer.locator('main').innerText();
      assert.ok(shown.includes('Who cooperates, and how?'), shown);

      await checkEveryLanguage(t, visitorPage, server.baseUrl, [call, proposal]);
      await checkEveryLanguage(t, page, server.baseUrl, [call, `${call}/proposals/new`, proposal, `${proposal}/edit`]);
    } finally {
      await admin.close();
      await proposerContext.close();
      await visitor.close();
    }
  });
  test('the secretariat records decisions on a closed call without JavaScript', { timeout: 300_000 }, async (t) => {
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const checker = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    const checkerPage = await checker.newPage();
    try {
      await signInAsAdmin(page, server.baseUrl);
      await signInAsAdmin(checkerPage, server.baseUrl);
      await page.goto(url('/processes/igf-2013-bali', 'en'));
      const call = await page.locator('a[href^="/calls/"]', { hasText: 'Full workshop proposals' }).first().getAttribute('href');
      const decisions = `${call}/decisions`;
      await page.goto(url(decisions, 'en'));
      const boxes = page.locator('input[name="accept"]');
      const total = await boxes.count();
      assert.ok(total > 2, `the demo call's proposals: ${total}`);
      // Accept exactly the first two; every other proposal is declined.
      for (let i = 0; i < total; i++) {
        if (i < 2) await boxes.nth(i).check(); else await boxes.nth(i).uncheck();
      }
      await submit(page, page.locator('main form [type="submit"]'));
      const notice = await page.locator('[role="status"]').innerText();
      assert.match(notice, new RegExp(`^Recorded: 2 accepted, ${total - 2} declined; \\d+ proposers notified\\.$`), notice);
      assert.equal(await page.locator('input[name="accept"]:checked').count(), 2);
      // axe-core runs as a script: the checks use a page with JavaScript.
      await checkEveryLanguage(t, checkerPage, server.baseUrl, [decisions]);
    } finally {
      await context.close();
      await checker.close();
    }
  });
});
