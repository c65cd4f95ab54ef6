// Page helpers shared by the specs: the servers under test, signing in as a demo account,
// waiting for a page to be there (loaded, hydrated) the way a person waits for it, and the
// axe-core accessibility check.
//
// The rule that keeps the suite green on a busy machine: never read the page (count(),
// innerText(), getAttribute(), inputValue() …) before it is known to be the page you mean.
// A click that leaves the page goes through `clickAndLoad`, which returns once the next page has
// loaded; `page.goto` and `page.reload` already wait for that. Assertions (`expect(…)`) wait by
// themselves, but only for something the old page could not also satisfy.
import { test as base, expect, BrowserContext, Locator, Page } from '@playwright/test';
import axe from 'axe-core';

export { mailDir, serverUrl } from './servers';
export { expect };

/**
 * The specs' `test`: Playwright's, plus a watch on the Content-Security-Policy. Every browser
 * context a test uses (its own, and any it opens) reports each `securitypolicyviolation` event
 * and each console error about the policy; the test fails if there was any. So every page the
 * suite visits proves it works under the policy: hydrated, its scripts allowed, nothing refused.
 */
export const test = base.extend<{ cspClean: void }>({
  cspClean: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = async (ctx: BrowserContext) => {
        await ctx.addInitScript(() => {
          document.addEventListener('securitypolicyviolation', (e) => {
            // Everything that tells which response it was: the document, its status, its policy.
            console.error(
              `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI}` +
                ` (status ${e.statusCode}, policy "${e.originalPolicy}", sample "${e.sample}")`,
            );
          });
        });
        ctx.on('console', (msg) => {
          const text = msg.text();
          if (msg.type() === 'error' && (text.startsWith('CSP violation') || text.includes('Content Security Policy'))) {
            violations.push(text);
          }
        });
      };
      await watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const ctx = await newContext(options);
        await watch(ctx);
        return ctx;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, violations.join('\n')).toEqual([]);
    },
    { auto: true },
  ],
});

// axe-core ships its own source text, to be injected into the page under test.
const axeSource: string = axe.source;

export const DEMO_PASSWORD = 'demo-inovasi-2026';

export const accounts = {
  admin: 'admin@inovasi.test',
  judge: 'juri1@inovasi.test',
  head: 'kepala.dukcapil@inovasi.test',
  member: 'staf.dukcapil@inovasi.test',
  school: 'staf.smpn1@inovasi.test',
} as const;

/**
 * Waits until the wasm has hydrated the page (the app's buttons then react to clicks). Call it
 * only once the page is the one meant (after `goto`, `reload`, `clickAndLoad` or a URL check):
 * the page being left carries the same mark until it is gone.
 */
export async function hydrated(page: Page) {
  // A page without an island is sent without the islands' runtime (server/http/page_scripts.rs):
  // its links and forms work as they are, and there is nothing to wait for.
  await page.waitForLoadState('domcontentloaded');
  if ((await page.locator('leptos-island').count()) === 0) return;
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
}

/**
 * Clicks something that leaves the page (a link, the button of a plain form) and returns once the
 * next page has loaded, so what follows reads that page and never the one being left.
 */
export async function clickAndLoad(page: Page, target: Locator) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await target.click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Fills in the sign-in form and presses "Masuk"; the outcome is the caller's to check. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** Signs in and returns once the account's home page has loaded. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.waitForLoadState('load');
}

/** No serious or critical axe-core violation on the current page. */
export async function expectAccessible(page: Page) {
  const violations = await accessibilityViolations(page);
  expect(violations, violations.join('\n')).toEqual([]);
}

/** The page as it prints on A4: no header, no button, `content` still there; Chromium makes
 *  the PDF. Back to the screen after. Returns how many A4 pages it printed on. */
export async function expectPrintable(page: Page, content: Locator): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.topbar')).toBeHidden();
  await expect(page.locator('main button:visible')).toHaveCount(0);
  await expect(content).toBeVisible();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.emulateMedia({ media: null });
  // Chromium writes each page's dictionary uncompressed: `/Type /Page`, not `/Pages`.
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

/** The serious and critical axe-core violations on the current page, in words. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated by the browser's devtools channel, not added as a script: the page's policy (rightly)
  // refuses inline scripts without its nonce.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

/** The wizard's sync state, as the `data-sync` attribute beside the visible text says it. */
export async function expectSync(page: Page, state: 'synced' | 'local' | 'offline' | 'conflict' | 'locked', timeout = 15_000) {
  await expect(page.locator('[data-sync]')).toHaveAttribute('data-sync', state, { timeout });
}

/** Waits until the service worker controls the page, so what is visited now opens offline later. */
export async function serviceWorkerReady(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

/** Opens a new proposal in the wizard and returns its address. */
export async function newProposal(page: Page): Promise<string> {
  await page.goto('/agency');
  await clickAndLoad(page, page.getByRole('link', { name: 'Buat proposal baru' }));
  await expect(page).toHaveURL(/\/agency\/proposals\/[0-9a-f-]{36}$/);
  await hydrated(page);
  return page.url();
}

/** The wizard's next step (within the island: no page load). */
export async function nextStep(page: Page) {
  await page.getByRole('button', { name: 'Berikutnya' }).click();
}

/** Fills every required item of the demo form, step by step, ending on the summary. */
export async function fillCompleteProposal(page: Page, title: string) {
  await page.getByLabel('Judul inovasi').fill(title);
  await page.getByLabel('Kategori').selectOption({ label: 'Perangkat Daerah' });
  await nextStep(page);
  await page.getByLabel('Ringkasan inovasi').fill('Layanan administrasi kependudukan didatangkan ke desa-desa terpencil.');
  await page.getByLabel('Tanggal mulai diterapkan').fill('2023-01-15');
  await page.getByLabel('Pelayanan publik').check();
  await nextStep(page);
  for (const label of ['Latar belakang dan tujuan', 'Kebaruan', 'Implementasi', 'Manfaat', 'Dapat ditransfer / direplikasi', 'Keberlanjutan']) {
    await page.getByLabel(new RegExp(`^${label.replace(/[/().]/g, '\\$&')}( \\(wajib\\))?$`)).fill(`Uraian ${label.toLowerCase()} yang jelas dan terukur.`);
  }
  await nextStep(page);
  await page.getByRole('button', { name: 'Tambah anggota' }).click();
  await page.getByLabel(/^Nama( \(wajib\))?$/).first().fill('Dewi Anggraini');
  await page.getByLabel('Peran dalam tim').first().fill('Ketua tim');
  await nextStep(page);
}

/** A real one-page PDF (a header, four objects and a cross-reference table with true offsets)
 *  whose information dictionary names `author`, as a clerk's word processor would. */
export function onePagePdf(text: string, author = 'Sekretariat Dinas'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${`BT (${text}) Tj ET`.length} >>\nstream\nBT (${text}) Tj ET\nendstream`,
    `<< /Author (${author}) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}
