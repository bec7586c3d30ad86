import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs, expectFirstLoadWithin, BUDGET, submit, signInAsAdmin } from './fixtures';

// Participation requests (issue #4): organisations apply to the current session (the seeded
// session 1), reviewers decide, applicants follow their request.
//
// The server accepts 10 posts to /participer per IP and hour (refused ones included): this
// file makes all 10 (full application: 1, without JavaScript: 2, duplicate: 2, lookup: 1,
// approval: 1, quota: 2, refused decision: 1). A new test must reuse an application.

const SETTINGS_PATH = '/espace/sessions/1/participation';
const TRACKING_CODE = /^CCMEX-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const MOTIVATION = 'Porter la voix des Maliens de notre ville auprès du Gouvernement et des consulats.';
const CONTRIBUTION = 'Une étude sur les transferts d’argent des ménages et sur l’emploi des jeunes de la diaspora.';

type Organisation = {
  name: string;
  city: string;
  country: string;
  contactName: string;
  email: string;
  phone: string;
  delegate: string;
};

/** An organisation no other test (or run) uses. */
function newOrganisation(prefix: string): Organisation {
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return {
    name: `${prefix} ${stamp}`,
    city: 'Lyon',
    country: 'France',
    contactName: 'Awa Koné',
    email: `awa-${stamp}@example.org`,
    phone: '+33 6 12 34 56 78',
    delegate: 'Moussa Diarra',
  };
}

type Receipt = { code: string; key: string };

/** The tracking code and status link key from the confirmation page's address. */
function receiptOf(page: Page): Receipt {
  const url = new URL(page.url());
  expect(url.pathname).toBe('/participer/confirmation');
  return { code: url.searchParams.get('code')!, key: url.searchParams.get('cle')! };
}

function statusPath({ code, key }: Receipt) {
  return `/participer/suivi/${code}?cle=${key}`;
}

// The form's steps: with JavaScript one shows at a time, without it they all show.

async function fillOrganisation(page: Page, org: Organisation) {
  await page.getByLabel('Nom de l’organisation').fill(org.name);
  await page.getByLabel('Sigle', { exact: true }).fill('AML');
  await page.getByLabel('Type d’organisation').selectOption({ label: 'Association' });
  await page.getByLabel('Pays de résidence').selectOption({ label: org.country });
  await page.getByLabel('Ville', { exact: true }).fill(org.city);
  await page.getByLabel('Année de création').fill('1998');
  await page.getByLabel('Éducation', { exact: true }).check();
  await page.getByLabel('Culture', { exact: true }).check();
}

async function fillContact(page: Page, org: Organisation) {
  await page.getByLabel('Nom de la personne de contact').fill(org.contactName);
  await page.getByLabel('Adresse e-mail de contact').fill(org.email);
  await page.getByLabel('Téléphone', { exact: true }).fill(org.phone);
}

async function fillDelegate(page: Page, org: Organisation) {
  const first = page.getByRole('group', { name: 'Délégué 1', exact: true });
  await first.getByLabel('Nom complet').fill(org.delegate);
  await first.getByLabel('Fonction dans l’organisation').fill('Président');
  await first.getByLabel('Adresse e-mail').fill(`delegue-${org.email}`);
}

async function fillMotivation(page: Page) {
  await page.getByLabel('Pourquoi votre organisation souhaite-t-elle participer ?').fill(MOTIVATION);
  await page.getByLabel('Quelle contribution attendez-vous apporter à la session ?').fill(CONTRIBUTION);
}

async function consent(page: Page) {
  await page.getByLabel(/J’accepte que ces données soient traitées/).check();
  await page.getByLabel(/J’accepte que l’organisation figure dans l’annuaire public/).check();
}

/** The step shown once hydrated: its legend and the progress indicator agree. */
async function expectStep(page: Page, number: number, title: string) {
  const progress = page.getByRole('list', { name: 'Étapes du formulaire' });
  await expect(progress.locator('[aria-current="step"]')).toHaveCount(1);
  await expect(progress.locator('[aria-current="step"]')).toHaveText(title);
  await expect(page.getByText(`Étape ${number} sur 5 — ${title}`, { exact: true })).toBeVisible();
  await expect(page.locator('.step-status')).toHaveText(`Étape ${number} sur 5`);
}

async function next(page: Page) {
  await page.getByRole('button', { name: 'Étape suivante', exact: true }).click();
}

