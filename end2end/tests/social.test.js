// The resident's daily loop in the 文明圈 and in a check-in campaign, on a
// phone: posting with photos, likes and comments reaching the author's
// inbox, reporting and moderation, an exhibition made by headquarters, a
// three-day streak across midnight (the server's clock is moved), and a
// check-in marked not genuine, seen by the depositor as a reversal.
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

async function balanceOf(page) {
  await page.goto(`${BASE}/wallet`);
  return Number((await page.getByTestId('balance').textContent()).replace(/\D/g, ''));
}

test('a post with three photos, liked and commented by a neighbour, reaches the author inbox', async () => {
  const author = await signup('老物件收藏家');
  const { page } = author;
  await page.goto(`${BASE}/feed`);
  await page.getByRole('link', { name: '发动态' }).click();
  await page.waitForURL(`${BASE}/feed/new`);
  await page.getByLabel('说点什么').fill('翻出了爷爷的铜火锅，擦得锃亮。');
  await page.getByLabel('话题（可选）').fill('#老物件');
  const photo = (n) => ({ name: `old-${n}.png`, mimeType: 'image/png', buffer: pngPhoto(600 + n * 40, 480) });
  await page.getByLabel('照片（可选，最多 9 张）').setInputFiles([photo(1), photo(2), photo(3)]);
  await page.locator('.photo-grid.previews img').nth(2).waitFor();
  await page.screenshot({ path: `${SHOTS}compose.png`, fullPage: true });
  await page.getByRole('button', { name: '发布' }).click();
  await page.waitForURL(/\/posts\/\d+\?notice=posted_points/);
  await page.getByText('发布成功，积分已存入存折：+1 分').waitFor();
  const postUrl = page.url().split('?')[0];
  const card = page.locator('article.post');
  await card.getByText('翻出了爷爷的铜火锅，擦得锃亮。').waitFor();
  await card.getByRole('link', { name: '#老物件' }).waitFor();
  const thumbs = card.locator('.photo-grid img');
  assert.equal(await thumbs.count(), 3);
  for (let i = 0; i < 3; i++) {
    assert.match(await thumbs.nth(i).getAttribute('src'), /^\/media\/[0-9a-f]{2}\/[0-9a-f]{32}-t\.jpg$/);
    assert.equal(await thumbs.nth(i).getAttribute('loading'), 'lazy');
  }
  await page.screenshot({ path: `${SHOTS}post.png`, fullPage: true });
  assert.equal(await balanceOf(page), 1);

  // A neighbour likes it from the feed and comments on its page.
  const neighbour = await signup('热心邻居');
  await neighbour.page.goto(`${BASE}/feed`);
  const inFeed = neighbour.page.locator('article.post', { hasText: '翻出了爷爷的铜火锅' });
  await inFeed.getByRole('button', { name: /点赞/ }).click();
  await neighbour.page.waitForURL(/\/feed#post-\d+/);
  const liked = neighbour.page.locator('article.post', { hasText: '翻出了爷爷的铜火锅' }).getByRole('button', { name: /已赞/ });
  assert.equal((await liked.locator('.count').textContent()).trim(), '1');
  await neighbour.page.screenshot({ path: `${SHOTS}feed-liked.png` });
  await neighbour.page.goto(postUrl);
  await neighbour.page.getByLabel('写评论').fill('擦得真亮！冬天涮肉正合适。');
  await neighbour.page.getByRole('button', { name: '发表评论' }).click();
  await neighbour.page.waitForURL(/notice=commented#comment-\d+/);
  await neighbour.page.locator('li.comment', { hasText: '擦得真亮！冬天涮肉正合适。' }).waitFor();
  assert.equal((await neighbour.page.locator('article.post .actions a .count').textContent()).trim(), '1');

  // The author sees the unread badge, then the reply and the points in the inbox.
  await page.goto(`${BASE}/`);
  const badge = page.getByTestId('unread-badge');
  assert.ok(Number(await badge.textContent()) >= 2, 'the reply and the posting points are unread');
  await page.getByTestId('inbox-link').click();
  await page.waitForURL(`${BASE}/notifications`);
  await page.locator('li.inbox-item.unread', { hasText: '热心邻居 评论了您的动态' }).getByText('擦得真亮！').waitFor();
  await page.locator('li.inbox-item', { hasText: '积分到账 +1 分' }).first().waitFor();
  await page.screenshot({ path: `${SHOTS}inbox.png`, fullPage: true });
  await page.goto(`${BASE}/`);
  assert.equal(await page.getByTestId('unread-badge').count(), 0, 'reading the inbox clears the badge');

  // Headquarters turns #老物件 into an exhibition that shows the new post.
  const hq = await phone(browserOf());
  await login(hq.page, HQ_PHONE, DEMO_PASSWORD);
  await hq.page.goto(`${BASE}/topics`);
  await hq.page.getByRole('link', { name: '#老物件' }).first().click();
  await hq.page.waitForURL(/\/topics\/show\?t=/);
  // The demo town already shows #老物件 as an exhibition: the form starts from it.
  await hq.page.getByText('编辑这个话题的线上展').click();
  assert.equal(await hq.page.getByLabel('展览标题').inputValue(), '老物件里的乡愁');
  const alreadyPicked = await hq.page.locator('.pick-list input:checked').count()
    + await hq.page.locator('input[type=hidden][name="post_ids[]"]').count();
  assert.ok(alreadyPicked >= 1, 'the current selection is ticked');
  await hq.page.getByLabel('展览标题').fill('冬日老物件展');
  await hq.page.getByLabel('展览介绍').fill('村民家里的老物件，一件一个故事。');
  await hq.page.locator('label', { hasText: '老物件收藏家' }).locator('input[type=checkbox]').check();
  await hq.page.getByRole('button', { name: '保存线上展' }).click();
  await hq.page.waitForURL(/\/exhibitions\/\d+\?notice=exhibition_saved/);
  const gallery = hq.page.locator('ol.gallery');
  await hq.page.getByRole('heading', { name: '冬日老物件展' }).waitFor();
  await gallery.getByText('翻出了爷爷的铜火锅，擦得锃亮。').waitFor();
  assert.equal(await gallery.locator('li').count(), alreadyPicked + 1, 'earlier picks stay, the new post joins');
  assert.equal(await gallery.locator('li', { hasText: '翻出了爷爷的铜火锅' }).locator('img').count(), 3);
  await hq.page.screenshot({ path: `${SHOTS}exhibition.png`, fullPage: true });
});

test('a reported post is hidden by staff with a reason, and its author is told', async () => {
  const author = await signup('广告发布者');
  await author.page.goto(`${BASE}/feed/new`);
  await author.page.getByLabel('说点什么').fill('便宜卖电动车电池，加我私聊。');
  await author.page.getByRole('button', { name: '发布' }).click();
  await author.page.waitForURL(/\/posts\/\d+/);
  const postUrl = author.page.url().split('?')[0];

  const reporter = await signup('较真的邻居');
  await reporter.page.goto(postUrl);
  await reporter.page.getByText('举报这条动态').click();
  await reporter.page.getByLabel('举报原因').fill('广告，电池来路不明');
  await reporter.page.getByRole('button', { name: '提交举报' }).click();
  await reporter.page.waitForURL(/notice=reported/);

  const hq = await phone(browserOf());
  await login(hq.page, HQ_PHONE, DEMO_PASSWORD);
  await hq.page.goto(`${BASE}/staff/moderation`);
  const report = hq.page.locator('li.card', { hasText: '便宜卖电动车电池' }).first();
  await report.getByText('广告，电池来路不明').waitFor();
  await report.getByLabel('处理原因（会告诉作者）').fill('商业广告，不适合文明圈');
  await report.getByRole('button', { name: '隐藏' }).click();
  await hq.page.waitForURL(/notice=hidden/);

  await reporter.page.goto(`${BASE}/feed`);
  assert.equal(await reporter.page.getByText('便宜卖电动车电池').count(), 0, 'hidden posts leave the feed');
  await author.page.goto(`${BASE}/notifications`);
  await author.page.locator('li.inbox-item', { hasText: '您的动态被工作人员隐藏了' }).getByText('商业广告，不适合文明圈').waitFor();
  await author.page.goto(postUrl);
  await author.page.getByText('这条内容已被隐藏').waitFor();
});

test('three check-in days across midnight make a streak; a check-in found not genuine is reversed', async () => {
  const today = shanghaiToday();
  const { page } = await signup('天天巡河');
  await page.locator('article.campaign', { hasText: CAMPAIGN }).getByRole('link', { name: '去打卡' }).click();
  await page.waitForURL(/\/campaigns\/\d+/);
  const campaignUrl = page.url().split('?')[0];

  const checkIn = async (at, text) => {
    await setServerClock(at);
    await page.goto(campaignUrl);
    await page.getByLabel('今天做了什么？').fill(text);
    await page.getByLabel('照片').setInputFiles({ name: 'river.png', mimeType: 'image/png', buffer: pngPhoto(320, 240) });
    await page.getByRole('button', { name: '提交打卡' }).click();
    await page.waitForURL(/\/wallet\?notice=checkin_awarded/);
  };
  try {
    // 23:59 and 00:01 are two days in the town; then noon of the third day.
    await checkIn(`${today}T23:59:00+08:00`, '深夜巡河，河面很静。');
    await checkIn(`${addDays(today, 1)}T00:01:00+08:00`, '过了零点再走一圈。');
    await checkIn(`${addDays(today, 2)}T12:00:00+08:00`, '第三天，坚持就是胜利。');
    assert.equal(await balanceOf(page), 6);
    await page.goto(campaignUrl);
    assert.equal(await page.getByTestId('current-streak').textContent(), '3');
    assert.equal(await page.getByTestId('best-streak').textContent(), '3');
    for (const d of [today, addDays(today, 1), addDays(today, 2)]) {
      assert.match(await page.locator(`.calendar li[data-day="${d}"]`).getAttribute('class'), /checked/);
    }
    await page.getByTestId('leaderboard').waitFor();
    await page.screenshot({ path: `${SHOTS}streak.png`, fullPage: true });

    // Headquarters marks the third check-in as not genuine.
    const hq = await phone(browserOf());
    await login(hq.page, HQ_PHONE, DEMO_PASSWORD);
    await hq.page.goto(`${BASE}/staff`);
    await hq.page.getByRole('link', { name: CAMPAIGN }).click();
    await hq.page.waitForURL(/\/staff\/campaigns\/\d+/);
    const row = hq.page.locator('li.checkin-row', { hasText: '第三天，坚持就是胜利。' });
    await row.getByPlaceholder('原因，例如：照片不是在河边拍的').fill('照片与前一天重复');
    await hq.page.screenshot({ path: `${SHOTS}staff-checkins.png` });
    await row.getByRole('button', { name: '标记为不真实' }).click();
    await hq.page.waitForURL(/notice=checkin_rejected/);
    await hq.page.locator('li.checkin-row', { hasText: '第三天，坚持就是胜利。' }).getByText('未通过核验：照片与前一天重复').waitFor();

    // The depositor sees the reversal with its reason, and is told.
    assert.equal(await balanceOf(page), 4);
    const entry = page.locator('li.entry', { hasText: '更正撤销' }).first();
    await entry.getByText('照片与前一天重复').waitFor();
    await page.screenshot({ path: `${SHOTS}wallet-reversal.png`, fullPage: true });
    await page.goto(`${BASE}/notifications`);
    await page.locator('li.inbox-item', { hasText: '您的打卡未通过核验' }).getByText('照片与前一天重复').waitFor();
    await page.goto(`${BASE}/feed`);
    await page.locator('article.post', { hasText: '第三天，坚持就是胜利。' }).getByText('未通过核验：照片与前一天重复').waitFor();
    await page.goto(campaignUrl);
    assert.equal(await page.getByTestId('current-streak').textContent(), '2');
  } finally {
    await setServerClock(`${today}T12:00:00+08:00`);
  }
});
