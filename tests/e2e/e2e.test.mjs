// End-to-end, i18n and accessibility tests for Agora.
//
// Run from tests/e2e with `node --test` (scripts/test does this). The server
// is started here from $AGORA_BIN (default target/debug/agora) on a fresh
// SQLite database with the demo data and one admin account.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  ARTIFACTS_DIR,
  CONTEXT_OPTIONS,
  LANGS,
  assertNoProblems,
  checkPage,
  launchBrowser,
  startServer,
  writeProblemSummary,
  withLang,
} from './harness.mjs';

const PUBLIC_PAGES = [
  '/',
  '/processes',
  '/processes/wgec-2013',
  '/calendar',
  '/calendar?view=list',
  '/calendar?month=2013-05',
  '/glossary',
  '/glossary?q=WSIS',
  '/organisations',
  '/people',
  '/signin',
  '/signup',
  '/moderation-policy',
];
const NOT_FOUND_PAGE = '/no-such-page';
const ADMIN_PAGES = [
  '/admin', '/admin/audit', '/processes/new', '/calendar/new', '/glossary/new',
  '/organisations/new', '/people/new', '/processes/wgec-2013/edit',
  // Signed in, the process page also holds the form that adds a phase.
  '/processes/wgec-2013',
];
// List page -> prefix of the detail links inside its <main>.
const DETAIL_LISTS = [
  ['/organisations', '/organisations/'],
  ['/people', '/people/'],
];

// Pages whose <h1> is an interface string, and the script each language's
// text must be written in.
const TRANSLATED_H1_PAGES = ['/', '/signin', '/signup', '/glossary', '/no-such-page'];
const SCRIPTS = {
  ar: ['Arabic', /\p{Script=Arabic}/u],
  zh: ['Han', /\p{Script=Han}/u],
  ru: ['Cyrillic', /\p{Script=Cyrillic}/u],
};

const USER_PASSWORD = 'purple monkey dishwasher 42';

let server;
let browser;