/** Goes through the five steps of the hydrated form (`check` runs on each step shown). */
async function fillHydrated(page: Page, org: Organisation, check: (step: number) => Promise<void> = async () => {}) {
  await fillOrganisation(page, org);
  await next(page);
  await expectStep(page, 2, 'Personne de contact');
  await check(2);
  await fillContact(page, org);
  await next(page);
  await expectStep(page, 3, 'Délégués');
  await check(3);
  await fillDelegate(page, org);
  await next(page);
  await expectStep(page, 4, 'Motivation');
  await check(4);
  await fillMotivation(page);
  await next(page);
  await expectStep(page, 5, 'Vérification et consentement');
  await check(5);
  await consent(page);
}

/** A browser of its own (JavaScript on or off) whose console errors fail the test too. */
async function otherBrowser(browser: Browser, baseURL: string, consoleErrors: string[], javaScriptEnabled = true): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR', javaScriptEnabled });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`other browser: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`other browser: ${error.message}`));
  return [context, page];
}

/** An organisation applies in a browser without JavaScript (the quickest way); its receipt. */
async function applied(browser: Browser, baseURL: string, consoleErrors: string[], org: Organisation): Promise<Receipt> {
  const [context, page] = await otherBrowser(browser, baseURL, consoleErrors, false);
  await page.goto('/participer');
  await fillOrganisation(page, org);
  await fillContact(page, org);
  await fillDelegate(page, org);
  await fillMotivation(page);
  await consent(page);
  const response = await submit(page, 'Envoyer la demande');
  expect(response.status(), `${org.name} applies`).toBe(303);
  const receipt = receiptOf(page);
  await context.close();
  return receipt;
}

/**
 * The administrator opens applications to session 1 with the quota `quota(approved)` (''
 * for none), `approved` being the organisations it has already accepted; returns it.
 */
async function openApplications(page: Page, quota: (approved: number) => string): Promise<number> {
  await page.goto(SETTINGS_PATH);
  await hydrated(page);
  const used = await page.getByText(/^\d+ (sur \d+|\(pas de quota\))$/).innerText();
  const approved = Number(/^\d+/.exec(used)![0]);
  await page.getByLabel('Candidatures ouvertes').check();
  await page.getByLabel('Quota d’organisations (facultatif)').fill(quota(approved));
  const saved = await submit(page, 'Enregistrer les réglages');
  expect(saved.status(), 'the settings are saved').toBe(303);
  await expect(page.getByText('Les réglages de la session sont enregistrés.')).toBeVisible();
  return approved;
}

/** The reviewer opens the request `code` from the review list; returns its address. */
async function openRequest(page: Page, code: string): Promise<string> {
  await page.goto(`/espace/demandes?q=${code}`);
  await hydrated(page);
  await page.getByRole('link', { name: code, exact: true }).click();
  await expect(page).toHaveURL(/\/espace\/demandes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: `Demande ${code}` })).toBeVisible();
  await hydrated(page);
  return new URL(page.url()).pathname;
}

/** The decision form whose button is `button`. */
function decision(page: Page, button: string): Locator {
  return page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });
}

/** Posts the decision `button` (with `message`) on the request page shown; the answer's status. */
async function decide(page: Page, button: string, message = ''): Promise<number> {
  const form = decision(page, button);
  if (message) await form.getByLabel('Message au demandeur').fill(message);
  return (await submit(form, button)).status();
}

/** The status of a request as its applicant sees it, behind its status link. */
async function expectApplicantStatus(page: Page, receipt: Receipt, status: string) {
  await page.goto(statusPath(receipt));
  await hydrated(page);
  await expect(page.locator('dl.summary dd').filter({ hasText: receipt.code })).toBeVisible();
  await expect(page.locator('dl.summary strong')).toHaveText(status);
}

// Applications must be open; no quota until the quota test sets one.
test.beforeAll(async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
  const page = await context.newPage();
  await signInAsAdmin(page);
  await openApplications(page, () => '');
  await context.close();
});

test('the application page with its form open stays within the public first-load budget (weight.spec.ts)', async ({ browser, baseURL }) => {
  const load = await expectFirstLoadWithin(browser, baseURL!, '/participer', BUDGET.publicBrotli);
  expect(load.files.some((f) => /split_application_steps_loader/.test(f.url)), 'the form is on the page').toBe(true);
  await expectFirstLoadWithin(browser, baseURL!, '/participer', BUDGET.publicGzip, 'gzip');
});

