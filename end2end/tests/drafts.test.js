// Nothing typed is lost when the world changes under a form: a check-in sent
// after its campaign ended keeps its text and photo and can go to the 文明圈
// instead; a comment sent to a post hidden meanwhile comes back for copying.
// A page someone may not see answers 403 with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, SHOTS, addDays, phone, login, pngPhoto, setServerClock, sharedBrowser, shanghaiToday, signUp,
} from './helpers.js';

const HQ_PHONE = '13800000001';
const DEMO_PASSWORD = 'demo1234';
const CAMPAIGN = '护河打卡·冬季';
const browserOf = sharedBrowser({ before, after });

async function signup(name, village) {
  return signUp(browserOf(), name, village);
}

test('a check-in sent after the campaign ended keeps its text and photo, and goes to the feed instead', async () => {
  const today = shanghaiToday();
  const { page } = await signup('晚到的巡河人');
  await page.locator('article.campaign', { hasText: CAMPAIGN }).getByRole('link', { name: '去打卡' }).click();
  await page.waitForURL(/\/campaigns\/\d+/);
  const text = '傍晚巡河，捡到一只旧轮胎。';
  await page.getByLabel('今天做了什么？').fill(text);
  await page.getByLabel('照片').setInputFiles({ name: 'tyre.png', mimeType: 'image/png', buffer: pngPhoto(400, 300) });
  try {
    // The campaign (21 days from six days ago) is over before "submit".
    await setServerClock(`${addDays(today, 30)}T12:00:00+08:00`);
    await page.getByRole('button', { name: '提交打卡' }).click();
    await page.waitForURL(/err=campaign_ended/);
    const draft = page.getByTestId('kept-draft');
    await draft.getByText(text).waitFor();
    await draft.locator('img').waitFor();
    assert.ok(await draft.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the kept photo is shown');
    await page.screenshot({ path: `${SHOTS}kept-draft.png`, fullPage: true });

    await draft.getByRole('link', { name: '改发到文明圈' }).click();
    await page.waitForURL(/\/feed\/new/);
    assert.equal(await page.getByLabel('说点什么').inputValue(), text);
    assert.equal(await page.getByLabel('话题（可选）').inputValue(), '护河打卡');
    await page.getByTestId('kept-photos').locator('img').waitFor();
    await page.getByRole('button', { name: '发布' }).click();
    await page.waitForURL(/\/posts\/\d+/);
    const post = page.locator('article.post');
    await post.getByText(text).waitFor();
    assert.equal(await post.locator('img').count(), 1, 'the check-in photo went with the post');
  } finally {
    await setServerClock(`${today}T12:00:00+08:00`);
  }
});

test('a comment sent to a post hidden meanwhile comes back to be copied', async () => {
  const author = await signup('卖货的');
  await author.page.goto(`${BASE}/feed/new`);
  await author.page.getByLabel('说点什么').fill('出售二手电瓶车，价格私聊。');
  await author.page.getByRole('button', { name: '发布' }).click();
  await author.page.waitForURL(/\/posts\/\d+/);
  const postUrl = author.page.url().split('?')[0];

  const neighbour = await signup('爱评论的邻居');
  await neighbour.page.goto(postUrl);
  const comment = '请问电瓶还能跑多远？我写了好长一段话。';
  await neighbour.page.getByLabel('写评论').fill(comment);

  const hq = await phone(browserOf());
  await login(hq.page, HQ_PHONE, DEMO_PASSWORD);
  await hq.page.goto(postUrl);
  await hq.page.getByLabel('处理原因（会告诉作者）').first().fill('买卖信息请发到集市群');
  await hq.page.getByRole('button', { name: '隐藏' }).first().click();
  await hq.page.waitForURL(/notice=hidden/);

  await neighbour.page.getByRole('button', { name: '发表评论' }).click();
  await neighbour.page.waitForURL(/err=not_found/);
  const unsent = neighbour.page.getByTestId('unsent-comment');
  assert.equal(await unsent.locator('textarea').inputValue(), comment);
  await neighbour.page.screenshot({ path: `${SHOTS}unsent-comment.png`, fullPage: true });
});

test('a page someone may not see answers 403 with the reason', async () => {
  const resident = await phone(browserOf());
  await login(resident.page, '13800000004', DEMO_PASSWORD);
  const res = await resident.page.goto(`${BASE}/staff/moderation`);
  assert.equal(res.status(), 403);
  await resident.page.getByText('您没有权限').waitFor();
});

test('guests see a new post at once, in the language they chose, and /feed/ is the feed', async () => {
  const guestFeed = async (cookie) => (await fetch(`${BASE}/feed`, { headers: cookie ? { cookie } : {} })).text();
  await guestFeed(); // the guest cache now holds the page
  const author = await signup('刚搬来的新邻居');
  const text = `新邻居报到 ${Date.now()}`;
  await author.page.goto(`${BASE}/feed/new`);
  await author.page.getByLabel('说点什么').fill(text);
  await author.page.getByRole('button', { name: '发布' }).click();
  await author.page.waitForURL(/\/posts\/\d+/);
  assert.ok((await guestFeed()).includes(text), 'the cached guest page was dropped by the post');

  // A guest asking for English in any form gets English; nobody else does.
  assert.match(await guestFeed('lang=en-US'), /<html lang="en"/);
  assert.match(await guestFeed(), /<html lang="zh-CN"/);

  const slash = await fetch(`${BASE}/feed/?before=999999999`);
  assert.equal(slash.status, 200, 'the slash leads to the feed');
  assert.equal(new URL(slash.url).pathname, '/feed');
  assert.ok((await slash.text()).includes(text));
});
