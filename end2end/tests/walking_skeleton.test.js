// The walking skeleton, as a resident and a staff member would live it on
// their phones: sign up, check in with a photo, see the points and the post,
// and staff see the count go up; a second check-in the same day earns nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, SHOTS, phone, login, pngPhoto, sharedBrowser, uniquePhone,
} from './helpers.js';

const CAMPAIGN = '护河打卡·冬季';
const HQ_PHONE = '13800000001';
const DEMO_PASSWORD = 'demo1234';
const browserOf = sharedBrowser({ before, after });

async function staffCount(page) {
  await page.goto(`${BASE}/staff`);
  await page.getByRole('link', { name: CAMPAIGN }).click();
  await page.waitForURL(/\/staff\/campaigns\/\d+/);
  return Number(await page.getByTestId('total-checkins').textContent());
}

test('resident signs up, checks in with a photo, earns once a day; staff see the count', async () => {
  const staff = await phone(browserOf());
  await login(staff.page, HQ_PHONE, DEMO_PASSWORD);
  const before = await staffCount(staff.page);

  const { page } = await phone(browserOf());
  const myPhone = uniquePhone();
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('手机号').fill(myPhone);
  await page.getByLabel('称呼').fill('测试护河人');
  await page.getByLabel('所在村').selectOption({ label: '大甘棠村' });
  await page.getByLabel('密码', { exact: true }).fill('river2026');
  await page.getByLabel('再输一次密码').fill('river2026');
  await page.screenshot({ path: `${SHOTS}signup.png`, fullPage: true });
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL(`${BASE}/?notice=welcome`);
  await page.getByText('注册成功，欢迎成为文明储户！').waitFor();
  await page.screenshot({ path: `${SHOTS}home.png`, fullPage: true });

  // Check in to the running river campaign.
  await page.locator('article.campaign', { hasText: CAMPAIGN }).getByRole('link', { name: '去打卡' }).click();
  await page.waitForURL(/\/campaigns\/\d+/);
  const campaignUrl = page.url();
  await page.getByLabel('今天做了什么？').fill('沿河走了一圈，捡了两袋塑料瓶。');
  await page.getByLabel('照片').setInputFiles({ name: 'river.png', mimeType: 'image/png', buffer: pngPhoto() });
  await page.screenshot({ path: `${SHOTS}checkin.png`, fullPage: true });
  await page.getByRole('button', { name: '提交打卡' }).click();
  await page.waitForURL(/\/wallet\?notice=checkin_awarded/);
  await page.getByText('打卡成功，积分已存入存折：+2 分').waitFor();
  assert.equal((await page.getByTestId('balance').textContent()).replace(/\D/g, ''), '2');
  await page.getByText('打卡奖励').first().waitFor();
  await page.screenshot({ path: `${SHOTS}wallet.png`, fullPage: true });

  // The post is at the top of the feed, with its re-encoded photo.
  await page.goto(`${BASE}/feed`);
  const first = page.locator('article.post').first();
  await first.getByText('沿河走了一圈，捡了两袋塑料瓶。').waitFor();
  await first.getByText('测试护河人').waitFor();
  const src = await first.locator('img').getAttribute('src');
  assert.match(src, /^\/media\/[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
  const photo = await page.request.get(`${BASE}${src}`);
  assert.equal(photo.headers()['content-type'], 'image/jpeg');
  await page.screenshot({ path: `${SHOTS}feed.png` });

  assert.equal(await staffCount(staff.page), before + 1);

  // Same day again: kept as a post, no points, told so in plain Chinese.
  await page.goto(campaignUrl);
  await page.getByText('今天已经打过卡了').waitFor();
  await page.getByLabel('今天做了什么？').fill('傍晚又去河边看了看。');
  await page.getByLabel('照片').setInputFiles({ name: 'evening.png', mimeType: 'image/png', buffer: pngPhoto(320, 240) });
  await page.getByRole('button', { name: '提交打卡' }).click();
  await page.waitForURL(/\/feed\?notice=checkin_not_awarded/);
  await page.getByText('今天已经领过这个活动的积分了').waitFor();
  await page.locator('article.post').first().getByText('傍晚又去河边看了看。').waitFor();
  await page.goto(`${BASE}/wallet`);
  assert.equal((await page.getByTestId('balance').textContent()).replace(/\D/g, ''), '2');
  assert.equal(await page.locator('li.entry').count(), 1);

  assert.equal(await staffCount(staff.page), before + 2);
  await staff.page.screenshot({ path: `${SHOTS}staff.png`, fullPage: true });
});

test('bad input gets a clear message and keeps what was typed', async () => {
  const { page } = await phone(browserOf());
  // Duplicate phone number.
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('手机号').fill('13800000004');
  await page.getByLabel('称呼').fill('重复的人');
  await page.getByLabel('所在村').selectOption({ label: '东堡村' });
  await page.getByLabel('密码', { exact: true }).fill('whatever1');
  await page.getByLabel('再输一次密码').fill('whatever1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.getByRole('alert').getByText('这个手机号已经注册过了').waitFor();
  assert.equal(await page.getByLabel('称呼').inputValue(), '重复的人');
  assert.equal(await page.getByLabel('所在村').locator('option:checked').textContent(), '东堡村');

  // Wrong password.
  await page.goto(`${BASE}/login`);
  await page.getByLabel('手机号').fill('13800000004');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').getByText('手机号或密码不对').waitFor();
  assert.equal(await page.getByLabel('手机号').inputValue(), '13800000004');

  // A "photo" that is really a text file: refused, text kept.
  await login(page, '13800000004', DEMO_PASSWORD);
  await page.goto(BASE);
  await page.locator('article.campaign', { hasText: CAMPAIGN }).getByRole('link', { name: '去打卡' }).click();
  await page.getByLabel('今天做了什么？').fill('这张不是照片');
  await page.getByLabel('照片').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('definitely not a jpeg') });
  await page.getByRole('button', { name: '提交打卡' }).click();
  await page.getByRole('alert').getByText('这个文件不是照片').waitFor();
  assert.equal(await page.getByLabel('今天做了什么？').inputValue(), '这张不是照片');
  await page.screenshot({ path: `${SHOTS}bad-photo.png`, fullPage: true });

  // Empty text with a real photo: refused, and the photo is kept.
  await page.getByLabel('今天做了什么？').fill('   ');
  await page.getByLabel('照片').setInputFiles({ name: 'ok.png', mimeType: 'image/png', buffer: pngPhoto(200, 150) });
  await page.evaluate(() => document.querySelector('#text').removeAttribute('required'));
  await page.getByRole('button', { name: '提交打卡' }).click();
  await page.getByRole('alert').getByText('请写几句话').waitFor();
  await page.getByText('已保留您刚才上传的照片').waitFor();
  await page.getByLabel('今天做了什么？').fill('补上文字');
  await page.getByRole('button', { name: '提交打卡' }).click();
  await page.waitForURL(/\/(wallet|feed)\?notice=checkin_/);
});

test('pages and forms work before any WASM loads', async () => {
  const context = await browserOf().newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE}/feed`);
  assert.ok(await page.locator('article.post').count() > 0);
  await page.goto(`${BASE}/login`);
  await page.getByLabel('手机号').fill('13800000004');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/notice=logged_in/);
  await page.goto(`${BASE}/wallet`);
  assert.match(await page.getByTestId('balance').textContent(), /\d+/);
  await context.close();
});

test('cross-site form posts are refused', async () => {
  const res = await fetch(`${BASE}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    body: 'phone=13800000004&password=demo1234',
  });
  assert.equal(res.status, 403);
});

test('unknown pages show the app’s own 404, and log-in never leaves the site', async () => {
  const res = await fetch(`${BASE}/no-such-page`);
  assert.equal(res.status, 404);
  assert.match(await res.text(), /页面不存在/);

  const { page } = await phone(browserOf());
  await page.goto(`${BASE}/login?next=${encodeURIComponent('/\\evil.example/phish')}`);
  await page.getByLabel('手机号').fill('13800000004');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/notice=logged_in/);
  assert.equal(new URL(page.url()).origin, new URL(BASE).origin);
});
