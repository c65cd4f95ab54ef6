// The organising team's tools: the compliance register.
import { accounts, clickAndLoad, expect, expectAccessible, signIn, test } from './support/app';

test('the compliance register shows every agency, filters, and exports CSV', async ({ page }) => {
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);
  // The organisers' pages come in groups: the group in the header, its pages in the row below.
  await clickAndLoad(page, page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Instansi & pengguna' }));
  await clickAndLoad(page, page.getByRole('navigation', { name: 'Instansi & pengguna' }).getByRole('link', { name: 'Kepatuhan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Kepatuhan Satu Instansi Satu Inovasi' })).toBeVisible();
  await expect(page.getByText(/dari 15 instansi sudah memenuhi kewajiban/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Dinas Sosial' }).getByText('Belum memulai')).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Status').selectOption({ label: 'Belum memulai' });
  await clickAndLoad(page, page.getByRole('button', { name: 'Terapkan' }));
  await expect(page).toHaveURL(/level=none/);
  // The filtered page has loaded: every row it lists has not started.
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row.getByText('Belum memulai')).toBeVisible();
  }
  await expect(page.getByRole('row').filter({ hasText: 'Puskesmas Sukamaju' })).toHaveCount(0);

  const href = await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text).toContain('Instansi,Jenis instansi,Kepala instansi,Status');
  expect(text).toContain('Dinas Sosial');
  expect(text).not.toContain('Puskesmas Sukamaju');
});

test('agency staff cannot open the register or its export', async ({ page }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  const response = await page.goto('/admin/compliance');
  expect(response?.status()).toBe(403);
  const csv = await page.request.get('/admin/compliance.csv');
  expect(csv.status()).toBe(403);
});

test('the audit trail lists what the organisers did and says whether it is intact', async ({ page }) => {
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);
  // Something to record: deactivate and reactivate an account.
  await page.goto('/admin/users');
  const row = page.getByRole('row').filter({ hasText: accounts.school });
  await clickAndLoad(page, row.getByRole('button', { name: /Nonaktifkan/ }));
  await expect(row.getByText('Nonaktif', { exact: true })).toBeVisible();
  await clickAndLoad(page, row.getByRole('button', { name: /Aktifkan/ }));
  await expect(row.getByText('Aktif', { exact: true })).toBeVisible();

  await clickAndLoad(page, page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Jejak audit' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Jejak audit' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Rantai segel utuh' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.deactivate' }).first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Tindakan').fill('user.activate');
  await clickAndLoad(page, page.getByRole('button', { name: 'Terapkan' }));
  await expect(page).toHaveURL(/user\.activate/);
  await expect(page.getByRole('cell', { name: 'user.deactivate' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: 'user.activate' }).first()).toBeVisible();
  const href = await page.getByRole('link', { name: 'Unduh CSV' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain('user.activate');
});

test('an admin words a notice, is refused a placeholder its kind cannot fill, and goes back to the default', async ({ page }) => {
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await clickAndLoad(page, page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Instansi & pengguna' }));
  await clickAndLoad(page, page.getByRole('navigation', { name: 'Instansi & pengguna' }).getByRole('link', { name: 'Kata-kata pemberitahuan' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Kata-kata pemberitahuan' })).toBeVisible();
  await expectAccessible(page);
  // The judges' reminder: no other test reads it.
  const card = page.locator('#template-sheets_open');
  const words = card.getByLabel('Kalimat (Bahasa Indonesia)');
  const typed = 'Penilaian ditutup {day}; {count} lembar menunggu sejak {tanggal}.';
  await words.fill(typed);
  await clickAndLoad(page, card.getByRole('button', { name: 'Simpan kalimat' }));
  await expect(page.getByRole('alert')).toContainText('penanda {tanggal} tidak dikenal');
  await expect(words).toHaveValue(typed);
  await expect(words).toBeFocused();
  await expectAccessible(page);

  await words.fill('Penilaian ditutup {day}; {count} lembar Anda masih menunggu.');
  await clickAndLoad(page, card.getByRole('button', { name: 'Simpan kalimat' }));
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan' })).toBeVisible();
  await expect(card.getByText('Diubah')).toBeVisible();
  await expect(card).toContainText(/Penilaian ditutup \d+ \S+ \d{4}; 2 lembar Anda masih menunggu\./);

  await clickAndLoad(page, card.getByRole('button', { name: 'Kembalikan ke kalimat bawaan' }));
  await expect(card.getByText('Diubah')).toHaveCount(0);
  await expect(words).not.toHaveValue(/masih menunggu\.$/);
});