test('a full application, step by step with instant checks, gets a tracking code', async ({ page }) => {
  test.slow();
  const org = newOrganisation('Association des Maliens de Lyon');
  await page.goto('/participer');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Demander à participer à la session' })).toBeVisible();
  await expectStep(page, 1, 'Organisation');
  await expect(page.getByText('Étape 2 sur 5 — Personne de contact'), 'one step at a time').toBeHidden();
  await expectAccessible(page);

  // Next checks the step at once, with the server's rules and translated messages.
  await next(page);
  const errors = page.getByRole('alert').filter({ hasText: 'Corrigez ces champs pour passer à l’étape suivante :' });
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('link', { name: 'Indiquez le nom de l’organisation (200 caractères au plus).' })).toHaveAttribute('href', '#field-name');
  await expect(errors).toContainText('Choisissez le type d’organisation dans la liste.');
  await expect(errors).toContainText('Cochez au moins un secteur d’activité.');
  const name = page.getByLabel('Nom de l’organisation');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-name-step-error')).toHaveText('Indiquez le nom de l’organisation (200 caractères au plus).');
  await expect(name).toHaveAccessibleDescription(/Indiquez le nom de l’organisation/);
  await expectStep(page, 1, 'Organisation');
  await expectAccessible(page);

  await fillHydrated(page, org, async (step) => {
    if (step === 2) {
      // A phone number without its country code is refused before moving on.
      await fillContact(page, { ...org, phone: '06 12 34 56 78' });
      await next(page);
      await expect(page.getByRole('alert')).toContainText('Indiquez le téléphone au format international');
      await expect(page.getByLabel('Téléphone', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await expectStep(page, 2, 'Personne de contact');
      // Previous keeps what was typed, and drops the errors.
      await page.getByRole('button', { name: 'Étape précédente', exact: true }).click();
      await expectStep(page, 1, 'Organisation');
      await expect(name).toHaveValue(org.name);
      await expect(name).not.toHaveAttribute('aria-invalid', 'true');
      await next(page);
      await expectStep(page, 2, 'Personne de contact');
    }
    await expectAccessible(page);
  });

  // The last step reads everything back before the consents.
  const summary = page.locator('dl.summary');
  await expect(page.getByRole('heading', { name: 'Récapitulatif de votre demande' })).toBeVisible();
  for (const text of [org.name, 'Association', 'France', org.city, 'Éducation, Culture', org.contactName, org.email, org.phone, org.delegate, MOTIVATION]) {
    await expect(summary, text).toContainText(text);
  }
  await expectAccessible(page);

  const sent = await submit(page, 'Envoyer la demande');
  expect(sent.status()).toBe(303);
  await expect(page).toHaveURL(/\/participer\/confirmation\?code=CCMEX-/);
  await expect(page.getByRole('heading', { level: 1, name: 'Demande envoyée' })).toBeVisible();
  await expect(page.getByText('Votre demande de participation a bien été reçue.')).toBeVisible();
  const code = (await page.locator('#tracking-code').innerText()).trim();
  expect(code).toMatch(TRACKING_CODE);
  expect(receiptOf(page).code).toBe(code);
  await expect(page.getByRole('link', { name: 'Voir l’état de la demande' })).toHaveAttribute('href', new RegExp(`^/participer/suivi/${code}\\?cle=[0-9a-f]{64}$`));
  await hydrated(page);
  await expectAccessible(page);

  // The draft is gone: the form starts empty again.
  await page.goto('/participer');
  await hydrated(page);
  await expect(page.getByLabel('Nom de l’organisation')).toHaveValue('');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 422/] });

  test('a refused application keeps its values, then the corrected one is received', async ({ page, browser, baseURL }) => {
    const org = newOrganisation('Union des étudiants maliens de Dakar');
    await page.goto('/participer');
    // Every step shows, and no Next button: the whole form is sent at once.
    await expect(page.getByText('Étape 5 sur 5 — Vérification et consentement')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Étape suivante' })).toHaveCount(0);
    await fillOrganisation(page, { ...org, country: 'Sénégal', city: 'Dakar' });
    await fillContact(page, { ...org, phone: '77 123 45 67' });
    await fillDelegate(page, org);
    await fillMotivation(page);
    await page.getByLabel(/J’accepte que ces données soient traitées/).check();

    const refused = await submit(page, 'Envoyer la demande');
    expect(refused.status()).toBe(422);
    const alert = page.locator('#form-errors');
    await expect(alert).toContainText('Certaines informations ne sont pas valides.');
    await expect(alert.getByRole('link', { name: /Indiquez le téléphone au format international/ })).toHaveAttribute('href', '#field-contact_phone');
    const phone = page.getByLabel('Téléphone', { exact: true });
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveValue('77 123 45 67');
    await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(org.name);
    await expect(page.getByLabel('Pays de résidence')).toHaveValue('SN');
    await expect(page.getByLabel('Éducation', { exact: true })).toBeChecked();
    await expect(page.getByRole('group', { name: 'Délégué 1', exact: true }).getByLabel('Nom complet')).toHaveValue(org.delegate);
    await expect(page.getByLabel('Pourquoi votre organisation souhaite-t-elle participer ?')).toHaveValue(MOTIVATION);
    await expect(page.getByLabel(/J’accepte que ces données soient traitées/)).toBeChecked();

    await phone.fill('+221 77 123 45 67');
    const sent = await submit(page, 'Envoyer la demande');
    expect(sent.status()).toBe(303);
    await expect(page.getByText('Votre demande de participation a bien été reçue.')).toBeVisible();
    await expect(page.locator('#tracking-code')).toHaveText(TRACKING_CODE);
    await expectAccessibleWithoutJs(browser, baseURL!, '/participer');
  });
});

