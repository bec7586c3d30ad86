import { test, expect, hydrated, expectAccessible } from './fixtures';
import type { Page } from '@playwright/test';

const FORM = '/diaspora/se-declarer';
/** The localStorage key of the declaration form's draft (`DraftKeeper form="declare-form"`). */
const DRAFT_KEY = 'ccmex-draft:declare-form';

function fields(page: Page) {
  return {
    country: page.getByLabel('Pays de résidence'),
    city: page.getByLabel('Ville', { exact: true }),
    household: page.getByLabel('Nombre de personnes dans votre foyer'),
    consent: page.getByLabel(/J’accepte que cette déclaration anonyme/),
    submit: page.getByRole('button', { name: 'Envoyer ma déclaration' }),
  };
}

/** Waits until the draft keeper has run (it shows its hint once it keeps the form). */
async function keeping(page: Page) {
  await hydrated(page);
  await expect(page.getByText('Ce que vous saisissez est gardé dans ce navigateur')).toBeVisible();
}

async function savedDraft(page: Page): Promise<Record<string, string | boolean> | null> {
  const text = await page.evaluate((key) => window.localStorage.getItem(key), DRAFT_KEY);
  return text === null ? null : JSON.parse(text);
}

test('what is typed survives a reload and an offline submit, and is forgotten once sent', async ({ page, context }) => {
  await page.goto(FORM);
  await keeping(page);
  const form = fields(page);
  await form.country.selectOption({ label: 'Sénégal' });
  await form.city.fill('Dakar');
  await form.household.fill('4');
  await form.consent.check();
  await expect.poll(() => savedDraft(page)).toMatchObject({ country: 'SN', city: 'Dakar', household_size: '4', 'consent=on': true });

  // A reload brings everything back, and says so.
  await page.reload();
  await keeping(page);
  await expect(page.getByRole('status')).toContainText('Brouillon restauré');
  await expect(form.country).toHaveValue('SN');
  await expect(form.city).toHaveValue('Dakar');
  await expect(form.household).toHaveValue('4');
  await expect(form.consent).toBeChecked();
  await expectAccessible(page);

  // So does a fresh visit in another tab (not the browser's own restoring of a reloaded form).
  const other = await context.newPage();
  await other.goto(FORM);
  await keeping(other);
  await expect(fields(other).city).toHaveValue('Dakar');
  await expect(fields(other).household).toHaveValue('4');
  await other.close();

  // Offline, the submission is held back with an alert; the page and what was typed stay.
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
  await context.setOffline(true);
  await form.submit.click();
  await expect(page.getByRole('alert')).toContainText('Pas de connexion : votre saisie est gardée, réessayez quand le réseau revient.');
  expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await expect(page).toHaveURL(new RegExp(`${FORM}$`));
  await expect(form.city).toHaveValue('Dakar');
  expect(await savedDraft(page)).toMatchObject({ city: 'Dakar', household_size: '4' });

  // Back online, the same click sends it.
  await context.setOffline(false);
  await form.submit.click();
  await expect(page.getByRole('status')).toContainText('Merci ! Votre foyer est compté.');
  await expect(page).toHaveURL(/\?ok=declared$/);
  await expect.poll(() => savedDraft(page)).toBeNull();

  // The draft is gone: the form comes back empty.
  await page.goto(FORM);
  await keeping(page);
  await expect(form.country).toHaveValue('');
  await expect(form.city).toHaveValue('');
  await expect(form.household).toHaveValue('');
  await expect(form.consent).not.toBeChecked();
  await expect(page.locator('.draft-status')).toHaveCount(0);
});

test.describe('a refused declaration', () => {
  // The refused form comes back with status 422, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('shows what was posted, not an older draft', async ({ page }) => {
    await page.goto(FORM);
    await keeping(page);
    const form = fields(page);
    await form.country.selectOption({ label: 'Sénégal' });
    await form.city.fill('Thiès');
    await form.household.fill('0');
    // An older draft, as another tab could have left it.
    await page.evaluate(
      (key) => window.localStorage.setItem(key, JSON.stringify({ city: 'Dakar', household_size: '3', 'consent=on': true })),
      DRAFT_KEY,
    );
    await form.submit.click();

    await expect(page.getByRole('alert')).toContainText('Indiquez le nombre de personnes du foyer, de 1 à 50.');
    await keeping(page);
    await expect(form.city).toHaveValue('Thiès');
    await expect(form.household).toHaveValue('0');
    await expect(form.consent).not.toBeChecked();
    await expect(page.locator('.draft-status')).toHaveCount(0);
  });
});
