// The proposal wizard: offline drafts that never lose a word, conflicts shown with both
// versions, the agency head's approval, and read-only after submission.
import {
  accounts, clickAndLoad, expect, expectAccessible, expectPrintable, expectSync, fillCompleteProposal, hydrated, newProposal, nextStep, onePagePdf, serviceWorkerReady, signIn, test,
} from './support/app';

test.describe.configure({ mode: 'serial' });

// Titles carry a suffix, so that runs against one server (a repeated run, or both projects on a
// shared server) never find each other's proposals.
const run = Math.random().toString(36).slice(2, 7);

test('a proposal written over three steps survives going offline and a reload, then syncs', async ({ page, context }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await serviceWorkerReady(page);
  const address = await newProposal(page);

  await page.getByLabel('Judul inovasi').fill(`Akta Lahir Langsung dari Puskesmas ${run}`);
  await page.getByLabel('Kategori').selectOption({ label: 'Perangkat Daerah' });
  await expectSync(page, 'synced');
  await expectAccessible(page);
  // The bar is announced with its value, not a template.
  await expect(page.getByRole('progressbar', { name: 'Kelengkapan proposal' })).toHaveAttribute('aria-valuetext', /^\d+% lengkap$/);

  await nextStep(page);
  await expect(page.getByRole('heading', { name: 'Profil inovasi' })).toBeFocused();
  // One step at a time: the last step's fields are out of sight (and out of the tab order).
  await expect(page.getByLabel('Judul inovasi')).toBeHidden();
  await page.getByLabel('Ringkasan inovasi').fill('Bayi lahir, akta terbit di hari yang sama.');
  await page.getByLabel('Pelayanan publik').check();
  await expectSync(page, 'synced');

  await nextStep(page);
  await expect(page.getByRole('heading', { name: 'Substansi inovasi' })).toBeVisible();
  await expect(page.getByLabel('Ringkasan inovasi')).toBeHidden();
  await context.setOffline(true);
  await page.getByLabel(/^Latar belakang dan tujuan( \(wajib\))?$/).fill('Ditulis tanpa sinyal di ruang bersalin.');
  await expectSync(page, 'offline');

  // A reload without a connection: the page comes from the service worker, the words from the device.
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel('Judul inovasi')).toHaveValue(`Akta Lahir Langsung dari Puskesmas ${run}`);
  await expectSync(page, 'offline');
  await page.getByRole('button', { name: /Substansi inovasi/ }).click();
  await expect(page.getByLabel(/^Latar belakang dan tujuan( \(wajib\))?$/)).toHaveValue('Ditulis tanpa sinyal di ruang bersalin.');
  await page.getByLabel(/^Kebaruan( \(wajib\))?$/).fill('Masih luring, terus mengetik.');

  await context.setOffline(false);
  await expectSync(page, 'synced', 30_000);

  // Proof that the server has it: forget the device's copy and load the page again.
  await page.evaluate(() => localStorage.clear());
  await page.goto(address);
  await hydrated(page);
  await expect(page).toHaveTitle(`Akta Lahir Langsung dari Puskesmas ${run} · Proposal inovasi — Inovasi`);
  await page.getByRole('button', { name: /Substansi inovasi/ }).click();
  await expect(page.getByLabel(/^Latar belakang dan tujuan( \(wajib\))?$/)).toHaveValue('Ditulis tanpa sinyal di ruang bersalin.');
  await expect(page.getByLabel(/^Kebaruan( \(wajib\))?$/)).toHaveValue('Masih luring, terus mengetik.');
  await page.goto('/agency');
  await expect(page.getByRole('link', { name: `Akta Lahir Langsung dari Puskesmas ${run}` }).first()).toBeVisible();
});

