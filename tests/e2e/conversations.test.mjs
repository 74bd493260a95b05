// Conversations in a real browser, without JavaScript: a participant joins the demo's
// conversation and votes through every statement one at a time, writes a statement; the
// secretariat imports a Pol.is conversation and its opinion map appears (the server's mapper
// computes it within seconds); every conversation page passes the generic checks (status,
// lang/dir, no raw Fluent ids, axe-core with no violations) in the six languages.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

const SEATTLE = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../crates/opinion/tests/fixtures/polis/15-per-hour-seattle',
);

let server;
let browser;

describe('conversations e2e', () => {
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



  let conversation; // the demo's conversation

  test('a participant joins and votes on every statement without JavaScript', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(url('/processes/wgec-2013', 'en'));
      const link = page.locator('#conversations ~ ul a[href^="/conversations/"]').first();
      conversation = await link.getAttribute('href');
      assert.match(conversation, /^\/conversations\/[0-9a-f-]{36}$/);

      await signUp(page, server.baseUrl, 'Avri Doria');

      await page.goto(url(conversation, 'en'));
      await page.selectOption('#field-stakeholder_group', 'civil-society');
      await page.selectOption('#field-region', '150');
      await submit(page, page.locator('form[action$="/join"] [type="submit"]'));

      const seen = new Set();
      for (;;) {
        const statement = page.locator('figure.statement blockquote');
        if ((await statement.count()) === 0) break;
        const text = await statement.innerText();
        assert.ok(!seen.has(text), `offered twice: ${text}`);
        seen.add(text);
        const choice = seen.size % 3 === 0 ? 'pass' : seen.size % 2 === 0 ? 'disagree' : 'agree';
        await submit(page, page.locator(`form.votes button[value="${choice}"]`));
      }
      assert.equal(seen.size, 7, 'the seven seed statements, once each');
      assert.ok((await page.locator('main').innerText()).includes('You have voted on every statement.'));

      await page.fill('#field-text', 'Every meeting of the Working Group should be streamed.');
      await submit(page, page.locator('form[action$="/statements"] [type="submit"]'));
      assert.ok((await page.locator('#mine ~ ul').innerText()).includes('Waiting for moderation'));
    } finally {
      await context.close();
    }
  });

  test('the secretariat imports a Pol.is conversation and its map appears; every page passes axe', { timeout: 300_000 }, async (t) => {
    assert.ok(conversation, 'the first test found the demo conversation');
    const admin = await browser.newContext(CONTEXT_OPTIONS);
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const page = await admin.newPage();
    const visitorPage = await visitor.newPage();
    try {
      await signInAsAdmin(page, server.baseUrl);

      await page.goto(url('/processes/wgec-2013/conversations/import', 'en'));
      await page.fill('#field-topic', '$15/hour minimum wage (Seattle)');
      await page.setInputFiles('#field-comments', join(SEATTLE, 'comments.csv'));
      await page.setInputFiles('#field-votes', join(SEATTLE, 'votes.csv'));
      await submit(page, page.locator('main form [type="submit"]'));
      const map = new URL(page.url()).pathname;
      assert.match(map, /^\/conversations\/[0-9a-f-]{36}\/map$/);

      // The mapper runs every second: the groups appear after a reload or two.
      for (let i = 0; i < 20 && (await page.locator('svg circle').count()) === 0; i++) {
        await page.waitForTimeout(500);
        await page.reload();
      }
      assert.ok((await page.locator('svg circle').count()) > 100, 'a dot per participant');
      assert.ok((await page.locator('main').innerText()).includes('Group B'));
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'opinion-map.png'), fullPage: true });

      await checkEveryLanguage(t, visitorPage, server.baseUrl, [conversation, `${conversation}/map`, map]);
      await checkEveryLanguage(t, page, server.baseUrl, [
        conversation,
        `${conversation}/moderation`,
        '/processes/wgec-2013/conversations/new',
        '/processes/wgec-2013/conversations/import',
      ]);
    } finally {
      await admin.close();
      await visitor.close();
    }
  });
});
