// site.test.mjs — `clinkit site`: search and every filter narrow the list
// to exactly the matching data sets; data-set pages show the commands and
// the BibTeX; the pages work from file://, by keyboard and on a phone.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, assert, eq, run, shot } from './harness.mjs';

let SITE, CATALOG;

export function setupSite(env) {
  SITE = join(env.tmp, 'site');
  run(env.clinkit, ['site', SITE]);
  // The expected answers come from the catalog as the CLI prints it, not from the site.
  CATALOG = JSON.parse(run(env.clinkit, ['datasets', 'list', '--json']));
}

const url = (p) => pathToFileURL(join(SITE, p)).href;
const ids = (f) => CATALOG.filter(f).map((d) => d.id);

async function openIndex(page, hash = '') {
  await page.goto(url('index.html') + hash);
  await page.waitForSelector('html[data-ready="1"]');
}
async function visibleIds(page) {
  return page.$$eval('#results > li.card', (lis) => lis.filter((li) => !li.hidden).map((li) => li.dataset.id));
}
async function optionValues(page, sel) {
  return page.$$eval(sel + ' option', (os) => os.map((o) => o.value).filter(Boolean));
}

// What the search box promises to look at (see site.js): every word must occur.
function matchesQuery(d, q) {
  const hay = [d.id, d.name, d.family, d.organiser, d.tasks.join(' '), d.languages.join(' '),
               d.formats.join(' '), d.eval_task || '', d.metric || '', d.notes || '',
               d.years.join(' ')].join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

test('index lists every catalog entry as a card linking to an existing page', async (page) => {
  await openIndex(page);
  eq(await visibleIds(page), CATALOG.map((d) => d.id), 'cards in catalog order');
  const hrefs = await page.$$eval('#results h2 a', (as) => as.map((a) => a.getAttribute('href')));
  for (const h of hrefs) assert(existsSync(join(SITE, h)), 'missing page ' + h);
  eq(await page.textContent('#count'), `${CATALOG.length} data sets`, 'count line');
  await shot(page, 'site-index');
});

test('search narrows the list to the entries containing every word, case-insensitively', async (page) => {
  await openIndex(page);
  for (const q of ['tempeval', 'MedNLP', 'cblue', 'deid 2014', 'Kaggle', 'physionet credentialed', 'ja']) {
    await page.fill('#q', q);
    const want = ids((d) => matchesQuery(d, q));
    assert(want.length > 0 && want.length < CATALOG.length, `query "${q}" should narrow: ${want.length}`);
    eq(await visibleIds(page), want, `query "${q}"`);
    eq(await page.textContent('#count'), `${want.length} of ${CATALOG.length} data sets`, `count for "${q}"`);
  }
  await page.fill('#q', 'Clinical-TempEval-20');
  eq(await visibleIds(page), ['clinical-tempeval-2015', 'clinical-tempeval-2016', 'clinical-tempeval-2017'],
     'the three Clinical TempEval years');
  await shot(page, 'site-search');
  await page.fill('#q', 'no-such-corpus-zzz');
  eq(await visibleIds(page), [], 'nonsense query');
  assert(await page.isVisible('#none'), 'the "no data set matches" line shows');
});

for (const [label, sel, pred] of [
  ['task', '#f-task', (v) => (d) => d.tasks.includes(v)],
  ['language', '#f-lang', (v) => (d) => d.languages.includes(v)],
  ['access kind', '#f-access', (v) => (d) => d.access.kind === v],
  ['year', '#f-year', (v) => (d) => d.years.includes(Number(v))],
]) {
  test(`the ${label} filter shows exactly the entries with that ${label}, for every option`, async (page) => {
    await openIndex(page);
    const values = await optionValues(page, sel);
    assert(values.length >= 2, `${label} filter has options`);
    let narrowed = 0;
    for (const v of values) {
      await page.selectOption(sel, v);
      const want = ids(pred(v));
      assert(want.length > 0, `option ${v} matches something`);
      if (want.length < CATALOG.length) narrowed++;
      eq(await visibleIds(page), want, `${label} = ${v}`);
    }
    assert(narrowed > 0, `${label} filter narrows the list`);
    await page.selectOption(sel, '');
    eq((await visibleIds(page)).length, CATALOG.length, 'back to all');
  });
}

test('the clinkit-reader filter keeps only entries that list a reader', async (page) => {
  await openIndex(page);
  await page.check('#f-reader');
  const want = ids((d) => d.formats.length > 0);
  assert(want.length < CATALOG.length, 'some entries have no reader');
  eq(await visibleIds(page), want, 'has reader');
  await page.uncheck('#f-reader');
  eq((await visibleIds(page)).length, CATALOG.length, 'unchecked: all');
});

test('filters combine, can be linked through the URL, and Clear resets them', async (page) => {
  await openIndex(page, '#task=named+entity+recognition&lang=zh');
  const want = ids((d) => d.tasks.includes('named entity recognition') && d.languages.includes('zh'));
  assert(want.length > 0, 'some Chinese NER sets');
  eq(await visibleIds(page), want, 'task + language from the URL');
  eq(await page.inputValue('#f-lang'), 'zh', 'select shows the linked value');
  await page.selectOption('#f-access', 'registration');
  eq(await visibleIds(page), want.filter((id) => CATALOG.find((d) => d.id === id).access.kind === 'registration'),
     'task + language + access');
  assert(page.url().includes('access=registration'), 'URL records the filter: ' + page.url());
  await shot(page, 'site-filtered');
  await page.click('#f-reset');
  await page.waitForFunction(() => document.getElementById('count').textContent.indexOf(' of ') < 0);
  eq((await visibleIds(page)).length, CATALOG.length, 'cleared');
});

test('the index is usable by keyboard: skip link, then the labelled search box', async (page) => {
  await openIndex(page);
  await page.keyboard.press('Tab');
  eq(await page.evaluate(() => document.activeElement.className), 'skip', 'first tab stop is the skip link');
  await page.keyboard.press('Tab');
  eq(await page.evaluate(() => document.activeElement.id), 'q', 'then the search box');
  await page.keyboard.type('thyme');
  assert((await visibleIds(page)).length < CATALOG.length, 'typing filters');
  // Every form control has a label.
  const unlabelled = await page.$$eval('#filters input, #filters select', (els) =>
    els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.id || e.name));
  eq(unlabelled, [], 'controls without a label');
});

