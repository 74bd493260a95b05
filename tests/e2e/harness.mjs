// Shared plumbing for the Agora end-to-end tests: starting the server,
// launching the system Chromium through playwright-core, running axe-core,
// and the per-page checks every page must pass.
//
// No browser is downloaded: playwright-core drives the Chromium found at
// $CHROMIUM (default /usr/bin/chromium).

import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

export const E2E_DIR = here;
export const REPO_ROOT = path.resolve(here, '..', '..');
export const ARTIFACTS_DIR = path.join(here, 'artifacts');
export const AXE_PATH = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');

export const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];
export const RTL_LANGS = new Set(['ar']);
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Fluent message ids must never reach the rendered page.
export const FLUENT_ID_PREFIXES = ['nav-', 'page-', 'field-', 'error-', 'action-'];
// Where the server's Fluent resources live; every hyphenated message id found
// there is also looked for in the pages (read only, if the folder exists).
export const LOCALES_DIR = path.join(REPO_ROOT, 'crates', 'web', 'locales');

function fluentIdsIn(dir) {
  const ids = new Set();
  if (!existsSync(dir)) return ids;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ftl')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^([a-zA-Z][a-zA-Z0-9_-]*)\s*=/);
      if (m && m[1].includes('-')) ids.add(m[1]);
    }
  }
  return ids;
}
export const KNOWN_FLUENT_IDS = fluentIdsIn(LOCALES_DIR);

export const ADMIN_EMAIL = 'admin@example.org';
export const ADMIN_PASSWORD = 'correct horse battery';

/** Absolute path of the agora binary: $AGORA_BIN (relative to the current
 * directory) or target/debug/agora relative to the repository root. */
export function agoraBin() {
  const fromEnv = process.env.AGORA_BIN;
  return fromEnv ? path.resolve(process.cwd(), fromEnv) : path.join(REPO_ROOT, 'target', 'debug', 'agora');
}

function runToCompletion(bin, args, { stdin, env, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${bin}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
    child.stdin.on('error', () => {}); // the child may exit without reading
    child.stdin.end(stdin ?? '');
  });
}

/**
 * Creates a fresh database with an admin account, starts
 * `agora serve --demo` on an ephemeral port and resolves once it printed
 * its address. Returns { baseUrl, stop() }.
 */
export async function startServer({ bin = agoraBin(), startTimeoutMs = 60_000 } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-e2e-'));
  const db = `sqlite://${dir}/agora.db`;

  const created = await runToCompletion(
    bin,
    ['admin', 'create', '--db', db, '--email', ADMIN_EMAIL, '--role', 'admin', '--password-stdin'],
    { stdin: `${ADMIN_PASSWORD}\n` },
  );
  if (created.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`'agora admin create' failed (exit ${created.code ?? created.signal}):\n${created.out}`);
  }

  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const log = createWriteStream(path.join(ARTIFACTS_DIR, 'server.log'));
  // Email off, whatever the calling environment says.
  const { AGORA_SMTP_URL: _url, AGORA_CONFIG: _config, ...env } = process.env;
  const child = spawn(bin, ['serve', '--demo', '--db', db, '--addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });

  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    let done = false;
    const finish = (err, url) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      err ? reject(err) : resolve(url);
    };
    const timer = setTimeout(
      () => finish(new Error(`agora serve printed no http://127.0.0.1:PORT within ${startTimeoutMs} ms:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (chunk) => {
      log.write(chunk);
      if (done) return;
      output += chunk;
      const m = output.match(/http:\/\/127\.0\.0\.1:(\d+)/);
      if (m && m[1] !== '0') finish(null, `http://127.0.0.1:${m[1]}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => finish(new Error(`cannot start ${bin}: ${err.message}`)));
    child.on('exit', (code, signal) =>
      finish(new Error(`agora serve exited early (${code ?? signal}):\n${output}`)),
    );
  }).catch((err) => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  });

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(t);
    }
    log.end();
    rmSync(dir, { recursive: true, force: true });
  }

  return { baseUrl, stop, dir };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Context options shared by all tests. bypassCSP lets axe be injected even
 * when the server sends a strict Content-Security-Policy. */
export const CONTEXT_OPTIONS = { viewport: { width: 1280, height: 900 }, bypassCSP: true };

/** Sets ?lang=XX on a path (keeping its other query parameters). */
export function withLang(baseUrl, pathAndQuery, lang) {
  const u = new URL(pathAndQuery, baseUrl);
  if (lang) u.searchParams.set('lang', lang);
  return u.toString();
}

export async function runAxe(page) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
}

function flattenTarget(target) {
  return target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
}

