/** The browser tests' shared parts: Debian's chromium (never a download), signing in, waiting for text, axe-core. */
import axe from 'axe-core';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';
import { totpCode } from '../../infra/totp';
import type { Harness } from './harness';
import { api } from './message-fixture';

export const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
/** How long a page may take to show what a test expects. */
export const EXPECT = 15_000;

/** A user's authenticator app: the secret the login page showed at setup, and when its last code was used. */
export interface Authenticator { secret?: string; lastAt?: number }

/**
 * Signs in through the Dutch login page and waits for the main menu. With an `authenticator`
 * (roles with admin or health permissions), it also sets up the second factor the first time
 * (reading the key the page shows) and enters a fresh code — each code is good once.
 */
export async function login(p: Page, base: string, email: string, password: string, authenticator?: Authenticator): Promise<void> {
  await p.goto(`${base}/`);
  await p.getByLabel('E-mailadres').waitFor();
  await expectAccessible(p);
  await p.getByLabel('E-mailadres').fill(email);
  await p.getByLabel('Wachtwoord').fill(password);
  await p.getByRole('button', { name: 'Aanmelden' }).click();
  const menu = p.getByRole('navigation', { name: 'Hoofdmenu' });
  if (!authenticator) {
    await menu.waitFor();
    return expectAccessible(p);
  }
  await p.locator('nav.menu, #login-totp:visible').first().waitFor();
  if (await menu.isVisible()) return expectAccessible(p);
  await expectAccessible(p);
  const shown = p.locator('#login-totp-secret');
  if (await shown.isVisible()) authenticator.secret = (await shown.textContent())!.trim();
  if (!authenticator.secret) throw new Error(`a code is asked, but no key was set up in this test (the page says: ${await p.locator('#login-error').textContent()})`);
  // The next time step after the last code used (at most one step ahead of the clock: wait otherwise).
  const at = Math.max(Date.now(), (authenticator.lastAt ?? 0) + 30_000);
  if (at - Date.now() > 30_000) await p.waitForTimeout(at - Date.now() - 30_000);
  authenticator.lastAt = at;
  await p.getByLabel('Code uit je authenticator-app').fill(totpCode(authenticator.secret, at));
  await p.getByRole('button', { name: 'Aanmelden' }).click();
  await menu.waitFor();
  await expectAccessible(p);
}

/**
 * Waits until the locator shows the text; fails naming what it showed instead. The screen it shows
 * is then checked by axe-core (once per screen and state, see expectAccessible): every screen a
 * test looks at is checked without a call of its own.
 */
/**
 * The page's DOM as the functions below use it, typed by hand: the test project has no DOM types,
 * and the UI's CSP refuses strings to evaluate (waitForFunction needs a function).
 */
interface PageDom { document: { querySelector(s: string): { firstElementChild: { setAttribute(n: string, v: string): void } | null } | null } }

/**
 * Opens another screen (a menu click, a goto) and waits until it is drawn: the screen before may
 * hold a field of the same label, which a fill right after the click would find.
 */
export async function untilDrawn(p: Page, open: () => Promise<unknown>): Promise<void> {
  await p.evaluate(() => (globalThis as unknown as PageDom).document.querySelector('main')?.firstElementChild?.setAttribute('data-left', ''));
  await open();
  await p.waitForFunction(() => {
    const d = (globalThis as unknown as PageDom).document;
    return !d.querySelector('main[aria-busy]') && !!d.querySelector('main > :first-child:not([data-left])');
  });
}

export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: EXPECT }).catch(async (err) => {
    throw new Error(`expected "${text}" in ${locator}; found: ${(await locator.allInnerTexts().catch(() => [])).join(' | ').slice(0, 800)}\n${err}`);
  });
  await expectAccessible(locator.page());
}

/** The screens (address, heading and number of controls) already checked per page: axe runs once on each. */
const checked = new WeakMap<Page, Set<string>>();

/**
 * No serious or critical axe-core violation on the page as it is now (WCAG 2.1 A and AA rules and
 * axe's best practices). axe-core's source goes in through the DevTools protocol (page.evaluate):
 * the UI's CSP refuses inline scripts, as it should, and the page under test keeps that CSP.
 * Waits for the page to finish rendering (main without aria-busy) first.
 */
async function expectAccessible(p: Page): Promise<void> {
  await p.locator('main[aria-busy]').waitFor({ state: 'detached', timeout: EXPECT }).catch(() => undefined);
  // Strings, not functions: this project's Node typings have no DOM (the code runs in the page).
  const key = await p.evaluate<string>("`${location.hash.split('?')[0]}|${document.querySelector('h1')?.textContent ?? ''}|${document.querySelectorAll('input, select, textarea, button, a, table').length}`");
  const seen = checked.get(p) ?? new Set<string>();
  checked.set(p, seen);
  if (seen.has(key)) return;
  if (!(await p.evaluate<boolean>("'axe' in window"))) await p.evaluate(axe.source);
  const results = await p.evaluate<axe.AxeResults>("axe.run(document, { resultTypes: ['violations'] })");
  const violations = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join('; ')}`);
  if (violations.length) throw new Error(`axe-core on ${key}:\n${violations.join('\n')}`);
  seen.add(key);
}

/** Debian's chromium with one page in Dutch (the UI's default language), at a desktop size. */
export async function openDutchPage(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch(CHROMIUM);
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' })).newPage();
  page.setDefaultTimeout(EXPECT);
  return { browser, page };
}

/** An HR user of the employer who reads Dutch, created through the API, and a Dutch page for them to sign in on. */
export async function openForDutchHr(h: Harness, employerId: string, email: string, password: string): Promise<{ browser: Browser; page: Page }> {
  await api(h, 'POST', '/api/users', { email, name: 'Hanna HR', password, role: 'hr', employerIds: [employerId], language: 'nl' });
  return openDutchPage();
}

/** A test page that waits as long as the tests expect, and whose script errors land in `errors` (a test asserts none). */
export function watchPage(page: Page, errors: string[]): Page {
  page.setDefaultTimeout(EXPECT);
  page.on('pageerror', (err) => errors.push(String(err)));
  return page;
}

/** After a browser test file: the browser (if it started), then the harness. */
export async function closeBrowserAndHarness(browser: Browser | undefined, h: Harness | undefined): Promise<void> {
  await browser?.close().catch(() => undefined);
  await h?.close();
}
