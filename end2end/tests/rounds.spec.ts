// A year judged in two rounds, on its presentation day (a server seeded with
// `seed-demo --presentation`, one per viewport project): the organisers read the combined
// ranking beside each round's score, download the desk round's own berita acara and see the
// rounds as they were set and the day's schedule per room; a presenting agency reads its slot;
// a judge of the presentation round lists its finalists and scores them on the round's own
// criteria.
import fs from 'node:fs';
import { clickAndLoad, expect, expectAccessible, expectPrintable, hydrated, serverUrl, signIn, test } from './support/app';

test('a year in two rounds: the combined ranking, the desk round’s record, the presentation sheet', async ({ browser }, info) => {
  const baseURL = serverUrl('presentation', info.project.name);
  const viewport = info.project.use.viewport;
  const organisers = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const page = await organisers.newPage();
  await signIn(page, 'admin@inovasi.test');
  await expect(page).toHaveURL(/\/admin$/);

  // The eight sent on, each with its desk score and rank, this round's scores and the
  // combination, which ranks those already presented.
  await page.goto('/admin/results');
  await expect(page.getByText('Babak 2 dari 2: Presentasi dan wawancara')).toBeVisible();
  const table = page.locator('table.results-table');
  await expect(table.getByRole('columnheader', { name: 'Babak 1' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Gabungan' })).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(8);
  await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('1');
  await expect(page.getByText(/Gabungan adalah peringkat resmi: Bobot tiap babak/)).toBeVisible();
  await expectAccessible(page);

  // The desk round's own berita acara: its frozen ranking, its rule and how many went on.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Berita acara babak 1' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^berita-acara-\d{4}-babak-1\.pdf$/);
  const pdf = await fs.promises.readFile(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The rounds as set: the desk round locked with its rule, the shares, fixed while judging.
  await page.goto('/admin/rounds');
  await expect(page.getByText('Hasil akhir: Bobot tiap babak (jumlah 100)')).toBeVisible();
  await expect(page.getByText('bobot 40%')).toBeVisible();
  await expect(page.getByText('Lolos ke babak berikutnya: 8 terbaik')).toBeVisible();
  await expect(page.getByText(/Penjurian sudah dimulai/)).toBeVisible();
  await expectAccessible(page);

  // The day per room, each with its panel, and every finalist's slot to adjust.
  await page.goto('/admin/schedule');
  await expect(page.getByRole('heading', { name: 'Ruang Rapat Bupati', level: 3 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ruang Rapat Sekretaris Daerah', level: 3 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Simpan jadwal' })).toBeVisible();
  await expectAccessible(page);
  // Printed for the doors: the two rooms' days, each on a page of its own, without the forms.
  const pages = await expectPrintable(page, page.getByRole('heading', { name: 'Ruang Rapat Bupati', level: 3 }));
  expect(pages).toBe(2);
  await organisers.close();

  // The presenting agency reads where and when on its home page.
  const agencies = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const agency = await agencies.newPage();
  await signIn(agency, 'kepala.dukcapil@inovasi.test');
  await expect(agency.getByRole('heading', { name: 'Jadwal presentasi Anda' })).toBeVisible();
  await expect(agency.getByText(/Layanan Adminduk Lewat WhatsApp \(LAWA\): Ruang Rapat/)).toBeVisible();
  await expectAccessible(agency);
  await agencies.close();

  // A judge of the presentation: the finalists assigned, the sheet asking the round's three
  // criteria.
  const judges = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const judge = await judges.newPage();
  await signIn(judge, 'juri1@inovasi.test');
  await expect(judge).toHaveURL(/\/judge$/);
  await expect(judge.locator('ul.assignments li').first()).toBeVisible();
  await expectAccessible(judge);
  await clickAndLoad(judge, judge.getByRole('link', { name: 'Nilai proposal berikutnya' }));
  await hydrated(judge);
  await expect(judge.locator('fieldset.criterion')).toHaveCount(3);
  await expect(judge.locator('fieldset.criterion legend').first()).toContainText('Penyajian');
  await judges.close();
});