test('two new proposals begun offline in a row stay two new proposals, and change nothing else', async ({ page, context }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await serviceWorkerReady(page);
  // One proposal begun online: the service worker now keeps the "new proposal" page.
  const first = await newProposal(page);
  await page.getByLabel('Judul inovasi').fill(`Pertama Daring ${run}`);
  await expectSync(page, 'synced');
  await page.goto('/agency');

  // Offline, "new proposal" twice: each time a blank wizard at an address of its own.
  await context.setOffline(true);
  const offline: string[] = [];
  for (const title of [`Kedua Luring ${run}`, `Ketiga Luring ${run}`]) {
    await page.goto('/agency');
    await clickAndLoad(page, page.getByRole('link', { name: 'Buat proposal baru' }));
    await hydrated(page);
    await expect(page).toHaveURL(/\/agency\/proposals\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Judul inovasi')).toHaveValue('');
    await page.getByLabel('Judul inovasi').fill(title);
    await expectSync(page, 'offline');
    offline.push(page.url());
  }
  expect(new Set([first, ...offline]).size).toBe(3);

  // Back online, each draft syncs when it is opened again.
  await context.setOffline(false);
  for (const address of offline) {
    await page.goto(address);
    await hydrated(page);
    await expectSync(page, 'synced', 30_000);
  }

  // The server has three proposals, each with its own title; the first is unchanged.
  await page.evaluate(() => localStorage.clear());
  const titles = [`Pertama Daring ${run}`, `Kedua Luring ${run}`, `Ketiga Luring ${run}`];
  for (const [i, address] of [first, ...offline].entries()) {
    await page.goto(address);
    await hydrated(page);
    await expect(page.getByLabel('Judul inovasi')).toHaveValue(titles[i]);
  }
  await page.goto('/agency');
  for (const title of titles) {
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveCount(1);
  }
});

test('two people change the same answer: both versions are shown and a person chooses', async ({ browser }) => {
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, accounts.member);
  await expect(staff).toHaveURL(/\/agency$/);
  const address = await newProposal(staff);
  await staff.getByLabel('Judul inovasi').fill(`Konflik Judul ${run}`);
  await expectSync(staff, 'synced');

  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await signIn(head, accounts.head);
  await expect(head).toHaveURL(/\/agency$/);
  await head.goto(address);
  await hydrated(head);
  await expect(head.getByLabel('Judul inovasi')).toHaveValue(`Konflik Judul ${run}`);

  // The head changes the title and the category; the member, still on the old copy, changes
  // the title too.
  await head.getByLabel('Judul inovasi').fill(`Judul versi kepala ${run}`);
  await head.getByLabel('Kategori').selectOption({ label: 'Kesehatan' });
  await expectSync(head, 'synced');
  await staff.getByLabel('Judul inovasi').fill(`Judul versi staf ${run}`);
  await expectSync(staff, 'conflict');

  const conflict = staff.getByRole('region', { name: 'Orang lain mengubah isian yang sama' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByText(`Judul versi staf ${run}`)).toBeVisible();
  await expect(conflict.getByText(`Judul versi kepala ${run}`)).toBeVisible();
  await expectAccessible(staff);
  // The category changed on one side only: it merged by itself.
  await expect(staff.getByLabel('Kategori')).toHaveValue(/\d+/);

  await conflict.getByLabel('Gabungan').fill(`Judul gabungan staf dan kepala ${run}`);
  await conflict.getByRole('button', { name: 'Pakai gabungan' }).click();
  await expectSync(staff, 'synced');
  await expect(conflict).toHaveCount(0);

  await head.reload();
  await hydrated(head);
  await expect(head.getByLabel('Judul inovasi')).toHaveValue(`Judul gabungan staf dan kepala ${run}`);
  await staffContext.close();
  await headContext.close();
});

test('the head approves and submits; a submitted proposal cannot be edited', async ({ browser }) => {
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signIn(member, accounts.member);
  await expect(member).toHaveURL(/\/agency$/);
  const address = await newProposal(member);
  const id = address.split('/').pop()!;
  await fillCompleteProposal(member, `Adminduk Masuk Sekolah ${run}`);
  await expect(member.getByRole('heading', { name: 'Ringkasan' })).toBeVisible();
  await expect(member.getByText('Semua isian wajib sudah lengkap.')).toBeVisible();
  await expectSync(member, 'synced');
  await expectAccessible(member);
  await member.getByRole('button', { name: 'Kirim ke kepala instansi' }).click();
  await member.waitForURL(/\/agency$/);
  const row = member.getByRole('row').filter({ hasText: `Adminduk Masuk Sekolah ${run}` });
  await expect(row.getByText('Menunggu persetujuan')).toBeVisible();

  const headContext = await browser.newContext();
  const head = await headContext.newPage();
  await signIn(head, accounts.head);
  await expect(head).toHaveURL(/\/agency$/);
  await clickAndLoad(head, head.getByRole('link', { name: `Adminduk Masuk Sekolah ${run}` }));
  await expect(head).toHaveURL(new RegExp(`/proposals/${id}$`));
  await expect(head.getByRole('heading', { name: `Adminduk Masuk Sekolah ${run}` })).toBeVisible();
  await expectAccessible(head);
  await expectPrintable(head, head.getByRole('heading', { name: `Adminduk Masuk Sekolah ${run}` }));
  await clickAndLoad(head, head.getByRole('button', { name: 'Setujui dan ajukan' }));
  await expect(head).toHaveURL(/\/agency$/);
  await expect(head.getByRole('row').filter({ hasText: `Adminduk Masuk Sekolah ${run}` }).getByText('Diajukan')).toBeVisible();

  // The member's wizard address now shows the proposal for reading only.
  await member.goto(address);
  await expect(member.getByText('Proposal ini sudah tidak dapat diubah.')).toBeVisible();
  await expect(member.getByLabel('Judul inovasi')).toHaveCount(0);
  // And the server refuses a save sent by hand.
  const refused = await member.evaluate(async (proposalId) => {
    const r = await fetch('/api/save_draft', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ request: { proposal_id: proposalId, base_version: 99, key: 'by-hand', changes: [{ field: 'title', base: 'apa saja', value: 'Diubah' }] } }),
    });
    return { status: r.status, body: await r.json() };
  }, id);
  expect(refused.status).toBe(409);
  expect(refused.body).toBe('read_only');
  await memberContext.close();
  await headContext.close();
});

