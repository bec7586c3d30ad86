import { test as base, expect, type Browser, type Locator, type Page, type Response } from '@playwright/test';
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
