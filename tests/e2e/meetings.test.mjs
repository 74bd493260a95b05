// Meetings and the live speaker queue in a real browser: the secretariat creates a meeting
// through its form; the meeting's pages pass the generic checks (status, lang/dir, no raw
// Fluent ids, axe-core with no violations) in the six languages; an attendee raises a hand
// and the moderator's live page shows it without a reload (server-sent events); without
// JavaScript the live page refreshes itself.

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

describe('meetings e2e', () => {
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




  /** Joins the meeting through its form; lands on the live page. */
  async function join(page, meeting, group, place) {
    await page.goto(url(`${meeting}/join`, 'en'));
    await page.selectOption('#field-stakeholder_group', group);
    await page.check(`input[name="place"][value="${place}"]`);
    await submit(page, page.locator('main form [type="submit"]'));
    assert.equal(new URL(page.url()).pathname, `${meeting}/live`);
  }


  let meeting; // the path of the meeting made by the first test

  test('the secretariat creates a meeting; its pages in every language pass axe', { timeout: 300_000 }, async (t) => {
    const admin = await browser.newContext(CONTEXT_OPTIONS);
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const page = await admin.newPage();
    const visitorPage = await visitor.newPage();
    try {
      await signInAsAdmin(page, server.baseUrl);
      await page.goto(url('/processes/wgec-2013/meetings/new', 'en'));
      await page.fill('#field-title', 'WGEC first meeting');
      await page.fill('#field-starts_at', '2013-05-30T10:00');
      await page.fill('#field-ends_at', '2013-05-30T13:00');
      await page.fill('#field-place', 'Palais des Nations, Room XXI');
      await page.fill('#field-online_url', 'https://webtv.un.org/');
      await page.fill('#field-languages', 'en, fr, es, ar, zh, ru');
      await page.fill('#field-agenda', 'Opening | 10\nThe questionnaire | 60\nAny other business');
      await submit(page, page.locator('main form [type="submit"]'));
      meeting = new URL(page.url()).pathname;
      assert.match(meeting, /^\/meetings\/[0-9a-f-]{36}$/);
      assert.ok((await page.locator('main').innerText()).includes('2013-05-30 10:00:00 CEST'));

      // The admin (a global secretariat) joins, remote, so the writing page exists for them.
      await join(page, meeting, 'government', 'remote');
      await checkEveryLanguage(t, visitorPage, server.baseUrl, ['/processes/wgec-2013', meeting, `${meeting}/live`]);
      await checkEveryLanguage(t, page, server.baseUrl, [
        meeting,
        `${meeting}/live`,
        `${meeting}/edit`,
        `${meeting}/participants/new`,
        `${meeting}/interventions`,
        '/processes/wgec-2013/meetings/new',
      ]);
    } finally {
      await admin.close();
      await visitor.close();
    }
  });

  test('an attendee raises a hand and the moderator sees it without a reload', { timeout: 120_000 }, async () => {
    assert.ok(meeting, 'the first test made a meeting');
    const moderatorContext = await browser.newContext(CONTEXT_OPTIONS);
    const attendeeContext = await browser.newContext(CONTEXT_OPTIONS);
    const moderator = await moderatorContext.newPage();
    const attendee = await attendeeContext.newPage();
    try {
      await signInAsAdmin(moderator, server.baseUrl);
      await moderator.goto(url(`${meeting}/live`, 'en'));
      // A mark that a reload would wipe.
      await moderator.evaluate(() => { window.notReloaded = true; });

      await signUp(attendee, server.baseUrl, 'Janis Karklins');
      await join(attendee, meeting, 'government', 'remote');
      await submit(attendee, attendee.locator('form[data-hand="raise"] button'));

      await moderator.waitForFunction(
        () => document.querySelector('#queue')?.textContent.includes('Janis Karklins'),
        null,
        { timeout: 10_000 },
      );
      assert.equal(await moderator.evaluate(() => window.notReloaded), true, 'no reload');
      // The moderator's controls arrived with the event, with the page's CSRF token filled in.
      const token = await moderator.locator('#queue form input[name="csrf"]').first().inputValue();
      assert.equal(token.length, 43);

      // The moderator gives the floor; the attendee's page follows, also without a reload.
      await attendee.evaluate(() => { window.notReloaded = true; });
      await submit(moderator, moderator.locator('button[name="command"][value="call-next"]'));
      await attendee.waitForFunction(
        () => document.querySelector('#queue .speaker')?.textContent.includes('Janis Karklins'),
        null,
        { timeout: 10_000 },
      );
      assert.equal(await attendee.evaluate(() => window.notReloaded), true, 'no reload');
      // Her hand is up (speaking): the page offers to lower it, not to raise it.
      assert.equal(await attendee.locator('form[data-hand="raise"]').isHidden(), true);
      assert.equal(await attendee.locator('form[data-hand="lower"]').isVisible(), true);
    } finally {
      await moderatorContext.close();
      await attendeeContext.close();
    }
  });

  test('without JavaScript the live page refreshes itself and its forms work', { timeout: 120_000 }, async () => {
    assert.ok(meeting, 'the first test made a meeting');
    const noScript = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const other = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const watcher = await noScript.newPage();
    const speaker = await other.newPage();
    try {
      await watcher.goto(url(`${meeting}/live`, 'en'));
      assert.ok(!(await watcher.locator('#queue').innerText()).includes('Loeb'));

      await signUp(speaker, server.baseUrl, 'Eric Loeb');
      await join(speaker, meeting, 'private-sector', 'room');
      await submit(speaker, speaker.locator('form[data-hand="raise"] button'));
      assert.ok((await speaker.locator('#queue').innerText()).includes('Eric Loeb'), 'the form post led back to the queue');

      // The watcher's page reloads by itself (every 5 s) and then shows the raised hand.
      await watcher.waitForEvent('load', { timeout: 15_000 });
      assert.ok((await watcher.locator('#queue').innerText()).includes('Eric Loeb'));
    } finally {
      await noScript.close();
      await other.close();
    }
  });
});
