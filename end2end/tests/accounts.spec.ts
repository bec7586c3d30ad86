import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs, submit, signIn, signInAsAdmin } from './fixtures';
import { ADMIN } from '../global-setup';

// Accounts created by these tests (the database lasts the whole run: addresses are unique).
const PASSWORD = 'la pirogue descend vers Mopti';
const WRONG_PASSWORD = 'ce n’est pas le bon mot de passe';

function newAccount(kind: string) {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return { name: `${kind} ${stamp}`, email: `${kind.toLowerCase()}-${stamp}@ccmex.test`, password: PASSWORD };
}

type NewAccount = ReturnType<typeof newAccount> & { reviewer?: boolean; committee?: string; role?: string };

/** An administrator creates an account with the form on /espace/utilisateurs; returns its id. */
async function createAccount(page: Page, account: NewAccount): Promise<number> {
  await page.goto('/espace/utilisateurs');
  await hydrated(page);
  await page.getByLabel('Nom', { exact: true }).fill(account.name);
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe initial').fill(account.password);
  if (account.reviewer) await page.getByLabel('Examinateur (demandes et préoccupations)').check();
  if (account.committee) await page.getByLabel('Comité', { exact: true }).selectOption({ label: account.committee });
  if (account.role) await page.getByLabel('Rôle dans le comité').selectOption({ label: account.role });
  const response = await submit(page, 'Créer le compte');
  expect(response.status(), 'the account is created').toBe(303);
  await expect(page).toHaveURL(/\/espace\/utilisateurs\?ok=user_created$/);
  await expect(page.getByText('Le compte a été créé.')).toBeVisible();
  const link = page.getByRole('link', { name: account.name, exact: true });
  await expect(link).toHaveAttribute('href', /^\/espace\/utilisateurs\/\d+$/);
  return Number((await link.getAttribute('href'))!.split('/').pop());
}

/**
 * A second browser (its own cookies) whose console errors fail the test like the first's.
 * `expectedConsoleErrors` applies to both.
 */
async function secondBrowser(browser: Browser, baseURL: string, consoleErrors: string[]): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', javaScriptEnabled: true });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`second browser: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`second browser: ${error.message}`));
  return [context, page];
}

test('an administrator signs in, sees their tools, and signs out', async ({ page }) => {
  await page.goto('/espace');
  await expect(page, 'anonymous visitors are sent to sign in').toHaveURL(/\/connexion\?suivant=%2Fespace$/);
  await signInAsAdmin(page);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Espace des comités' })).toBeVisible();
  await expect(page.getByText(`Bonjour ${ADMIN.name}.`)).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'Utilisateurs', exact: true })).toHaveAttribute('href', '/espace/utilisateurs');
  await expect(main.getByRole('link', { name: 'Journal des modifications', exact: true })).toHaveAttribute('href', '/espace/journal');
  await expect(main.getByRole('link', { name: 'Mot de passe', exact: true })).toHaveAttribute('href', '/espace/mot-de-passe');

  const response = await submit(page, 'Se déconnecter');
  expect(response.status()).toBe(303);
  await expect(page).toHaveURL(/\/connexion\?ok=signed_out$/);
  await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  await page.goto('/espace');
  await expect(page, 'the session is over').toHaveURL(/\/connexion\?suivant=%2Fespace$/);
  await expect(page.getByText(`Bonjour ${ADMIN.name}.`)).toHaveCount(0);
});

test.describe('a wrong password', () => {
  test.use({ expectedConsoleErrors: [/status of 401/] });

  test('is refused with a message, the address kept', async ({ page }) => {
    const response = await signIn(page, ADMIN.email, WRONG_PASSWORD);
    expect(response.status()).toBe(401);
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue(ADMIN.email);
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
    await hydrated(page);
    await expect(page.getByLabel('Adresse e-mail'), 'hydration keeps the address').toHaveValue(ADMIN.email);
    await expectAccessible(page);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 401/] });

  test('a wrong password is refused with a message, the address kept', async ({ page, browser, baseURL }) => {
    await page.goto('/connexion');
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(WRONG_PASSWORD);
    const response = await submit(page, 'Se connecter');
    expect(response.status()).toBe(401);
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
    await expect(page.getByLabel('Adresse e-mail')).toHaveValue(ADMIN.email);
    await expect(page.getByLabel('Mot de passe', { exact: true })).toHaveValue('');
    await expectAccessibleWithoutJs(browser, baseURL!, '/connexion');
  });

  test('signing in and out works as plain forms', async ({ page }) => {
    await page.goto('/espace/utilisateurs');
    await expect(page).toHaveURL(/\/connexion\?suivant=%2Fespace%2Futilisateurs$/);
    await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    const response = await submit(page, 'Se connecter');
    expect(response.status()).toBe(303);
    await expect(page, 'back where they were going').toHaveURL(/\/espace\/utilisateurs$/);
    await expect(page.getByRole('link', { name: ADMIN.name, exact: true })).toBeVisible();
    await page.goto('/espace');
    await expect(page.getByText(`Bonjour ${ADMIN.name}.`)).toBeVisible();
    await submit(page, 'Se déconnecter');
    await expect(page).toHaveURL(/\/connexion\?ok=signed_out$/);
    await expect(page.getByText('Vous êtes déconnecté.')).toBeVisible();
  });
});

