/** The browser tests' shared parts: Debian's chromium (never a download), signing in, waiting for text. */
import type { Locator, Page } from 'playwright-core';

export const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };
/** How long a page may take to show what a test expects. */
export const EXPECT = 15_000;

/** Signs in through the Dutch login page and waits for the main menu. */
export async function login(p: Page, base: string, email: string, password: string): Promise<void> {
  await p.goto(`${base}/`);
  await p.getByLabel('E-mailadres').fill(email);
  await p.getByLabel('Wachtwoord').fill(password);
  await p.getByRole('button', { name: 'Aanmelden' }).click();
  await p.getByRole('navigation', { name: 'Hoofdmenu' }).waitFor();
}

/** Waits until the locator shows the text; fails naming what it showed instead. */
export async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: EXPECT }).catch(async (err) => {
    throw new Error(`expected "${text}" in ${locator}; found: ${(await locator.allInnerTexts().catch(() => [])).join(' | ').slice(0, 800)}\n${err}`);
  });
}