test('an incomplete proposal lists what is missing and cannot be sent', async ({ page }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await newProposal(page);
  await page.getByLabel('Judul inovasi').fill(`Belum selesai ${run}`);
  await page.getByRole('button', { name: /Ringkasan/ }).click();
  await expect(page.getByText('Yang masih perlu dilengkapi:')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Kategori: wajib diisi' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirim ke kepala instansi' })).toBeDisabled();
  // The way back to a missing item.
  await page.getByRole('listitem').filter({ hasText: 'Ringkasan inovasi' }).getByRole('button').click();
  await expect(page.getByRole('heading', { name: 'Profil inovasi' })).toBeFocused();
  await expect(page.locator('#' + (await page.getByLabel('Ringkasan inovasi').getAttribute('id')) + '-error')).toHaveText('wajib diisi');
  // A word limit is checked as one types, and the over-long text stays on the device.
  await page.getByLabel('Ringkasan inovasi').fill(Array(205).fill('kata').join(' '));
  await expect(page.getByText('terlalu panjang (maksimal 200 kata)')).toBeVisible();
  await expectSync(page, 'local');
  await expectAccessible(page);
});

test('evidence files: uploaded with progress, checked by content, removable, and not offline', async ({ page, context }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await newProposal(page);
  await page.getByLabel('Judul inovasi').fill(`Bukti berkas ${run}`);
  await page.getByRole('button', { name: /Tim dan bukti/ }).click();
  const slot = page.getByRole('group', { name: /Bukti pendukung/ });
  await slot.locator('input[type=file]').setInputFiles({
    name: 'SK Bupati.pdf', mimeType: 'application/pdf', buffer: onePagePdf('SK Bupati'),
  });
  await expect(slot.getByRole('link', { name: 'SK Bupati.pdf' })).toBeVisible();
  // A PDF cut off on its way (or otherwise damaged) is refused by name, saying what to do.
  await slot.locator('input[type=file]').setInputFiles({
    name: 'SK terpotong.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type'),
  });
  await expect(slot.getByText('SK terpotong.pdf: rusak atau tidak dapat dibaca', { exact: false })).toBeVisible();
  // An executable dressed as a PDF is refused, with the reason beside the slot.
  await slot.locator('input[type=file]').setInputFiles({
    name: 'laporan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00program', 'binary'),
  });
  await expect(slot.getByText('laporan.pdf: bukan PDF, JPG, PNG, DOCX, atau XLSX', { exact: false })).toBeVisible();
  await expect(slot.getByRole('link', { name: 'laporan.pdf' })).toHaveCount(0);
  await expectAccessible(page);
  // The file downloads for its agency.
  const href = await slot.getByRole('link', { name: 'SK Bupati.pdf' }).getAttribute('href');
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect((await download.body()).toString()).toContain('SK Bupati');
  // Offline, the slot says uploads need the network.
  await context.setOffline(true);
  await expect(slot.getByText('Unggah berkas memerlukan koneksi internet', { exact: false })).toBeVisible();
  await context.setOffline(false);
  await slot.getByRole('button', { name: /Hapus SK Bupati.pdf/ }).click();
  await expect(slot.getByRole('link', { name: 'SK Bupati.pdf' })).toHaveCount(0);
});

