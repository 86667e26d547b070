// The browser walk of issue 4, in headless Chromium (Debian's /usr/bin/chromium) over
// playwright-core. Started by scripts/browser-test.sh with the app already running:
//   node run.mjs BASE_URL NOTICE.docx OUT_DIR
// Every step asserts what a user would see; a screenshot of each page goes to OUT_DIR.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import path from 'node:path';

const [base, docx, out] = process.argv.slice(2);
const password = process.env.DONDOC_DEMO_PASSWORD || 'dondoc-demo';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
let shot = 0;
async function snap(page, name) {
  shot += 1;
  const file = path.join(out, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  ảnh chụp: ${file}`);
}

async function login(user, { mobile = false } = {}) {
  const ctx = await browser.newContext(
    mobile ? { viewport: { width: 390, height: 844 }, isMobile: true } : { viewport: { width: 1366, height: 900 } },
  );
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/dang-nhap$/);
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  if (shot === 0) await snap(page, 'dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(`${base}/`);
  return { ctx, page };
}

// 1. The monitor imports the DOCX, fixes one task on the review screen and publishes.
console.log('theodoi: nhập văn bản, rà soát, ban hành');
let { ctx, page } = await login('theodoi');
await snap(page, 'tong-quan-truoc');
await page.getByRole('link', { name: 'Văn bản kết luận' }).click();
await page.getByRole('link', { name: '+ Nhập văn bản mới' }).click();
await page.getByLabel('Tệp văn bản').setInputFiles(docx);
await snap(page, 'nhap-van-ban');
await page.getByRole('button', { name: 'Nhập và rà soát' }).click();
await page.waitForURL(/\/van-ban\/\d+\?ok=imported/);
const noticeUrl = page.url().split('?')[0];
assert.ok(await page.locator('.doc mark').count() >= 2, 'tasks highlighted in the source');
await snap(page, 'ra-soat');
const fixed = 'Xây dựng và nhân rộng mô hình liên kết tiêu thụ nông sản an toàn';
await page.locator('#text_1').fill(fixed);
await page.getByRole('button', { name: 'Lưu rà soát' }).click();
await page.waitForURL(/\?ok=saved/);
assert.equal(await page.locator('#text_1').inputValue(), fixed);
await page.getByRole('button', { name: /Ban hành/ }).click();
await page.waitForURL(/\?ok=published/);
await page.getByText('Đã ban hành').first().waitFor();
await snap(page, 'da-ban-hanh');
await ctx.close();

// 2. The Hội Nông dân's focal point reports its task done (on a phone-sized screen).
console.log('hoinongdan: báo cáo hoàn thành');
({ ctx, page } = await login('hoinongdan', { mobile: true }));
await page.goto(`${base}/nhiem-vu`);
await snap(page, 'nhiem-vu-cua-toi');
await page.getByRole('link', { name: fixed }).first().click();
await page.getByRole('button', { name: 'Xác nhận đã nhận nhiệm vụ' }).click();
await page.waitForURL(/\?ok=done/);
await page.getByLabel('Nội dung đã thực hiện').fill('Đã ký kết liên kết với 2 hợp tác xã, đang nhân rộng ở 3 thôn.');
await page.getByLabel('Tỉ lệ hoàn thành (%)').fill('100');
await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
await page.waitForURL(/\?ok=report/);
await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
await page.waitForURL(/\?ok=done/);
assert.equal(
  await page.locator('table.facts tr', { hasText: 'Trạng thái' }).first().locator('td').innerText(),
  'Báo cáo hoàn thành',
);
await snap(page, 'bao-cao-hoan-thanh');
await ctx.close();

// 3. The monitor confirms it; the dashboard then shows it done on time.
console.log('theodoi: xác nhận, xem tổng quan');
({ ctx, page } = await login('theodoi'));
await page.getByRole('link', { name: 'Theo dõi', exact: true }).click();
const row = page.locator('tr', { hasText: fixed });
await row.getByRole('checkbox').check();
await snap(page, 'theo-doi');
await page.getByRole('button', { name: 'Xác nhận hoàn thành các nhiệm vụ đã chọn' }).click();
await page.waitForURL(/\/theo-doi\?ok=done/);
const today = new Date();
const end = new Date(today.getTime() + 400 * 86400e3);
const iso = (d) => d.toISOString().slice(0, 10);
await page.goto(`${base}/?period=${iso(today)}..${iso(end)}`);
const green = await page.locator('.bucket.green .n').innerText();
assert.ok(Number(green) >= 1, `done on time on the dashboard: ${green}`);
const orgRow = page.locator('table.list tr', { hasText: 'Hội Nông dân xã Hòa Bình Xanh' }).first();
assert.equal(await orgRow.locator('td').nth(2).innerText(), '1', 'one done on time for the Hội Nông dân');
await snap(page, 'tong-quan-sau');
await page.goto(noticeUrl);
await snap(page, 'van-ban-da-ban-hanh');
await page.goto(`${base}/tim-kiem?q=lien+ket+tieu+thu`);
assert.ok(await page.locator('.results li').count() >= 1, 'search without diacritics');
await snap(page, 'tim-kiem');
await ctx.close();
await browser.close();
console.log('browser test: ok');
