// view.test.mjs — `clinkit view`: every entity of a document is highlighted
// once per fragment at exactly its text (also with CJK and emoji, whose code
// points are not UTF-16 units), details on hover/focus, relations, events
// and chains linked, the PHI banner, and hostile text never executes.
import { existsSync, readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, assert, eq, run, shot, HERE } from './harness.mjs';

const FIX = join(HERE, 'fixtures', 'view');
let VIEW, BIG, DOCS, LABELS, MEDDOCAN;
// Real, openly licensed files shared by the project (read at run time only).
const SHARED = process.env.CLINKIT_SHARED || join(HERE, '..', '..', '..', 'shared');
const MEDDOCAN_DIR = join(SHARED, 'corpora', 'meddocan-train', 'brat');

// The .ann files, parsed here on their own: T lines in order, with the text
// brat stores (fragments joined by one space).
function readAnn(name, dir = FIX) {
  const ents = [];
  for (const line of readFileSync(join(dir, name + '.ann'), 'utf8').split('\n')) {
    const m = line.match(/^(T\d+)\t(\S+) ([\d ;]+)\t(.*)$/);
    if (m) ents.push({ id: m[1], type: m[2], frags: m[3].split(';').length, text: m[4] });
  }
  return ents;
}

export function setupView(env) {
  VIEW = join(env.tmp, 'view.html');
  run(env.clinkit, ['view', 'brat', FIX, '-o', VIEW]);
  LABELS = join(env.tmp, 'labels.html');
  run(env.clinkit, ['view', 'jsonl', join(HERE, 'fixtures', 'labels', 'docs.jsonl'), '-o', LABELS]);
  if (existsSync(MEDDOCAN_DIR)) {
    MEDDOCAN = join(env.tmp, 'meddocan.html');
    run(env.clinkit, ['view', 'brat', MEDDOCAN_DIR, '-o', MEDDOCAN]);
  }
  DOCS = readdirSync(FIX).filter((f) => f.endsWith('.ann')).map((f) => f.slice(0, -4)).sort();
  // A large document: 400 000 characters, 20 000 entities.
  const big = join(env.tmp, 'big');
  mkdirSync(big);
  const unit = 'The patient reports mild pain in the left knee. ';
  let text = '', ann = '', n = 0;
  for (let i = 0; i < 8400; i++) {
    const at = text.length; // ASCII: code points = UTF-16 units
    text += unit;
    if (n < 20000) { ann += `T${++n}\tSymptom ${at + 25} ${at + 29}\tpain\n`; }
    if (n < 20000 && i % 3 === 0) { ann += `T${++n}\tSite ${at + 37} ${at + 46}\tleft knee\n`; }
  }
  writeFileSync(join(big, 'big.txt'), text);
  writeFileSync(join(big, 'big.ann'), ann);
  BIG = { path: join(env.tmp, 'big.html'), entities: n };
  run(env.clinkit, ['view', 'brat', big, '-o', BIG.path]);
}

async function openDoc(page, id, file = VIEW) {
  await page.goto(pathToFileURL(file).href + '#doc=' + encodeURIComponent(id));
  await page.waitForFunction((want) => {
    const t = document.getElementById('doc-title'), x = document.getElementById('doctext');
    return t && x && t.textContent === want && x.dataset.state === 'done';
  }, id, { timeout: 60000 });
}

// For each entity index and fragment: the text under its marks, in order.
async function highlighted(page) {
  return page.$$eval('#doctext mark.ent', (marks) => {
    const out = {};
    for (const m of marks) {
      const k = m.dataset.e, f = m.dataset.f;
      out[k] = out[k] || {};
      out[k][f] = (out[k][f] || '') + m.textContent;
    }
    return out;
  });
}

test('the file warns that it holds corpus text (PHI, data use agreement)', async (page) => {
  await openDoc(page, 'en-note');
  const banner = await page.textContent('#phi');
  assert(/corpus text/.test(banner) && /PHI/.test(banner) && /data use agreement/.test(banner), banner);
  assert(await page.isVisible('#phi'), 'banner visible');
});

for (const name of ['en-note', 'cjk-emoji', 'hostile']) {
  test(`${name}: as many highlighted entities as the document has, each at exactly its text`, async (page) => {
    const ents = readAnn(name);
    await openDoc(page, name);
    const got = await highlighted(page);
    eq(Object.keys(got).length, ents.length, 'highlighted entities');
    eq(await page.$$eval('#doctext mark[data-head]', (m) => m.length),
       ents.reduce((s, e) => s + e.frags, 0), 'highlighted fragments');
    ents.forEach((e, k) => {
      const frags = Object.keys(got[k]).sort().map((f) => got[k][f]);
      eq(frags.join(' '), e.text, `${e.id} text`);
      eq(frags.length, e.frags, `${e.id} fragments`);
    });
    // The document text is shown whole and unaltered.
    eq(await page.textContent('#doctext'), readFileSync(join(FIX, name + '.txt'), 'utf8'), 'document text');
    await shot(page, 'view-' + name);
  });
}

