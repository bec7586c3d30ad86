import { test as base, expect, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

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
