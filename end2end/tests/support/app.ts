// Page helpers shared by the specs: signing in as a demo account, waiting for hydration,
// and the axe-core accessibility check.
import { expect, Page } from '@playwright/test';
import axe from 'axe-core';

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

/** Waits until the wasm has hydrated the page (the app's buttons then react to clicks). */
export async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await hydrated(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** No serious or critical axe-core violation on the current page. */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, violations.join('\n')).toEqual([]);
}