// WCAG relative luminance contrast of an element's text against its background.
async function contrasts(page, selector) {
  return page.$$eval(selector, (els) => els.slice(0, 5).map((e) => {
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 4).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = e; n && !bg; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length < 4 || c[3] > 0) bg = c;
    }
    bg = bg || [255, 255, 255];
    const a = lum(rgb(getComputedStyle(e).color)), b = lum(bg);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }));
}

test('text, badges, tags and links have at least 4.5:1 contrast', async (page) => {
  await openIndex(page);
  for (const sel of ['body', '.meta', '.tag', '.badge', '#results a', '.count', 'label']) {
    for (const c of await contrasts(page, sel)) assert(c >= 4.5, `${sel} contrast ${c.toFixed(2)}`);
  }
});

test('on a phone the index and a data-set page fit the screen width', async (page) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openIndex(page);
  const over = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  eq(await over(), 0, 'index horizontal overflow (px)');
  await shot(page, 'site-index-phone');
  await page.goto(url('ds/mimic-iii-noteevents.html'));
  eq(await over(), 0, 'data-set page horizontal overflow (px)');
  await shot(page, 'site-page-phone');
});

test('a data-set page shows access steps, files, splits, the clinkit commands and the BibTeX', async (page) => {
  const ds = CATALOG.find((d) => d.id === 'i2b2-2014-deid');
  await openIndex(page);
  await page.click(`#results li[data-id="${ds.id}"] h2 a`);
  await page.waitForSelector('h1');
  eq(await page.textContent('h1'), ds.name, 'title');
  eq(await page.$$eval('#access ol li', (li) => li.map((l) => l.textContent)), ds.access.steps, 'access steps');
  eq(await page.$$eval('#files tbody tr td:first-child', (td) => td.map((t) => t.textContent)),
     ds.files.map((f) => f.name), 'download contents');
  eq(await page.$$eval('#splits tbody tr td:first-child', (td) => td.map((t) => t.textContent)),
     ds.splits.map((s) => s.name), 'splits');
  const cmds = await page.textContent('#commands');
  for (const c of [`clinkit validate ${ds.formats[0]} PATH`,
                   `clinkit convert --from ${ds.formats[0]} --to jsonl PATH out.jsonl`,
                   `clinkit view ${ds.formats[0]} PATH -o view.html`,
                   `clinkit eval ${ds.eval_task} GOLD SYSTEM`])
    assert(cmds.includes(c), 'commands lack: ' + c);
  eq(await page.textContent('#bibtex'), ds.citation, 'BibTeX, verbatim');
  assert((await page.textContent('#metric')).includes(ds.metric.slice(0, 20)), 'metric');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => {});
  await page.click('button.copy');
  await page.waitForFunction(() => document.querySelector('.copied').textContent !== '');
  eq(await page.textContent('.copied'), 'Copied.', 'copy button reports success');
  const clip = await page.evaluate(() => navigator.clipboard.readText().catch(() => null));
  if (clip !== null) eq(clip, ds.citation, 'clipboard holds the BibTeX');
  await shot(page, 'site-page');
});

test('every data-set page names its commands or says there is no reader, and links stay local', async (page) => {
  for (const ds of CATALOG) {
    const html = readFileSync(join(SITE, 'ds', ds.id + '.html'), 'utf8');
    if (ds.formats.length) assert(html.includes(`clinkit validate ${ds.formats[0]} PATH`), ds.id + ' validate command');
    else assert(html.includes('no reader for this corpus yet'), ds.id + ' says no reader');
    if (ds.eval_task) assert(html.includes(`clinkit eval ${ds.eval_task} GOLD SYSTEM`), ds.id + ' eval command');
    assert(!/<(script|link)[^>]+(src|href)="(https?:)?\/\//.test(html), ds.id + ' loads nothing remote');
  }
  const family = await page.goto(url('ds/cblue.html')).then(() => page.$$eval('.children a', (a) => a.length));
  eq(family, CATALOG.filter((d) => d.parent === 'cblue').length, 'the CBLUE page lists its tasks');
});
