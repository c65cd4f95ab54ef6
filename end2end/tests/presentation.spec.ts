// The presentation day in the meeting room (a server seeded with `seed-demo --presentation`,
// one per viewport project): the moderator drives a room's board, a judge's tablet follows the
// room to the next presenter by itself, the judge scores offline (the room's Wi-Fi drops), and
// the sheet handed in once the network returns shows on the board without a reload.
import type { Page } from '@playwright/test';
import { clickAndLoad, expect, expectAccessible, expectSync, hydrated, serverUrl, signIn, test } from './support/app';

/** Waits until the sheet island has read this device's copy (inputs are enabled from then on). */
async function sheetReady(page: Page) {
  await hydrated(page);
  await expect(page.locator('.score-sheet')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
}

test('the moderator starts the next presenter, the tablet follows, a sheet handed in after the network returns shows on the board', async ({ browser }, info) => {
  const baseURL = serverUrl('presentation', info.project.name);
  const viewport = info.project.use.viewport;

  // The moderator opens the room's board from the schedule.
  const moderator = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const board = await moderator.newPage();
  await signIn(board, 'admin@inovasi.test');
  await board.goto('/admin/schedule');
  await clickAndLoad(board, board.getByRole('link', { name: 'Buka papan ruang Ruang Rapat Bupati' }));
  await hydrated(board);
  await expect(board.getByRole('heading', { level: 1, name: 'Papan ruang: Ruang Rapat Bupati' })).toBeVisible();
  // The demo's third presenter is on, with the countdown running.
  const onStage = board.locator('.room-now .room-title');
  const first = (await onStage.textContent()) ?? '';
  expect(first).not.toBe('');
  await expect(board.locator('.room-stage')).toContainText('Presentasi');
  const timer = board.getByRole('timer');
  const shown = await timer.textContent();
  // Counting down, or up with a "+" once over time (the demo day began before the suite did).
  expect(shown).toMatch(/^\+?\d+:\d\d$/);
  await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(shown);
  await expect(board.getByText('Lembar nilai masuk: 0 dari 2')).toBeVisible();
  await expect(board.getByText(/^2 dari \d finalis sudah presentasi\.$/)).toBeVisible();
  await expectAccessible(board);

  // A judge of the room's panel follows the room from the home page.
  const tablet = await browser.newContext({ baseURL, viewport, locale: 'id-ID' });
  const judge = await tablet.newPage();
  await signIn(judge, 'juri2@inovasi.test');
  await expect(judge.getByText('Pada hari presentasi Anda duduk di Ruang Rapat Bupati.')).toBeVisible();
  await clickAndLoad(judge, judge.getByRole('link', { name: 'Ikuti ruangan' }));
  await hydrated(judge);
  await expect(judge.locator('.room-now .room-title')).toHaveText(first);
  await expectAccessible(judge);
  await clickAndLoad(judge, judge.getByRole('link', { name: 'Buka lembar nilai' }));
  await sheetReady(judge);
  await expect(judge.locator('.reading')).toContainText(first);
  const firstSheet = judge.url();

  // The moderator skips to the questions: the line above the judge's sheet hears it.
  await clickAndLoad(board, board.getByRole('button', { name: 'Lewati ke tanya jawab' }));
  await expect(board.locator('.room-stage')).toContainText('Tanya jawab');
  await expect(judge.locator('.room-stage')).toContainText('Tanya jawab', { timeout: 5_000 });
  // Pause and resume: the countdown stands still meanwhile.
  await clickAndLoad(board, board.getByRole('button', { name: 'Jeda' }));
  await hydrated(board);
  await expect(board.locator('.room-stage')).toContainText('Dijeda');
  const paused = await board.getByRole('timer').textContent();
  await board.waitForTimeout(1_500);
  await expect(board.getByRole('timer')).toHaveText(paused ?? '');
  await clickAndLoad(board, board.getByRole('button', { name: 'Lanjutkan' }));
  await clickAndLoad(board, board.getByRole('button', { name: 'Selesaikan giliran' }));
  await hydrated(board);
  await expect(board.locator('.room-stage')).toContainText('Menunggu penyaji berikutnya');
  const next = (await board.locator('.room-next strong').textContent()) ?? '';
  expect(next).not.toBe('');

  // The next presenter starts: the judge's tablet opens that sheet by itself.
  await clickAndLoad(board, board.getByRole('button', { name: 'Mulai penyaji berikutnya' }));
  await hydrated(board);
  await expect(onStage).toHaveText(next);
  await expect(judge).not.toHaveURL(firstSheet, { timeout: 5_000 });
  await expect(judge).toHaveURL(/\/judge\/proposals\/[0-9a-f-]{36}$/);
  await sheetReady(judge);
  await expect(judge.locator('.reading')).toContainText(next);

  // The room's Wi-Fi drops: the judge scores and hands in on the device.
  await tablet.setOffline(true);
  const criteria = judge.locator('fieldset.criterion');
  await expect(criteria).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await criteria.nth(i).getByLabel('8', { exact: true }).check();
  }
  await judge.getByRole('button', { name: 'Kirim penilaian' }).click();
  await expectSync(judge, 'offline');
  await expect(board.getByText('Lembar nilai masuk: 0 dari 2')).toBeVisible();

  // Back online: the sheet goes in, and the board shows it without a reload.
  await tablet.setOffline(false);
  await expectSync(judge, 'synced', 30_000);
  await expect(board.getByText('Lembar nilai masuk: 1 dari 2')).toBeVisible({ timeout: 5_000 });
  await expect(board.locator('.seat.in')).toContainText('Dr. Maya Puspitasari');
  await expectAccessible(board);

  // The judge's own earlier sheet stays where the judge goes back to it: no start since.
  await judge.goto(firstSheet);
  await sheetReady(judge);
  await judge.waitForTimeout(1_500);
  await expect(judge).toHaveURL(firstSheet);
  await moderator.close();
  await tablet.close();
});