test('CJK and emoji (astral code points, a skin-tone sequence) land on the right characters', async (page) => {
  await openDoc(page, 'cjk-emoji');
  const byType = await page.$$eval('#doctext mark[data-head]', (ms) => ms.map((m) => [m.dataset.t, m.textContent]));
  for (const pair of [['Place', '𠮷野家'], ['Food', '🍜'], ['Emoji', '😀'], ['Emoji', '👍🏽'], ['症状', '腹痛🤢'], ['検査', 'CT検査']])
    assert(byType.some((p) => p[0] === pair[0] && p[1] === pair[1]), 'missing ' + pair.join(' '));
});

test('discontiguous, nested and overlapping entities are all shown', async (page) => {
  await openDoc(page, 'en-note');
  const got = await highlighted(page);
  const ents = readAnn('en-note');
  const k = (id) => ents.findIndex((e) => e.id === id);
  eq([got[k('T4')][0], got[k('T4')][1]], ['shortness', 'breath'], 'two fragments of T4');
  // T8 "diabetes" sits inside T7 "type 2 diabetes": nested marks.
  eq(await page.$$eval(`#doctext mark[data-e="${k('T7')}"] mark[data-e="${k('T8')}"]`, (m) => m.length), 1, 'nested');
  eq(got[k('T9')][0], 'Metformin 500', 'T9 crossing T5/T6');
});

test('hover and keyboard focus show attributes, normalizations and notes', async (page) => {
  const ents = readAnn('en-note');
  const k = (id) => ents.findIndex((e) => e.id === id);
  await openDoc(page, 'en-note');
  await page.hover(`#e-${k('T8')}`);
  let d = await page.textContent('#details-body');
  assert(d.includes('C0011860') && d.includes('Disease'), 'normalization on hover: ' + d);
  await page.focus(`#e-${k('T4')}`);
  d = await page.textContent('#details-body');
  assert(d.includes('Negated') && d.includes('shortness … breath'), 'attribute on focus: ' + d);
  await page.focus(`#e-${k('T3')}`);
  d = await page.textContent('#details-body');
  assert(d.includes('possibly cardiac') && d.includes('Possible'), 'note and valued attribute: ' + d);
  // Keyboard: Tab moves from one highlighted span to the next.
  await page.keyboard.press('Tab');
  assert(await page.evaluate(() => document.activeElement.matches('mark.ent[data-head]')), 'tab reaches the next span');
  await page.hover(`#e-${k('T5')}`);
  await shot(page, 'view-details');
});

test('relations, events and coreference chains are listed, and their links jump to the entity', async (page) => {
  const ents = readAnn('en-note');
  const k = (id) => ents.findIndex((e) => e.id === id);
  await openDoc(page, 'en-note');
  eq(await page.$$eval('#main table tr[id^="row-r-"]', (r) => r.length), 2, 'relations listed');
  eq(await page.$$eval('#main tr[id^="row-v-"]', (r) => r.length), 1, 'events listed');
  eq(await page.$$eval('#row-c-0 a', (a) => a.map((x) => x.dataset.ref)), ['T12', 'T10', 'T11'], 'chain links');
  await page.click('#row-r-0 a[data-ref="T5"]');
  eq(await page.evaluate(() => document.activeElement.id), `e-${k('T5')}`, 'focus moved to T5');
  assert(page.url().includes('ref=T5'), 'the URL names the entity: ' + page.url());
  // The link works when opened directly.
  await page.goto(page.url());
  await page.waitForSelector('#doctext[data-state="done"]');
  await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, `e-${k('T5')}`);
});

test('colours are stable per type: same type same colour, and the legend lists each type once', async (page) => {
  await openDoc(page, 'en-note');
  const colours = await page.$$eval('#doctext mark.ent', (ms) => ms.map((m) => [m.dataset.t, getComputedStyle(m).backgroundColor]));
  const byType = {};
  for (const [t, c] of colours) { byType[t] = byType[t] || new Set(); byType[t].add(c); }
  for (const t in byType) eq(byType[t].size, 1, `one colour for ${t}`);
  assert(colours.every((c) => c[1] !== 'rgba(0, 0, 0, 0)' && c[1] !== 'transparent'), 'every mark is coloured');
  const distinct = new Set(Object.values(byType).map((set) => [...set][0]));
  eq(distinct.size, Object.keys(byType).length, "types on one page get different colours");
  const legend = await page.$$eval('.legend input', (i) => i.map((x) => x.dataset.type));
  eq(legend, Object.keys(byType).sort(), 'legend types');
  // Unticking a type in the legend hides its highlights.
  await page.uncheck('.legend input[data-type="Person"]');
  eq(await page.$$eval('#doctext mark[data-t="Person"]:not(.off)', (m) => m.length), 0, 'Person hidden');
});

