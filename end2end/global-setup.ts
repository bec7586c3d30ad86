import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * The first administrator. Against a server someone else started (CCMEX_BASE_URL), give
 * an existing administrator's address and password with CCMEX_E2E_ADMIN_EMAIL and
 * CCMEX_E2E_ADMIN_PASSWORD (and their name with CCMEX_E2E_ADMIN_NAME).
 */
export const ADMIN = {
  email: process.env.CCMEX_E2E_ADMIN_EMAIL ?? 'admin@ccmex.test',
  name: process.env.CCMEX_E2E_ADMIN_NAME ?? 'Admin Test',
  password: process.env.CCMEX_E2E_ADMIN_PASSWORD ?? 'le fleuve Niger à Ségou',
};

/**
 * Creates the first administrator the way an operator does: `server admin create`, the
 * password on standard input. Playwright starts the web server before this runs; the
 * command only writes the database (SQLite in WAL mode takes a second process).
 */
export default function globalSetup() {
  if (process.env.CCMEX_BASE_URL) return;
  const databaseUrl = process.env.CCMEX_E2E_DATABASE_URL;
  if (!databaseUrl) throw new Error('CCMEX_E2E_DATABASE_URL is not set: run through playwright.config.ts');
  try {
    execFileSync('./target/release/server', ['admin', 'create', '--email', ADMIN.email, '--name', ADMIN.name], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: databaseUrl, RUST_LOG: 'warn' },
      input: `${ADMIN.password}\n`,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 60_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    // A data folder reused from an earlier run (CCMEX_E2E_DATA_DIR) already has them.
    if (stderr.includes('already exists')) return;
    throw new Error(`server admin create failed: ${stderr || error}`);
  }
}
