// Review of proposals in a real browser, on the demo's IGF 2013 call (closed, its criteria
// published, six reviewers' reviews in): the secretariat adds a new account to the review
// panel, re-runs the assignment and runs the balanced selection, without JavaScript; the new
// reviewer declares their conflicts and scores an assigned proposal through radio buttons.
// Every page (dashboard, rankings, selection, conflicts, the reviewer's list and review form)
// passes the generic checks (status, lang/dir, no raw Fluent ids, axe-core with no
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

describe('review of proposals e2e', () => {
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

  test('the panel, assignment, a review and the selection work without JavaScript and pass axe', { timeout: 600_000 }, async (t) => {
    const admin = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const reviewerContext = await browser.newContext({ ...CONTEXT_OPTIONS, javaScriptEnabled: false });
    const page = await admin.newPage();
    const reviewer = await reviewerContext.newPage();
    const checkers = [];
    try {
      await signInAsAdmin(page, server.baseUrl);
      await page.goto(url('/processes/igf-2013-bali', 'en'));
      const call = await page
        .locator('a[href^="/calls/"]', { hasText: 'Full workshop proposals' })
        .first()
        .getAttribute('href');
      assert.match(call, /^\/calls\/[0-9a-f-]{36}$/);

      const email = await signUp(reviewer, server.baseUrl, 'Nnenna Nwakanma');
      await page.goto(url(`${call}/review`, 'en'));
      await page.fill('#field-email', email);
      await submit(page, page.locator(`form[action="${call}/reviewers"] [type="submit"]`));
      assert.ok((await page.locator('main').innerText()).includes(email));

      await reviewer.goto(url(`${call}/conflicts`, 'en'));
      await reviewer.fill('#field-organisation', 'Web Foundation');
      await reviewer.fill('#field-conflicts', 'Internet Society');
      await submit(reviewer, reviewer.locator('main form [type="submit"]'));
      assert.ok((await reviewer.locator('main').innerText()).includes('Saved.'));

      // The demo's reviews are kept; the new reviewer takes what is short.
      await page.goto(url(`${call}/review`, 'en'));
      await submit(page, page.locator(`form[action="${call}/assignments"] [type="submit"]`));
      await reviewer.goto(url('/reviews', 'en'));
      const form = await reviewer.locator('a[href$="/review"]').first().getAttribute('href');
      assert.match(form, /^\/proposals\/[0-9a-f-]{36}\/review$/, await reviewer.locator('main').innerText());
      await reviewer.goto(url(form, 'en'));
      for (const i of [0, 1, 2, 3]) await reviewer.check(`#score${i}-4`);
      await reviewer.fill('#field-comment', 'Strong speakers, clear questions.');
      await submit(reviewer, reviewer.locator('main form [type="submit"]'));
      assert.ok(new URL(reviewer.url()).pathname.endsWith('/reviews'));
      assert.ok((await reviewer.locator('main').innerText()).includes('Reviewed'));

      await page.goto(url(`${call}/selection`, 'en'));
      await page.fill('#field-sessions', '12');
      await page.fill('#field-max_per_organisation', '2');
      await page.fill('#field-theme0_min', '2');
      await submit(page, page.locator(`form[action="${call}/selection"] [type="submit"]`));
      const result = await page.locator('#result').locator('..').innerText();
      assert.ok(result.includes('Every proposal, in or out, and why'), result);
      assert.equal(await page.locator('input[name="accept"]').count(), 12);

      // axe runs as a script: the checks use the same sessions in contexts with JavaScript.
      for (const [context, paths] of [
        [admin, [`${call}/review`, `${call}/rankings`, `${call}/selection`, call]],
        [reviewerContext, [`${call}/conflicts`, '/reviews', form]],
      ]) {
        const checker = await browser.newContext(CONTEXT_OPTIONS);
        checkers.push(checker);
        await checker.addCookies(await context.cookies());
        await checkEveryLanguage(t, await checker.newPage(), server.baseUrl, paths);
      }
    } finally {
      await admin.close();
      await reviewerContext.close();
      for (const checker of checkers) await checker.close();
    }
  });
});