test.describe('repeated failures for one address', () => {
  test.use({ expectedConsoleErrors: [/status of 4(01|29)/] });

  test('are stopped after five, even with the right password', async ({ page, browser, baseURL, consoleErrors }) => {
    const account = newAccount('Limite');
    await signInAsAdmin(page);
    await createAccount(page, account);

    const [context, other] = await secondBrowser(browser, baseURL!, consoleErrors);
    await other.goto('/connexion');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await signIn(other, account.email, WRONG_PASSWORD);
      expect(response.status(), `attempt ${attempt}`).toBe(401);
      await expect(other.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
    }
    const response = await signIn(other, account.email, account.password);
    expect(response.status(), 'sixth attempt').toBe(429);
    await expect(other).toHaveURL(/\/connexion$/);
    await expect(other.getByRole('alert')).toContainText(
      'Trop de tentatives en peu de temps. Patientez une minute puis réessayez.',
    );
    await expect(other.getByLabel('Adresse e-mail')).toHaveValue(account.email);
    await other.goto('/espace');
    await expect(other, 'not signed in').toHaveURL(/\/connexion\?suivant=%2Fespace$/);
    await context.close();
  });
});

test.describe('a reviewer', () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test('cannot reach user administration', async ({ page, browser, baseURL, consoleErrors }) => {
    const reviewer = { ...newAccount('Examinatrice'), reviewer: true };
    await signInAsAdmin(page);
    await createAccount(page, reviewer);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: reviewer.name, exact: true }) });
    await expect(row).toContainText('Examinateur (demandes et préoccupations)');
    await expect(row).toContainText('Actif');

    const [context, other] = await secondBrowser(browser, baseURL!, consoleErrors);
    const signedIn = await signIn(other, reviewer.email, reviewer.password);
    expect(signedIn.status()).toBe(303);
    await expect(other).toHaveURL(/\/espace$/);
    await hydrated(other);
    await expect(other.getByText(`Bonjour ${reviewer.name}.`)).toBeVisible();
    const main = other.getByRole('main');
    await expect(main.getByRole('link', { name: 'Mot de passe', exact: true })).toBeVisible();
    await expect(main.getByRole('link', { name: 'Utilisateurs', exact: true })).toHaveCount(0);
    await expect(main.getByRole('link', { name: 'Journal des modifications', exact: true })).toHaveCount(0);

    const forbidden = await other.goto('/espace/utilisateurs');
    expect(forbidden?.status()).toBe(403);
    await expect(other.getByRole('alert')).toContainText('Votre compte ne permet pas cette action.');
    await expect(other.getByRole('link', { name: ADMIN.name, exact: true }), 'no account is listed').toHaveCount(0);
    await hydrated(other);

    // The server refuses the creation form's post too, whatever a page shows.
    const intruder = newAccount('Intrus');
    const refused = await other.request.post('/espace/utilisateurs', {
      form: { name: intruder.name, email: intruder.email, password: intruder.password, is_admin: 'on', committee: '' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Votre compte ne permet pas cette action.');
    await page.reload();
    await expect(page.getByRole('link', { name: reviewer.name, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: intruder.name, exact: true }), 'no account was created').toHaveCount(0);
    await context.close();
  });
});

test.describe('disabling an account', () => {
  test.use({ expectedConsoleErrors: [/status of 401/] });

  test('ends the session it has open', async ({ page, browser, baseURL, consoleErrors }) => {
    const member = { ...newAccount('Membre'), committee: 'Comité technique', role: 'Membre' };
    await signInAsAdmin(page);
    const id = await createAccount(page, member);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: member.name, exact: true }) });
    await expect(row).toContainText('Comité technique (Membre)');

    const [context, other] = await secondBrowser(browser, baseURL!, consoleErrors);
    expect((await signIn(other, member.email, member.password)).status()).toBe(303);
    await expect(other).toHaveURL(/\/espace$/);
    await expect(other.getByText(`Bonjour ${member.name}.`)).toBeVisible();

    await page.getByRole('link', { name: member.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/espace/utilisateurs/${id}$`));
    await hydrated(page);
    await expect(page.getByText(member.email)).toBeVisible();
    const enabled = page.getByLabel('Compte actif (décocher pour le désactiver et fermer ses sessions)');
    await expect(enabled).toBeChecked();
    await expect(page.getByLabel('Comité', { exact: true })).toHaveValue('technical');
    await enabled.uncheck();
    const saved = await submit(page, 'Enregistrer');
    expect(saved.status()).toBe(303);
    await expect(page).toHaveURL(new RegExp(`/espace/utilisateurs/${id}\\?ok=user_updated$`));
    await expect(page.getByText('Le compte a été enregistré.')).toBeVisible();
    await expect(enabled).not.toBeChecked();

    await other.reload();
    await expect(other, 'the open session has ended').toHaveURL(/\/connexion\?suivant=%2Fespace$/);
    const again = await signIn(other, member.email, member.password);
    expect(again.status(), 'a disabled account cannot sign in').toBe(401);
    await expect(other.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');

    await page.goto('/espace/utilisateurs');
    await expect(row).toContainText('Désactivé');
    await context.close();
  });
});

test('the sign-in and account pages pass axe', async ({ page }) => {
  await page.goto('/connexion');
  await hydrated(page);
  await expectAccessible(page);

  await page.goto('/espace/utilisateurs');
  await expect(page).toHaveURL(/\/connexion\?suivant=%2Fespace%2Futilisateurs$/);
  expect((await signIn(page, ADMIN.email, ADMIN.password)).status()).toBe(303);
  await expect(page, 'back where they were going').toHaveURL(/\/espace\/utilisateurs$/);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  await expect(page.getByRole('link', { name: ADMIN.name, exact: true })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: ADMIN.name, exact: true }).click();
  await expect(page).toHaveURL(/\/espace\/utilisateurs\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeVisible();
  await expectAccessible(page);

  await page.goto('/espace');
  await hydrated(page);
  await expectAccessible(page);
});