// Every page problem found in this process, for the grouped summary.
const ALL_PROBLEMS = [];

/** A page problem: `what` is the same for the same fault on every page (it
 * is the grouping key of the summary); `detail` may differ per page. */
function problem(what, { url, lang, detail } = {}) {
  let pathAndQuery = '-';
  if (url) {
    const u = new URL(url);
    u.searchParams.delete('lang');
    pathAndQuery = u.pathname + u.search;
  }
  ALL_PROBLEMS.push({ what, page: pathAndQuery, lang: lang ?? '-' });
  return `${what} — url=${url ?? '-'} lang=${lang ?? '-'}${detail ? ` — ${detail}` : ''}`;
}

/** One line per violating node: id, impact, selector, page, language. */
export function formatViolations(violations, { url, lang }) {
  const lines = [];
  for (const v of violations) {
    for (const node of v.nodes) {
      const html = (node.html || '').replace(/\s+/g, ' ').slice(0, 160);
      lines.push(problem(`axe ${v.id} [${v.impact}] target=${flattenTarget(node.target)}`, { url, lang, detail: `${v.help}; html: ${html}` }));
    }
  }
  return lines;
}

/** Problems grouped by kind, each with the pages and languages it was seen on. */
export function problemSummary() {
  const groups = new Map();
  for (const { what, page, lang } of ALL_PROBLEMS) {
    if (!groups.has(what)) groups.set(what, new Map());
    const pages = groups.get(what);
    if (!pages.has(page)) pages.set(page, new Set());
    pages.get(page).add(lang);
  }
  const lines = [];
  const sorted = [...groups].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  for (const [what, pages] of sorted) {
    const where = [...pages].map(([pg, langs]) => `${pg} [${langs.size === LANGS.length ? 'all' : [...langs].join(',')}]`);
    lines.push(`${what}\n    on ${pages.size} page(s): ${where.join('; ')}`);
  }
  return lines.join('\n');
}

export function writeProblemSummary() {
  const text = problemSummary();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTIFACTS_DIR, 'problems.txt'), text ? text + '\n' : 'no page problems\n');
  return text;
}

/**
 * The page's texts: `all` is the visible text plus the attribute texts where
 * translations also show up; `chrome` is only the interface strings (title,
 * attributes, navigation, labels, buttons, table headers, legends...), not
 * the content (descriptions of events and the like may legitimately contain
 * words such as "action-line").
 */
export async function pageTexts(page) {
  return page.evaluate(() => {
    const attrs = [];
    for (const el of document.querySelectorAll('[aria-label],[placeholder],[title],[alt],input[type=submit][value],input[type=button][value]')) {
      for (const a of ['aria-label', 'placeholder', 'title', 'alt', 'value']) {
        if (a === 'value' && !(el instanceof HTMLInputElement && /^(submit|button|reset)$/.test(el.type))) continue;
        const v = el.getAttribute(a);
        if (v) attrs.push(v);
      }
    }
    const meta = document.querySelector('meta[name=description]');
    if (meta) attrs.push(meta.getAttribute('content') || '');
    const chromeEls = document.querySelectorAll(
      'nav, header, footer, label, button, legend, summary, th, caption, option, h1, h2, h3, h4, h5, h6, dt, .skip',
    );
    const chrome = [document.title, ...attrs, ...[...chromeEls].map((el) => el.innerText || el.textContent || '')];
    return {
      all: [document.title, document.body ? document.body.innerText : '', ...attrs].join('\n'),
      chrome: chrome.join('\n'),
    };
  });
}

const MISSING_RE = /Unknown localization(?: key)?:? "?([A-Za-z0-9_-]+)"?/g;

/**
 * Returns { missing, raw }: ids fluent-templates reported missing
 * ("Unknown localization key"), and raw ids shown as such: any message id
 * of the locale files as a whole word anywhere, and any word with one of
 * FLUENT_ID_PREFIXES in the interface strings.
 */
export function findLeakedIds(texts) {
  const { all, chrome } = typeof texts === 'string' ? { all: texts, chrome: texts } : texts;
  const missing = new Set();
  for (const m of all.matchAll(MISSING_RE)) missing.add(m[1]);
  const raw = new Set();
  const rest = all.replace(MISSING_RE, ' ');
  for (const m of rest.matchAll(/(?<![\p{L}\p{N}_-])[a-z][a-z0-9_]*(?:-[a-z0-9_]+)+(?![\p{L}\p{N}_-])/gu)) {
    if (KNOWN_FLUENT_IDS.has(m[0])) raw.add(m[0]);
  }
  const restChrome = chrome.replace(MISSING_RE, ' ');
  for (const prefix of FLUENT_ID_PREFIXES) {
    // A prefix at the start of a word followed by a lowercase/digit char,
    // e.g. "nav-home", "error-not-found".
    const re = new RegExp(`(?<![\\p{L}\\p{N}_-])${prefix}[a-z0-9][a-z0-9_-]*`, 'gu');
    for (const m of restChrome.matchAll(re)) raw.add(m[0]);
  }
  return { missing: [...missing], raw: [...raw].filter((id) => !missing.has(id)) };
}

