// Meeting records in a real browser: the demo's seed meeting (ICANN 46 Beijing, 8 April
// 2013) with its French transcript, its statistics, and the secretariat's import of the same
// file through the review screen, without JavaScript; every page in the six languages with
// axe-core finding no violation.
//
// Run from tests/e2e with `node --test` (scripts/test does this).

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  CONTEXT_OPTIONS,
  LANGS,
  REPO_ROOT,
  assertNoProblems,
  checkPage,
  launchBrowser,
  startServer,
  withLang,
} from './harness.mjs';

const SEED = path.join(REPO_ROOT, 'crates', 'records', 'tests', 'fixtures', 'icann-beijing-2013-04-08-fr.txt');

let server;
let browser;

describe('meeting records', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const url = (p, lang) => withLang(server.baseUrl, p, lang);

  async function checkAll(t, page, paths) {
    for (const p of paths) {
      for (const lang of LANGS) {
        await t.test(`${p} [${lang}]`, async () => {
          assertNoProblems(await checkPage(page, url(p, lang), { lang }), `checks on ${p} [${lang}]`);
        });
      }
    }
  }

  /** The demo meeting's transcript page, found from the public index. */
  async function seedTranscript(page) {
    await page.goto(url('/transcripts', 'en'));
    const hrefs = await page.$$eval('main a[href*="/transcripts/"]', (as) => as.map((a) => a.getAttribute('href')));
    assert.equal(hrefs.length, 1, `the demo has one transcript: ${hrefs}`);
    const meeting = hrefs[0].split('/transcripts/')[0];
    return { transcript: hrefs[0], meeting };
  }

  test('the demo meeting\'s record, in every language', { timeout: 300_000 }, async (t) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    try {
      const { transcript, meeting } = await seedTranscript(page);
      await checkAll(t, page, ['/transcripts', transcript, `${meeting}/transcripts`, `${meeting}/statistics`]);

      await t.test('the transcript marks who nobody identified and what nobody heard', async () => {
        await page.goto(url(transcript, 'en'));
        assert.equal(await page.locator('article.turn.unidentified').count(), 3);
        assert.ok((await page.locator('mark.inaudible').count()) > 0);
        assert.equal(await page.locator('article.turn').count(), 59);
        assert.match(await page.locator('#t12').innerText(), /Eric Loeb/);
        assert.match(await page.locator('main').innerText(), /written as MARCUS KUMMER/);
        assert.match(await page.locator('dd.disclaimer').first().innerText(), /Remarque/);
        assert.ok((await page.locator('a[href="/glossary?q=IGF"] abbr[title]').count()) > 0, 'IGF explained');
      });

      await t.test('the statistics chart and tabulate every turn', async () => {
        await page.goto(url(`${meeting}/statistics`, 'en'));
        assert.equal(await page.locator('svg.chart').count(), 8);
        const rows = await page.$$eval('#people table tbody tr th', (ths) => ths.map((th) => th.textContent.trim()));
        assert.equal(rows[0], 'Peter Major', 'the moderator spoke most');
        assert.ok(rows.includes('Unidentified speaker'));
      });
    } finally {
      await context.close();
    }
  });

  test('the secretariat imports the transcript through the review screen, without JavaScript', { timeout: 300_000 }, async (t) => {
    const noScript = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const checker = await browser.newContext(CONTEXT_OPTIONS);
    const page = await noScript.newPage();
    const checkerPage = await checker.newPage();
    const signIn = async (p) => {
      await p.goto(url('/signin', 'en'));
      const form = p.locator('form:has(input[name="email"])').first();
      await form.locator('input[name="email"]').fill(ADMIN_EMAIL);
      await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
      await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').first().click()]);
    };
    const submit = async (form) => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').first().click()]);
    };
    try {
      const { meeting } = await seedTranscript(checkerPage);
      await signIn(page);
      await signIn(checkerPage);
      await checkAll(t, checkerPage, [`${meeting}/transcripts/new`, '/transcripts/acronyms']);

      await t.test('acronyms the glossary lacks are listed with a pre-filled new entry', async () => {
        await checkerPage.goto(url('/transcripts/acronyms', 'en'));
        const first = checkerPage.locator('main tbody tr').first();
        assert.match(await first.locator('th').innerText(), /^UIT$/);
        await Promise.all([checkerPage.waitForNavigation({ waitUntil: 'load' }), first.locator('a').click()]);
        assert.equal(await checkerPage.locator('input[name="acronym"]').inputValue(), 'UIT');
      });

      await page.goto(url(`${meeting}/transcripts/new`, 'en'));
      const upload = page.locator('main form');
      await upload.locator('input[type="file"]').setInputFiles(SEED);
      await submit(upload);
      const review = new URL(page.url()).pathname;
      assert.match(review, /\/transcripts\/review\//);
      await checkAll(t, checkerPage, [review]);

      // JAOA CARLOS CARIBE is no spelling of João Carlos Caribe: say who he is.
      const legend = page.locator('fieldset.speaker', { hasText: 'JAOA CARLOS CARIBE' });
      const select = legend.locator('select[name^="speaker-"]');
      const joao = await select.locator('option', { hasText: 'João Carlos Caribe' }).getAttribute('value');
      await select.selectOption(joao);
      await submit(page.locator('main form').last());
      const done = new URL(page.url()).pathname;
      assert.match(done, /\/transcripts\/[0-9a-f-]{36}$/);
      assert.equal(await page.locator('article.turn.unidentified').count(), 3);
      await checkAll(t, checkerPage, [done]);
    } finally {
      await noScript.close();
      await checker.close();
    }
  });
});
