// After judging: the organisers read both rankings and the judges' agreement, decide a winner,
// lock the results and publish them; the winning agency reads its feedback (no judge named) and
// the public finds the winner in the gallery and asks to replicate it. Each viewport gets its
// own fresh server seeded after judging: INOVASI_RESULTS_URLS holds "portrait,landscape".
import fs from 'node:fs';
import { clickAndLoad, expect, expectAccessible, expectPrintable, serverUrl, signIn, test } from './support/app';

const WINNER = 'Layanan Adminduk Lewat WhatsApp (LAWA)';
// A one-pixel PNG: the crest the organisers upload.
const CREST = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

test('results are decided, locked, published, read as feedback and found in the gallery', async ({ browser }, info) => {
  const baseURL = serverUrl('results', info.project.name);
  const viewport = info.project.use.viewport;
  const context = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const page = await context.newPage();
  await signIn(page, 'admin@inovasi.test');
  await expect(page).toHaveURL(/\/admin$/);

  // Both rankings side by side, every sheet in, the distribution drawn.
  await page.goto('/admin/results');
  await expect(page.getByRole('heading', { name: 'Hasil penilaian', level: 1 })).toBeVisible();
  await expect(page.getByText('Semua lembar nilai sudah diserahkan.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Sebaran nilai akhir' })).toBeVisible();
  // More than three proposals are ranked.
  const rows = page.locator('table.results-table tbody tr');
  await expect(rows.nth(3)).toBeVisible();
  await expect(rows.first().locator('td').first()).toHaveText('1');
  await expect(page.getByText('Juri berbeda pendapat').first()).toBeVisible();
  await expectAccessible(page);

  // One proposal in detail: a radar of its criteria and each judge's scores.
  await clickAndLoad(page, page.getByRole('link', { name: WINNER }));
  await expect(page.getByRole('img', { name: 'Rata-rata per kriteria' })).toBeVisible();
  // Criterion, weight, mean, spread, then one column per judge (three in the demo).
  await expect(page.locator('th[scope="col"]')).toHaveCount(7);
  await expectAccessible(page);
  await clickAndLoad(page, page.getByRole('link', { name: '← Kembali ke hasil' }));

  // The deliberation: LAWA wins and is nominated to the province.
  await page.getByRole('combobox', { name: `Penghargaan ${WINNER}` }).selectOption('winner');
  await page.getByRole('checkbox', { name: `Diusulkan ke provinsi ${WINNER}` }).check();
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan keputusan' }));
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: `Penghargaan ${WINNER}` })).toHaveValue('winner');

  // Publishing before locking is refused, saying why.
  await page.goto('/admin/year');
  await clickAndLoad(page, page.getByRole('button', { name: 'Pindah ke: Diumumkan' }));
  await expect(page.getByRole('alert')).toContainText('Kunci hasil penilaian dulu');

  // Lock, then publish.
  await page.goto('/admin/results');
  await clickAndLoad(page, page.getByRole('button', { name: 'Kunci hasil' }));
  await expect(page.getByText(/Hasil sudah dikunci/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: `Penghargaan ${WINNER}` })).toBeDisabled();
  await expect(page.locator('a[href*="/admin/results/piagam/"]')).toHaveText([WINNER]);
  // The certificates' signer is still set after locking: it feeds no ranking.
  await page.getByLabel('Nama penanda tangan').fill('Drs. H. Ahmad Yani, M.Si.');
  await page.getByLabel('Jabatan', { exact: true }).fill('Bupati Sukamaju');
  await clickAndLoad(page, page.locator('#signer-title').locator('..').getByRole('button', { name: 'Simpan' }));
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  await expect(page.getByLabel('Nama penanda tangan')).toHaveValue('Drs. H. Ahmad Yani, M.Si.');
  await expectAccessible(page);
  await page.goto('/admin/year');
  await clickAndLoad(page, page.getByRole('button', { name: 'Pindah ke: Diumumkan' }));
  await expect(page.locator('.badge.phase')).toHaveText('Diumumkan');

  // The regency's identity on its documents: the place, the regent with his NIP, the crest.
  await page.goto('/admin/identity');
  await expect(page.getByLabel('Nama pemerintah daerah')).toHaveValue('Pemerintah Kabupaten Sukamaju');
  await page.getByLabel('NIP').first().fill('1970');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan identitas' }));
  // Refused beside the field, with what was typed kept.
  await expect(page.locator('#certificate-signer-nip-error')).toContainText('NIP terdiri dari 18 angka');
  await expect(page.getByLabel('NIP').first()).toHaveValue('1970');
  // A NIP needs the name it belongs to.
  await page.getByLabel('NIP').first().fill('19700101 199503 1 001');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan identitas' }));
  await expect(page.locator('#certificate-signer-name-error')).toContainText('wajib diisi');
  const certificateSigner = page.getByRole('group', { name: 'Piagam penghargaan' });
  await certificateSigner.getByLabel('Nama penanda tangan').fill('H. Bambang Sutrisno, S.H.');
  await certificateSigner.getByLabel('Jabatan').fill('Bupati Sukamaju');
  await clickAndLoad(page, page.getByRole('button', { name: 'Simpan identitas' }));
  await expect(page.getByText('Tersimpan.')).toBeVisible();
  await expect(certificateSigner.getByLabel('NIP')).toHaveValue('19700101 199503 1 001');
  await page.getByLabel('Berkas gambar lambang').setInputFiles({ name: 'lambang.png', mimeType: 'image/png', buffer: Buffer.from(CREST, 'base64') });
  await clickAndLoad(page, page.getByRole('button', { name: 'Unggah lambang' }));
  await expect(page.getByRole('img', { name: 'Lambang Pemerintah Kabupaten Sukamaju' })).toBeVisible();
  await expectAccessible(page);

  // The winner's certificate: its verification address is printed on it.
  await page.goto('/admin/results');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('a[href*="/admin/results/piagam/"]').first().click(),
  ]);
  // The address printed under the QR code is also the PDF's link (its text is compressed; the
  // link's target is not), so the test reads it from there.
  const pdf = (await fs.promises.readFile(await download.path())).toString('latin1');
  expect(pdf.startsWith('%PDF-'), 'a PDF').toBeTruthy();
  const address = pdf.match(/\/URI ?\((https?:\/\/[^()\s]+\/verifikasi\/[0-9A-Z]{16})\)/)?.[1];
  expect(address, 'the verification address is on the certificate').toBeTruthy();
  await page.reload();
  await expect(page.locator('#certificates')).toContainText('1/PIAGAM/INOVASI/2026');
  // The draft decree naming the nominee, for the legal section to finish.
  const [decree] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Unduh rancangan SK usulan ke provinsi (PDF)' }).click(),
  ]);
  expect(decree.suggestedFilename()).toMatch(/^rancangan-sk-\d{4}\.pdf$/);
  const decreePdf = await fs.promises.readFile(await decree.path());
  expect(decreePdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // The nomination dossier for the province: the nominee with what its proposal lacks in the
  // province's outline, and one ZIP of its papers.
  await clickAndLoad(page, page.getByRole('link', { name: 'Berkas nominasi ke provinsi' }));
  await expect(page.getByRole('heading', { name: 'Berkas nominasi ke provinsi', level: 1 })).toBeVisible();
  const nominee = page.locator('tbody tr', { hasText: WINNER });
  await expect(nominee).toBeVisible();
  await expectAccessible(page);
  const [dossier] = await Promise.all([
    page.waitForEvent('download'),
    nominee.getByRole('link', { name: /Unduh berkas \(ZIP\)/ }).click(),
  ]);
  expect(dossier.suggestedFilename()).toMatch(/^berkas-nominasi-.+-\d{4}\.zip$/);
  const zip = await fs.promises.readFile(await dossier.path());
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.includes('01-proposal.pdf'), 'the outlined proposal is in it').toBeTruthy();
  await context.close();

  // Anyone holding the paper opens that address in a fresh browser: genuine, for the winner.
  const checker = await browser.newContext({ viewport, locale: 'id-ID' });
  const checkPage = await checker.newPage();
  await checkPage.goto(address!);
  await expect(checkPage.getByRole('heading', { name: 'Piagam ini sah' })).toBeVisible();
  await expect(checkPage.locator('.verify-facts')).toContainText(WINNER);
  await expectAccessible(checkPage);

  // Issued to the wrong name: the organisers withdraw it with a reason, then purge it, and the
  // same address answers like a code never issued.
  const organiser = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const organiserPage = await organiser.newPage();
  await signIn(organiserPage, 'admin@inovasi.test');
  await organiserPage.goto('/admin/results#certificates');
  const issued = organiserPage.locator('.certificate-item', { hasText: '1/PIAGAM/INOVASI/2026' });
  await issued.locator('summary', { hasText: 'Cabut piagam' }).click();
  await issued.getByLabel(/Alasan pencabutan/).fill('Nama instansi salah ketik');
  await clickAndLoad(organiserPage, issued.locator('button[type=submit]', { hasText: 'Cabut piagam' }));
  await expect(organiserPage.getByText('Piagam dicabut.')).toBeVisible();
  await checkPage.reload();
  await expect(checkPage.getByRole('heading', { name: 'Piagam ini telah dicabut' })).toBeVisible();
  const withdrawnItem = organiserPage.locator('.certificate-item', { hasText: '1/PIAGAM/INOVASI/2026' });
  await withdrawnItem.locator('summary', { hasText: 'Hapus permanen' }).click();
  await expect(withdrawnItem.getByText('Tidak dapat dibatalkan.')).toBeVisible();
  await expectAccessible(organiserPage);
  await clickAndLoad(organiserPage, withdrawnItem.locator('button[type=submit]', { hasText: 'Hapus permanen' }));
  await expect(organiserPage.getByText('Piagam dihapus permanen.')).toBeVisible();
  await expect(withdrawnItem).not.toContainText('Nama instansi salah ketik');
  await organiser.close();
  await checkPage.reload();
  await expect(checkPage.getByRole('heading', { name: 'Tidak ada piagam dengan kode ini' })).toBeVisible();
  await expect(checkPage.locator('main')).not.toContainText(WINNER);
  await checker.close();

  // The agency reads its feedback: scores per criterion, comments, no judge's name.
  const agency = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const agencyPage = await agency.newPage();
  await signIn(agencyPage, 'staf.dukcapil@inovasi.test');
  await expect(agencyPage).toHaveURL(/\/agency$/);
  await clickAndLoad(agencyPage, agencyPage.getByRole('link', { name: 'Lihat hasil penilaian' }));
  await expect(agencyPage.getByRole('heading', { name: WINNER })).toBeVisible();
  await expect(agencyPage.locator('.badge', { hasText: 'Pemenang' })).toBeVisible();
  await expect(agencyPage.getByText('Komentar juri ditampilkan tanpa nama.')).toBeVisible();
  await expect(agencyPage.locator('ul.comments li').first()).toBeVisible();
  await expect(agencyPage.locator('main')).not.toContainText('juri1@');
  await expectAccessible(agencyPage);
  await expectPrintable(agencyPage, agencyPage.getByRole('heading', { name: WINNER }));
  await agency.close();

  // The public finds the winner, with a link preview's tags, and asks to replicate it.
  const visitor = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const publicPage = await visitor.newPage();
  await publicPage.goto('/galeri');
  await expectAccessible(publicPage);
  await publicPage.getByRole('searchbox', { name: 'Cari' }).fill('whatsapp');
  await clickAndLoad(publicPage, publicPage.getByRole('button', { name: 'Cari' }));
  await expect(publicPage.getByText('1 inovasi ditemukan')).toBeVisible();
  const card = publicPage.locator('.gallery-card').first();
  await expect(card.getByText('Pemenang')).toBeVisible();
  await clickAndLoad(publicPage, card.getByRole('link', { name: WINNER }));
  await expect(publicPage.locator('meta[property="og:title"]')).toHaveAttribute('content', WINNER);
  await expect(publicPage.locator('meta[name="description"]')).toHaveAttribute('content', /WhatsApp/);
  await publicPage.getByLabel('Nama').fill('Rina Wulandari');
  await publicPage.getByLabel('Instansi / organisasi').fill('Disdukcapil Kabupaten Tetangga');
  await publicPage.getByLabel('Email atau nomor telepon').fill('rina@example.org');
  await clickAndLoad(publicPage, publicPage.getByRole('button', { name: 'Kirim minat replikasi' }));
  await expect(publicPage.getByText(/Terima kasih/)).toBeVisible();
  await expectAccessible(publicPage);
  // Odd search text is taken literally: no crash, no match.
  await publicPage.goto('/galeri?q=%25%27%22%3C&year=abc');
  await expect(publicPage.getByText('0 inovasi ditemukan')).toBeVisible();
  // The year's compendium, from the gallery: the winner told in the book, and the PDF.
  await publicPage.goto('/galeri');
  await clickAndLoad(publicPage, publicPage.getByRole('link', { name: /^Kompendium inovasi \d{4}$/ }).first());
  await expect(publicPage.getByRole('heading', { name: /^Kompendium inovasi \d{4}$/, level: 1 })).toBeVisible();
  await expect(publicPage.locator('.compendium-entry', { hasText: WINNER })).toBeVisible();
  await expectAccessible(publicPage);
  const [book] = await Promise.all([
    publicPage.waitForEvent('download'),
    publicPage.getByRole('link', { name: 'Unduh kompendium (PDF)' }).click(),
  ]);
  expect(book.suggestedFilename()).toMatch(/^kompendium-inovasi-\d{4}\.pdf$/);
  const bookPdf = await fs.promises.readFile(await book.path());
  expect(bookPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await visitor.close();
});
