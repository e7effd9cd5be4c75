// What the browser tests share: Chromium from the system (Debian's package), a page that fails the test on
// any console error or uncaught exception (a CSP violation included), and axe-core's accessibility check.
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const baseUrl = required('SIFT_URL');
export const apiKey = required('SIFT_KEY');
const output = process.env.SIFT_OUTPUT ?? new URL('./output/', import.meta.url).pathname;
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

function required(name) {
  const value = process.env[name];
  assert.ok(value, `${name} must be set (the dotnet test that runs these tests sets it).`);
  return value;
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}

/** A fresh page (its own sessionStorage) that records console errors and page errors. */
export async function open(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.errors = errors;
  return page;
}

/** Signs in with the keyboard only: focus the key field, type, Enter. */
export async function signIn(page) {
  await page.goto('/');
  await page.getByLabel('API key').focus();
  await page.keyboard.type(apiKey);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Chats' }).waitFor();
}

/** No serious or critical accessibility violation (axe-core, run in the page without weakening its CSP). */
export async function assertAccessible(page) {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  assert.deepEqual(violations, []);
}

export async function screenshot(page, name) {
  await mkdir(output, { recursive: true });
  await page.screenshot({ path: `${output}/${name}.png`, fullPage: true });
}

export function assertNoErrors(page) {
  assert.deepEqual(page.errors, [], 'the page logged errors');
}
