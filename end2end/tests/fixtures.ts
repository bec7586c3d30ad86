import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page, type Response } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { ADMIN } from '../global-setup';

type Fixtures = {
  /** Console messages a test expects (e.g. the 404 of a missing page); any other error fails it. */
  expectedConsoleErrors: RegExp[];
  consoleErrors: string[];
};

/** Every test fails if the page logs a console error or throws (CSP violations included). */
export const test = base.extend<Fixtures>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      const unexpected = errors.filter((e) => !expectedConsoleErrors.some((pattern) => pattern.test(e)));
      expect(unexpected, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until the WASM has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator('main[data-hydrated="true"]')).toBeAttached({ timeout: 15_000 });
}

/** Runs axe-core on the page and expects no violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe violations').toEqual([]);
}

/**
 * axe needs JavaScript to run, so the page a JavaScript-less browser sees is reproduced:
 * the server's HTML with its scripts removed, in a page where axe can run.
 */
export async function expectAccessibleWithoutJs(browser: Browser, baseURL: string, path: string) {
  // Options given to `use` (javaScriptEnabled: false) would be inherited: override them.
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', javaScriptEnabled: true });
  const page = await context.newPage();
  await page.route(`${baseURL}${path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    await route.fulfill({ response, body: html });
  });
  await page.goto(path);
  await expect(page.locator('main[data-hydrated]')).toHaveCount(0);
  await expectAccessible(page);
  await context.close();
}

/**
 * Clicks a form's submit button (in `scope`: the page, or a part of it where several forms
 * have the same button) and waits for the page that answers; returns the answer to the post.
 */
export async function submit(scope: Page | Locator, button: string): Promise<Response> {
  const page = 'goto' in scope ? scope : scope.page();
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  const loaded = page.waitForEvent('load');
  await scope.getByRole('button', { name: button, exact: true }).click();
  const [response] = await Promise.all([posted, loaded]);
  return response;
}

/** Fills and posts the sign-in form (the page's own, or /connexion's). */
export async function signIn(page: Page, email: string, password: string): Promise<Response> {
  if (new URL(page.url(), 'http://x').pathname !== '/connexion') await page.goto('/connexion');
  await hydrated(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  return submit(page, 'Se connecter');
}

export async function signInAsAdmin(page: Page) {
  const response = await signIn(page, ADMIN.email, ADMIN.password);
  expect(response.status()).toBe(303);
  await expect(page).toHaveURL(/\/espace$/);
}

/**
 * What a first visit may download, everything the browser fetches until the page is idle
 * (HTML, CSS, JavaScript, WASM, with their headers), in bytes: the budgets of
 * docs/ARCHITECTURE.md for phones on slow and costly data.
 */
export const BUDGET = {
  /** A public page, with brotli (what browsers ask for). */
  publicBrotli: 150 * 1024,
  /** A public page, for a client that only takes gzip. */
  publicGzip: 200 * 1024,
  /** The agenda editor, the heaviest page of the committees' workspace. */
  workspaceBrotli: 400 * 1024,
};

export type FirstLoad = { total: number; files: { url: string; bytes: number }[] };

/**
 * Loads `path` in a new browser context (an empty cache), with the browser's own
 * `Accept-Encoding` (`'browser'`: brotli among others) or with gzip only (`'gzip'`),
 * waits until the page's scripts ran and no request (but the live agenda's stream) has
 * been under way for half a second, and returns the bytes received, file by file.
 * `storageState` signs the context in (a committee member's first visit of the workspace).
 */
export async function firstLoad(
  browser: Browser,
  baseURL: string,
  path: string,
  encodings: 'browser' | 'gzip',
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<FirstLoad> {
  const extraHTTPHeaders = encodings === 'gzip' ? { 'Accept-Encoding': 'gzip' } : undefined;
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', storageState, extraHTTPHeaders });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const contentEncodings: string[] = [];
  cdp.on('Network.responseReceived', (e) => {
    const encoding = Object.entries(e.response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
    if (encoding) contentEncodings.push(encoding[1]);
  });
  const urls = new Map<string, string>();
  const streams = new Set<string>();
  const pending = new Set<string>();
  const bytes = new Map<string, number>();
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    if (e.type === 'EventSource') streams.add(e.requestId);
    else pending.add(e.requestId);
    lastActivity = Date.now();
  });
  // A stream never finishes: what it received so far counts.
  cdp.on('Network.dataReceived', (e) => {
    if (streams.has(e.requestId)) bytes.set(e.requestId, (bytes.get(e.requestId) ?? 0) + e.encodedDataLength);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes.set(e.requestId, e.encodedDataLength);
    pending.delete(e.requestId);
    lastActivity = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    pending.delete(e.requestId);
    lastActivity = Date.now();
  });
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  await hydrated(page);
  await expect
    .poll(() => pending.size === 0 && Date.now() - lastActivity >= 500, { timeout: 15_000, intervals: [100] })
    .toBe(true);
  await context.close();
  if (encodings === 'gzip') expect(contentEncodings.filter((e) => e !== 'gzip'), 'only gzip was sent').toEqual([]);
  const files = [...bytes].map(([id, size]) => ({ url: urls.get(id) ?? id, bytes: size }));
  return { total: files.reduce((sum, f) => sum + f.bytes, 0), files };
}

/**
 * Expects a first visit of `path` to stay within `budget` bytes (with the browser's own
 * encodings, or gzip only), listing every file in the failure; returns the load.
 */
export async function expectFirstLoadWithin(
  browser: Browser,
  baseURL: string,
  path: string,
  budget = BUDGET.publicBrotli,
  encodings: 'browser' | 'gzip' = 'browser',
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
) {
  const load = await firstLoad(browser, baseURL, path, encodings, storageState);
  const detail = load.files.map((f) => `${f.bytes} ${f.url}`).join('\n');
  const how = encodings === 'gzip' ? 'gzip only' : 'brotli';
  console.log(`first load ${path} (${how}): ${(load.total / 1024).toFixed(1)} KiB, ${load.files.length} files`);
  expect(load.total, `${path} first load with ${how}:\n${detail}`).toBeLessThanOrEqual(budget);
  return load;
}
