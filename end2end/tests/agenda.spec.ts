import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, hydrated, expectAccessible, expectAccessibleWithoutJs, signInAsAdmin, signIn } from './fixtures';
import { ADMIN } from '../global-setup';

/** The public agenda's article of the item titled `title`. */
function publicItem(page: Page, title: string): Locator {
  return page.locator('article.agenda-item').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** The editor's row of the item titled `title`. */
function editorRow(page: Page, title: string): Locator {
  return page.locator('li.agenda-editor-row').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

/** A viewer on the public agenda, hydrated and connected to the live stream. */
async function openViewer(browser: Browser, base: string, url: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: base });
  const viewer = await context.newPage();
  await viewer.goto(url);
  await hydrated(viewer);
  await expect(viewer.locator('.agenda[data-live="connected"]')).toBeAttached({ timeout: 10_000 });
  return viewer;
}

/** A committee member in the agenda editor (a browser context of its own). */
async function openEditor(browser: Browser, base: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL: base });
  const editor = await context.newPage();
  await signInAsAdmin(editor);
  await editor.goto('/espace/agenda');
  await hydrated(editor);
  await expect(editor.locator('li.agenda-editor-row').first()).toBeVisible();
  return editor;
}

/** Clicks a status button of `row` and waits for the server's answer. */
async function setStatus(editor: Page, row: Locator, button: string) {
  const saved = editor.waitForResponse((r) => r.url().includes('/api/agenda-item-status') && r.status() === 200);
  // Buttons also name their item for screen readers: « Démarrer « Titre » ».
  await row.getByRole('button', { name: new RegExp(`^${button}`) }).click();
  await saved;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the whole agenda is readable, in Bamako time, with its calendar and changelog', async ({ page, browser, baseURL }) => {
    await page.goto('/agenda');
    await expect(page.getByRole('heading', { level: 1, name: 'Ordre du jour' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /16 décembre 2025/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /17 décembre 2025/ })).toBeVisible();
    await expect(page.locator('article.agenda-item')).toHaveCount(20);
    await expect(page.getByText('Heure de Bamako (UTC)', { exact: true })).toBeVisible();
    await expect(publicItem(page, 'Cérémonie officielle d’ouverture').locator('.agenda-time')).toContainText('09:30–10:30');
    await expect(page.getByRole('link', { name: /S’abonner au calendrier/ })).toHaveAttribute('href', '/sessions/1/agenda.ics');
    await expect(page.locator('.agenda-live'), 'no live state without JavaScript').toHaveCount(0);
    await page.getByRole('link', { name: 'Historique des changements' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Historique des changements/ })).toBeVisible();
    await expectAccessibleWithoutJs(browser, baseURL!, '/agenda');
    await expectAccessibleWithoutJs(browser, baseURL!, '/agenda/changements');
  });
});

test('a status change and a published edit reach a viewer within one second, announced to screen readers', async ({ browser, baseURL }) => {
  const viewer = await openViewer(browser, baseURL!, '/agenda');
  await expectAccessible(viewer);
  const editor = await openEditor(browser, baseURL!);
  await expectAccessible(editor);

  // A quick status button: public at once.
  const title = 'Accueil et enregistrement des participants';
  await setStatus(editor, editorRow(editor, title), 'Démarrer');
  await expect(publicItem(viewer, title).locator('.agenda-status'), 'live within a second').toHaveText('En cours', { timeout: 1_000 });
  await expect(publicItem(viewer, title)).toHaveClass(/is-now/);
  await expect(viewer.locator('[aria-live="polite"]').filter({ hasText: title })).toContainText('En cours');

  // An edit stays in the draft until it is published.
  const renamed = `Accueil des participants ${Date.now()}`;
  const row = editorRow(editor, 'Portée et objectifs du CCMEX');
  await row.getByRole('button', { name: /^Modifier/ }).click();
  await row.getByLabel(/^Titre en français/).fill(renamed);
  const saved = editor.waitForResponse((r) => r.url().includes('/api/agenda-item-update'));
  await row.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  expect((await saved).status()).toBe(200);
  await expect(editorRow(editor, renamed).getByText('Modification non publiée')).toBeVisible();
  await viewer.waitForTimeout(300);
  await expect(publicItem(viewer, 'Portée et objectifs du CCMEX'), 'not public before publication').toHaveCount(1);

  const published = editor.waitForResponse((r) => r.url().includes('/api/agenda-publish') && r.status() === 200);
  await editor.getByRole('button', { name: 'Publier', exact: true }).click();
  await published;
  await expect(publicItem(viewer, renamed), 'published live within a second').toHaveCount(1, { timeout: 1_000 });
  await expect(publicItem(viewer, 'Portée et objectifs du CCMEX')).toHaveCount(0);

  await viewer.goto('/agenda/changements');
  await expect(viewer.getByText(`Modifié : ${renamed} (titre)`)).toBeVisible();
  await viewer.context().close();
  await editor.context().close();
});