test('a draft comes back after a reload', async ({ page }) => {
  const org = newOrganisation('Fédération des Maliens de Madrid');
  await page.goto('/participer');
  await hydrated(page);
  await page.getByLabel('Nom de l’organisation').fill(org.name);
  await page.getByLabel('Pays de résidence').selectOption({ label: 'Espagne' });
  await page.getByLabel('Ville', { exact: true }).fill('Madrid');
  await page.getByLabel('Santé', { exact: true }).check();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(org.name);
  await expect(page.getByLabel('Pays de résidence')).toHaveValue('ES');
  await expect(page.getByLabel('Ville', { exact: true })).toHaveValue('Madrid');
  await expect(page.getByLabel('Santé', { exact: true })).toBeChecked();
  await expect(page.getByRole('status').filter({ hasText: 'Brouillon restauré' })).toBeVisible();
  await expectStep(page, 1, 'Organisation');
});

test.describe('an organisation that already applied', () => {
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('is refused under a name written differently, and sent to the status lookup', async ({ page, browser, baseURL, consoleErrors }) => {
    const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const first = { ...newOrganisation('x'), name: `Association des Maliens de Montréal ${stamp}`, country: 'Canada', city: 'Montréal' };
    await applied(browser, baseURL!, consoleErrors, first);

    // Capitals, accents, punctuation and spacing differ; same country and session.
    const again = { ...newOrganisation('x'), name: `ASSOCIATION dès Maliens —  de MONTREAL, ${stamp}.`, country: 'Canada', city: 'Montréal' };
    await page.goto('/participer');
    await hydrated(page);
    await fillHydrated(page, again);
    const refused = await submit(page, 'Envoyer la demande');
    expect(refused.status()).toBe(422);
    await expect(page).not.toHaveURL(/confirmation/);
    await expect(page.locator('#tracking-code')).toHaveCount(0);
    await expect(page.locator('#form-errors')).toContainText('Une organisation de ce nom, dans ce pays, a déjà demandé à participer à cette session.');
    await hydrated(page);
    await expectStep(page, 1, 'Organisation');
    await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(again.name);
    const lookup = page.locator('p.notice').getByRole('link', { name: 'Suivre une demande déjà envoyée' });
    await expect(lookup).toHaveAttribute('href', '/participer/suivi');
    await expectAccessible(page);
    await lookup.click();
    await expect(page).toHaveURL(/\/participer\/suivi$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Suivre une demande de participation' })).toBeVisible();
  });
});

test.describe('the status lookup', () => {
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('shows a request to its code and contact e-mail, and nothing to a wrong e-mail', async ({ page, browser, baseURL, consoleErrors }) => {
    const org = newOrganisation('Réseau des professionnels maliens de Paris');
    const { code } = await applied(browser, baseURL!, consoleErrors, org);

    await page.goto('/participer/suivi');
    await hydrated(page);
    await expectAccessible(page);
    await page.getByLabel('Code de suivi').fill(code);
    await page.getByLabel('Adresse e-mail de contact').fill(`autre-${org.email}`);
    const refused = await submit(page, 'Voir la demande');
    expect(refused.status()).toBe(422);
    await expect(page.locator('#form-errors')).toContainText('Aucune demande ne correspond à ce code et à cette adresse e-mail.');
    await expect(page.getByText(org.name)).toHaveCount(0);
    await expect(page.getByLabel('Code de suivi')).toHaveValue(code);
    await hydrated(page);
    await expectAccessible(page);

    await page.getByLabel('Adresse e-mail de contact').fill(org.email);
    const found = await submit(page, 'Voir la demande');
    expect(found.status()).toBe(303);
    await expect(page).toHaveURL(new RegExp(`/participer/suivi/${code}\\?cle=[0-9a-f]{64}$`));
    const facts = page.locator('dl.summary');
    await expect(facts).toContainText(org.name);
    await expect(facts).toContainText(code);
    await expect(facts.locator('strong')).toHaveText('Envoyée, en attente d’examen');
    await expect(page.getByRole('heading', { name: 'Historique' })).toBeVisible();
    await expect(page.locator('ol.history li')).toHaveCount(1);
    await expect(page.getByRole('heading', { name: 'Retirer la demande' }), 'the applicant may withdraw').toBeVisible();
    await hydrated(page);
    await expectAccessible(page);
    // The status page is a public page: within the first-load budget (weight.spec.ts).
    await expectFirstLoadWithin(browser, baseURL!, new URL(page.url()).pathname + new URL(page.url()).search);
  });
});

test('a reviewer approves a request, the applicant sees it and the e-mail is in the outbox', async ({ page, browser, baseURL, consoleErrors }) => {
  test.slow();
  const org = newOrganisation('Coopérative des Maliens de Bruxelles');
  const receipt = await applied(browser, baseURL!, consoleErrors, org);

  await signInAsAdmin(page);
  await openRequest(page, receipt.code);
  await expect(page.locator('.tag')).toHaveText('Envoyée, en attente d’examen');
  await expect(page.getByText(org.email, { exact: true })).toBeVisible();
  await expectAccessible(page);
  expect(await decide(page, 'Accepter', `Bienvenue à la session ${receipt.code}.`)).toBe(303);
  await expect(page.getByText('La demande est acceptée ; le demandeur est prévenu par courriel.')).toBeVisible();
  await expect(page.locator('.tag')).toHaveText('Approuvée');
  await expect(decision(page, 'Accepter'), 'no second approval').toHaveCount(0);
  await expect(decision(page, 'Révoquer l’acceptation')).toHaveCount(1);

  // The applicant, in their own browser, sees the decision and its history.
  const [context, applicant] = await otherBrowser(browser, baseURL!, consoleErrors);
  await expectApplicantStatus(applicant, receipt, 'Approuvée');
  const history = applicant.locator('ol.history li');
  await expect(history).toHaveCount(2);
  await expect(history.first(), 'newest first').toContainText('Approuvée');
  await expect(history.first()).toContainText('Message du comité :');
  await expect(history.first()).toContainText(`Bienvenue à la session ${receipt.code}.`);
  await expect(history.last()).toContainText('Envoyée, en attente d’examen');
  await expect(applicant.getByRole('heading', { name: 'Répondre au comité' })).toHaveCount(0);
  await expectAccessible(applicant);
  await context.close();

  // Without SMTP, the e-mail waits in the outbox.
  await page.goto('/espace/courriels');
  await hydrated(page);
  const email = page.locator('li.outbox-email').filter({ has: page.getByRole('heading', { name: `Demande de participation approuvée — ${receipt.code}` }) });
  await expect(email).toHaveCount(1);
  await expect(email).toContainText(org.email);
  await expect(email.locator('pre')).toContainText(`La demande de participation de ${org.name} (${receipt.code}) est approuvée.`);
  await expect(email.locator('pre')).toContainText(statusPath(receipt));
  await expectAccessible(page);
});

test.describe('the quota', () => {
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test('once reached, a request waits; a revocation gives its place to the first waiting', async ({ page, browser, baseURL, consoleErrors }) => {
    test.slow();
    const first = newOrganisation('Association A des Maliens de Milan');
    const second = newOrganisation('Association B des Maliens de Turin');
    const a = await applied(browser, baseURL!, consoleErrors, { ...first, country: 'Italie', city: 'Milan' });
    const b = await applied(browser, baseURL!, consoleErrors, { ...second, country: 'Italie', city: 'Turin' });

    // One place left.
    await signInAsAdmin(page);
    const approved = await openApplications(page, (n) => String(n + 1));
    const quota = approved + 1;
    try {
      const pathA = await openRequest(page, a.code);
      await expect(page.getByText(`${approved} organisation(s) acceptée(s) sur un quota de ${quota}`)).toBeVisible();
      expect(await decide(page, 'Accepter')).toBe(303);
      await expect(page.getByText('La demande est acceptée ; le demandeur est prévenu par courriel.')).toBeVisible();
      await expect(page.getByText(`${quota} organisation(s) acceptée(s) sur un quota de ${quota}`)).toBeVisible();

      // No place for B: approving is refused, waitlisting is the way. (Posted from a browser
      // without JavaScript, signed in as the same administrator: with JavaScript, a refused
      // decision's page fails to hydrate, see the next test.)
      const pathB = await openRequest(page, b.code);
      const noJs = await browser.newContext({ baseURL, locale: 'fr-FR', javaScriptEnabled: false, storageState: await page.context().storageState() });
      try {
        const reviewer = await noJs.newPage();
        await reviewer.goto(pathB);
        expect(await decide(reviewer, 'Accepter')).toBe(422);
        await expect(reviewer.locator('#form-errors')).toContainText('Le quota d’organisations de cette session est atteint');
        await expect(reviewer.locator('.tag')).toHaveText('Envoyée, en attente d’examen');
        expect(await decide(reviewer, 'Mettre en liste d’attente', 'Une place vous sera proposée si elle se libère.')).toBe(303);
        await expect(reviewer).toHaveURL(new RegExp(`${pathB}\\?ok=review_waitlisted$`));
      } finally {
        await noJs.close();
      }
      await page.goto(pathB);
      await hydrated(page);
      await expect(page.locator('.tag')).toHaveText(/^Sur liste d’attente \(#\d+\)$/);
      await expect(decision(page, 'Accepter'), 'approving stays offered').toHaveCount(1);
      await expectApplicantStatus(page, b, 'Sur liste d’attente');

      // Revoking A needs a reason, and frees the place B takes.
      await page.goto(pathA);
      await hydrated(page);
      await expect(decision(page, 'Révoquer l’acceptation').getByLabel('Message au demandeur')).toHaveAttribute('required', '');
      expect(await decide(page, 'Révoquer l’acceptation', 'Les délégués ne sont pas membres de l’association.')).toBe(303);
      await expect(page.getByText('L’acceptation est révoquée ; la place libérée est offerte à la première demande en attente.')).toBeVisible();
      await expect(page.locator('.tag')).toHaveText('Approbation retirée');

      await page.goto(pathB);
      await hydrated(page);
      await expect(page.locator('.tag')).toHaveText('Approuvée');
      await expect(page.getByText(`${quota} organisation(s) acceptée(s) sur un quota de ${quota}`)).toBeVisible();

      // Each applicant sees where they stand.
      await expectApplicantStatus(page, b, 'Approuvée');
      await expect(page.locator('ol.history li').first()).toContainText('Approuvée');
      await expect(page.locator('ol.history')).toContainText('Sur liste d’attente');
      await expectApplicantStatus(page, a, 'Approbation retirée');
      await expect(page.locator('ol.history li').first()).toContainText('Les délégués ne sont pas membres de l’association.');
    } finally {
      // No quota for whatever runs next.
      await openApplications(page, () => '');
    }
  });
});

test.describe('a refused decision', () => {
  test.use({ expectedConsoleErrors: [/status of 422/] });

  // The refused post is answered at its own address (/espace/demandes/{id}/decision) with
  // the request's page: the page must still work there. (Any console error, such as a
  // hydration panic, fails the test.)
  test('comes back with its message on a working request page', async ({ page, browser, baseURL, consoleErrors }) => {
    const org = newOrganisation('Association des Maliens de Bamako-Coura à Abidjan');
    const receipt = await applied(browser, baseURL!, consoleErrors, { ...org, country: 'Côte d’Ivoire', city: 'Abidjan' });
    await signInAsAdmin(page);
    const path = await openRequest(page, receipt.code);

    // Places remain (no quota): waitlisting is refused.
    expect(await decide(page, 'Mettre en liste d’attente')).toBe(422);
    await expect(page.locator('#form-errors')).toContainText('Il reste des places dans le quota de cette session');
    await expect(page.locator('.tag')).toHaveText('Envoyée, en attente d’examen');
    await hydrated(page);
    await expectAccessible(page);

    expect(await decide(page, 'Demander des informations', 'Quel est le numéro d’enregistrement de l’association ?')).toBe(303);
    await expect(page).toHaveURL(new RegExp(`${path}\\?ok=review_info_requested$`));
    await expect(page.getByText('La question est envoyée au demandeur par courriel.')).toBeVisible();
    await expect(page.locator('.tag')).toHaveText('Précisions demandées');
  });
});
