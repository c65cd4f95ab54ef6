// Typing in the wizard with the CPU slowed down four times (Chromium's CPU throttling): every
// keystroke is written to local storage at once, so this shows whether that ever gets in the way
// of input. Prints how many keystrokes took longer than a frame (16 ms) and 50 ms to handle
// (Event Timing API), long tasks, and whether every character arrived.
// Usage: node bench/typing.mjs <base-url>
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
await page.goto(`${base}/login`);
await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
await page.getByLabel('Email').fill('staf.smpn1@inovasi.test');
await page.getByLabel('Kata sandi').fill('demo-inovasi-2026');
await page.getByRole('button', { name: 'Masuk' }).click();
await page.waitForURL(/\/agency$/);
await page.goto(`${base}/agency/proposals/new`);
await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
await page.getByRole('button', { name: /Substansi inovasi/ }).click();
const field = page.getByLabel(/^Latar belakang dan tujuan/);
await field.click();

await page.evaluate(() => {
  window.__slow = [];
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__slow.push({
        name: e.name,
        duration: e.duration,
        processing: e.processingEnd - e.processingStart,
        delay: e.processingStart - e.startTime,
      });
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

const words = 'Masyarakat desa terpencil harus menempuh dua jam perjalanan untuk mengurus akta kelahiran ';
const text = words.repeat(5).trim(); // about 450 characters, 65 words
const started = Date.now();
await page.keyboard.type(text, { delay: 25 });
const typingMs = Date.now() - started;
await page.waitForTimeout(1500);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

const value = await field.inputValue();
const { slow, long } = await page.evaluate(() => ({ slow: window.__slow, long: window.__long }));
const keyEvents = slow.filter((e) => ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name));
const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
};
const processing = keyEvents.map((e) => e.processing);
const delay = keyEvents.map((e) => e.delay);
const total = keyEvents.map((e) => e.duration);
console.log(`  typing ${text.length} characters at 4x CPU throttling, 25 ms apart (${typingMs} ms):`);
console.log(`  key event handlers (the app's own work): p50 ${pct(processing, 50).toFixed(1)} ms, p95 ${pct(processing, 95).toFixed(1)} ms, max ${pct(processing, 100).toFixed(1)} ms`);
console.log(`  input delay before handling: p95 ${pct(delay, 95).toFixed(1)} ms, max ${pct(delay, 100).toFixed(1)} ms`);
console.log(`  key press to next paint: p95 ${pct(total, 95).toFixed(0)} ms, max ${pct(total, 100).toFixed(0)} ms (${keyEvents.length} events of 16 ms or more recorded)`);
console.log(`  long tasks (>50 ms): ${long.length}${long.length ? `, longest ${Math.max(...long).toFixed(0)} ms` : ''}`);
console.log(`  every character arrived: ${value === text ? 'yes' : `NO (${value.length} of ${text.length})`}`);
const stored = await page.evaluate(() => {
  const key = Object.keys(localStorage).find((k) => k.includes('/proposal/'));
  return key ? localStorage.getItem(key).length : 0;
});
console.log(`  the device copy holds ${stored} bytes after the last keystroke`);
await browser.close();
if (value !== text) process.exit(1);
