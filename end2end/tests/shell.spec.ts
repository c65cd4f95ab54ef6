// The shell: every role signs in and lands on its home; wrong roles are refused pages and
// server calls; the language switch works; every page passes axe-core.
import { accounts, clickAndLoad, expect, expectAccessible, hydrated, signIn, submitSignIn, test } from './support/app';

test('the public landing page describes the year and is accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Lomba Inovasi Pelayanan Publik' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lomba Inovasi Pelayanan Publik 2026' })).toBeVisible();
  await expect(page.getByText('Pengajuan dibuka')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Kebaruan' })).toBeVisible();
  await expectAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: 'Masuk' }).first());
  await expect(page.getByRole('heading', { name: 'Masuk ke Inovasi' })).toBeVisible();
  await expectAccessible(page);
});

test('the admin signs in and sees the year and the compliance figures', async ({ page }) => {
  await signIn(page, accounts.admin);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'Ringkasan tahun kompetisi' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kepatuhan Satu Instansi Satu Inovasi' })).toBeVisible();
  await expect(page.getByText('Instansi wajib')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pengguna' })).toBeVisible();
  await expectAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: 'Kelola pengguna' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Pengguna' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'juri1@inovasi.test' })).toBeVisible();
  await expectAccessible(page);
});

test('a judge signs in and sees an honest empty list', async ({ page }) => {
  await signIn(page, accounts.judge);
  await expect(page).toHaveURL(/\/judge$/);
  await expect(page.getByRole('heading', { name: 'Proposal yang ditugaskan kepada Anda' })).toBeVisible();
  await expect(page.getByText('Belum ada proposal yang ditugaskan kepada Anda.')).toBeVisible();
  await expectAccessible(page);
});

test('an agency head and a member see their agency’s proposals only', async ({ browser }) => {
  for (const email of [accounts.head, accounts.member]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    await expect(page).toHaveURL(/\/agency$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dinas Kependudukan dan Pencatatan Sipil');
    const jebol = page.getByRole('row').filter({ hasText: 'Jemput Bola Keliling Desa (JEBOL)' });
    await expect(jebol).toBeVisible();
    await expect(jebol.getByText('Menunggu persetujuan')).toBeVisible();
    await expect(page.getByText('Posyandu Digital Ibu Hamil')).toHaveCount(0);
    await expectAccessible(page);
    await context.close();
  }
});

test('a wrong role is refused the page and the server call', async ({ page }) => {
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Akses ditolak' })).toBeVisible();
  await expect(page.getByText('Instansi wajib')).toHaveCount(0);
  await expectAccessible(page);
  // Calling the admin's server function directly, with this member's session cookie.
  const call = await page.evaluate(async () => {
    const r = await fetch('/api/fetch_admin_overview', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return { status: r.status, body: await r.json() };
  });
  expect(call.status).toBe(403);
  expect(call.body).toBe('forbidden');
});

test('signing in with a wrong password says so without saying which part was wrong', async ({ page }) => {
  await submitSignIn(page, accounts.school, 'bukan-kata-sandinya');
  await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
  await expect(page).toHaveURL(/\/login(\?|$)/);
  // The email stays as typed; the password never comes back.
  await expect(page.getByLabel('Email')).toHaveValue(accounts.school);
  await expect(page.getByLabel('Kata sandi')).toHaveValue('');
});

test('the language switch turns the interface to English and back, and is remembered', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Public Service Innovation Competition' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Judging criteria' })).toBeVisible();
  await expectAccessible(page);
  await hydrated(page);
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.getByRole('heading', { name: 'Kriteria penilaian' })).toBeVisible();
});

test('the header stays one row on a tablet for every role, with the name in full', async ({ page, context }) => {
  for (const email of [accounts.admin, accounts.head, accounts.member, accounts.judge]) {
    await context.clearCookies();
    await signIn(page, email);
    const bar = await page.locator('header.topbar').boundingBox();
    expect(bar!.height, `${email}: the bar is one row`).toBeLessThanOrEqual(64);
    const name = page.locator('.account .who-name');
    await expect(name).toBeVisible();
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth), `${email}: the name is not cut`).toBe(true);
    // The person's menu opens without script and holds the language and sign-out.
    await page.locator('.account summary').click();
    await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
    await expectAccessible(page);
  }
});

