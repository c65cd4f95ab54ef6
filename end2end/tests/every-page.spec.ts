// Every page of every role, at the three sizes people use (portrait and landscape tablets, a
// phone): each page names itself in its title, fits the screen without sideways scrolling, has
// no control smaller than a fingertip (44×44 px), passes axe-core, and logs no error; a page
// without an island loads no script runtime, and a page with one hydrates.
// Read-only: it changes nothing on the servers it shares with the other specs, and reads the
// published year from a server no spec changes (so it holds whatever runs beside it).
import type { Page } from '@playwright/test';
import { accessibilityViolations, accounts, expect, serverUrl, signIn, test } from './support/app';

const SIZES = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

/** What is wrong with the page as it stands, in words (empty when nothing is). */
async function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) {
      found.push(`scrolls sideways: ${root.scrollWidth} px wide in ${root.clientWidth} px`);
    }
    // Controls a finger presses. Links inside running text are exempt (WCAG 2.5.5); links that
    // stand alone as controls (buttons, navigation, pagers) are not.
    const controls = document.querySelectorAll(
      'button, input:not([type=hidden]), select, textarea, summary, a.button, nav a, .pager a',
    );
    for (const el of Array.from(controls)) {
      const html = el as HTMLElement;
      if (!html.checkVisibility()) continue;
      let target: Element = html;
      // A box or a circle is pressed through its label; a hidden file input through its button.
      const hidden = html.getBoundingClientRect().width <= 2;
      if (html.matches('input[type=checkbox], input[type=radio]') || (hidden && html.matches('input[type=file]'))) {
        const label = html.closest('label') ?? (html.id ? document.querySelector(`label[for="${html.id}"]`) : null);
        if (label) target = label;
      }
      const box = target.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.height < 43.5 || box.width < 43.5) {
        const name = (html.getAttribute('aria-label') ?? html.textContent ?? html.getAttribute('name') ?? '').trim().slice(0, 40);
        found.push(`small control: <${html.tagName.toLowerCase()}> "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
      }
    }
    return found;
  });
}

/** Visits each address at each size and checks it; returns the titles seen. */
async function visitAll(page: Page, who: string, addresses: string[]) {
  const titles = new Map<string, string>();
  for (const address of addresses) {
    const runtimeRequests: string[] = [];
    const watch = (request: { url(): string }) => {
      const url = request.url();
      if (url.endsWith('.wasm') || url.includes('/pkg/inovasi.js')) runtimeRequests.push(url);
    };
    page.on('request', watch);
    const response = await page.goto(address);
    expect(response?.status(), `${who} ${address}`).toBeLessThan(400);
    // A page without an island is sent without the islands' runtime and fetches none of it; a
    // page with one still comes to life.
    const islands = await page.locator('leptos-island').count();
    if (islands === 0) {
      await page.waitForLoadState('load');
      const loader = await page.locator('link[rel=modulepreload], link[rel=preload][href$=".wasm"], script[type=module]').count();
      expect.soft(loader, `${who} ${address}: the runtime's loader on a page without islands`).toBe(0);
      expect.soft(runtimeRequests, `${who} ${address}: runtime fetched by a page without islands`).toEqual([]);
    } else {
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 20_000 });
    }
    page.off('request', watch);
    const title = await page.title();
    expect.soft(title, `${who} ${address}: the title names the page`).toMatch(/.+ — Inovasi$/);
    expect.soft(titles.get(title), `${who} ${address}: the same title as ${titles.get(title)}`).toBeUndefined();
    titles.set(title, address);
    // Soft: one run lists every page's problems, not only the first.
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const at = `${who} ${address} at ${size.width}×${size.height}`;
      expect.soft(await problems(page), at).toEqual([]);
      expect.soft(await accessibilityViolations(page), at).toEqual([]);
    }
    await page.setViewportSize(SIZES[0]);
  }
}

