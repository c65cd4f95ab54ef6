// Playwright runs the system Chromium (Debian's package): this machine cannot download
// Playwright's own browsers. The servers under test are started by scripts/test, one per moment
// of the year and per viewport project, and passed as INOVASI_<KIND>_URLS="portrait,landscape"
// (see tests/support/app.ts): the projects share no state, so they may run side by side.
import { defineConfig } from '@playwright/test';
import { serverUrl } from './tests/support/servers';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.INOVASI_E2E_WORKERS ?? 1),
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'id-ID',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    trace: 'off',
  },
  projects: [
    {
      name: 'tablet-portrait',
      use: { viewport: { width: 768, height: 1024 }, hasTouch: true, baseURL: serverUrl('submission', 'tablet-portrait') },
    },
    {
      name: 'tablet-landscape',
      use: { viewport: { width: 1024, height: 768 }, hasTouch: true, baseURL: serverUrl('submission', 'tablet-landscape') },
    },
  ],
});
