import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs } from './fixtures';
import type { Browser } from '@playwright/test';

/** Declares one household living in `country` from a fresh browser (its own cookies). */
async function declareFromNewBrowser(browser: Browser, baseURL: string, country: string, people: number, js = true) {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', javaScriptEnabled: js });
  const page = await context.newPage();
  await page.goto('/diaspora/se-declarer');
  if (js) await hydrated(page);
  await page.getByLabel('Pays de résidence').selectOption({ label: country });
  await page.getByLabel('Nombre de personnes dans votre foyer').fill(String(people));
  await page.getByLabel(/J’accepte que cette déclaration anonyme/).check();
  await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();
  await expect(page.getByRole('status')).toContainText('Merci ! Votre foyer est compté.');
  await context.close();
}

/** The "voluntary declarations" cell of a country's row in the table, or null if absent. */
async function declaredCell(page: import('@playwright/test').Page, country: string) {
  const row = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: country, exact: true }) });
  if ((await row.count()) === 0) return null;
  return (await row.locator('td').nth(2).innerText()).trim();
}

test('a country appears with its declared households only from the fifth declaration', async ({ page, browser, baseURL }) => {
  const country = 'Japon';
  for (let i = 0; i < 4; i++) await declareFromNewBrowser(browser, baseURL!, country, 2);
  await page.goto('/diaspora');
  await hydrated(page);
  expect(await declaredCell(page, country), 'four declarations: the country is not even listed').toBeNull();

  await declareFromNewBrowser(browser, baseURL!, country, 3);
  await page.reload();
  await hydrated(page);
  expect(await declaredCell(page, country)).toBe('11 personnes (5 foyers)');
  await expectAccessible(page);

  // The chart and the table agree.
  const bars = await page.locator('figure.chart svg g').evaluateAll((groups) =>
    groups.map((g) => {
      const texts = g.querySelectorAll('text');
      return { name: texts[0]?.textContent ?? '', value: texts[1]?.textContent ?? '' };
    }),
  );
  expect(bars.length).toBeGreaterThan(0);
  for (const bar of bars) {
    const row = page.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: bar.name, exact: true }) });
    await expect(row.locator('td').first()).toHaveText(bar.value);
  }
  expect(bars).toContainEqual({ name: country, value: '11' });
  await expect(page.locator('figure.chart svg desc')).toContainText(`${bars[0].name} : ${bars[0].value}`);
});

test.describe('a second declaration', () => {
  // The refused form comes back with status 422, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('a browser that has declared is told so instead of counting twice', async ({ page }) => {
  await page.goto('/diaspora/se-declarer');
  await hydrated(page);
  await page.getByLabel('Pays de résidence').selectOption({ label: 'Canada' });
  await page.getByLabel('Nombre de personnes dans votre foyer').fill('1');
  await page.getByLabel(/J’accepte que cette déclaration anonyme/).check();
  await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();
  await expect(page.getByRole('status')).toContainText('Merci !');

  await page.getByLabel('Pays de résidence').selectOption({ label: 'Canada' });
  await page.getByLabel('Nombre de personnes dans votre foyer').fill('1');
  await page.getByLabel(/J’accepte que cette déclaration anonyme/).check();
  await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();
  await expect(page.getByRole('alert')).toContainText('Une déclaration a déjà été faite depuis ce navigateur');
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 422/] });

  test('the declaration form shows its errors and keeps what was typed', async ({ page, browser, baseURL }) => {
    await page.goto('/diaspora/se-declarer');
    await page.getByLabel('Pays de résidence').selectOption({ label: 'Maroc' });
    await page.getByLabel('Ville', { exact: true }).fill('Casablanca');
    await page.getByLabel('Nombre de personnes dans votre foyer').fill('0');
    await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();

    await expect(page.getByRole('alert')).toContainText('Indiquez le nombre de personnes du foyer, de 1 à 50.');
    await expect(page.getByRole('alert')).toContainText('Cochez la case');
    await expect(page.getByLabel('Pays de résidence')).toHaveValue('MA');
    await expect(page.getByLabel('Ville', { exact: true })).toHaveValue('Casablanca');

    await page.getByLabel('Nombre de personnes dans votre foyer').fill('2');
    await page.getByLabel(/J’accepte que cette déclaration anonyme/).check();
    await page.getByRole('button', { name: 'Envoyer ma déclaration' }).click();
    await expect(page.getByRole('status')).toContainText('Merci ! Votre foyer est compté.');
    await expectAccessibleWithoutJs(browser, baseURL!, '/diaspora/se-declarer');
    await expectAccessibleWithoutJs(browser, baseURL!, '/diaspora');
  });
});