test('two editors in conflict: the second sees what the first changed and applies their edit on top', async ({ browser, baseURL }) => {
  const title = 'Missions du comité de pilotage et du comité technique';
  const first = await openEditor(browser, baseURL!);
  const second = await openEditor(browser, baseURL!);
  for (const editor of [first, second]) {
    await editorRow(editor, title).getByRole('button', { name: /^Modifier/ }).click();
  }
  const room = `Salle ${Date.now() % 10000}`;
  await editorRow(first, title).getByLabel(/^Salle/).fill(room);
  await editorRow(first, title).getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(first.getByText('Modification enregistrée')).toBeVisible();

  const mine = `${title} (version révisée)`;
  await editorRow(second, title).getByLabel(/^Titre en français/).fill(mine);
  const refused = second.waitForResponse((r) => r.url().includes('/api/agenda-item-update'));
  await editorRow(second, title).getByRole('button', { name: 'Enregistrer', exact: true }).click();
  expect((await refused).status(), 'a stale save is refused').toBe(409);
  const conflict = second.getByRole('region', { name: /Quelqu’un a modifié cet élément/ });
  await expect(conflict).toBeVisible();
  await expect(conflict, 'focus moves to the conflict, so screen readers read it').toBeFocused();
  await expect(conflict.getByRole('table')).toContainText(room);
  await expect(conflict.getByRole('table')).toContainText(mine);
  await expectAccessible(second);

  await conflict.getByRole('button', { name: 'Appliquer mes changements par-dessus' }).click();
  await expect(second.getByText('Modification enregistrée')).toBeVisible();
  await second.reload();
  await hydrated(second);
  const merged = editorRow(second, mine);
  await expect(merged, 'their room and my title are both kept').toContainText(room);
  await first.context().close();
  await second.context().close();
});

test('what an editor typed, in an item or a new one, survives a reload until saved or discarded', async ({ browser, baseURL }) => {
  const editor = await openEditor(browser, baseURL!);
  const title = 'Restitution des ateliers sur les préoccupations';
  const row = editorRow(editor, title);
  await row.getByRole('button', { name: /^Modifier/ }).click();
  const typed = `${title} (texte pas encore enregistré)`;
  await row.getByLabel(/^Titre en français/).fill(typed);
  const fresh = `Nouvel élément en cours de saisie ${Date.now()}`;
  await editor.locator('#agenda-editor-new-title_fr').fill(fresh);

  await editor.reload();
  await hydrated(editor);
  await expect(row.getByText(/Des modifications non enregistrées de cet élément ont été restaurées/)).toBeVisible();
  await expect(row.getByLabel(/^Titre en français/)).toHaveValue(typed);
  await expect(editor.locator('#agenda-editor-new-title_fr')).toHaveValue(fresh);
  await expectAccessible(editor);

  await row.getByRole('button', { name: 'Abandonner les modifications restaurées' }).click();
  await editor.getByRole('button', { name: 'Effacer la saisie restaurée' }).click();
  await editor.reload();
  await hydrated(editor);
  await expect(editor.getByText(/ont été restaurées/)).toHaveCount(0);
  await expect(editor.locator('#agenda-editor-new-title_fr')).toHaveValue('');
  await editor.context().close();
});