test('the document picker and next/previous buttons switch documents', async (page) => {
  await openDoc(page, DOCS[0]);
  eq(await page.$$eval('#picker option', (o) => o.map((x) => x.textContent)), DOCS, 'picker lists the documents');
  await page.click('#next');
  await page.waitForSelector('#doctext[data-state="done"]');
  eq(await page.textContent('#doc-title'), DOCS[1], 'next');
  await page.selectOption('#picker', { label: 'hostile' });
  await page.waitForSelector('#doctext[data-state="done"]');
  eq(await page.textContent('#doc-title'), 'hostile', 'picked');
  assert(decodeURIComponent(page.url()).includes('doc=hostile'), 'URL names the document');
});

test('hostile text and notes are shown as text and never run', async (page) => {
  await openDoc(page, 'hostile');
  const ents = readAnn('hostile');
  for (let k = 0; k < ents.length; k++) await page.hover(`#e-${k}`);
  await page.waitForTimeout(200);
  eq(await page.evaluate(() => window.__pwned), undefined, 'window.__pwned');
  eq(await page.$$eval('img, b, textarea', (e) => e.length), 0, 'no element made from the text');
  eq(await page.$$eval('script:not([type])', (s) => s.length), 1, 'only the viewer script');
  assert((await page.textContent('#doctext')).includes("<script>window.__pwned = 'script';</script>"), 'script shown as text');
  await page.hover('#e-0');
  assert((await page.textContent('#details-body')).includes('<img src=y onerror='), 'note shown as text');
  await shot(page, 'view-hostile');
});

test('a document without text lists its entities, labels and metadata', async (page) => {
  await openDoc(page, 'no-text', LABELS);
  eq(await page.$$eval('#doctext mark', (m) => m.length), 0, 'nothing to highlight');
  assert((await page.textContent('#doctext')).includes('no text'), 'says there is no text');
  assert(await page.isVisible('#row-e-0'), 'entity list open');
  const lists = await page.textContent('.lists');
  for (const s of ['SMOKING', 'PAST SMOKER', 'annotations only', '10–14']) assert(lists.includes(s), 'lists lack ' + s);
  await openDoc(page, 'pair', LABELS);
  const pair = await page.textContent('.lists');
  for (const s of ['KUAKE-QQR', 'source=textual', 'Is fever after travel a concern?']) assert(pair.includes(s), 'lists lack ' + s);
  await shot(page, 'view-labels');
});

test('MEDDOCAN (real Spanish BRAT files, when ../shared is present): every entity highlighted at its text', async (page) => {
  if (!MEDDOCAN) { console.log('     (skipped: ' + MEDDOCAN_DIR + ' not found)'); return; }
  const names = readdirSync(MEDDOCAN_DIR).filter((f) => f.endsWith('.ann')).map((f) => f.slice(0, -4)).sort().slice(0, 30);
  for (const name of names) {
    const ents = readAnn(name, MEDDOCAN_DIR);
    await openDoc(page, name, MEDDOCAN);
    const got = await highlighted(page);
    eq(Object.keys(got).length, ents.length, name + ': highlighted entities');
    ents.forEach((e, k) => eq(Object.values(got[k]).join(' '), e.text, `${name} ${e.id} text`));
  }
  await shot(page, 'view-meddocan');
});

test('on a phone the viewer fits the screen width', async (page) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await openDoc(page, 'en-note');
  eq(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0,
     'horizontal overflow (px)');
  await shot(page, 'view-phone');
});

test('a large document (400k characters, 20k entities) renders in slices and stays responsive', async (page) => {
  const t0 = Date.now();
  await page.goto(pathToFileURL(BIG.path).href);
  // While the layout is still going, the page answers and shows a first part.
  const early = await page.evaluate(() => [document.getElementById('doctext').dataset.state,
                                           document.querySelectorAll('#doctext mark').length]);
  await page.waitForSelector('#doctext[data-state="done"]', { timeout: 60000 });
  const ms = Date.now() - t0;
  eq(await page.$$eval('#doctext mark[data-head]', (m) => m.length), BIG.entities, 'every entity highlighted');
  assert(ms < 30000, `rendered in ${ms} ms`);
  console.log(`     (large document: ${ms} ms to render; state when first asked: ${early[0]}, ${early[1]} marks)`);
});