/** The first link on `address` whose target matches `pattern` (after the page loaded). */
async function firstLink(page: Page, address: string, pattern: RegExp): Promise<string> {
  await page.goto(address);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link like ${pattern} on ${address}`).toBeTruthy();
  return href!;
}

test.describe('every page', () => {
  test.setTimeout(240_000);

  test('every page fits, names itself, is accessible and logs no error', async ({ browser }, info) => {
    // The test walks the three sizes itself: once, in one project, is enough.
    test.skip(info.project.name !== 'tablet-portrait', 'walks every size itself');
    const errors: string[] = [];
    const open = async (kind: 'submission' | 'judging' | 'results' | 'published' | 'presentation') => {
      const context = await browser.newContext({
        baseURL: serverUrl(kind, info.project.name),
        viewport: SIZES[0],
        hasTouch: true,
        locale: 'id-ID',
      });
      const page = await context.newPage();
      page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`${page.url()}: ${msg.text()}`); });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      return { context, page };
    };

    // Nobody signed in.
    {
      const { context, page } = await open('submission');
      await visitAll(page, 'visitor', ['/', '/galeri', '/aturan-penilaian', '/login', '/verifikasi']);
      await context.close();
    }
    // The organisers.
    {
      const { context, page } = await open('submission');
      await signIn(page, accounts.admin);
      const agency = await firstLink(page, '/admin/agencies', /^\/admin\/agencies\/\d+$/);
      const check = await firstLink(page, '/admin/screening', /^\/admin\/screening\/[0-9a-f-]{36}$/);
      await visitAll(page, 'admin', [
        '/admin', '/admin/year', '/admin/rounds', '/admin/schedule', '/admin/criteria', '/admin/form', '/admin/form/preview',
        '/admin/agencies', agency, '/admin/users', '/admin/compliance', '/admin/screening', check,
        '/admin/assignments', '/admin/judging', '/admin/results', '/admin/audit', '/admin/outbox',
        '/admin/broadcasts', '/admin/templates', '/admin/identity', '/admin/nominasi',
        '/admin/kompendium',
      ]);
      await context.close();
    }
    // An agency's head and a member.
    for (const email of [accounts.head, accounts.member]) {
      const { context, page } = await open('submission');
      await signIn(page, email);
      const proposal = await firstLink(page, '/agency', /^\/(agency\/)?proposals\/[0-9a-f-]{36}$/);
      await visitAll(page, email, ['/agency', proposal, '/agency/proposals/new', '/notifications']);
      await context.close();
    }
    // A judge, mid-way through judging.
    {
      const { context, page } = await open('judging');
      await signIn(page, accounts.judge);
      const sheet = await firstLink(page, '/judge', /^\/judge\/proposals\/[0-9a-f-]{36}$/);
      await visitAll(page, 'judge', ['/judge', sheet, '/notifications']);
      await context.close();
    }
    // The presentation day: a room's board, and the room a judge of its panel follows.
    {
      const { context, page } = await open('presentation');
      await signIn(page, accounts.admin);
      const board = await firstLink(page, '/admin/schedule', /^\/admin\/schedule\/rooms\/\d+$/);
      await visitAll(page, 'admin (presentation)', [board]);
      await page.context().clearCookies();
      await signIn(page, accounts.judge);
      await visitAll(page, 'judge (presentation)', ['/judge/room']);
      await context.close();
    }
    // The organisers deliberating: the ranking and one proposal's scores.
    {
      const { context, page } = await open('results');
      await signIn(page, accounts.admin);
      const detail = await firstLink(page, '/admin/results', /^\/admin\/results\/[0-9a-f-]{36}$/);
      await visitAll(page, 'admin (deliberation)', ['/admin/results', detail]);
      await context.close();
    }
    // A year with its results out: the gallery, one innovation, and an agency's feedback.
    {
      const { context, page } = await open('published');
      const item = await firstLink(page, '/galeri', /^\/galeri\/[0-9a-f-]{36}$/);
      await visitAll(page, 'visitor (published)', ['/galeri', item, '/kompendium']);
      await signIn(page, accounts.head);
      const feedback = await firstLink(page, '/agency', /^\/agency\/feedback\/[0-9a-f-]{36}$/);
      await visitAll(page, 'head (published)', [feedback]);
      await context.close();
    }
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