test('a deletion is confirmed first, stays public until published, and is taken back with the keyboard', async ({ browser, baseURL }) => {
  const editor = await openEditor(browser, baseURL!);
  const title = 'Recommandations pour une meilleure gouvernance migratoire';
  const row = editorRow(editor, title);
  await row.getByRole('button', { name: /^Supprimer/ }).click();
  // The question starts on the safe answer.
  await expect(row.getByRole('button', { name: 'Non, le garder' })).toBeFocused();
  const deleted = editor.waitForResponse((r) => r.url().includes('/api/agenda-item-delete') && r.status() === 200);
  await row.getByRole('button', { name: 'Oui, supprimer' }).click();
  await deleted;
  await expect(row.locator('.badge-alert')).toHaveText('Supprimé (jusqu’à la publication)');
  const viewer = await (await browser.newContext({ locale: 'fr-FR', baseURL })).newPage();
  await viewer.goto('/agenda');
  await expect(publicItem(viewer, title), 'still public until the next publication').toHaveCount(1);

  await row.getByRole('button', { name: /^Annuler la suppression/ }).focus();
  const restored = editor.waitForResponse((r) => r.url().includes('/api/agenda-item-restore') && r.status() === 200);
  await editor.keyboard.press('Enter');
  await restored;
  await expect(editor.locator('.notice-success')).toContainText(`« ${title} » est rétabli`);
  await expect(row.locator('.badge-alert')).toHaveCount(0);
  await expect(row.getByRole('button', { name: /^Supprimer/ })).toBeVisible();
  await expectAccessible(editor);
});

test('an item is moved with the keyboard alone, and the move is announced', async ({ browser, baseURL }) => {
  const editor = await openEditor(browser, baseURL!);
  const day = editor.locator('section').filter({ has: editor.getByRole('heading', { name: /17 décembre 2025/ }) });
  const titles = () => day.locator('li.agenda-editor-row h3').allInnerTexts();
  const before = await titles();
  expect(before[0]).toBe('Compte rendu de la première journée');

  const handle = editor.getByRole('button', { name: /Déplacer « Compte rendu de la première journée »/ });
  await handle.focus();
  const moved = editor.waitForResponse((r) => r.url().includes('/api/agenda-item-move') && r.status() === 200);
  await editor.keyboard.press('Alt+ArrowDown');
  await moved;
  await expect(editor.locator('[aria-live="polite"]').filter({ hasText: 'déplacé en position 2' })).toBeAttached();
  await expect.poll(titles).toEqual([before[1], before[0], ...before.slice(2)]);
  await expect(handle, 'focus stays on the moved item').toBeFocused();
  // The two exchanged their slots, each keeping its duration: the report (30 min) now
  // follows the work agenda (75 min), which starts at the report's old time.
  await expect(editorRow(editor, 'Agenda de travail du CCMEX').locator('.agenda-editor-time')).toContainText('08:30');
  await expect(editorRow(editor, 'Compte rendu de la première journée').locator('.agenda-editor-time')).toContainText('09:45');
  await editor.context().close();
});

test('once visited, the agenda stays readable offline with the time of its last update', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL });
  const page = await context.newPage();
  await page.goto('/agenda');
  await hydrated(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // Visited once more with the worker in control: the copy is kept.
  await page.reload();
  await hydrated(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('article.agenda-item')).toHaveCount(20);
  await expect(page.locator('.agenda-updated')).toContainText('Dernière mise à jour');
  await expect(page.locator('.agenda[data-live="offline"]')).toBeAttached({ timeout: 10_000 });
  await context.close();
});

