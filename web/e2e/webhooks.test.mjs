// Outgoing webhooks and a chat's digest delivery in the browser, with the keyboard only. The receiver is the test's
// own (Functions.Tests/Webhooks/WebhookReceiver.cs, on loopback, which Sift is allowed to reach in this test).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKey, assertAccessible, assertNoErrors, baseUrl, launch, open, screenshot, signIn } from './browser.mjs';

const receiver = process.env.SIFT_WEBHOOK_RECEIVER;
let browser;

before(async () => {
  assert.ok(receiver, 'SIFT_WEBHOOK_RECEIVER must be set (the dotnet test that runs these tests sets it).');
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('an admin registers a webhook, sees its secret once, and sees an approval delivered in its log', async () => {
  const page = await open(browser, { width: 390, height: 844 });
  await signIn(page);
  await page.getByRole('link', { name: 'Webhooks' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Webhooks' }).waitFor();
  await page.getByText('No webhook registered.').waitFor();

  await page.getByLabel('Receiver URL').focus();
  await page.keyboard.type(receiver);
  await page.getByLabel(/a proposal is approved/).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Register' }).focus();
  await page.keyboard.press('Enter');

  const shown = page.getByRole('textbox', { name: 'Signing secret' });
  await shown.waitFor();
  const secret = await shown.inputValue();
  assert.match(secret, /^whsec_/);
  await assertAccessible(page);
  await screenshot(page, 'webhook-secret');
  await page.getByRole('button', { name: 'Done, I kept it' }).focus();
  await page.keyboard.press('Enter');
  const listed = page.getByRole('article', { name: `Webhook to ${receiver}` });
  await listed.waitFor();
  assert.match(await listed.textContent(), /proposal\.approved/);
  await page.reload();
  await listed.waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Signing secret' }).count(), 0);
  assert.ok(!(await page.locator('main').textContent()).includes(secret), 'the secret is shown once only');
  await assertAccessible(page);
  await screenshot(page, 'webhooks');

  // The oldest pending proposal (the review test decides the newest ones), approved as a reviewer would through the API.
  const pending = await api('/api/proposals?status=pending&limit=100');
  const proposal = pending.items.at(-1);
  const approved = await fetch(`${baseUrl}/api/proposals/${encodeURIComponent(proposal.chatId)}/${encodeURIComponent(proposal.id)}/approve`, {
    method: 'POST',
    headers: { 'X-Api-Key': apiKey },
  });
  assert.equal(approved.status, 200);

  await listed.getByRole('link', { name: /^Delivery log of / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Delivery log' }).waitFor();
  // Polled while the log is empty: the delivery shows without a reload.
  const attempt = page.locator('.attempt', { hasText: 'proposal.approved' });
  await attempt.filter({ hasText: 'succeeded' }).waitFor();
  assert.match(await attempt.textContent(), /attempt 1 .* answered 200/);
  await assertAccessible(page);
  await screenshot(page, 'webhook-log');

  await page.getByRole('link', { name: 'Back to the webhooks' }).focus();
  await page.keyboard.press('Enter');
  page.once('dialog', (dialog) => dialog.accept());
  await listed.getByRole('button', { name: `Delete ${receiver}` }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Deleted the webhook' }).waitFor();
  await page.getByText('No webhook registered.').waitFor();
  assertNoErrors(page);
});

test("a chat's digest delivery is set on its own page, kept after a reload, and stopped", async () => {
  const page = await open(browser);
  // A chat without a delivery answers 404, which the browser logs as an error: that one is expected.
  page.on('console', (message) => {
    if (message.type() === 'error' && /\/digest\/delivery$/.test(message.location().url) && message.text().includes('404')) {
      page.errors.splice(page.errors.indexOf(message.text()), 1);
    }
  });
  await signIn(page);
  await page.getByRole('link', { name: 'Platform team' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /^Digest of / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Deliver it daily' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: /^Digest delivery of / }).waitFor();
  await page.getByText('Not delivered.').waitFor();

  await page.getByLabel(/to the webhooks that want digest\.ready/).focus();
  await page.keyboard.press('Space');
  await page.getByLabel('From (UTC hour)').selectOption('6');
  await page.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await assertAccessible(page);
  await screenshot(page, 'digest-delivery');

  await page.reload();
  await page.locator('.current', { hasText: 'Each day from 06:00 UTC' }).waitFor();
  assert.match(await page.locator('.current').textContent(), /to the webhooks that want digest\.ready/);
  assert.equal(await page.getByLabel(/to the webhooks that want digest\.ready/).isChecked(), true);
  assert.equal(await page.getByLabel(/into the chat, posted by a bot/).isChecked(), false);
  assert.equal(await page.getByRole('combobox', { name: /^Bot/ }).isDisabled(), true, 'a bot is chosen only to post into the chat');
  assert.equal(await page.getByLabel('From (UTC hour)').inputValue(), '6');

  // Ticking neither opts out: a DELETE, answered 204 without a body.
  await page.getByLabel(/to the webhooks that want digest\.ready/).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Save' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved: the digest is not delivered.' }).waitFor();
  await page.reload();
  await page.getByText('Not delivered.').waitFor();
  assertNoErrors(page);
});

async function api(path) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { 'X-Api-Key': apiKey } });
  assert.equal(response.status, 200, path);
  return response.json();
}
