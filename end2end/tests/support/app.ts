// Page helpers shared by the specs: signing in as a demo account, waiting for hydration,
// and the axe-core accessibility check.
import { expect, Page } from '@playwright/test';
import axe from 'axe-core';

// axe-core ships its own source text, to be injected into the page under test.
const axeSource: string = axe.source;

export const DEMO_PASSWORD = 'demo-inovasi-2026';

export const accounts = {
  admin: 'admin@inovasi.test',
  judge: 'juri1@inovasi.test',
  head: 'kepala.dukcapil@inovasi.test',
  member: 'staf.dukcapil@inovasi.test',
  school: 'staf.smpn1@inovasi.test',
} as const;

/** Waits until the wasm has hydrated the page (the app's buttons then react to clicks). */
export async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** No serious or critical axe-core violation on the current page. */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, violations.join('\n')).toEqual([]);
}

/** The wizard's sync state, as the `data-sync` attribute beside the visible text says it. */
export async function expectSync(page: Page, state: 'synced' | 'local' | 'offline' | 'conflict' | 'locked', timeout = 15_000) {
  await expect(page.locator('[data-sync]')).toHaveAttribute('data-sync', state, { timeout });
}

/** Waits until the service worker controls the page, so what is visited now opens offline later. */
export async function serviceWorkerReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** Opens a new proposal in the wizard and returns its address. */
export async function newProposal(page: Page): Promise<string> {
  await page.goto('/agency');
  await page.getByRole('link', { name: 'Buat proposal baru' }).click();
  await hydrated(page);
  await expect(page).toHaveURL(/\/agency\/proposals\/[0-9a-f-]{36}$/);
  return page.url();
}

export async function nextStep(page: Page) {
  await page.getByRole('button', { name: 'Berikutnya' }).click();
}

/** Fills every required item of the demo form, step by step, ending on the summary. */
export async function fillCompleteProposal(page: Page, title: string) {
  await page.getByLabel('Judul inovasi').fill(title);
  await page.getByLabel('Kategori').selectOption({ label: 'Perangkat Daerah' });
  await nextStep(page);
  await page.getByLabel('Ringkasan inovasi').fill('Layanan administrasi kependudukan didatangkan ke desa-desa terpencil.');
  await page.getByLabel('Tanggal mulai diterapkan').fill('2023-01-15');
  await page.getByLabel('Pelayanan publik').check();
  await nextStep(page);
  for (const label of ['Latar belakang dan tujuan', 'Kebaruan', 'Implementasi', 'Manfaat', 'Dapat ditransfer / direplikasi', 'Keberlanjutan']) {
    await page.getByLabel(new RegExp(`^${label.replace(/[/().]/g, '\\$&')}( \\(wajib\\))?$`)).fill(`Uraian ${label.toLowerCase()} yang jelas dan terukur.`);
  }
  await nextStep(page);
  await page.getByRole('button', { name: 'Tambah anggota' }).click();
  await page.getByLabel(/^Nama( \(wajib\))?$/).first().fill('Dewi Anggraini');
  await page.getByLabel('Peran dalam tim').first().fill('Ketua tim');
  await nextStep(page);
}