test('when the device cannot keep drafts, the wizard says so at once and still syncs', async ({ page }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  // From now on every write to local storage fails, as when it is full.
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await newProposal(page);
  await page.getByLabel('Judul inovasi').fill(`Penyimpanan penuh ${run}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Penyimpanan di perangkat ini penuh atau tidak tersedia' })).toBeVisible();
  await expectSync(page, 'synced');
});

test('fields show the saved answers before the script has loaded, and cannot be typed into yet', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(accounts.member);
  await page.getByLabel('Kata sandi').fill('demo-inovasi-2026');
  await clickAndLoad(page, page.getByRole('button', { name: 'Masuk' }));
  await expect(page).toHaveURL(/\/agency$/);
  await clickAndLoad(page, page.getByRole('link', { name: 'Akta Kelahiran Terbit dari Ruang Bersalin' }));
  await expect(page.getByLabel('Judul inovasi')).toHaveValue('Akta Kelahiran Terbit dari Ruang Bersalin');
  await expect(page.getByLabel('Judul inovasi')).not.toBeEditable();
  await context.close();
});

test('a second person signing in on the same tablet never opens the first one’s pages offline', async ({ page, context }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await serviceWorkerReady(page);
  // The member opens one of the agency's drafts: the service worker keeps it for offline use.
  await page.goto('/agency');
  const href = await page.getByRole('link', { name: 'Akta Kelahiran Terbit dari Ruang Bersalin' }).getAttribute('href');
  await page.goto(href!);
  await hydrated(page);
  await expect(page.getByLabel('Judul inovasi')).toHaveValue('Akta Kelahiran Terbit dari Ruang Bersalin');
  const kept = (path: string) => page.evaluate(async (p) => !!(await (await caches.open('inovasi-pages-v1')).match(location.origin + p)), path);
  await expect.poll(() => kept(href!)).toBe(true);

  // The session ends without "Keluar" (it expired, or was ended from another device), and
  // someone from another agency signs in on the same tablet.
  await context.clearCookies();
  await signIn(page, 'kepala.puskesmas@inovasi.test');
  await expect(page).toHaveURL(/\/agency$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Puskesmas Sukamaju');
  // The pages kept for the first person went as soon as a page came back for someone else.
  expect(await kept(href!)).toBe(false);

  // Offline, the first person's draft is not there to open.
  await context.setOffline(true);
  await page.goto(href!).catch(() => undefined);
  await expect(page.getByText('Akta Kelahiran Terbit dari Ruang Bersalin')).toHaveCount(0);
  await context.setOffline(false);
});
