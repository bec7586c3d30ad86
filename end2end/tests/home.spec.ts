import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs } from './fixtures';

test.describe('home page, hydrated', () => {
  test('presents the CCMEX, its nine objectives and the current session in French', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.objective-list li')).toHaveCount(9);
    await expect(page.getByText('Première session du CCMEX')).toBeVisible();
    await expect(page.getByText('16–17 décembre 2025')).toBeVisible();
    await expect(page.getByText('77+')).toBeVisible();
    await expectAccessible(page);
  });

  test('the phone menu opens and closes once the page is interactive', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    await hydrated(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    const agendaLink = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Ordre du jour' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(agendaLink).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(agendaLink).toBeVisible();
    await menu.press('Enter');
    await expect(agendaLink).toBeHidden();
    await expectAccessible(page);
  });

  test('switching to English is remembered across pages and reloads', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText('First session of the CCMEX')).toBeVisible();
    await expect(page.getByText('16–17 December 2025')).toBeVisible();
    await page.reload();
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('the keyboard reaches the skip link first and it moves to the content', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
  });

  test('the script bundle is compressed and cached for a year under hashed names', async ({ page }) => {
    const assets: { url: string; headers: Record<string, string> }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/pkg/')) assets.push({ url: response.url(), headers: response.headers() });
    });
    // A page of server HTML alone (no island) downloads no WASM at all (docs/ARCHITECTURE.md).
    await page.goto('/');
    await hydrated(page);
    expect(assets.filter((a) => !a.url.endsWith('.css')), 'the home page loads no script bundle').toEqual([]);
    // A page with an island (the concern form's draft) loads the runtime and its island's files.
    await page.goto('/preoccupations');
    await hydrated(page);
    const wasm = assets.find((a) => a.url.endsWith('.wasm'));
    expect(wasm, 'the WASM was loaded').toBeDefined();
    for (const asset of assets) {
      expect(asset.url, 'hashed file name').toMatch(/\/pkg\/(ccmex|chunk_\d+|split_[a-z0-9_]+|__wasm_split(_manifest)?)\.[A-Za-z0-9_-]+\.(js|wasm|css|json)$/);
      expect(asset.headers['cache-control']).toContain('immutable');
      expect(['br', 'gzip']).toContain(asset.headers['content-encoding']);
    }
  });

  test.describe('an unknown address', () => {
    test.use({ expectedConsoleErrors: [/status of 404/] });

    test('shows a styled page with status 404', async ({ page }) => {
    const response = await page.goto('/nulle-part');
    expect(response?.status()).toBe(404);
    await hydrated(page);
    await expect(page.getByRole('heading', { name: 'Cette page n’existe pas' })).toBeVisible();
    await expectAccessible(page);
    });
  });
});

test.describe('first visit from an English-speaking browser', () => {
  test.use({ locale: 'en-GB' });

  test('gets the English page', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'The framework’s nine objectives' })).toBeVisible();
  });
});

test.describe('home page with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('reads the same, with the navigation always shown', async ({ page, browser, baseURL }) => {
    await page.goto('/');
    await expect(page.locator('.objective-list li')).toHaveCount(9);
    await expect(page.getByText('Première session du CCMEX')).toBeVisible();
    await expect(page.getByText('77+')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Ordre du jour' })).toBeVisible();
    await expectAccessibleWithoutJs(browser, baseURL!, '/');
  });

  test('the language switch works as a plain form', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByText('First session of the CCMEX')).toBeVisible();
  });
});
