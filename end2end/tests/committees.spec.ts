import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs } from './fixtures';

test('the committees page presents both committees and their missions', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Comités' }).click();
  await expect(page).toHaveURL(/\/comites$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Les comités du CCMEX' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Comité de pilotage' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Comité technique' })).toBeVisible();
  await expect(page.locator('#steering .mission-list li')).not.toHaveCount(0);
  await expectAccessible(page);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the committees page reads the same', async ({ page, browser, baseURL }) => {
    await page.goto('/comites');
    await expect(page.getByRole('heading', { level: 2, name: 'Comité technique' })).toBeVisible();
    await expect(page.locator('#technical .mission-list li')).not.toHaveCount(0);
    await expectAccessibleWithoutJs(browser, baseURL!, '/comites');
  });
});
