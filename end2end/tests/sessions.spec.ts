import type { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, signInAsAdmin, submit } from './fixtures';
import { ADMIN } from '../global-setup';

// Sessions are created and edited by committees; the current one is what /agenda and the
// home page present. These tests run after the agenda's (one worker, files in order) and
// give session 1 its place back at the end.

/** Signs in through the plain form (works with JavaScript off). */
async function signInWithoutJs(page: Page) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
  const response = await submit(page, 'Se connecter');
  expect(response.status()).toBe(303);
  await expect(page).toHaveURL(/\/espace$/);
}

type SessionFields = {
  number: string; titleFr: string; titleEn: string; startsOn: string; endsOn: string;
  venueFr: string; venueEn: string; city: string;
};

/** Fills the new-session form's fields (country, time zone and state keep their defaults). */
async function fillSession(page: Page, s: SessionFields) {
  await page.getByLabel('Numéro de la session').fill(s.number);
  await page.getByLabel('Titre en français').fill(s.titleFr);
  await page.getByLabel('Titre en anglais').fill(s.titleEn);
  await page.getByLabel('Premier jour').fill(s.startsOn);
  await page.getByLabel('Dernier jour').fill(s.endsOn);
  await page.getByLabel('Lieu en français').fill(s.venueFr);
  await page.getByLabel('Lieu en anglais').fill(s.venueEn);
  await page.getByLabel('Ville').fill(s.city);
}

/** Makes session `number` the current one, from its page. */
async function makeCurrent(page: Page, number: number) {
  await page.goto(`/espace/sessions/${number}`);
  const response = await submit(page, 'Rendre courante');
  expect(response.status()).toBe(303);
  await expect(page.locator('.notice-success')).toContainText('La session courante a changé');
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 422/] });

  test('a committee creates a session with plain forms, keeps what it typed after an error, and makes it current', async ({ page }) => {
    await signInWithoutJs(page);
    await page.goto('/espace/sessions');
    await page.getByRole('link', { name: 'Nouvelle session' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle session' })).toBeVisible();

    await fillSession(page, {
      number: '7', titleFr: 'Septième session du CCMEX', titleEn: 'Seventh CCMEX session',
      startsOn: '2027-03-10', endsOn: '2027-03-08', venueFr: 'Centre international de conférences',
      venueEn: 'International Conference Centre', city: 'Bamako',
    });
    const refused = await submit(page, 'Créer la session');
    expect(refused.status()).toBe(422);
    await expect(page.getByRole('alert')).toContainText('Le dernier jour ne peut pas précéder le premier jour.');
    // Nothing typed is lost.
    await expect(page.getByLabel('Titre en français')).toHaveValue('Septième session du CCMEX');
    await expect(page.getByLabel('Lieu en anglais')).toHaveValue('International Conference Centre');
    await expect(page.getByLabel('Premier jour')).toHaveValue('2027-03-10');

    await page.getByLabel('Dernier jour').fill('2027-03-11');
    const created = await submit(page, 'Créer la session');
    expect(created.status()).toBe(303);
    await expect(page).toHaveURL(/\/espace\/sessions\?ok=session_created$/);
    await expect(page.getByRole('status')).toHaveText('La session est créée.');
    await expect(page.getByRole('row', { name: /Septième session du CCMEX 10–11 mars 2027 Programmée/ })).toBeVisible();

    // The number cannot be taken twice.
    await page.goto('/espace/sessions/nouvelle');
    await fillSession(page, {
      number: '7', titleFr: 'Doublon', titleEn: 'Duplicate', startsOn: '2027-05-01', endsOn: '2027-05-02',
      venueFr: 'Lieu', venueEn: 'Venue', city: 'Kayes',
    });
    const taken = await submit(page, 'Créer la session');
    expect(taken.status()).toBe(422);
    await expect(page.getByRole('alert')).toContainText('Une session porte déjà ce numéro');

    try {
      await makeCurrent(page, 7);
      await page.goto('/agenda');
      await expect(page.locator('.kicker')).toHaveText('Septième session du CCMEX');
      await expect(page.getByText('L’ordre du jour de cette session n’est pas encore publié.')).toBeVisible();
    } finally {
      await makeCurrent(page, 1);
    }
    await page.goto('/agenda');
    await expect(page.locator('article.agenda-item')).toHaveCount(20);
  });
});

test('a session is edited with the keyboard alone, and the sessions pages pass axe', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/espace/sessions');
  await hydrated(page);
  await expectAccessible(page);
  await page.goto('/espace/sessions/nouvelle');
  await hydrated(page);
  await expectAccessible(page);

  // Session 1's English title, changed and saved without a mouse, then put back.
  await page.goto('/espace/sessions/1');
  await hydrated(page);
  await expectAccessible(page);
  const field = page.getByLabel('Titre en anglais');
  const original = await field.inputValue();
  for (const title of [`${original} (edited)`, original]) {
    await field.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(title);
    // Enter in a text field submits its form.
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
    await page.keyboard.press('Enter');
    expect((await saved).status()).toBe(303);
    await expect(page.getByRole('status')).toHaveText('La session est enregistrée.');
    await expect(page.getByRole('rowheader', { name: 'Première session du CCMEX' })).toBeVisible();
    await page.goto('/espace/sessions/1');
    await hydrated(page);
    await expect(field).toHaveValue(title);
  }
});
