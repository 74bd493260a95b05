// The search page in a real browser: every language with axe, the form without
// JavaScript, marked snippets, results that lead to their record, and a
// glossary entry made through its page found by its Chinese expansion.
//
// Run from tests/e2e with `node --test` (scripts/test does this).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  CONTEXT_OPTIONS,
  LANGS,
  assertNoProblems,
  checkPage,
  launchBrowser,
  startServer,
  withLang,
} from './harness.mjs';

let server;
let browser;

/** Asks the API until `ok(document)` holds, for up to `ms`: the index is built
 * in the background when the server starts, and kept current after writes. */
async function searchUntil(query, ok, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const res = await fetch(`${server.baseUrl}/api/v1/search?${query}`);
    const document = res.ok ? await res.json() : null;
    if ((document && ok(document)) || Date.now() > deadline) return document;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('search', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const built = await searchUntil('q=gouvernance', (d) => d.total > 0);
    assert.ok(built?.total > 0, 'the server did not build its search index from the demo');
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const url = (p, lang) => withLang(server.baseUrl, p, lang);

  test('the page in every language, with results, empty and refused: axe finds nothing', { timeout: 300_000 }, async (t) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    try {
      for (const lang of LANGS) {
        for (const [path, status] of [
          ['/search', 200],
          ['/search?q=internet+governance', 200],
          ['/search?q=gouvernance&kind=glossary&language=fr', 200],
          ['/search?q=x&from=2013-99-99', 422],
        ]) {
          await t.test(`${path} [${lang}]`, async () => {
            assertNoProblems(await checkPage(page, url(path, lang), { lang, status }), `checks on ${path} [${lang}]`);
          });
        }
      }
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: the header link, the form, marks and pages', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(url('/', 'en'));
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('header nav a[href="/search"]').click(),
      ]);
      assert.equal(new URL(page.url()).pathname, '/search');
      const form = page.locator('form[role="search"]');
      await form.locator('input[name="q"]').fill('internet governance');
      await form.locator('select[name="kind"]').selectOption('glossary');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').click()]);
      const address = new URL(page.url());
      assert.equal(address.searchParams.get('q'), 'internet governance');
      assert.equal(address.searchParams.get('kind'), 'glossary');
      const results = page.locator('main ol.results > li');
      assert.ok((await results.count()) > 0, 'no results listed');
      const marks = await page.locator('main ol.results mark').allInnerTexts();
      assert.ok(marks.some((m) => /governance/i.test(m)), `marks: ${marks.join(', ')}`);
      // The kind links keep the words and say how many each kind has.
      const all = page.locator('nav.kinds a').first();
      assert.match(await all.getAttribute('href'), /q=internet\+governance/);
      assert.match(await all.innerText(), /\(\d+\)/);
    } finally {
      await context.close();
    }
  });

  test('a glossary entry made on its page is found in Chinese and leads to its row', { timeout: 120_000 }, async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    try {
      await page.goto(url('/signin', 'en'));
      const signin = page.locator('form:has(input[name="email"])').first();
      await signin.locator('input[name="email"]').fill(ADMIN_EMAIL);
      await signin.locator('input[name="password"]').fill(ADMIN_PASSWORD);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), signin.locator('[type="submit"]').first().click()]);

      await page.goto(url('/glossary/new', 'en'));
      const form = page.locator('main form').first();
      await form.locator('input[name="acronym"]').fill('CNNIC');
      await form.locator('input[name="expansion.en"]').fill('China Internet Network Information Center');
      await form.locator('input[name="expansion.zh"]').fill('中国互联网络信息中心');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').first().click()]);

      const found = await searchUntil(`q=${encodeURIComponent('信息中心')}`, (d) => d.total > 0);
      assert.equal(found?.results?.[0]?.title, 'CNNIC');

      await page.goto(url(`/search?q=${encodeURIComponent('信息中心')}`, 'zh'));
      const snippet = page.locator('main ol.results .snippet').first();
      assert.equal(await snippet.getAttribute('lang'), 'zh');
      assert.deepEqual(await snippet.locator('mark').allInnerTexts(), ['信息中心']);
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('main ol.results h3 a').first().click(),
      ]);
      const anchor = new URL(page.url()).hash;
      assert.match(anchor, /^#g-/);
      assert.match(await page.locator(`tr${anchor}`).innerText(), /CNNIC/);
    } finally {
      await context.close();
    }
  });
});