describe('agora e2e', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });

  after(async () => {
    const summary = writeProblemSummary();
    if (summary) console.log(`\nPage problems, grouped (also in tests/e2e/artifacts/problems.txt):\n${summary}\n`);
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const url = (p, lang) => withLang(server.baseUrl, p, lang);

  /** Runs one subtest per (page, language) so every failure is reported. */
  async function checkAll(t, page, paths, opts = {}) {
    for (const p of paths) {
      for (const lang of LANGS) {
        await t.test(`${p} [${lang}]`, async () => {
          assertNoProblems(await checkPage(page, url(p, lang), { lang, ...opts }), `checks on ${p} [${lang}]`);
        });
      }
    }
  }

  test('public pages in every language: status, lang/dir, landmarks, no raw ids, axe', { timeout: 300_000 }, async (t) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    try {
      await checkAll(t, page, PUBLIC_PAGES);
      await checkAll(t, page, [NOT_FOUND_PAGE], { status: 404 });

      // Detail pages: the first matching link in <main> of each list page.
      for (const [list, prefix] of DETAIL_LISTS) {
        for (const lang of LANGS) {
          await t.test(`first ${prefix}… detail page [${lang}]`, async () => {
            await page.goto(url(list, lang));
            const hrefs = await page.$$eval(`main a[href^="${prefix}"]`, (as) => as.map((a) => a.getAttribute('href')));
            const href = hrefs.find((h) => !/\/new(\?|$)/.test(h));
            assert.ok(href, `no link starting with ${prefix} inside <main> on ${url(list, lang)}`);
            assertNoProblems(await checkPage(page, url(href, lang), { lang }), `checks on ${href} [${lang}]`);
          });
        }
      }
    } finally {
      await context.close();
    }
  });

  test('English content', async (t) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    const text = () => page.locator('body').innerText();
    try {
      await t.test('home lists the Working Group on Enhanced Cooperation', async () => {
        await page.goto(url('/', 'en'));
        assert.match(await text(), /Working Group on Enhanced Cooperation/);
      });
      await t.test('process page shows the WGEC', async () => {
        await page.goto(url('/processes/wgec-2013', 'en'));
        assert.match(await text(), /Working Group on Enhanced Cooperation/);
      });
      await t.test('calendar list view has WTPF-13 on 2013-05-14', async () => {
        await page.goto(url('/calendar?view=list', 'en'));
        assert.match(await text(), /WTPF-13/);
        const datetimes = await page.$$eval('time[datetime]', (ts) => ts.map((x) => x.getAttribute('datetime')));
        assert.ok(
          datetimes.includes('2013-05-14'),
          `no <time datetime="2013-05-14">; first datetimes seen: ${datetimes.slice(0, 10).join(', ') || '(none)'}`,
        );
      });
      await t.test('calendar month 2013-05 shows WTPF-13', async () => {
        await page.goto(url('/calendar?month=2013-05', 'en'));
        assert.match(await text(), /WTPF-13/);
      });
      await t.test('glossary search WSIS (en)', async () => {
        await page.goto(url('/glossary?q=WSIS', 'en'));
        assert.match(await text(), /World Summit on the Information Society/);
      });
      await t.test('glossary search SMSI (fr)', async () => {
        await page.goto(url('/glossary?q=SMSI', 'fr'));
        assert.match(await text(), /Sommet mondial/);
      });
      await t.test('language switcher leads to the Arabic, right-to-left page', async () => {
        await page.goto(url('/', 'en'));
        const link = page.locator('a[hreflang="ar"]').first();
        assert.equal(await link.count(), 1, 'no a[hreflang="ar"] on /?lang=en');
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
        const { lang, dir } = await page.evaluate(() => ({
          lang: document.documentElement.getAttribute('lang'),
          dir: document.documentElement.getAttribute('dir'),
        }));
        assert.equal(dir, 'rtl', `dir after switching to Arabic (${page.url()})`);
        assert.equal(lang, 'ar', `lang after switching to Arabic (${page.url()})`);
      });
      await t.test('interface headings are translated in every language', async () => {
        // The <h1> of pages whose heading is an interface string, not data.
        const problems = [];
        for (const p of TRANSLATED_H1_PAGES) {
          const h1 = {};
          for (const lang of LANGS) {
            await page.goto(url(p, lang));
            h1[lang] = (await page.locator('h1').first().textContent())?.trim() ?? '';
          }
          for (const lang of LANGS) {
            if (lang === 'en') continue;
            const [scriptName, script] = SCRIPTS[lang] ?? [];
            if (script && !script.test(h1[lang])) problems.push(`${p} [${lang}]: h1 "${h1[lang]}" has no ${scriptName} characters`);
            if (h1[lang] === h1.en) problems.push(`${p} [${lang}]: h1 "${h1[lang]}" is the same as in English`);
          }
        }
        assertNoProblems(problems, 'translation checks');
      });
      await t.test('screenshots of the home page (en, ar)', async () => {
        for (const lang of ['en', 'ar']) {
          await page.goto(url('/', lang));
          await page.screenshot({ path: path.join(ARTIFACTS_DIR, `home-${lang}.png`) });
        }
      });
    } finally {
      await context.close();
    }
  });

  test('admin pages in every language (signed in through the form)', { timeout: 180_000 }, async (t) => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    try {
      await page.goto(url('/signin', 'en'));
      const form = page.locator('form:has(input[name="email"])').first();
      await form.locator('input[name="email"]').fill(ADMIN_EMAIL);
      await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').first().click()]);
      const res = await page.goto(url('/admin', 'en'));
      assert.ok(
        res && res.status() === 200 && new URL(page.url()).pathname === '/admin',
        `sign-in as ${ADMIN_EMAIL} did not give access to /admin (status ${res?.status()}, at ${page.url()})`,
      );
      await checkAll(t, page, ADMIN_PAGES);
    } finally {
      await context.close();
    }
  });

  /** Fills the sign-up form and submits it; returns the text of the page after the redirect. */
  async function signUp(page, { email, displayName }) {
    await page.goto(url('/signup', 'en'));
    const form = page.locator('form:has(input[name="display_name"])').first();
    await form.locator('input[name="email"]').fill(email);
    await form.locator('input[name="display_name"]').fill(displayName);
    await form.locator('input[name="password"]').fill(USER_PASSWORD);
    const [response] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      form.locator('[type="submit"]').first().click(),
    ]);
    const body = await page.locator('body').innerText();
    return { response, body, at: new URL(page.url()) };
  }

  test('sign-up works without JavaScript', async () => {
    const context = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      const stamp = Date.now();
      const displayName = `No Script ${stamp}`;
      const { response, body, at } = await signUp(page, { email: `nojs-${stamp}@example.org`, displayName });
      assert.ok(response && response.status() < 400, `sign-up answered ${response?.status()} at ${at}:\n${body.slice(0, 500)}`);
      assert.notEqual(at.pathname, '/signup', `still on /signup after submitting (no redirect):\n${body.slice(0, 500)}`);
      assert.ok(body.includes(displayName), `display name "${displayName}" not shown after sign-up at ${at}:\n${body.slice(0, 500)}`);
    } finally {
      await context.close();
    }
  });

  test('display names are escaped (no XSS)', async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      await d.dismiss().catch(() => {});
    });
    try {
      const displayName = '<script>alert(1)</script>';
      const { body, at } = await signUp(page, { email: `xss-${Date.now()}@example.org`, displayName });
      const problems = [];
      if (dialogs.length) problems.push(`a dialog fired: ${dialogs.join('; ')}`);
      const injected = await page.$$eval('script', (ss) => ss.filter((s) => s.textContent.includes('alert(1)')).length);
      if (injected) problems.push('a <script> element containing alert(1) is in the DOM');
      if (at.pathname === '/signup') problems.push('still on /signup after submitting (no redirect)');
      if (!body.includes(displayName)) problems.push(`literal "${displayName}" not shown after sign-up at ${at}`);
      if (problems.length) problems.push(`page text:\n${body.slice(0, 500)}`);
      assertNoProblems(problems, 'XSS checks');
    } finally {
      await context.close();
    }
  });

  /** Signs in through the form as the admin. */
  async function signInAsAdmin(page) {
    await page.goto(url('/signin', 'en'));
    const form = page.locator('form:has(input[name="email"])').first();
    await form.locator('input[name="email"]').fill(ADMIN_EMAIL);
    await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('[type="submit"]').first().click()]);
  }

  /** Submits the form holding `selector` and waits for the page that follows. */
  async function submit(page, form, button = '[type="submit"]') {
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator(button).first().click()]);
  }

  test('a consultation from opening to receipt, without JavaScript, in every language', { timeout: 300_000 }, async (t) => {
    // The flow runs with JavaScript off; axe needs it on, so the checks use other contexts
    // (a visitor's and a signed-in secretariat's) on the same pages.
    const noScript = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const checker = await browser.newContext(CONTEXT_OPTIONS);
    const page = await noScript.newPage();
    const visitorPage = await visitor.newPage();
    const checkerPage = await checker.newPage();
    try {
      // The demo's WGEC questionnaire (closed since 2013), as a visitor sees it.
      await visitorPage.goto(url('/processes/wgec-2013', 'en'));
      const demo = await visitorPage.$$eval('main a[href^="/consultations/"]', (as) => as.map((a) => a.getAttribute('href')));
      assert.ok(demo.length, 'the WGEC page links to its consultation');
      await checkAll(t, visitorPage, [demo[0], `${demo[0]}/answers`]);

      await signInAsAdmin(page);
      await signInAsAdmin(checkerPage);
      await checkAll(t, checkerPage, ['/processes/wgec-2013/consultations/new']);
      await page.goto(url('/processes/wgec-2013/consultations/new', 'en'));
      let form = page.locator('form:has(input[name="opens_at"])').first();
      await form.locator('input[name="title"]').fill('Follow-up questionnaire');
      await form.locator('input[name="opens_at"]').fill('2020-01-01T00:00');
      await form.locator('input[name="closes_at"]').fill('2099-12-31T23:59');
      await form.locator('textarea[name="description"]').fill('Open to every stakeholder group.');
      await form.locator('input[name="public_by_default"]').check();
      await submit(page, form);
      const consultation = new URL(page.url()).pathname;
      assert.match(consultation, /^\/consultations\/[0-9a-f-]+$/, `not on a consultation page: ${page.url()}`);

      form = page.locator('form:has(textarea[name="prompt"])').first();
      await form.locator('textarea[name="prompt"]').fill('What should enhanced cooperation achieve?');
      await submit(page, form);

      // The answer form and the secretariat's forms, in every language.
      await checkAll(t, checkerPage, [consultation]);

      // Answers collected elsewhere, imported by the secretariat without JavaScript: upload,
      // the column mapping (guessed from the headers), preview, commit. Each page in every
      // language.
      await checkAll(t, checkerPage, [`${consultation}/import`]);
      await page.goto(url(`${consultation}/import`, 'en'));
      form = page.locator('form:has(input[type="file"])').first();
      await form.locator('input[type="file"]').setInputFiles({
        name: 'answers.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Name,Stakeholder group,Country,What should enhanced cooperation achieve?\n' +
            'Joy,Civil society,NZ,Imported from a survey tool.\n',
        ),
      });
      await submit(page, form);
      const mapping = new URL(page.url()).pathname;
      assert.match(mapping, /^\/consultations\/[0-9a-f-]+\/import\/[0-9a-f-]+$/, `not on the mapping page: ${page.url()}`);
      await checkAll(t, checkerPage, [mapping]);
      await submit(page, page.locator(`form[action="${mapping}/preview"]`));
      assert.match(await page.locator('main').innerText(), /Ready to import: 1\./, 'the preview');
      await submit(page, page.locator(`form[action="${mapping}/commit"]`));
      const done = new URL(page.url()).pathname;
      assert.match(done, /^\/consultations\/[0-9a-f-]+\/imports\/[0-9a-f-]+$/, `not on the result page: ${page.url()}`);
      assert.match(await page.locator('main').innerText(), /One answer was imported/);
      await checkAll(t, checkerPage, [done]);

      await page.goto(url(consultation, 'en'));
      form = page.locator('form:has(button[value="submit"])').first();
      await form.locator('textarea[name^="q-"]').first().fill('Equal footing for every stakeholder.');
      await form.locator('select[name="stakeholder_group"]').selectOption('civil-society');
      await submit(page, form, 'button[value="submit"]');
      assert.equal(new URL(page.url()).pathname, `${consultation}/receipt`, 'submitting leads to the receipt');
      const code = (await page.locator('#receipt-code').innerText()).trim();
      assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/, `receipt code ${code}`);
      // The server runs without SMTP: the receipt says that no email will be sent.
      assert.equal(
        (await page.locator('#email-note').innerText()).trim(),
        'Email is off on this site: keep your receipt code; no email will be sent.',
      );
      await checkAll(t, checkerPage, [`${consultation}/receipt`]);
      await page.goto(url(`${consultation}/answers`, 'en'));
      const published = await page.locator('main').innerText();
      assert.ok(published.includes('Equal footing for every stakeholder.'), 'the answer is published');
      assert.ok(published.includes('Imported from a survey tool.'), 'the imported answer is published');
      // Open data: the published answers download as CSV from the real server.
      const csv = await visitorPage.request.get(url(`${consultation}/answers.csv`, 'en'));
      assert.equal(csv.status(), 200, 'the CSV download');
      assert.match(csv.headers()['content-disposition'] ?? '', /^attachment; filename=".+-answers\.csv"$/);
      const rows = await csv.text();
      assert.ok(rows.includes('Equal footing for every stakeholder.') && rows.includes('Imported from a survey tool.'), 'the CSV holds the published answers');
      await checkAll(t, visitorPage, [`${consultation}/answers`, `${consultation}/statistics`, `${demo[0]}/statistics`]);
      await checkAll(t, checkerPage, [`${consultation}/workspace`]);

      // Someone reports the answer as submitted in their name, without an account or JavaScript.
      const answerHref = await page.locator('main article h2 a').first().getAttribute('href');
      const reportHref = `${answerHref}/report`;
      await checkAll(t, visitorPage, [answerHref, reportHref]);
      const reporter = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
      try {
        const reporterPage = await reporter.newPage();
        await reporterPage.goto(url(reportHref, 'en'));
        form = reporterPage.locator('form:has(textarea[name="statement"])').first();
        await form.locator('input[name="name"]').fill('Jane Doe');
        await form.locator('input[name="email"]').fill('jane@example.org');
        await form.locator('textarea[name="statement"]').fill('I never wrote this.');
        await form.locator('input[name="confirm"]').check();
        await submit(reporterPage, form);
        assert.ok((await reporterPage.locator('main').innerText()).includes('Report received'), 'the report is acknowledged');
      } finally {
        await reporter.close();
      }
      await checkAll(t, checkerPage, [`${consultation}/workspace`]);

      // The secretariat hides the answer with a reason, without JavaScript; the public page
      // drops it, the workspace keeps it with the reason.
      await page.goto(url(`${consultation}/workspace`, 'en'));
      form = page.locator('form[action$="/moderation"]').first();
      await form.locator('select[name="visibility"]').selectOption('hidden');
      await form.locator('textarea[name="reason"]').fill('Reported as falsely attributed');
      await submit(page, form);
      assert.equal(new URL(page.url()).pathname, `${consultation}/workspace`, 'back to the workspace');
      assert.ok((await page.locator('main').innerText()).includes('Reported as falsely attributed'), 'the reason is shown');
      await page.goto(url(`${consultation}/answers`, 'en'));
      // The oldest sheet, which the workspace lists first, is the imported one.
      const after = await page.locator('main').innerText();
      assert.ok(!after.includes('Imported from a survey tool.'), 'a hidden answer leaves the public page');
      assert.ok(after.includes('Equal footing for every stakeholder.'), 'the others stay');
    } finally {
      await Promise.all([noScript.close(), visitor.close(), checker.close()]);
    }
  });

  test('the synthesis of a closed consultation, run, edited and published without JavaScript', { timeout: 300_000 }, async (t) => {
    const noScript = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const visitor = await browser.newContext(CONTEXT_OPTIONS);
    const checker = await browser.newContext(CONTEXT_OPTIONS);
    const page = await noScript.newPage();
    const visitorPage = await visitor.newPage();
    const checkerPage = await checker.newPage();
    try {
      // The demo's WGEC questionnaire has been closed since 2013.
      await visitorPage.goto(url('/processes/wgec-2013', 'en'));
      const demo = await visitorPage.$$eval('main a[href^="/consultations/"]', (as) => as.map((a) => a.getAttribute('href')));
      const synthesis = `${demo[0]}/synthesis`;
      const before = await visitorPage.goto(url(synthesis, 'en'));
      assert.equal(before.status(), 404, 'nothing is public before it is published');

      await signInAsAdmin(page);
      await signInAsAdmin(checkerPage);
      await checkAll(t, checkerPage, [synthesis]);
      await page.goto(url(synthesis, 'en'));
      await submit(page, page.locator(`form[action="${synthesis}"]`));
      // The page refreshes itself while the job runs (a meta refresh, no script).
      for (let i = 0; i < 60 && !(await page.locator(`form[action="${synthesis}/publish"]`).count()); i++) {
        await page.waitForTimeout(1000);
        await page.goto(url(synthesis, 'en'));
      }
      assert.ok(await page.locator(`form[action="${synthesis}/publish"]`).count(), 'the job ends with a draft');
      await checkAll(t, checkerPage, [synthesis]);

      // Drop a quote (the demo holds no answers, so its draft may have none), add the
      // secretariat's text, publish.
      if (await page.locator(`form[action$="/quotes/0"]`).count()) {
        await submit(page, page.locator(`form[action$="/quotes/0"]`).first());
      }
      const prose = page.locator(`form[action="${synthesis}/prose"]`);
      await prose.locator('textarea[name="text"]').fill('The secretariat read every answer.');
      await submit(page, prose);
      await submit(page, page.locator(`form[action="${synthesis}/publish"]`));

      await visitorPage.goto(url(synthesis, 'en'));
      const text = await visitorPage.locator('main').innerText();
      assert.ok(text.includes('The secretariat read every answer.'), 'the prose is published');
      const campaigns = await visitorPage.$$eval(`main a[href^="${synthesis}/campaigns/"]`, (as) => as.map((a) => a.getAttribute('href')));
      await checkAll(t, visitorPage, [synthesis, ...campaigns.slice(0, 1)]);
      const markdown = await visitorPage.request.get(url(`${synthesis}.md`, 'en'));
      assert.equal(markdown.status(), 200, 'the Markdown export');
      assert.ok((await markdown.text()).includes('The secretariat read every answer.'));
    } finally {
      await Promise.all([noScript.close(), visitor.close(), checker.close()]);
    }
  });
});
