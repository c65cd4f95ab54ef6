// Judges on a tablet, against the demo mid-way through blind judging (a server seeded with
// `seed-demo --judging`, one per viewport project). Each viewport still uses its own judge, so a
// run against a single shared server stays possible.
import type { Page } from '@playwright/test';
import { clickAndLoad, expect, expectAccessible, expectPrintable, expectSync, hydrated, serverUrl, serviceWorkerReady, signIn, test } from './support/app';

test.use({ baseURL: async ({}, use, info) => use(serverUrl('judging', info.project.name)) });

function judgeFor(project: string) {
  return project === 'tablet-portrait' ? 'juri1@inovasi.test' : 'juri2@inovasi.test';
}

/** Waits until the sheet island has read this device's copy (inputs are enabled from then on). */
async function sheetReady(page: Page) {
  await hydrated(page);
  await expect(page.locator('.score-sheet')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
}

/** Gives every criterion the same score, with a comment on the first. */
async function scoreAll(page: Page, score: number, comment: string) {
  const criteria = page.locator('fieldset.criterion');
  // The demo year has five criteria; waiting for them (not counting what is there yet).
  await expect(criteria).toHaveCount(5);
  for (let i = 0; i < 5; i++) {
    await criteria.nth(i).getByLabel(String(score), { exact: true }).check();
  }
  await criteria.first().getByLabel('Catatan untuk kriteria ini').fill(comment);
}

test('a judge scores two proposals, a third offline, reloads offline, and everything syncs', async ({ page, context }, info) => {
  await signIn(page, judgeFor(info.project.name));
  await expect(page).toHaveURL(/\/judge$/);
  await hydrated(page);
  await serviceWorkerReady(page);
  // Opened again under the service worker: it keeps every assigned scoring page for offline use.
  await page.reload();
  await hydrated(page);
  await expect(page.locator('ul.assignments a').first()).toBeVisible();
  const links = await page.locator('ul.assignments a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(links.length).toBeGreaterThanOrEqual(3);
  await expect
    .poll(() => page.evaluate(async (paths) => {
      const cache = await caches.open('inovasi-pages-v1');
      let kept = 0;
      for (const p of paths) if (await cache.match(location.origin + p)) kept++;
      return kept;
    }, links), { timeout: 20_000 })
    .toBe(links.length);
  // With them the score sheet's own bundle, which the list page does not load itself.
  const list = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')))]);
  expect(list).toEqual(['/pkg/home/inovasi.wasm']);
  await expect
    .poll(() => page.evaluate(async () => {
      const cache = await caches.open('inovasi-pages-v1');
      const kept = await Promise.all(['/pkg/sheet/inovasi.js', '/pkg/sheet/inovasi.wasm'].map((p) => cache.match(location.origin + p)));
      return kept.every((k) => !!k);
    }), { timeout: 20_000 })
    .toBe(true);
  await expect(page.getByText(`0 dari ${links.length} penilaian terkirim`)).toBeVisible();
  await expectAccessible(page);

  // Two proposals online.
  for (let i = 0; i < 2; i++) {
    await page.goto(links[i]);
    await sheetReady(page);
    const loaded = await page.evaluate(() => [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.wasm')))]);
    expect(loaded, 'the scoring page loads the score sheet bundle').toEqual(['/pkg/sheet/inovasi.wasm']);
    // Blind judging: the agency is not named.
    await expect(page.getByText('Disamarkan (penilaian buta)')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Kirim penilaian' })).toBeDisabled();
    await scoreAll(page, 7 + i, `Catatan proposal ${i + 1}`);
    await expect(page.locator('[data-total]')).toHaveText(i === 0 ? '66,7' : '77,8');
    await page.getByRole('button', { name: 'Kirim penilaian' }).click();
    await expectSync(page, 'synced');
    await expect(page.getByText('Penilaian terkirim dan terkunci')).toBeVisible();
    await expect(page.locator('fieldset.criterion').first().getByLabel('9', { exact: true })).toBeDisabled();
    if (i === 0) {
      await expectAccessible(page);
      // On paper the sheet follows the proposal, with its scores.
      await expectPrintable(page, page.locator('fieldset.criterion').first());
    }
  }

  // The third in airplane mode.
  await context.setOffline(true);
  await page.goto(links[2]);
  await sheetReady(page);
  await scoreAll(page, 9, 'Dinilai tanpa sinyal');
  await page.getByLabel('Catatan umum').fill('Layak menjadi finalis.');
  await page.getByRole('button', { name: 'Kirim penilaian' }).click();
  await expectSync(page, 'offline');
  await expect(page.getByText('Penilaian akan terkirim begitu perangkat tersambung')).toBeVisible();

  // A reload with no connection keeps everything.
  await page.reload();
  await sheetReady(page);
  await expect(page.locator('fieldset.criterion').first().getByLabel('9', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Catatan umum')).toHaveValue('Layak menjadi finalis.');
  await expect(page.getByText('Penilaian akan terkirim begitu perangkat tersambung')).toBeVisible();

  // Back online: it syncs and is handed in.
  await context.setOffline(false);
  await expectSync(page, 'synced', 30_000);
  await expect(page.getByText('Penilaian terkirim dan terkunci')).toBeVisible();

  await page.goto('/judge');
  await expect(page.getByText(`3 dari ${links.length} penilaian terkirim`)).toBeVisible();
  for (const href of links.slice(0, 3)) {
    await expect(page.locator(`li:has(a[href="${href}"])`).getByText('Penilaian terkirim')).toBeVisible();
  }
  // "Next" goes to one not yet handed in.
  const next = await page.getByRole('link', { name: 'Nilai proposal berikutnya' }).getAttribute('href');
  expect(links.slice(0, 3)).not.toContain(next);
});

test('a judge cannot open a proposal that is not theirs, and a conflict removes one', async ({ page }, info) => {
  // The organisers' page gives the proposals' addresses (and never scores).
  await signIn(page, 'admin@inovasi.test');
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/judging');
  await expect(page.getByRole('heading', { level: 1, name: 'Penilaian' })).toBeVisible();
  await expectAccessible(page);
  const lawa = await page.getByRole('link', { name: 'Layanan Adminduk Lewat WhatsApp (LAWA)' }).getAttribute('href');
  const id = lawa!.split('/').pop();
  await page.context().clearCookies();

  // juri4 works for Disdukcapil: LAWA is never theirs, and looks like no proposal at all.
  await signIn(page, 'juri4@inovasi.test');
  await expect(page).toHaveURL(/\/judge$/);
  const refused = await page.goto(`/judge/proposals/${id}`);
  expect(refused?.status()).toBe(404);
  const refusedText = await page.locator('main').innerText();
  const nowhere = await page.goto('/judge/proposals/00000000-0000-4000-8000-000000000000');
  expect(nowhere?.status()).toBe(404);
  expect(await page.locator('main').innerText()).toBe(refusedText);

  // juri3 declares a conflict on one assigned proposal (one per viewport run): it leaves the list.
  await page.context().clearCookies();
  await signIn(page, 'juri3@inovasi.test');
  await expect(page).toHaveURL(/\/judge$/);
  // signIn returns once the list has loaded: it is the baseline, and it is not empty.
  const links = page.locator('ul.assignments a');
  await expect(links.first()).toBeVisible();
  const before = await links.count();
  expect(before).toBeGreaterThan(1);
  const first = await links.first().getAttribute('href');
  await page.goto(first!);
  await sheetReady(page);
  await page.getByText('Nyatakan konflik kepentingan').click();
  await page.getByLabel('Alasan').fill(`Saya pembina tim inovasi ini (${info.project.name}).`);
  await clickAndLoad(page, page.getByRole('button', { name: 'Nyatakan konflik', exact: true }));
  await expect(page).toHaveURL(/\/judge$/);
  await expect(page.locator('ul.assignments a')).toHaveCount(before - 1);
  await expect(page.locator(`a[href="${first}"]`)).toHaveCount(0);
});

test('a judge takes new assignments and reminders in the morning digest', async ({ page }) => {
  // juri3: no other test of this server reads their choices.
  await signIn(page, 'juri3@inovasi.test');
  await expect(page).toHaveURL(/\/judge$/);
  await clickAndLoad(page, page.getByRole('link', { name: /^Pemberitahuan/ }));
  await expect(page.getByRole('heading', { level: 1, name: 'Pemberitahuan' })).toBeVisible();
  // A judge is offered the judges' kinds, never the agencies'.
  await expect(page.getByLabel('Hasil seleksi administrasi')).toHaveCount(0);
  for (const kind of ['Proposal baru untuk dinilai', 'Pengingat lembar nilai yang belum diserahkan']) {
    await page.getByLabel(kind).selectOption({ label: 'Ringkasan harian (pukul 07.00)' });
  }
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan pilihan e-mail' }));
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  await expect(page.getByLabel('Proposal baru untuk dinilai')).toHaveValue('digest');
  await expect(page.getByLabel('Pengingat lembar nilai yang belum diserahkan')).toHaveValue('digest');
  await expect(page.getByLabel('Pesan dari panitia')).toHaveValue('email');
  await expectAccessible(page);
});
