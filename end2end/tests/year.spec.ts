// The organisers run the year from the browser: screening with the server's checklist, the
// automatic assignment previewed then committed, phase changes refused with their reason and
// then allowed, the compliance register. Each viewport gets its own fresh server (the flow
// changes the year for good): INOVASI_SETUP_URLS holds "portrait,landscape".
import fs from 'node:fs';
import path from 'node:path';
import { clickAndLoad, expect, expectAccessible, expectSync, hydrated, mailDir, nextStep, serverUrl, signIn, test } from './support/app';

/** The e-mails this project's server has sent so far, as the mail sink received them. */
function mails(project: string): string[] {
  const dir = mailDir('setup', project);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : [];
}

test('an admin screens, assigns judges automatically and opens judging', async ({ browser }, info) => {
  const context = await browser.newContext({
    baseURL: serverUrl('setup', info.project.name),
    viewport: info.project.use.viewport,
    locale: 'id-ID',
  });
  const page = await context.newPage();
  await signIn(page, 'admin@inovasi.test');
  await expect(page).toHaveURL(/\/admin$/);

  // A refused save keeps what was typed, the error beside the field and the cursor in it:
  // weights that add up to 105.
  await page.goto('/admin/criteria');
  const weight = Number(await page.locator('#criteria-0-weight').inputValue());
  await page.locator('#criteria-0-weight').fill(String(weight + 5));
  await page.locator('#criteria-0-name').fill('Kebaruan (diketik)');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan kriteria' }));
  await expect(page.getByRole('alert')).toContainText('berjumlah 105');
  await expect(page.locator('#criteria-0-weight')).toHaveValue(String(weight + 5));
  await expect(page.locator('#criteria-0-name')).toHaveValue('Kebaruan (diketik)');
  await expect(page.locator('#criteria-0-weight')).toBeFocused();
  await expect(page.locator('#weights-error')).toContainText('berjumlah 105');
  await expectAccessible(page);
  // Nothing was saved.
  await page.goto('/admin/criteria');
  await expect(page.locator('#criteria-0-weight')).toHaveValue(String(weight));

  // The rounds: the regency's two; shares that do not total 100 are refused, kept as typed with
  // the cursor in the first share; then saved and listed beside their round.
  await page.goto('/admin/rounds');
  await clickAndLoad(page, page.getByRole('button', { name: /^Kabupaten:/ }));
  await expect(page.getByText('Babak 2 dari 2: Presentasi dan wawancara')).toBeVisible();
  await page.getByLabel('Bobot tiap babak (jumlah 100)').check();
  await page.locator('#round-1-weight').fill('40');
  await page.locator('#round-2-weight').fill('50');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan cara penggabungan' }));
  await expect(page.getByRole('alert')).toContainText('berjumlah 90');
  await expect(page.locator('#round-2-weight')).toHaveValue('50');
  await expect(page.getByLabel('Bobot tiap babak (jumlah 100)')).toBeChecked();
  await expect(page.locator('#round-1-weight')).toBeFocused();
  await expectAccessible(page);
  await page.locator('#round-2-weight').fill('60');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan cara penggabungan' }));
  await expect(page.getByRole('status').filter({ hasText: 'Tersimpan' })).toBeVisible();
  await expect(page.getByText('bobot 60%')).toBeVisible();
  await expect(page.getByText('Hasil akhir: Bobot tiap babak (jumlah 100)')).toBeVisible();

  // The year: judging cannot start from submission; screening can.
  await page.goto('/admin/year');
  await expect(page.getByRole('heading', { level: 1, name: 'Tahun kompetisi' })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole('button', { name: 'Pindah ke: Penilaian' })).toHaveCount(0);
  await clickAndLoad(page, page.getByRole('button', { name: 'Pindah ke: Seleksi administrasi' }));
  await expect(page.locator('.badge.phase')).toHaveText('Seleksi administrasi');

  // Phase dates that overlap are refused, naming the phase.
  await page.getByLabel('Penilaian — hari pertama').fill('2020-01-01');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan' }).nth(1));
  await expect(page.getByRole('alert')).toContainText('Penilaian (hari pertama)');
  const judgingFrom = page.getByLabel('Penilaian — hari pertama');
  await expect(judgingFrom).toHaveValue('2020-01-01');
  await expect(judgingFrom).toHaveAttribute('aria-invalid', 'true');
  await expect(judgingFrom).toBeFocused();

  // Judging cannot start while a proposal waits for screening: the reason is given.
  await page.goto('/admin/year');
  await clickAndLoad(page, page.getByRole('button', { name: 'Pindah ke: Penilaian' }));
  await expect(page.getByRole('alert')).toContainText('belum diseleksi');

  // The administrative check, item by item: the background needs fixing, so the proposal goes
  // back to its agency with the note and a day to fix it by.
  await page.goto('/admin/screening');
  const posyandu = page.locator('.screening-item').filter({ hasText: 'Posyandu Digital Ibu Hamil' });
  await clickAndLoad(page, posyandu.getByRole('link', { name: 'Periksa per butir' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Pemeriksaan administrasi' })).toBeVisible();
  const checkRow = (label: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^\\d+\\. ${label}`) }) });
  await checkRow('Judul').getByLabel('Diterima').check();
  await checkRow('Latar belakang').getByLabel('Perlu perbaikan').check();
  // Without its note the send-back is refused: the row named, the choices kept.
  await clickAndLoad(page, page.getByRole('button', { name: 'Kembalikan untuk diperbaiki' }));
  await expect(page.getByRole('alert')).toContainText('Catatan');
  await expect(checkRow('Latar belakang').getByLabel('Perlu perbaikan')).toBeChecked();
  await expect(checkRow('Judul').getByLabel('Diterima')).toBeChecked();
  await expect(checkRow('Latar belakang').getByRole('textbox')).toBeFocused();
  await expectAccessible(page);
  await checkRow('Latar belakang').getByRole('textbox').fill('Latar belakang belum diisi: jelaskan masalah yang diselesaikan.');
  await clickAndLoad(page, page.getByRole('button', { name: 'Kembalikan untuk diperbaiki' }));
  await expect(page).toHaveURL(/\/admin\/screening$/);
  await expect(posyandu.getByText('Dikembalikan untuk diperbaiki')).toBeVisible();

  // The agency reads what to fix, completes the proposal, and its head hands it in again.
  const agencyOptions = { baseURL: serverUrl('setup', info.project.name), viewport: info.project.use.viewport, locale: 'id-ID' };
  const memberContext = await browser.newContext(agencyOptions);
  const member = await memberContext.newPage();
  await signIn(member, 'staf.puskesmas@inovasi.test');
  const mine = member.getByRole('row').filter({ hasText: 'Posyandu Digital Ibu Hamil' });
  await expect(mine.getByText('ajukan ulang paling lambat')).toBeVisible();
  // The bell says something happened; the notice leads to the proposal.
  await clickAndLoad(member, member.getByRole('link', { name: /^Pemberitahuan: [1-9]\d* belum dibaca$/ }));
  const sentBack = member.getByRole('link', { name: /Panitia mengembalikan «Posyandu Digital Ibu Hamil \(PODIUM\)» untuk diperbaiki/ });
  await expect(sentBack).toBeVisible();
  await expectAccessible(member);
  // The same notice reached the member's mailbox, in Indonesian (the mail worker's next round).
  await expect.poll(
    () => mails(info.project.name).filter((m) => m.includes('staf.puskesmas@inovasi.test')
      && m.includes('Subject: Inovasi: Proposal dikembalikan panitia untuk diperbaiki')).length,
    { timeout: 45_000 },
  ).toBe(1);
  // Below the notices, the e-mail choices: screening outcomes in the morning digest, kept.
  await member.getByLabel('Hasil seleksi administrasi').selectOption({ label: 'Ringkasan harian (pukul 07.00)' });
  await clickAndLoad(member, member.getByRole('button', { name: 'Simpan pilihan e-mail' }));
  await expect(member.getByText('Tersimpan.')).toBeVisible();
  await expect(member.getByLabel('Hasil seleksi administrasi')).toHaveValue('digest');
  await expect(member.getByText('Selalu dikirim lewat e-mail')).toBeVisible();
  await expectAccessible(member);
  await clickAndLoad(member, sentBack);
  await expect(member.getByRole('heading', { name: 'Panitia meminta perbaikan' })).toBeVisible();
  await expect(member.getByText('Latar belakang belum diisi: jelaskan masalah yang diselesaikan.')).toBeVisible();
  await expectAccessible(member);
  await hydrated(member);
  await nextStep(member);
  await nextStep(member);
  for (const label of ['Latar belakang dan tujuan', 'Kebaruan', 'Implementasi', 'Manfaat', 'Dapat ditransfer / direplikasi', 'Keberlanjutan']) {
    await member.getByLabel(new RegExp(`^${label.replace(/[/().]/g, '\\$&')}( \\(wajib\\))?$`)).fill(`Uraian ${label.toLowerCase()} yang jelas dan terukur.`);
  }
  await nextStep(member);
  await member.getByRole('button', { name: 'Tambah anggota' }).click();
  await member.getByLabel(/^Nama( \(wajib\))?$/).first().fill('Bidan Sari Rahayu');
  await member.getByLabel('Peran dalam tim').first().fill('Ketua tim');
  await nextStep(member);
  await expect(member.getByText('Semua isian wajib sudah lengkap.')).toBeVisible();
  await expectSync(member, 'synced');
  await member.getByRole('button', { name: 'Kirim ke kepala instansi' }).click();
  await member.waitForURL(/\/agency$/);
  await memberContext.close();
  const headContext = await browser.newContext(agencyOptions);
  const head = await headContext.newPage();
  await signIn(head, 'kepala.puskesmas@inovasi.test');
  await clickAndLoad(head, head.getByRole('link', { name: /^Pemberitahuan: [1-9]\d* belum dibaca$/ }));
  await clickAndLoad(head, head.getByRole('link', { name: /Posyandu Digital Ibu Hamil \(PODIUM\)» menunggu persetujuan Anda/ }));
  await clickAndLoad(head, head.getByRole('button', { name: 'Setujui dan ajukan' }));
  await expect(head).toHaveURL(/\/agency$/);
  await expect(head.getByRole('row').filter({ hasText: 'Posyandu Digital Ibu Hamil' }).getByText('Diajukan')).toBeVisible();
  await headContext.close();

  // The organisers' outbox lists the e-mails of all this: the send-back's went out.
  await page.goto('/admin/outbox');
  await expect(page.getByText(/^E-mail belum diatur/)).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: /mengembalikan «Posyandu Digital Ibu Hamil/ }).first()).toContainText('Terkirim');
  await expectAccessible(page);

  // A broadcast to the agencies that have handed nothing in, from its template: an unknown
  // placeholder is refused with the text kept; then every recipient is listed with the message
  // filled in for them, and it is sent once.
  await clickAndLoad(page, page.getByRole('link', { name: 'Siaran', exact: true }));
  await clickAndLoad(page, page.getByRole('link', { name: 'Pengingat kepatuhan' }));
  await expect(page.getByLabel('Kepatuhan tahun ini')).toHaveValue('not_complied');
  const message = page.getByLabel('Pesan (Bahasa Indonesia)');
  await expect(message).toHaveValue(/Satu Instansi Satu Inovasi/);
  await message.fill('Yth. {name}, batas {tanggal}.');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan dan lihat penerima' }));
  await expect(page.getByRole('alert')).toContainText('penanda {tanggal} tidak dikenal');
  await expect(message).toHaveValue('Yth. {name}, batas {tanggal}.');
  await expect(message).toBeFocused();
  await message.fill('Yth. {name} dari {agency}: proposal ditunggu sampai {deadline}.');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan dan lihat penerima' }));
  await expect(page).toHaveURL(/\/admin\/broadcasts\/\d+$/);
  const recipients = page.locator('.broadcast-recipients tbody tr');
  const reached = await recipients.count();
  expect(reached).toBeGreaterThan(0);
  await expect(recipients.first().locator('.broadcast-text')).toContainText(/^Yth\. .+ dari .+: proposal ditunggu sampai \d+ \S+ \d{4}\.$/);
  await expectAccessible(page);
  await clickAndLoad(page, page.getByRole('button', { name: `Kirim ke ${reached} orang` }));
  await expect(page.getByRole('status')).toContainText('Pesan terkirim');
  await expect(page.getByText(`Terkirim ke ${reached} orang`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kirim ke/ })).toHaveCount(0);

  // Back with the organisers: handed in again, its history kept.
  await page.goto('/admin/screening');
  await expect(posyandu.getByText('Pernah dikembalikan 1×')).toBeVisible();
  await clickAndLoad(page, posyandu.getByRole('link', { name: 'Periksa per butir' }));
  await expect(page.getByText('Diajukan ulang')).toBeVisible();
  await page.goto('/admin/screening');

  // Screening: the checklist, then a pass.
  await page.goto('/admin/screening');
  const item = page.locator('.screening-item').filter({ hasText: 'Posyandu Digital Ibu Hamil' });
  await expect(item.getByText('Sudah berjalan cukup lama')).toBeVisible();
  await expect(item.getByText('Judul belum pernah diajukan')).toBeVisible();
  await expectAccessible(page);
  await clickAndLoad(page, item.getByRole('button', { name: 'Lolos', exact: true }));
  await expect(page.locator('.screening-item').filter({ hasText: 'Posyandu Digital Ibu Hamil' }).locator('.badge')).toHaveText('Lolos seleksi');

  // Assignment: preview, then commit.
  await page.goto('/admin/assignments');
  await expect(page.getByText('kurang 3 juri')).toBeVisible();
  await expectAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: 'Lihat pratinjau' }));
  await expect(page.getByText('3 penugasan baru')).toBeVisible();
  await clickAndLoad(page, page.getByRole('button', { name: 'Terapkan penugasan' }));
  await expect(page).toHaveURL(/\/admin\/assignments$/);
  // The committed board has loaded: no proposal is short of judges any more.
  await expect(page.getByText('3 penugasan baru')).toHaveCount(0);
  await expect(page.getByText('kurang 3 juri')).toHaveCount(0);

  // Now judging opens.
  await page.goto('/admin/year');
  await clickAndLoad(page, page.getByRole('button', { name: 'Pindah ke: Penilaian' }));
  await expect(page.locator('.badge.phase')).toHaveText('Penilaian');

  // The register shows the year's duty at a glance.
  await page.goto('/admin/compliance');
  await expect(page.getByText(/dari 15 instansi sudah memenuhi kewajiban/)).toBeVisible();
  await context.close();
});
