import type { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs, submit, signInAsAdmin } from './fixtures';

/** A concern text no other test (or run) uses. */
function uniqueText(prefix: string) {
  return `${prefix} ${Date.now()}${Math.floor(Math.random() * 1000)} : le consulat ne répond pas au téléphone.`;
}

/** Fills the concern form of /preoccupations (scoped: the list's filters have the same labels). */
async function fillConcern(page: Page, text: string, consent = true) {
  const form = page.locator('#concern-form');
  await form.getByLabel('Thème').selectOption({ label: 'Documents consulaires et état civil' });
  await form.getByLabel('Pays de résidence').selectOption({ label: 'Côte d’Ivoire' });
  await form.getByLabel('Votre préoccupation').fill(text);
  await form.getByLabel('Contact pour une réponse').fill('+225 07 12 34 56 78');
  if (consent) await form.getByLabel(/J’accepte que ma préoccupation/).check();
}

/** The administrator publishes the pending concern whose text is `text`; returns its id. */
async function publish(page: Page, text: string): Promise<number> {
  await page.goto('/espace/preoccupations?statut=pending');
  await hydrated(page);
  const item = page.getByRole('listitem').filter({ hasText: text });
  await expect(item.getByText('+225 07 12 34 56 78'), 'moderators see the contact').toBeVisible();
  const heading = await item.getByRole('heading', { level: 2 }).innerText();
  const id = Number(heading.replace(/\D/g, ''));
  const response = await submit(item, 'Publier');
  expect(response.status()).toBe(303);
  await expect(page.getByText('La préoccupation est publiée.')).toBeVisible();
  return id;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused concern keeps its text, then is received', async ({ page, baseURL, browser }) => {
    const text = uniqueText('Sans JavaScript');
    await page.goto('/preoccupations');
    await fillConcern(page, text, false);
    await page.getByRole('button', { name: 'Envoyer ma préoccupation' }).click();

    await expect(page.getByRole('alert')).toContainText('Cochez la case pour accepter');
    await expect(page.locator('#concern-form').getByLabel('Votre préoccupation')).toHaveValue(text);
    await page.locator('#concern-form').getByLabel(/J’accepte que ma préoccupation/).check();
    await page.getByRole('button', { name: 'Envoyer ma préoccupation' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'votre préoccupation a bien été reçue' })).toBeVisible();
    await expect(page.getByText(text), 'not public before moderation').toHaveCount(0);
    await expectAccessibleWithoutJs(browser, baseURL!, '/preoccupations');
  });
});
