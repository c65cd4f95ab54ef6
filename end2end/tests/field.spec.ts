// Field verification (a server seeded with `seed-demo --field`, one per viewport project): a
// judge visits a finalist where there is no signal — opens the kept scoring page offline, fills
// in the checklist, takes two photos, hands the report in — and everything reaches the server
// once the network returns, where the organisers read it with the photos, and open it again for
// a correction the judge then hands in. A file that is not a
// photo is refused by the server, and stays on the device, marked, until the judge removes it.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, hydrated, serverUrl, serviceWorkerReady, signIn, test } from './support/app';

/** A 2×2 PNG, as a photo taken by the tablet's camera would arrive (judged by its content). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

/** Waits until the checklist island has read this device's copy and its photos. */
async function visitReady(page: Page) {
  await hydrated(page);
  await expect(page.locator('.visit')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
}

const visitSync = (page: Page) => page.locator('.visit [data-sync]');

test('a field visit done entirely offline with two photos syncs when the network returns', async ({ browser }, info) => {
  const baseURL = serverUrl('field', info.project.name);
  const context = await browser.newContext({ baseURL, viewport: info.project.use.viewport, locale: 'id-ID' });
  const page = await context.newPage();
  await signIn(page, 'juri1@inovasi.test');
  await expect(page).toHaveURL(/\/judge$/);
  await hydrated(page);
  await serviceWorkerReady(page);
  // Opened again under the service worker: it keeps the finalists' pages and their bundle.
  await page.reload();
  await hydrated(page);
  const links = await page.locator('ul.assignments a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(links.length).toBeGreaterThanOrEqual(2);
  await expect
    .poll(() => page.evaluate(async (paths) => {
      const cache = await caches.open('inovasi-pages-v1');
      const kept = await Promise.all([...paths, '/pkg/visit/inovasi.js', '/pkg/visit/inovasi.wasm'].map((p) => cache.match(location.origin + p)));
      return kept.every((k) => !!k);
    }, links), { timeout: 20_000 })
    .toBe(true);

  // At the puskesmas: no signal from here on.
  await context.setOffline(true);
  await page.goto(links[0]);
  await visitReady(page);
  const loaded = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')))]);
  expect(loaded, 'a field round\'s scoring page loads the visit bundle').toEqual(['/pkg/visit/inovasi.wasm']);
  await expect(page.getByRole('heading', { name: 'Verifikasi lapangan' })).toBeVisible();
  await page.getByLabel('Tanggal kunjungan').fill('2026-12-07');
  await page.getByLabel('Tim yang berkunjung').fill('Tim verifikasi Bappeda');
  const claims = page.locator('li.claim');
  await expect(claims).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Serahkan laporan kunjungan' })).toBeDisabled();
  for (let i = 0; i < 5; i++) {
    await claims.nth(i).getByLabel(i === 2 ? 'Sebagian' : 'Terbukti', { exact: true }).check();
  }
  await claims.first().getByLabel('Yang dilihat').fill('Loket antrean daring dipakai warga.');
  // Two photos: one of the first claim, one of the visit as a whole.
  await page.locator('#photo-claim-1').setInputFiles({ name: 'loket.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('#photo-other').setInputFiles({ name: 'papan.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.locator('.visit .photo[data-state="on-device"]')).toHaveCount(2);
  await expect(page.getByText('2 foto menunggu jaringan')).toBeVisible();
  await page.getByRole('button', { name: 'Serahkan laporan kunjungan' }).click();
  await expect(page.getByText('Laporan kunjungan akan terkirim begitu perangkat tersambung.')).toBeVisible();
  await expect(visitSync(page)).toHaveAttribute('data-sync', 'offline');
  await expectAccessible(page);

  // The tablet is closed and opened again, still without signal: nothing is lost.
  await page.reload();
  await visitReady(page);
  await expect(page.getByLabel('Tim yang berkunjung')).toHaveValue('Tim verifikasi Bappeda');
  await expect(claims.nth(2).getByLabel('Sebagian')).toBeChecked();
  await expect(page.locator('.visit .photo[data-state="on-device"]')).toHaveCount(2);
  await expect(page.getByText('Laporan kunjungan akan terkirim begitu perangkat tersambung.')).toBeVisible();

  // Back in town: the report and both photos reach the server by themselves.
  await context.setOffline(false);
  await expect(page.locator('.visit .photo[data-state="sent"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(visitSync(page)).toHaveAttribute('data-sync', 'synced', { timeout: 30_000 });
  await expect(page.getByText('Laporan kunjungan terkirim dan terkunci.')).toBeVisible();
  await expect(page.getByText('foto menunggu jaringan')).toHaveCount(0);
  // The device keeps nothing it no longer needs: the photos left its store once sent.
  await expect
    .poll(() => page.evaluate(() => new Promise<number>((resolve) => {
      const open = indexedDB.open('inovasi-photos');
      open.onsuccess = () => {
        const count = open.result.transaction('photos').objectStore('photos').count();
        count.onsuccess = () => resolve(count.result);
      };
    })))
    .toBe(0);

  // The organisers read the report with its photos on the finalist's result page.
  const proposal = links[0].split('/').pop();
  const office = await browser.newContext({ baseURL, viewport: info.project.use.viewport, locale: 'id-ID' });
  const admin = await office.newPage();
  await signIn(admin, 'admin@inovasi.test');
  await admin.goto(`/admin/results/${proposal}`);
  const report = admin.locator('.visit-report');
  await expect(report).toContainText('Tim verifikasi Bappeda');
  await expect(report).toContainText('Loket antrean daring dipakai warga.');
  await expect(report.locator('img')).toHaveCount(2);
  await expect(report.getByText('Sebagian')).toBeVisible();
  await expectAccessible(admin);

  // A finding to correct: the organisers open the report again, saying why.
  await report.locator('summary', { hasText: 'Buka kembali laporan' }).click();
  await report.getByLabel('Alasan').fill('Temuan klaim 3 perlu dijelaskan.');
  await report.getByRole('button', { name: 'Buka kembali laporan' }).click();
  await expect(admin.locator('.visit-report')).toContainText('belum diserahkan');
  await office.close();

  // The judge's tablet, which holds the report as handed in, learns of it, corrects, and
  // hands it in again.
  await page.reload();
  await visitReady(page);
  await expect(page.getByText('Panitia membuka kembali laporan ini: perbaiki lalu serahkan lagi.')).toBeVisible();
  await claims.nth(2).getByLabel('Yang dilihat').fill('SOP ada, anggaran belum.');
  await page.getByRole('button', { name: 'Serahkan laporan kunjungan' }).click();
  await expect(page.getByText('Laporan kunjungan terkirim dan terkunci.')).toBeVisible({ timeout: 15_000 });
  await expect(visitSync(page)).toHaveAttribute('data-sync', 'synced');
  await expect(page.getByText('Panitia membuka kembali laporan ini')).toHaveCount(0);
  await context.close();
});

test('a file that is not a photo is refused and stays marked on the device until removed', async ({ browser }, info) => {
  const baseURL = serverUrl('field', info.project.name);
  const context = await browser.newContext({ baseURL, viewport: info.project.use.viewport, locale: 'id-ID' });
  const page = await context.newPage();
  await signIn(page, 'juri2@inovasi.test');
  await hydrated(page);
  const link = await page.locator('ul.assignments a').last().getAttribute('href');
  await page.goto(link ?? '/judge');
  await visitReady(page);
  await page.locator('#photo-claim-2').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('ini teks, bukan foto') });
  const refused = page.locator('.visit .photo[data-state="refused"]');
  await expect(refused).toHaveCount(1, { timeout: 15_000 });
  await expect(refused).toContainText('bukan foto JPEG, PNG atau WebP');
  // Still marked after a reload: the device keeps it until the judge decides.
  await page.reload();
  await visitReady(page);
  await expect(refused).toContainText('bukan foto JPEG, PNG atau WebP');
  await refused.getByRole('button', { name: 'Hapus dari perangkat' }).click();
  await expect(page.locator('.visit .photo')).toHaveCount(0);
  await context.close();
});
