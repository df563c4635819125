// harness.mjs — the small test harness of the browser tests: a test list,
// a fresh headless Chromium (own user-data dir), screenshots, asserts.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const HERE = new URL('.', import.meta.url).pathname;
export const SHOTS = join(HERE, 'screenshots');

const tests = [];
export function test(name, fn) { tests.push({ name, fn }); }

export function assert(cond, msg) { if (!cond) throw new Error(msg); }
export function eq(got, want, msg) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`${msg}: got ${g.slice(0, 400)}, want ${w.slice(0, 400)}`);
}

export function run(bin, args) {
  return execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function launch(executablePath) {
  const profile = mkdtempSync(join(tmpdir(), 'clinkit-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--no-first-run', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  // No network: every request must be a file:// URL.
  await ctx.route(/^(?!file:)/, (route) => route.abort());
  return { ctx, close: async () => { await ctx.close(); rmSync(profile, { recursive: true, force: true }); } };
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

export async function runAll(env) {
  let passed = 0, failed = 0;
  for (const t of tests) {
    const page = await env.ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('dialog', (d) => { errors.push('dialog opened: ' + d.message()); d.dismiss(); });
    try {
      await t.fn(page, env);
      if (errors.length) throw new Error('page errors: ' + errors.join('; '));
      passed++;
      console.log('ok   ' + t.name);
    } catch (e) {
      failed++;
      console.log('FAIL ' + t.name + '\n     ' + String(e.message || e).split('\n').join('\n     '));
    } finally {
      await page.close();
    }
  }
  return { passed, failed };
}
