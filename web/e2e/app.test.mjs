// The web app in a real browser against a real Sift (started by Functions.Tests/Web/BrowserTests.cs, which
// delivers the messages and runs the knowledge run first), used as a person would, with the keyboard only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiKey, assertAccessible, assertNoErrors, baseUrl, launch, open, screenshot, signIn } from './browser.mjs';

const webhookChat = process.env.SIFT_WEBHOOK_CHAT ?? 'Sift devs';
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('signing in shows the chats, and a chat shows the message sent through the webhook as text', async () => {
  const page = await open(browser);
  await signIn(page);
  await assertAccessible(page);
  await screenshot(page, 'chats');

  await page.getByRole('link', { name: webhookChat }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: webhookChat }).waitFor();
  const message = page.locator('.message', { hasText: 'checklist' });
  await message.waitFor();
  assert.match(await message.locator('.text').textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => globalThis.pwned), undefined);
  await assertAccessible(page);
  await screenshot(page, 'chat');
  assertNoErrors(page);
});

test("a chat's filters and its day's digest", async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('link', { name: 'Platform team' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Platform team' }).waitFor();
  await page.locator('.message', { hasText: 'Earn $5000' }).waitFor();
  await page.getByLabel('Class').selectOption('spam');
  await page.waitForURL(/class=spam/);
  // The unfiltered list stays until the filtered answer replaces it: wait for the list to be one message, not for one of many to go.
  await page.waitForFunction(() => document.querySelectorAll('.message').length === 1);
  await page.locator('.message', { hasText: 'Earn $5000' }).waitFor();
  assert.equal(await page.locator('.message').count(), 1);

  await page.getByRole('link', { name: 'Digest of 2026-03-10' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Digest of 2026-03-10' }).waitFor();
  await page.locator('ul.atoms li', { hasText: 'Thursday' }).first().waitFor();
  assert.ok((await page.locator('.message').count()) > 0);
  await assertAccessible(page);
  await screenshot(page, 'digest');
  assertNoErrors(page);
});

test('search highlights the matched word and shows markup a user wrote as text', async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('link', { name: 'Search' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Words or a question').focus();
  await page.keyboard.type('checklist');
  await page.keyboard.press('Enter');

  const snippet = page.locator('.snippet', { hasText: 'onerror' });
  await snippet.waitFor();
  assert.equal(await snippet.locator('mark').first().textContent(), 'checklist');
  assert.match(await snippet.textContent(), /<img src=x onerror="pwned=1">/);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => globalThis.pwned), undefined);
  await assertAccessible(page);
  await screenshot(page, 'search');
  assertNoErrors(page);
});

test('review shows a proposal with its cited messages and approves it, rejects two selected and edits one, with the keyboard', async () => {
  const page = await open(browser, { width: 390, height: 844 });
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await signIn(page);
  await page.getByRole('link', { name: 'Review' }).focus();
  await page.keyboard.press('Enter');
  const first = page.locator('.proposal').first();
  await first.locator('.cited .message').first().waitFor();
  const title = await first.locator('h2').textContent();
  await assertAccessible(page);
  await screenshot(page, 'review');

  // The cited messages came with the proposals: no request for an atom or a message.
  assert.deepEqual(requested.filter((url) => /\/api\/(atoms|messages)\//.test(url)), []);

  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await page.getByRole('status').filter({ hasText: 'Approved 1 of 1.' }).waitFor();
  assert.equal(await first.locator('.badge.status-approved').textContent(), 'approved');
  assert.match(await first.locator('.review').textContent(), /^approved by \S+/);

  // The webhooks test approves a proposal of its own (the oldest).
  const approved = await proposals('approved');
  assert.ok(approved.some((p) => p.title === title), `${title} is approved`);

  // Select the next two (j x j x) and reject both at once.
  const [second, third] = [await page.locator('.proposal h2').nth(1).textContent(), await page.locator('.proposal h2').nth(2).textContent()];
  // Each selection is waited for: under load a key can arrive before the page has drawn the last one.
  for (const count of [1, 2]) {
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByRole('button', { name: `Reject selected (${count})` }).waitFor();
  }
  // A reason, then back to the proposal in focus: r rejects both in one request, with the reason.
  await page.getByLabel(/^Reason/).focus();
  await page.keyboard.type('Covered by the release checklist');
  await page.locator('.proposal').nth(2).focus();
  await page.keyboard.press('r');
  await page.getByRole('status').filter({ hasText: 'Rejected 2 of 2.' }).waitFor();
  const rejected = await proposals('rejected');
  assert.deepEqual(rejected.map((p) => p.title).sort(), [second, third].sort());
  assert.deepEqual(rejected.map((p) => p.reason), ['Covered by the release checklist', 'Covered by the release checklist']);
  assert.equal(requested.filter((url) => url.endsWith('/api/proposals/review')).length, 2);
  assert.match(await page.locator('.proposal .review').nth(1).textContent(), /^rejected by \S+ on .+: “Covered by the release checklist”$/);

  // Edit the next one: e opens the editor on its title; Enter saves.
  await page.keyboard.press('j');
  await page.keyboard.press('e');
  await page.getByLabel('Title').waitFor();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Edited in the review queue');
  await page.keyboard.press('Enter');
  await page.locator('.proposal h2', { hasText: 'Edited in the review queue' }).waitFor();
  assert.ok((await proposals('pending')).some((p) => p.title === 'Edited in the review queue'));
  await screenshot(page, 'reviewed');
  assertNoErrors(page);
});

test('a snippet is shown as text even if the API let markup through', async () => {
  const page = await open(browser);
  await signIn(page);
  const snippet = 'Deploy <mark>checklist</mark> <img src=x onerror="pwned=1"><b>bold</b> &lt;i&gt; &amp; <mark><script>pwned=2</script></mark>';
  await page.route((url) => url.pathname === '/api/search', (route) => route.fulfill({ json: { items: [{ chatId: '-1', messageId: 1, date: '2026-03-10T09:00:00Z', score: 1, snippet }], continuation: null } }));
  await page.goto('/search?q=checklist');

  const shown = page.locator('.snippet');
  await shown.waitFor();
  assert.equal(await shown.textContent(), 'Deploy checklist <img src=x onerror="pwned=1"><b>bold</b> <i> & <script>pwned=2</script>');
  assert.deepEqual(await shown.locator('mark').allTextContents(), ['checklist', '<script>pwned=2</script>']);
  assert.equal(await shown.locator('img, b, i, script').count(), 0);
  assert.equal(await page.evaluate(() => globalThis.pwned), undefined);
  assertNoErrors(page);
});

test('signing out forgets the key', async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('button', { name: 'Sign out' }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('API key').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  await page.reload();
  await page.getByLabel('API key').waitFor();
  assertNoErrors(page);
});

async function proposals(status) {
  const response = await fetch(`${baseUrl}/api/proposals?status=${status}`, { headers: { 'X-Api-Key': apiKey } });
  return (await response.json()).items;
}

test('runs show their progress, sources their last run and bots, queues their poisoned messages to drop', async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('link', { name: 'Runs' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.run', { hasText: 'Completed' }).first().waitFor();
  await assertAccessible(page);
  await screenshot(page, 'runs');

  await page.getByRole('link', { name: 'Sources' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Team archive' }).waitFor();
  await page.getByText('@bot7000000001').waitFor();
  await assertAccessible(page);
  await screenshot(page, 'sources');

  await page.getByRole('link', { name: 'Queues' }).focus();
  await page.keyboard.press('Enter');
  const poisoned = page.locator('.message', { hasText: '-2000000000000' });
  await poisoned.waitFor();
  await assertAccessible(page);
  await screenshot(page, 'queues');
  await poisoned.getByRole('button', { name: /^Drop / }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Dropped' }).waitFor();
  assert.equal(await page.locator('.message', { hasText: '-2000000000000' }).count(), 0);
  assertNoErrors(page);
});

test('a message delivered while its chat is open appears without a reload', async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('link', { name: webhookChat }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.message', { hasText: 'checklist' }).waitFor();
  await page.evaluate(() => {
    globalThis.sameDocument = true;
  });

  const update = {
    update_id: 900000010,
    message: {
      message_id: 44,
      from: { id: 222222222, is_bot: false, first_name: 'Bob' },
      chat: { id: -1001234567890, title: 'Sift devs', type: 'supergroup' },
      date: Math.floor(Date.now() / 1000),
      text: 'Live: the release train leaves at five, <b>not</b> at six',
    },
  };
  const delivered = await fetch(process.env.SIFT_WEBHOOK, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': process.env.SIFT_WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  assert.equal(delivered.status, 200);

  const live = page.locator('.message', { hasText: 'release train leaves at five' });
  await live.waitFor({ timeout: 30000 });
  assert.match(await live.locator('.text').textContent(), /<b>not<\/b>/);
  assert.equal(await page.evaluate(() => globalThis.sameDocument), true);
  await live.locator('.badge', { hasText: /signal|noise|spam|quality/ }).first().waitFor({ timeout: 30000 });
  assertNoErrors(page);
});

test("a person corrects a message's class in the chat, and takes it back", async () => {
  const page = await open(browser);
  await signIn(page);
  await page.getByRole('link', { name: 'Platform team' }).focus();
  await page.keyboard.press('Enter');
  const message = page.locator('.message', { hasText: 'after lunch' });
  await message.waitFor();
  const correction = page.getByLabel('Label message 25 as');

  await correction.focus();
  await correction.selectOption('spam');
  await message.getByRole('status').filter({ hasText: 'Marked spam.' }).waitFor();
  await message.locator('.badge.class-spam').waitFor();
  await assertAccessible(page);

  await correction.selectOption('');
  await message.getByRole('status').filter({ hasText: 'Back to the analysis.' }).waitFor();
  await page.waitForFunction(() => !document.querySelector('#m-25 .badge.class-spam'));
  assertNoErrors(page);
});
