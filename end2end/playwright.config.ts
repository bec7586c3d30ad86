import { defineConfig, devices } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The release server, started on a fresh SQLite file for this run (unless CCMEX_BASE_URL
// points at a server someone else started).
const port = Number(process.env.CCMEX_E2E_PORT ?? 3300);
const external = process.env.CCMEX_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;
// The config is evaluated again in each worker process: the folder made by the runner is
// handed down through the environment, so there is one per run.
const dataDir = (process.env.CCMEX_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ccmex-e2e-')));
const databaseUrl = `sqlite://${dataDir}/ccmex.db`;
// Read by global-setup.ts (same process), which creates the first administrator there.
process.env.CCMEX_E2E_DATABASE_URL = databaseUrl;

export default defineConfig({
  testDir: './tests',
  // Creates the first administrator with `server admin create` (skipped for CCMEX_BASE_URL).
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  // French is the platform's first language: browsers say so unless a test says otherwise.
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], locale: 'fr-FR' } }],
  webServer: external
    ? undefined
    : {
        command: './target/release/server',
        cwd: '..',
        url: `${baseURL}/healthz`,
        timeout: 60_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          DATABASE_URL: databaseUrl,
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          LEPTOS_SITE_ROOT: 'target/site',
          RUST_LOG: 'info,tower_http=warn',
          // Every test signs in from 127.0.0.1: the per-IP limit must not trip across the
          // suite (the per-account limit of 5 failures a minute still applies and is tested).
          CCMEX_SIGN_IN_PER_MINUTE: '1000',
        },
      },
});
