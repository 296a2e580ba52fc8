/** The browser tests' shared parts: Debian's chromium (never a download), signing in, waiting for text. */
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
  await p.getByLabel('E-mailadres').fill(email);
  await p.getByLabel('Wachtwoord').fill(password);
  await p.getByRole('button', { name: 'Aanmelden' }).click();
  const menu = p.getByRole('navigation', { name: 'Hoofdmenu' });
  if (!authenticator) return menu.waitFor();
  await p.locator('nav.menu, #login-totp:visible').first().waitFor();
  if (await menu.isVisible()) return;
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
}

/** Waits until the locator shows the text; fails naming what it showed instead. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: EXPECT }).catch(async (err) => {
    throw new Error(`expected "${text}" in ${locator}; found: ${(await locator.allInnerTexts().catch(() => [])).join(' | ').slice(0, 800)}\n${err}`);
  });
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
