// The organisers start the next year from the browser, from a year whose results are out:
// the new year copies last year's setup, takes the KIPP 2023 preset, gets a two-section form
// built (with the preview the agencies will see), agencies imported from CSV (a broken file
// refused with its rows named), and a new account invited by a one-time link. Each viewport
// gets its own fresh server: INOVASI_NEXT_YEAR_URLS holds "portrait,landscape".
import type { Page } from '@playwright/test';
import { clickAndLoad, expect, expectAccessible, hydrated, serverUrl, signIn, test } from './support/app';

async function saveForm(page: Page) {
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan formulir' }));
  // Saved: back on the page with no error in the address.
  await expect(page).toHaveURL(/\/admin\/form$/);
}

test('an admin starts the next year and sets it up from the browser', async ({ browser }, info) => {
  const baseURL = serverUrl('next_year', info.project.name);
  const context = await browser.newContext({ baseURL, viewport: info.project.use.viewport, locale: 'id-ID' });
  const page = await context.newPage();
  await signIn(page, 'admin@inovasi.test');
  await expect(page).toHaveURL(/\/admin$/);

  // A new year, copying this one's setup.
  await page.goto('/admin/year');
  await expect(page.locator('.badge.phase')).toHaveText('Diumumkan');
  await expectAccessible(page);
  const next = page.getByRole('region', { name: 'Tahun lomba baru' });
  const year = await next.getByLabel('Tahun', { exact: true }).inputValue();
  await expect(next.getByLabel(/Salin pengaturan tahun ini/)).toBeChecked();
  await clickAndLoad(page, next.getByRole('button', { name: 'Buat tahun baru' }));
  await expect(page.locator('.badge.phase')).toHaveText('Persiapan');
  await expect(page.getByText(`Lomba Inovasi Pelayanan Publik ${year}`).first()).toBeVisible();

  // The national KIPP 2023 rubric in one click: seven criteria weighing 100.
  await page.goto('/admin/criteria');
  await clickAndLoad(page, page.getByRole('button', { name: 'Rubrik nasional KIPP 2023' }));
  await expect(page.getByText('Jumlah bobot: 100')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Kriteria 7' }).getByLabel('Bobot')).toHaveValue('15');
  await expectAccessible(page);

  // A two-section form: add the two new sections, then remove the copied ones.
  await page.goto('/admin/form');
  await expectAccessible(page);
  const copied = await page.getByRole('button', { name: /^Hapus bagian/ }).count();
  expect(copied).toBeGreaterThan(0);
  // A section without a question is refused: what was typed stays, the error under it.
  await page.getByRole('group', { name: 'Bagian baru' }).getByLabel('Judul bagian').fill('Bagian tanpa pertanyaan');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan formulir' }));
  await expect(page.getByRole('alert')).not.toBeEmpty();
  let section = page.getByRole('group', { name: 'Bagian baru' });
  await expect(section.getByLabel('Judul bagian')).toHaveValue('Bagian tanpa pertanyaan');
  await expect(section.locator('p.field-error').filter({ hasText: 'minimal satu' })).toBeVisible();
  await section.getByLabel('Judul bagian').fill('Profil inovasi');
  let question = section.getByRole('group', { name: 'Pertanyaan baru' });
  await question.getByLabel('Pertanyaan', { exact: true }).fill('Nama inovasi');
  await question.getByLabel('Wajib diisi').check();
  await saveForm(page);
  section = page.getByRole('group', { name: 'Bagian baru' });
  await section.getByLabel('Judul bagian').fill('Bukti dukung');
  question = section.getByRole('group', { name: 'Pertanyaan baru' });
  await question.getByLabel('Pertanyaan', { exact: true }).fill('Dokumen pendukung');
  await question.getByLabel('Jenis isian').selectOption('evidence');
  await question.getByLabel('Jumlah berkas').fill('3');
  await saveForm(page);
  for (let i = 0; i < copied; i++) {
    await clickAndLoad(page, page.getByRole('button', { name: 'Hapus bagian Bagian 1', exact: true }));
    await expect(page).toHaveURL(/\/admin\/form$/);
  }
  await expect(page.getByRole('button', { name: /^Hapus bagian/ })).toHaveCount(2);
  // A second question in the first section, moved to the top.
  question = page.getByRole('group', { name: 'Bagian 1' }).getByRole('group', { name: 'Pertanyaan baru' });
  await question.getByLabel('Pertanyaan', { exact: true }).fill('Tanggal mulai berjalan');
  await question.getByLabel('Jenis isian').selectOption('date');
  await question.getByLabel(/tanggal inovasi mulai berjalan/).check();
  await saveForm(page);
  await clickAndLoad(page, page.getByRole('button', { name: 'Naik Pertanyaan 1.2', exact: true }));
  await expect(page.getByRole('group', { name: 'Pertanyaan 1' }).first().getByLabel('Pertanyaan', { exact: true })).toHaveValue('Tanggal mulai berjalan');

  // The preview is the agencies' own wizard, keeping nothing.
  await clickAndLoad(page, page.getByRole('link', { name: 'Pratinjau formulir' }));
  await hydrated(page);
  await expect(page.getByRole('note')).toContainText('Pratinjau formulir');
  const steps = page.getByRole('navigation', { name: /langkah/i });
  await expect(steps).toContainText('Profil inovasi');
  await expect(steps).toContainText('Bukti dukung');
  await page.getByRole('button', { name: 'Berikutnya' }).click();
  await expect(page.getByLabel(/Nama inovasi/)).toBeVisible();
  await page.getByLabel(/Nama inovasi/).fill('Coba isi');
  await expectAccessible(page);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('preview')).length);
  expect(kept).toBe(0);

  // Agencies from CSV: a broken file is refused whole, its rows named; the fixed one goes in.
  await page.goto('/admin/agencies');
  await expectAccessible(page);
  await page.getByLabel('Berkas CSV').setInputFiles({
    name: 'instansi.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('nama;jenis;kepala\nDinas Pertanian;Perangkat Daerah;Ir. Sri Wahyuni\nPuskesmas Utara;koperasi;\n'),
  });
  await clickAndLoad(page, page.getByRole('button', { name: 'Impor', exact: true }));
  const report = page.getByRole('region', { name: 'Baris yang perlu diperbaiki' });
  await expect(report.getByRole('row').nth(1)).toContainText('3');
  await expect(report).toContainText('Jenis instansi');
  await expect(page.getByRole('rowheader', { name: /Dinas Pertanian/ })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Berkas CSV').setInputFiles({
    name: 'instansi.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('nama;jenis;kepala\nDinas Pertanian;Perangkat Daerah;Ir. Sri Wahyuni\nPuskesmas Utara;Puskesmas;\n'),
  });
  await clickAndLoad(page, page.getByRole('button', { name: 'Impor', exact: true }));
  await expect(page.getByRole('status')).toContainText('2 instansi berhasil diimpor');
  await expect(page.getByRole('rowheader', { name: /Dinas Pertanian/ })).toBeVisible();

  // The new year's register counts them.
  await page.goto('/admin/compliance');
  await expect(page.getByText('Puskesmas Utara')).toBeVisible();

  // An invitation: the one-time link opens the account, once.
  await page.goto('/admin/users');
  const invite = page.getByRole('region', { name: 'Undang pengguna' });
  const email = `operator.${info.project.name}@pertanian.test`;
  await invite.getByLabel('Nama').fill('Operator Pertanian');
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Peran').selectOption('agency_member');
  await invite.getByLabel('Instansi').selectOption({ label: 'Dinas Pertanian' });
  await clickAndLoad(page, invite.getByRole('button', { name: 'Buat akun & tautan undangan' }));
  const link = await page.getByLabel(/Tautan \(hanya ditampilkan sekali ini\)/).inputValue();
  expect(link).toContain('/account/setup?token=');
  await expect(page.getByRole('row', { name: /Operator Pertanian/ })).toContainText('Menunggu aktivasi');
  await expectAccessible(page);

  const newcomer = await browser.newContext({ baseURL, viewport: info.project.use.viewport, locale: 'id-ID' });
  const theirs = await newcomer.newPage();
  await theirs.goto(new URL(link).pathname + new URL(link).search);
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Selamat datang: pilih kata sandi');
  await expectAccessible(theirs);
  await theirs.getByLabel('Kata sandi baru').fill('kebun jagung di utara');
  await theirs.getByLabel('Ulangi kata sandi').fill('kebun jagung di utara');
  await clickAndLoad(theirs, theirs.getByRole('button', { name: 'Simpan kata sandi' }));
  await expect(theirs).toHaveURL(/\/login\?ready=1/);
  await expect(theirs.getByRole('status')).toContainText('Kata sandi tersimpan');
  await signIn(theirs, email, 'kebun jagung di utara');
  await expect(theirs).toHaveURL(/\/agency$/);
  // The link worked once.
  await theirs.goto(new URL(link).pathname + new URL(link).search);
  await expect(theirs.getByRole('heading', { level: 1 })).toHaveText('Tautan tidak berlaku');
  await newcomer.close();
  await context.close();
});