/**
 * Navigates to url and runs every generic check. Returns a list of problem
 * strings (empty when the page is fine); never throws on a page problem so
 * that one run reports everything at once.
 */
export async function checkPage(page, url, { lang, status = 200, axe = true, allowRedirect = false } = {}) {
  const problems = [];
  const at = { url, lang };
  let response;
  try {
    response = await page.goto(url, { waitUntil: 'load' });
  } catch (err) {
    return [problem('navigation failed', { ...at, detail: err.message.split('\n')[0] })];
  }
  if (!response) return [problem('no response', at)];
  if (response.status() !== status) problems.push(problem(`HTTP status ${response.status()}, expected ${status}`, at));
  if (!allowRedirect) {
    const want = new URL(url);
    const got = new URL(page.url());
    if (got.pathname !== want.pathname) problems.push(problem(`redirected to ${got.pathname}`, { ...at, detail: got.search }));
  }
  const ctype = response.headers()['content-type'] || '';
  if (!ctype.startsWith('text/html')) problems.push(problem(`content-type "${ctype}", expected text/html`, at));

  const facts = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
    main: document.querySelectorAll('main, [role="main"]').length,
    h1: document.querySelectorAll('h1').length,
  }));
  if (lang) {
    if (facts.lang !== lang) problems.push(problem(`html[lang]="${facts.lang}", expected "${lang}"`, at));
    const dir = RTL_LANGS.has(lang) ? 'rtl' : 'ltr';
    if (facts.dir !== dir) problems.push(problem(`html[dir]="${facts.dir}", expected "${dir}"`, at));
  }
  if (facts.main < 1) problems.push(problem('no <main> landmark', at));
  if (facts.h1 < 1) problems.push(problem('no <h1>', at));

  const { missing, raw } = findLeakedIds(await pageTexts(page));
  for (const id of missing) problems.push(problem(`Fluent message missing ("Unknown localization"): ${id}`, at));
  for (const id of raw) problems.push(problem(`raw Fluent id in page text: ${id}`, at));

  if (axe) {
    try {
      const results = await runAxe(page);
      problems.push(...formatViolations(results.violations, { url, lang }));
    } catch (err) {
      problems.push(problem('axe-core failed to run', { ...at, detail: err.message.split('\n')[0] }));
    }
  }
  return problems;
}

export function assertNoProblems(problems, what = 'checks') {
  if (problems.length) {
    const err = new Error(`${problems.length} failed ${what}:\n  - ${problems.join('\n  - ')}`);
    err.problems = problems;
    throw err;
  }
}

/** Clicks `button` (a form's submit button) and waits for the page the post leads to. */
export async function submit(page, button) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

/** Runs the generic page checks on each of `paths` in every language, as subtests of `t`. */
export async function checkEveryLanguage(t, page, baseUrl, paths) {
  for (const p of paths) {
    for (const lang of LANGS) {
      await t.test(`${p} [${lang}]`, async () => {
        assertNoProblems(await checkPage(page, withLang(baseUrl, p, lang), { lang }), `checks on ${p} [${lang}]`);
      });
    }
  }
}

/** Signs `page` in as the administrator `startServer` created. */
export async function signInAsAdmin(page, baseUrl) {
  await page.goto(withLang(baseUrl, '/signin', 'en'));
  const form = page.locator('form:has(input[name="email"])').first();
  await form.locator('input[name="email"]').fill(ADMIN_EMAIL);
  await form.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await submit(page, form.locator('[type="submit"]').first());
}

/** Creates an account named `name` (a fresh address each time), leaves `page` signed in and
 * returns the address. */
export async function signUp(page, baseUrl, name) {
  await page.goto(withLang(baseUrl, '/signup', 'en'));
  const form = page.locator('form:has(input[name="display_name"])').first();
  const email = `${name.replace(/\W/g, '').toLowerCase()}-${Date.now()}@example.org`;
  await form.locator('input[name="email"]').fill(email);
  await form.locator('input[name="display_name"]').fill(name);
  await form.locator('input[name="password"]').fill('purple monkey dishwasher 42');
  await submit(page, form.locator('[type="submit"]').first());
  return email;
}
