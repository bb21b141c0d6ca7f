// Shared pieces of the end-to-end tests: the browser, a phone-sized page,
// the server under test, and a tiny PNG encoder for "photos".
import { chromium } from 'playwright-core';
import { deflateSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';

export const BASE = process.env.E2E_BASE_URL || 'http://127.0.0.1:3000';
export const SHOTS = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Registers before/after hooks that launch one browser for a test file and
 * move the server clock to noon in the town today (so no test straddles
 * midnight). Returns a getter for the browser.
 */
export function sharedBrowser(hooks) {
  let browser;
  hooks.before(async () => {
    browser = await launch();
    await setServerClock(`${shanghaiToday()}T12:00:00+08:00`);
  });
  hooks.after(async () => { await browser?.close(); });
  return () => browser;
}

/** A fresh phone-sized session (390×844, like a common Android phone). */
export async function phone(browser) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    locale: 'zh-CN', timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return { context, page };
}

/** Moves the server's clock (the server runs with CIVIC_TEST_CLOCK=1). */
export async function setServerClock(isoWithOffset) {
  const res = await fetch(`${BASE}/test/clock?at=${encodeURIComponent(isoWithOffset)}`, { method: 'POST' });
  if (!res.ok) throw new Error(`cannot set server clock: ${res.status} ${await res.text()}`);
}

/** Today's date in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiToday() {
  return new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
}

let signupSeq = 0;

/** Signs up a new resident of `village` on a fresh phone session. */
export async function signUp(browser, name, village = '大甘棠村') {
  signupSeq += 1;
  const session = await phone(browser);
  const { page } = session;
  await page.goto(`${BASE}/signup`);
  await page.getByLabel('手机号').fill(uniquePhone().slice(0, 9) + String(signupSeq).padStart(2, '0'));
  await page.getByLabel('称呼').fill(name);
  await page.getByLabel('所在村').selectOption({ label: village });
  await page.getByLabel('密码', { exact: true }).fill('neighbour1');
  await page.getByLabel('再输一次密码').fill('neighbour1');
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL(/notice=welcome/);
  return session;
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(day, days) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function uniquePhone() {
  const n = (Date.now() % 1e8).toString().padStart(8, '0');
  return `155${n}`;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real RGB PNG of a river-ish gradient, `w`×`h` pixels. */
export function pngPhoto(w = 640, h = 480) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      const i = row + 1 + x * 3;
      raw[i] = 40 + (x % 60); raw[i + 1] = 120 + (y % 100); raw[i + 2] = 200;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function login(page, phoneNumber, password) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('手机号').fill(phoneNumber);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