test('signing out returns to the public page', async ({ page }) => {
  await signIn(page, accounts.head);
  await expect(page).toHaveURL(/\/agency$/);
  await hydrated(page);
  // Sign-out sits in the person's menu, opened from their name in the bar.
  await page.locator('.account summary').click();
  await page.getByRole('button', { name: 'Keluar' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Masuk' })).toBeVisible();
  const response = await page.goto('/agency');
  expect(response?.status()).toBe(401);
});

test('deactivating a user signs them out at once; activating lets them back in', async ({ browser }) => {
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, accounts.school);
  await expect(staff).toHaveURL(/\/agency$/);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, accounts.admin);
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.goto('/admin/users');
  await hydrated(admin);
  const row = admin.getByRole('row').filter({ hasText: accounts.school });
  await clickAndLoad(admin, row.getByRole('button', { name: /Nonaktifkan/ }));
  await expect(row.getByText('Nonaktif', { exact: true })).toBeVisible();

  const response = await staff.goto('/agency');
  expect(response?.status()).toBe(401);
  await expect(staff.getByRole('heading', { name: 'Silakan masuk' })).toBeVisible();

  await clickAndLoad(admin, row.getByRole('button', { name: /Aktifkan/ }));
  await expect(row.getByText('Aktif', { exact: true })).toBeVisible();
  await signIn(staff, accounts.school);
  await expect(staff).toHaveURL(/\/agency$/);
  await staffContext.close();
  await adminContext.close();
});

test('a malformed email is named beside its field, kept as typed, with the cursor in it', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill('bukan-email');
  await page.getByLabel('Kata sandi').fill('apa saja');
  await clickAndLoad(page, page.getByRole('button', { name: 'Masuk' }));
  await expect(page.locator('#email-error')).toHaveText('bukan alamat email yang valid');
  await expect(page.getByLabel('Email')).toHaveValue('bukan-email');
  await expect(page.getByLabel('Email')).toBeFocused();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expectAccessible(page);
});

test('signing in works without any script, errors included', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(accounts.judge);
  await page.getByLabel('Kata sandi').fill('salah-sekali');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email atau kata sandi salah.');
  await page.getByLabel('Email').fill(accounts.judge);
  await page.getByLabel('Kata sandi').fill('demo-inovasi-2026');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await expect(page).toHaveURL(/\/judge$/);
  await expect(page.getByRole('heading', { name: 'Proposal yang ditugaskan kepada Anda' })).toBeVisible();
  await context.close();
});

test('each page downloads only the code its islands need: none for the public pages and the sign-in', async ({ page }) => {
  const runtime: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.wasm') || url.pathname.endsWith('/inovasi.js')) runtime.push(url.pathname);
  });
  for (const path of ['/', '/galeri', '/aturan-penilaian', '/login']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(runtime).toEqual([]);
  // The language switch is a plain form: it works on such a page as it is.
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  // The agency's home has one island (the unsynced-drafts notice): its own light bundle.
  await signIn(page, accounts.member);
  await expect(page).toHaveURL(/\/agency$/);
  await hydrated(page);
  expect([...new Set(runtime.filter((p) => p.endsWith('.wasm')))]).toEqual(['/pkg/home/inovasi.wasm']);
  // The wizard is in the full bundle, and still comes to life.
  runtime.length = 0;
  await clickAndLoad(page, page.getByRole('link', { name: 'Akta Kelahiran Terbit dari Ruang Bersalin' }));
  await hydrated(page);
  expect([...new Set(runtime.filter((p) => p.endsWith('.wasm')))]).toEqual(['/pkg/inovasi.wasm']);
  await expect(page.getByLabel('Judul inovasi')).toBeEditable();
});
