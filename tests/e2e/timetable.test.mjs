// The venue, the timetable editor and the published programme in a real browser, without
// JavaScript: the secretariat opens a call, describes its venue through the plain form (a bad
// line is named, then fixed), generates and publishes the timetable; the editor, the venue
// form and the public programme (by day, room and theme) pass the generic checks (status,
// lang/dir, no raw Fluent ids, axe-core with no violations) in the six languages. When the
// demo holds a published programme (IGF 2013), its programme and one session page too.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS_DIR,
  CONTEXT_OPTIONS,
  checkEveryLanguage,
  launchBrowser,
  signInAsAdmin,
  startServer,
  submit,
  withLang,
} from './harness.mjs';

let server;
let browser;

describe('timetable e2e', () => {
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

  test('a venue is described, a timetable generated and published, and every page passes axe', { timeout: 600_000 }, async (t) => {
    const admin = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    // axe-core needs JavaScript: the secretariat's pages are checked from a second session.
    const checker = await browser.newContext(CONTEXT_OPTIONS);
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const page = await admin.newPage();
    const checkerPage = await checker.newPage();
    const visitorPage = await visitor.newPage();
    try {
      await signInAsAdmin(page, server.baseUrl);
      await signInAsAdmin(checkerPage, server.baseUrl);

      await page.goto(url('/processes/wgec-2013', 'en'));
      const phase = page.locator('form[action$="/phases"]');
      await phase.locator('#field-kind').selectOption('call-for-proposals');
      await phase.locator('#field-title').fill('Workshops at the venue');
      await phase.locator('#field-opens_at').fill('2000-01-01T00:00');
      await phase.locator('#field-closes_at').fill('2999-01-01T00:00');
      await submit(page, phase.locator('[type="submit"]'));
      const call = await page.locator('a[href^="/calls/"]').last().getAttribute('href');
      assert.match(call, /^\/calls\/[0-9a-f-]{36}$/);
      await page.goto(url(call, 'en'));
      await page.fill('#field-themes', 'Access\nSecurity');
      await page.fill('#field-formats', 'Workshop = 90');
      await submit(page, page.locator(`form[action="${call}"] [type="submit"]`));

      // The venue: a bad slot line is named, then fixed.
      await page.goto(url(`${call}/venue`, 'en'));
      await page.fill('#field-time_zone', 'Asia/Makassar');
      await page.fill('#field-days', '2013-10-22\n2013-10-23');
      await page.fill('#field-slots', '9h = 90');
      await page.fill('#field-r0_name', 'Main Hall');
      await page.fill('#field-r0_capacity', '600');
      await page.check('#field-r0_accessible');
      await page.fill('#field-r1_name', 'Room 2');
      await page.fill('#field-r1_capacity', '80');
      await submit(page, page.locator('main form [type="submit"]'));
      const refused = await page.locator('.error-summary').innerText();
      assert.ok(refused.includes('Slots, line 1'), refused);
      await page.fill('#field-slots', '09:00 = 90\n11:00 = 90');
      await submit(page, page.locator('main form [type="submit"]'));
      assert.equal(new URL(page.url()).pathname, `${call}/timetable`);

      await submit(page, page.locator(`form[action="${call}/timetable"] [type="submit"]`));
      await submit(page, page.locator(`form[action="${call}/timetable/publish"] [type="submit"]`));
      assert.equal(new URL(page.url()).pathname, `${call}/programme`);

      await checkEveryLanguage(t, checkerPage, server.baseUrl, [`${call}/venue`, `${call}/timetable`]);
      await checkEveryLanguage(t, visitorPage, server.baseUrl, [
        `${call}/programme`,
        `${call}/programme?by=room`,
        `${call}/programme?by=theme`,
      ]);

      // The demo's published programme, with sessions, when the demo has one.
      const sessions = await (await fetch(`${server.baseUrl}/api/v1/sessions`)).json();
      if (sessions.items.length > 0) {
        const first = sessions.items[0];
        await checkEveryLanguage(t, visitorPage, server.baseUrl, [
          `/calls/${first.call_id}/programme`,
          `/sessions/${first.id}`,
        ]);
        await checkEveryLanguage(t, checkerPage, server.baseUrl, [`/calls/${first.call_id}/timetable`, `/calls/${first.call_id}/venue`]);
      }
    } finally {
      await admin.close();
      await checker.close();
      await visitor.close();
    }
  });
});
