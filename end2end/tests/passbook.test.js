// The passbook as a depositor and branch staff live it: staff award a
// catalogue item to households of their village, the depositor sees why in
// the passbook, asks about an entry, and staff answer with a correction.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SHOTS, phone, login, sharedBrowser, uniquePhone } from './helpers.js';

const BRANCH_PHONE = '13800000002';
const DEMO_PASSWORD = 'demo1234';
const browserOf = sharedBrowser({ before, after });

async function balanceOf(page) {
  await page.goto(`${BASE}/wallet`);
  return Number((await page.getByTestId('balance').textContent()).replace(/\D/g, ''));
}

test('branch award, passbook explanation, question and correction', async () => {
  // A new resident of 大甘棠村.
  const resident = await phone(browserOf());
  const me = uniquePhone();
  await resident.page.goto(`${BASE}/signup`);
  await resident.page.getByLabel('手机号').fill(me);
  await resident.page.getByLabel('称呼').fill('门前三包示范户');
  await resident.page.getByLabel('所在村').selectOption({ label: '大甘棠村' });
  await resident.page.getByLabel('密码', { exact: true }).fill('doorstep1');
  await resident.page.getByLabel('再输一次密码').fill('doorstep1');
  await resident.page.getByRole('button', { name: '注册' }).click();
  await resident.page.waitForURL(/notice=welcome/);
  assert.equal(await balanceOf(resident.page), 0);

  // Branch staff award the monthly 门前三包 assessment to that household.
  const staff = await phone(browserOf());
  await login(staff.page, BRANCH_PHONE, DEMO_PASSWORD);
  await staff.page.goto(`${BASE}/staff/award`);
  await staff.page.getByLabel('积分项目').selectOption({ label: '文明 · 门前三包·环境卫生（+5，门前三包·环境）' });
  await staff.page.locator('label', { hasText: '门前三包示范户' }).locator('input[type=checkbox]').check();
  await staff.page.getByLabel('备注（可选）').fill('十二月门前三包考评');
  await staff.page.screenshot({ path: `${SHOTS}award.png`, fullPage: false });
  await staff.page.getByRole('button', { name: '确认记分' }).click();
  await staff.page.waitForURL(/notice=awarded/);
  await staff.page.getByText('已记分的户数：1').waitFor();

  // Going back and submitting the same form again awards nothing more.
  await staff.page.goBack();
  await staff.page.getByRole('button', { name: '确认记分' }).click().catch(() => {});

  // The passbook says what, why, and who confirmed it.
  assert.equal(await balanceOf(resident.page), 5);
  const entry = resident.page.locator('li.entry').first();
  await entry.getByText('积分奖励 · 门前三包·环境卫生').waitFor();
  await entry.getByText('确认人：甘棠分行小周').waitFor();
  await entry.getByText('说明：十二月门前三包考评').waitFor();
  const year = resident.page.locator('section.year').first();
  assert.equal(await year.getByTestId('year-earned').textContent(), '5');
  await resident.page.screenshot({ path: `${SHOTS}passbook.png`, fullPage: true });

  // "Why did my points change?"
  await entry.getByText('对这笔积分有疑问？').click();
  await entry.locator('textarea[name=question]').fill('这个月是我家邻居打扫的，应该记给他们。');
  await entry.getByRole('button', { name: '提交给工作人员核查' }).click();
  await resident.page.waitForURL(/notice=question_sent/);
  await resident.page.getByText('等待工作人员答复').waitFor();

  // Staff answer with a correction.
  await staff.page.goto(`${BASE}/staff/reviews`);
  const request = staff.page.locator('section.review-request', { hasText: '门前三包示范户' });
  await request.getByLabel('答复', { exact: true }).fill('已核实，本次撤销，改记给邻居。');
  await request.getByText('同时撤销这笔积分').click();
  await request.getByRole('button', { name: '提交答复' }).click();
  await staff.page.waitForURL(/notice=review_answered/);

  assert.equal(await balanceOf(resident.page), 0);
  await resident.page.getByText('这笔已被撤销').waitFor();
  await resident.page.getByText('工作人员答复：已核实，本次撤销，改记给邻居。').waitFor();
  await resident.page.locator('li.entry').first().getByText('更正撤销 · 门前三包·环境卫生').waitFor();
});

test('a branch cannot award outside its village, even by crafting the request', async () => {
  const staff = await phone(browserOf());
  await login(staff.page, BRANCH_PHONE, DEMO_PASSWORD);
  await staff.page.goto(`${BASE}/staff/award?village=999999`);
  // Only its own village is offered.
  assert.equal(await staff.page.locator('select#village').count(), 0);
  const res = await staff.page.request.post(`${BASE}/api/staff/depositors`, {
    form: { village_id: '2' }, headers: { accept: 'application/json' },
  });
  const body = await res.json();
  assert.ok(body[0].length === 1, 'branch staff see only their own village');

  // A resident calling a staff server function directly is refused with 403.
  const resident = await phone(browserOf());
  await login(resident.page, '13800000004', DEMO_PASSWORD);
  const denied = await resident.page.request.post(`${BASE}/api/staff/reviews`, { headers: { accept: 'application/json' } });
  assert.equal(denied.status(), 403);
});
