// e2e.mjs — entry point of the browser tests (see run.sh): writes the
// site and the viewer pages with the clinkit under test, then runs every
// test in site.test.mjs and view.test.mjs in one headless Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, runAll, run } from './harness.mjs';
import { setupSite } from './site.test.mjs';
import { setupView } from './view.test.mjs';

const [clinkit, chromiumPath] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'clinkit-browser-'));
let result = { passed: 0, failed: 1 };
let browser;
try {
  const env = { clinkit, tmp };
  setupSite(env);
  setupView(env);
  browser = await launch(chromiumPath || '/usr/bin/chromium');
  env.ctx = browser.ctx;
  result = await runAll(env);
} catch (e) {
  console.log('FAIL setup: ' + (e.stack || e));
} finally {
  if (browser) await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
