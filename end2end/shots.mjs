// Takes phone-sized screenshots of the main pages for a human look.
// Usage: node shots.mjs BASE_URL OUT_DIR
import { launch, phone, login } from './tests/helpers.js';
const [base, out] = [process.argv[2] || 'http://127.0.0.1:3000', process.argv[3] || 'screenshots'];
process.env.E2E_BASE_URL = base;
const browser = await launch();
const { page } = await phone(browser);
await login(page, '13800000004', 'demo1234');
await page.goto(`${base}/wallet`);
await page.screenshot({ path: `${out}/passbook-demo.png`, fullPage: true });
await page.goto(`${base}/lang/en`);
await page.goto(`${base}/wallet`);
await page.screenshot({ path: `${out}/passbook-en.png` });
await page.goto(`${base}/lang/zh`);
const staff = await phone(browser);
await login(staff.page, '13800000001', 'demo1234');
await staff.page.goto(`${base}/staff`);
await staff.page.screenshot({ path: `${out}/staff-home.png`, fullPage: true });
await staff.page.getByRole('link', { name: '保卫水环境' }).click();
await staff.page.screenshot({ path: `${out}/river-stats.png`, fullPage: true });
await browser.close();