test('times are also shown in the viewer’s own time zone, and the print layout keeps only the programme', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'fr-FR', baseURL, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.goto('/sessions/1/agenda');
  await hydrated(page);
  const opening = publicItem(page, 'Cérémonie officielle d’ouverture');
  await expect(opening.locator('.agenda-time')).toContainText('09:30–10:30');
  await expect(opening.locator('.agenda-local-time')).toContainText('Votre heure : 04:30–05:30, America/New_York');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header').first()).toBeHidden();
  await expect(page.locator('.agenda-live')).toBeHidden();
  await expect(opening).toBeVisible();
  await context.close();
});

/** A server process of the release build on `port`, over `databaseUrl`. */
function startServer(port: number, databaseUrl: string): ChildProcess {
  return spawn('./target/release/server', [], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      RUST_LOG: 'warn',
      CCMEX_SIGN_IN_PER_MINUTE: '1000',
    },
    stdio: 'ignore',
  });
}

async function waitUntilUp(port: number) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server on port ${port} did not start`);
}

test.describe('two server processes on PostgreSQL', () => {
  const admin = process.env.CCMEX_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ccmex_e2e_${Date.now()}_${process.pid}`;
  const databaseUrl = `${admin.slice(0, admin.lastIndexOf('/'))}/${name}`;
  const [portA, portB] = [Number(process.env.CCMEX_E2E_PORT ?? 3300) + 11, Number(process.env.CCMEX_E2E_PORT ?? 3300) + 12];
  let serverA: ChildProcess | undefined;
  let serverB: ChildProcess | undefined;

  test.beforeAll(async () => {
    execFileSync('psql', ['-q', admin, '-c', `CREATE DATABASE ${name}`]);
    serverA = startServer(portA, databaseUrl);
    await waitUntilUp(portA);
    execFileSync('./target/release/server', ['admin', 'create', '--email', ADMIN.email, '--name', ADMIN.name], {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'warn' },
      input: `${ADMIN.password}\n`,
    });
    serverB = startServer(portB, databaseUrl);
    await waitUntilUp(portB);
  });

  test.afterAll(async () => {
    for (const server of [serverA, serverB]) server?.kill('SIGKILL');
    execFileSync('psql', ['-q', admin, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  });

  test('an edit through one process reaches a viewer of the other, who catches up after a cut', async ({ browser, baseURL }) => {
    const title = 'Cérémonie officielle d’ouverture';
    const viewer = await openViewer(browser, `http://127.0.0.1:${portB}`, '/agenda');
    const context = await browser.newContext({ locale: 'fr-FR', baseURL: `http://127.0.0.1:${portA}` });
    const editor = await context.newPage();
    const response = await signIn(editor, ADMIN.email, ADMIN.password);
    expect(response.status()).toBe(303);
    await editor.goto('/espace/agenda');
    await hydrated(editor);

    await setStatus(editor, editorRow(editor, title), 'Démarrer');
    await expect(publicItem(viewer, title).locator('.agenda-status'), 'across processes within a second').toHaveText('En cours', { timeout: 1_000 });

    // The viewer's server goes away; a change is made meanwhile; the server comes back.
    serverB!.kill('SIGKILL');
    await expect(viewer.locator('.agenda[data-live="offline"]')).toBeAttached({ timeout: 5_000 });
    await setStatus(editor, editorRow(editor, title), 'Terminer');
    serverB = startServer(portB, databaseUrl);
    await waitUntilUp(portB);
    await expect(publicItem(viewer, title).locator('.agenda-status'), 'caught up after reconnecting').toHaveText('Terminé', { timeout: 10_000 });
    await expect(viewer.locator('[aria-live="polite"]').filter({ hasText: 'remis à jour après la reconnexion' })).toBeAttached();
    await context.close();
    await viewer.context().close();
  });
});
