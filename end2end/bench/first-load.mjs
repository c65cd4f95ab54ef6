// First load on a slow line: each page kind of each role opened in a fresh Chromium context
// (cold cache, service worker blocked) under Slow 4G (Lighthouse's mobile preset: 150 ms,
// 1.6 Mbit/s, CPU x4) and Slow 3G (400 ms, 400 kbit/s, CPU x4). Prints the bytes transferred,
// whether a .wasm was requested, the time to content (DOMContentLoaded), and for a page with an
// island the time until it is interactive (hydrated); for a page without one, until it loaded.
// Usage: node bench/first-load.mjs <base-url>
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const password = 'demo-inovasi-2026';
const NETWORKS = [
  { name: 'Slow 4G', latency: 150, kbit: 1600 },
  { name: 'Slow 3G', latency: 400, kbit: 400 },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

/** The first assigned scoring page of a judge, and a new proposal's wizard of a member. */
async function pagesOf(email) {
  const context = await browser.newContext();
  await signIn(context, email);
  const page = await context.newPage();
  let extra = [];
  if (email.startsWith('juri')) {
    await page.goto(`${base}/judge`);
    const href = await page.locator('a[href^="/judge/proposals/"]').first().getAttribute('href');
    if (href) extra = [href];
  }
  await context.close();
  return extra;
}

async function signIn(context, email) {
  const res = await context.request.post(`${base}/api/login`, {
    form: { email, password },
    headers: { accept: 'application/json' },
  });
  if (!res.ok()) throw new Error(`sign-in as ${email}: ${res.status()}`);
}

async function measure(who, path, network) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 768, height: 1024 } });
  if (who) await signIn(context, who);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latency,
    downloadThroughput: (network.kbit * 1024) / 8,
    uploadThroughput: (network.kbit * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  let wasm = false;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  cdp.on('Network.requestWillBeSent', (e) => { if (e.request.url.endsWith('.wasm')) wasm = true; });
  const started = Date.now();
  await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
  const content = Date.now() - started;
  const islands = await page.locator('leptos-island').count();
  if (islands > 0) {
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 120_000 });
  } else {
    await page.waitForLoadState('load');
  }
  const ready = Date.now() - started;
  // Whatever the page still fetches after it became usable (late preloads) counts too.
  await page.waitForLoadState('networkidle');
  await context.close();
  return { bytes, wasm, content, ready, islands };
}

const KINDS = [
  [null, '/', 'public home'],
  [null, '/galeri', 'gallery'],
  [null, '/aturan-penilaian', 'rules'],
  [null, '/login', 'sign-in'],
  ['staf.dukcapil@inovasi.test', '/agency', 'agency home'],
  ['staf.dukcapil@inovasi.test', '/agency/proposals/new', 'wizard'],
  ['juri1@inovasi.test', '/judge', 'judge home'],
  ['admin@inovasi.test', '/admin', 'organisers home'],
  ['admin@inovasi.test', '/admin/year', 'year setup'],
];
const scoring = await pagesOf('juri1@inovasi.test');
for (const path of scoring) KINDS.push(['juri1@inovasi.test', path, 'scoring page']);

for (const network of NETWORKS) {
  console.log(`  ${network.name} (${network.latency} ms, ${network.kbit} kbit/s, CPU x4), cold cache, no service worker:`);
  for (const [who, path, kind] of KINDS) {
    const r = await measure(who, path, network);
    const readyLabel = r.islands > 0 ? 'interactive' : 'loaded';
    console.log(
      `    ${kind.padEnd(16)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KiB${r.wasm ? ' (wasm)' : '       '}  content ${(r.content / 1000).toFixed(2)} s  ${readyLabel} ${(r.ready / 1000).toFixed(2)} s`,
    );
  }
}
await browser.close();
