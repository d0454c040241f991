// The review page (vnplan serve) in a real browser: Debian's chromium driven by playwright-core, no browser
// download. The index is a real SQLite file made from the golden fixture plans.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/archive/db.js';
import { indexPlans } from '../src/archive/indexPlans.js';
import { serve, type Server } from '../src/archive/serve.js';
import { ROOT, vnplan } from './helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
// CI installs chromium and sets VNPLAN_CI: there the test must run, not be skipped.
const run = Boolean(CHROMIUM) || Boolean(process.env.VNPLAN_CI);
/** Set SCREENSHOTS=dir to keep pictures of the page (the closing note's come from here). */
const SHOTS = process.env.SCREENSHOTS;

const SCAN_PLAN = 'fixtures/scans/an-phu-plan.plan.json';
const TEXT_PLAN = 'fixtures/seeds/000_da4a77968281f121.plan.json';

/** A GET with a chosen Host header (fetch will not let one set it). */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, headers: host ? { host } : {} }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe.skipIf(!run)('review page (vnplan serve) in chromium', () => {
  let dir: string;
  let db: Db;
  let server: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('chromium is not installed (apt-get install chromium)');
    dir = mkdtempSync(join(tmpdir(), 'vnplan-serve-'));
    db = openDb(join(dir, 'archive.sqlite'));
    const r = await indexPlans(db, [SCAN_PLAN, TEXT_PLAN].map((p) => join(process.cwd(), p)));
    expect(r.added).toBe(2);
    server = await serve(db, { port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('finds a plan by words typed without diacritics and opens it beside its page', async () => {
    await page.goto(server.url);
    await page.fill('input[name=q]', 'pho bien giao duc phap luat');
    await page.press('input[name=q]', 'Enter');
    const hit = page.locator('.hit', { hasText: 'An Phú' });
    await hit.first().waitFor();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'search.png') });
    await hit.first().click();
    const img = page.locator('#page img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(500);
    expect(await page.locator('.field[data-field="Số, ký hiệu"]').textContent()).toContain('KH-UBND');
  });

  it('draws the lines behind a clicked field on the page, over the print', async () => {
    await page.locator('.field[data-field="Trích yếu"]').click();
    const boxes = page.locator('#page .box');
    await expect.poll(() => boxes.count()).toBeGreaterThan(0);
    // The boxes stand where the title is printed: inside the page, and over ink, darker than the page at large.
    const ink = await page.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('#page img')!;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const dark = (x0: number, y0: number, x1: number, y1: number) => {
        const d = g.getImageData(Math.floor(x0 * c.width), Math.floor(y0 * c.height), Math.max(1, Math.round((x1 - x0) * c.width)), Math.max(1, Math.round((y1 - y0) * c.height))).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i]! + d[i + 1]! + d[i + 2]! < 3 * 128) n++;
        return n / (d.length / 4);
      };
      const page = img.getBoundingClientRect();
      const boxes = [...document.querySelectorAll<HTMLElement>('#page .box')].map((b) => {
        const r = b.getBoundingClientRect();
        return { x0: (r.left - page.left) / page.width, y0: (r.top - page.top) / page.height, x1: (r.right - page.left) / page.width, y1: (r.bottom - page.top) / page.height };
      });
      return { boxes, inBoxes: boxes.map((b) => dark(b.x0, b.y0, b.x1, b.y1)), page: dark(0, 0, 1, 1) };
    });
    for (const b of ink.boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.y1).toBeLessThanOrEqual(1);
      expect(b.x1).toBeGreaterThan(b.x0);
    }
    for (const share of ink.inBoxes) expect(share).toBeGreaterThan(Math.max(0.05, 2 * ink.page));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'document.png') });
  });

  it('jumps to a task on its page', async () => {
    const task = page.locator('.task .field').first();
    await task.click();
    await expect.poll(() => page.locator('#page .box').count()).toBeGreaterThan(0);
    expect(await page.locator('.field.active').count()).toBe(1);
  });

  it('shows a text file’s plan as its text, the field’s lines marked', async () => {
    await page.fill('input[name=q]', '');
    await page.fill('input[name=issuer]', 'viet hung');
    await page.press('input[name=issuer]', 'Enter');
    await page.locator('.hit').first().click();
    await page.locator('#text').waitFor();
    await page.locator('.field[data-field="Trích yếu"]').click();
    await expect.poll(() => page.locator('#text mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#page').count()).toBe(0);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'text.png') });
  });

  it('answers only its own requests, and only to this machine’s names', async () => {
    const id = (JSON.parse((await get(`${server.url}api/search?q=pho%20bien%20giao%20duc%20phap%20luat`)).body) as { document: { id: number } }[])[0]!.document.id;
    expect((await get(`${server.url}api/documents/${id}/pages/1`)).status).toBe(200);
    expect((await get(`${server.url}api/documents/${id}/pages/9`)).status).toBe(404);
    expect((await get(`${server.url}api/documents/99999`)).status).toBe(404);
    expect((await get(`${server.url}../../etc/passwd`)).status).toBe(404);
    expect((await get(`${server.url}api/search?from=yesterday`)).status).toBe(400);
    expect((await get(`${server.url}api/search?q=x`, 'evil.example:80')).status).toBe(403);
  });

  it('runs as `vnplan serve`: says where, serves the page, stops on SIGTERM; a bad port is one clear line', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'vnplan.js'), 'serve', '--db', join(dir, 'archive.sqlite'), '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const url = await new Promise<string>((ok, fail) => {
      let err = '';
      child.stderr.on('data', (c) => {
        err += c;
        const m = err.match(/review page at (http:\/\/127\.0\.0\.1:\d+\/)/);
        if (m) ok(m[1]!);
      });
      child.once('exit', (code) => fail(new Error(`vnplan serve exited (${code}): ${err}`)));
    });
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>vnplan');
    const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const bad = await vnplan(['serve', '--db', join(dir, 'archive.sqlite'), '--port', 'eighty']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/not a port/);
  });
});
