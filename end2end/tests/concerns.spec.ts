import type { Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs, submit, signInAsAdmin, expectFirstLoadWithin } from './fixtures';

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
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 422/] });

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

test('a concern is moderated, answered by a recommendation whose milestone is posted, and the public sees its progress', async ({ page, browser, baseURL }) => {
  const stamp = `${Date.now()}`.slice(-7);
  const concernText = uniqueText(`Passeports ${stamp}`);

  // Anyone, no account: the concern is received, not yet public.
  await page.goto('/preoccupations');
  await hydrated(page);
  await fillConcern(page, concernText);
  const sent = await submit(page, 'Envoyer ma préoccupation');
  expect(sent.status()).toBe(303);
  await expect(page.getByText('votre préoccupation a bien été reçue')).toBeVisible();
  await expect(page.locator('#concern-form').getByLabel('Votre préoccupation'), 'the form is empty again').toHaveValue('');
  await expectAccessible(page);

  // A moderator publishes it.
  await signInAsAdmin(page);
  const concernId = await publish(page, concernText);
  await expectAccessible(page);

  // A committee drafts a recommendation answering it, adds two milestones, completes one, publishes.
  await page.goto('/espace/recommandations');
  await hydrated(page);
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Enregistrer la recommandation' }) });
  await form.getByLabel('Session qui l’a adoptée').selectOption({ index: 1 });
  await form.getByLabel('Numéro dans la session').fill(String(100 + (Number(stamp) % 800)));
  await form.getByLabel('Titre en français').fill(`Sécurité des démarches consulaires ${stamp}`);
  await form.getByLabel('Texte en français').fill('Ouvrir une permanence téléphonique dans chaque consulat et publier les délais de délivrance.');
  await form.getByLabel('Thème').selectOption({ label: 'Documents consulaires et état civil' });
  await form.getByLabel('Institution responsable').fill('Ministère des Maliens établis à l’extérieur');
  await form.getByLabel('État').selectOption({ label: 'En cours' });
  await form.getByLabel('Préoccupations liées').fill(String(concernId));
  const created = await submit(page, 'Enregistrer la recommandation');
  expect(created.status()).toBe(303);
  await expect(page).toHaveURL(/\/espace\/recommandations\/\d+\?ok=recommendation_created$/);
  const recommendationId = Number(new URL(page.url()).pathname.split('/').pop());

  for (const [text, due] of [['Permanence ouverte à Abidjan', '2026-03-01'], ['Délais publiés en ligne', '2027-06-30']]) {
    await page.getByLabel('Jalon en français').fill(`${text} ${stamp}`);
    await page.getByLabel('Date prévue').fill(due);
    expect((await submit(page, 'Enregistrer le jalon')).status()).toBe(303);
    await expect(page.getByText('Le jalon a été ajouté.')).toBeVisible();
  }
  expect((await submit(page, `Marquer comme réalisé : Permanence ouverte à Abidjan ${stamp}`)).status()).toBe(303);
  expect((await submit(page, 'Publier')).status()).toBe(303);
  await expect(page.getByText('La recommandation est publiée.')).toBeVisible();
  await expectAccessible(page);

  // The public finds it without accents or capitals, and sees progress derived from the milestones.
  const visitor = await browser.newContext({ baseURL, locale: 'fr-FR' });
  const reader = await visitor.newPage();
  await reader.goto(`/recommandations?q=${encodeURIComponent(`SECURITE DES DEMARCHES consulaires ${stamp}`)}`);
  await hydrated(reader);
  const link = reader.getByRole('link', { name: `Sécurité des démarches consulaires ${stamp}` });
  await expect(link).toBeVisible();
  await expect(reader.getByText('Recommandations trouvées : 1')).toBeVisible();
  await expectAccessible(reader);
  await link.click();
  await expect(reader).toHaveURL(new RegExp(`/recommandations/${recommendationId}$`));
  await expect(reader.getByText('1 jalon(s) réalisé(s) sur 2 (50 %)').first()).toBeVisible();
  await expect(reader.getByText(`Permanence ouverte à Abidjan ${stamp}`)).toBeVisible();
  await expect(reader.getByText(concernText), 'the concern it answers').toBeVisible();
  await expect(reader.getByText('+225 07 12 34 56 78'), 'never the contact').toHaveCount(0);
  await expectAccessible(reader);
  // A recommendation's page is a public page: within the first-load budget (weight.spec.ts).
  await expectFirstLoadWithin(browser, baseURL!, `/recommandations/${recommendationId}`);

  // And from the concern, the way to the recommendation.
  await reader.goto(`/preoccupations?theme=consular_documents&pays=CI#concern-${concernId}`);
  const card = reader.locator(`#concern-${concernId}`);
  await expect(card.getByText(concernText)).toBeVisible();
  await expect(card.getByRole('link', { name: /Prise en compte par la recommandation n° \d+/ })).toHaveAttribute('href', `/recommandations/${recommendationId}`);
  await visitor.close();
});

test('a concern being typed survives a reload', async ({ page }) => {
  const text = uniqueText('Brouillon');
  await page.goto('/preoccupations');
  await hydrated(page);
  await fillConcern(page, text, false);
  await page.reload();
  await hydrated(page);
  const form = page.locator('#concern-form');
  await expect(form.getByLabel('Votre préoccupation')).toHaveValue(text);
  await expect(form.getByLabel('Pays de résidence')).toHaveValue('CI');
  await expect(form.getByLabel('Contact pour une réponse')).toHaveValue('+225 07 12 34 56 78');
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon restauré' })).toBeVisible();
});
