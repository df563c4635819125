/* view.js — the annotation viewer's script (inlined by `clinkit view`).
   Documents sit in JSON script blocks (id ck-doc-N);
   a block is parsed only when its document is picked. Everything is built
   with createElement/textContent: no document string is ever parsed as
   HTML. Offsets are Unicode code points, so the text is split with
   Array.from (JavaScript strings are UTF-16). Long texts are laid out in
   slices between animation frames, so the page stays responsive. */
(function () {
  'use strict';

  var index = JSON.parse(document.getElementById('ck-index').textContent);
  var ids = index.ids;
  var main = document.getElementById('main');
  var picker = document.getElementById('picker');
  var pos = document.getElementById('pos');
  var current = -1, token = 0, doc = null, refs = {};
  var SLICE = 4000; /* segments laid out per frame */
  document.head.appendChild(el('style', { id: 'type-colours' }));

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function str(v) { return v === null || v === undefined ? '' : String(v); }

  /* Colour of a type: FNV-1a hash of its name -> hue; light background, dark
     underline, so dark text keeps its contrast. Stable across files. */
  function hue(type) {
    var h = 0x811c9dc5, s = str(type);
    for (var i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }
  /* 36 colour slots: 18 hues 20 degrees apart, each light and lighter.
     A type's slot is its hash modulo 36, so a type keeps its colour from
     file to file; when two types of this corpus (all its documents, listed
     in the index) hash to the same slot, the later one in name order takes
     the next free slot, so types on one page never share a colour (up to 36). */
  var SLOTS = 36, slotOf = {};
  (function () {
    var taken = {};
    index.types.slice().sort().forEach(function (t) {
      var s = hue(t) % SLOTS;
      for (var n = 0; n < SLOTS && taken[s]; n++) s = (s + 1) % SLOTS;
      taken[s] = 1;
      slotOf[t] = s;
    });
  })();
  function colours(type) {
    var t = str(type), s = t in slotOf ? slotOf[t] : hue(t) % SLOTS;
    var h = (s % 18) * 20, l = s < 18 ? 80 : 89;
    return ['hsl(' + h + ', 85%, ' + l + '%)', 'hsl(' + h + ', 70%, 30%)'];
  }
  function paint(node, type) {
    var c = colours(type);
    node.style.setProperty('--bg', c[0]);
    node.style.setProperty('--fg', c[1]);
  }
  /* One CSS class per type (t0, t1, ...) instead of inline styles on every
     mark: far less style work for documents with thousands of entities. */
  var typeClass = {};
  function classFor(type) {
    var t = str(type);
    if (!(t in typeClass)) {
      var n = Object.keys(typeClass).length, c = colours(t);
      typeClass[t] = 't' + n;
      var sheet = document.getElementById('type-colours');
      sheet.textContent += 'mark.ent.t' + n + ' { --bg: ' + c[0] + '; --fg: ' + c[1] + '; }\n';
    }
    return typeClass[t];
  }

  function docHash(i, ref) {
    var p = new URLSearchParams();
    p.set('doc', ids[i]);
    if (ref) p.set('ref', ref);
    return '#' + p.toString();
  }

  /* A link to an annotation (entity, event, relation, chain). */
  function refLink(ref) {
    var a = el('a', { href: docHash(current, ref), 'data-ref': ref });
    var r = refs[ref];
    var label = str(ref);
    if (r && r.kind === 'entity') {
      var e = doc.entities[r.k];
      label += ' ' + str(e.type) + ' “' + entityText(e) + '”';
    } else if (r) {
      label += ' ' + str(r.obj.type);
    }
    a.textContent = label;
    a.addEventListener('click', function (ev) { ev.preventDefault(); jump(ref, true); });
    return a;
  }

  var cps = [];
  function spanText(s) { return cps.slice(s[0], s[1]).join(''); }
  function spanOk(s) { return s[0] >= 0 && s[1] <= cps.length && s[0] < s[1]; }
  function entityText(e) {
    return e.spans.filter(spanOk).map(spanText).join(' … ');
  }

  function kvList(pairs) {
    var dl = el('dl', { class: 'kv' });
    pairs.forEach(function (p) {
      add(dl, el('dt', null, p[0]));
      add(dl, el('dd', null, p[1] === null ? '(set)' : p[1]));
    });
    return dl;
  }

  function table(headers) {
    var t = el('table');
    var tr = add(add(t, el('thead')), el('tr'));
    headers.forEach(function (h) { add(tr, el('th', { scope: 'col' }, h)); });
    t.body = add(t, el('tbody'));
    return t;
  }
  function wrap(t) {
    var d = el('div', { class: 'tablewrap' });
    d.appendChild(t);
    return d;
  }
  function row(t, cells, id) {
    var tr = add(t.body, el('tr', { id: id }));
    cells.forEach(function (c) {
      var td = add(tr, el('td'));
      if (c instanceof Node) td.appendChild(c); else td.textContent = str(c);
    });
    return tr;
  }
  function argsCell(args) {
    var span = el('span');
    args.forEach(function (a, i) {
      if (i) span.appendChild(document.createTextNode('; '));
      span.appendChild(document.createTextNode(str(a[0]) + ': '));
      span.appendChild(refs[a[1]] ? refLink(a[1]) : document.createTextNode(str(a[1])));
    });
    return span;
  }
  function attrsText(attrs) {
    return attrs.map(function (a) { return a[1] === null ? str(a[0]) : str(a[0]) + '=' + str(a[1]); }).join(', ');
  }

  function section(parent, title, n) {
    var s = add(parent, el('section'));
    add(s, el('h2', null, title + (n !== undefined ? ' (' + n + ')' : '')));
    return s;
  }

  /* The details panel: what a highlighted span carries. */
  function showDetails(k) {
    var box = document.getElementById('details-body');
    if (!box) return;
    var e = doc.entities[k];
    box.textContent = '';
    var h = add(box, el('p'));
    var sw = add(h, el('span', { class: 'swatch', 'aria-hidden': 'true' }));
    paint(sw, e.type);
    add(h, el('strong', null, ' ' + str(e.type)));
    if (e.id !== null) add(h, document.createTextNode(' ' + e.id));
    var pairs = [['text', entityText(e)],
                 ['offsets', e.spans.map(function (s) { return s[0] + '–' + s[1]; }).join(', ')]];
    e.attrs.forEach(function (a) { pairs.push([str(a[0]), a[1]]); });
    e.norms.forEach(function (nm) {
      pairs.push([str(nm[0]) || 'norm', str(nm[1]) + (nm[2] ? ' (' + nm[2] + ')' : '')]);
    });
    doc.notes.forEach(function (n) {
      if (e.id !== null && n.ref === e.id) pairs.push([str(n.type) || 'note', str(n.text)]);
    });
    add(box, kvList(pairs));
    if (e.id === null) return;
    var links = [];
    doc.relations.forEach(function (r) {
      if (r.args.some(function (a) { return a[1] === e.id; })) links.push(['relation', r]);
    });
    doc.events.forEach(function (v) {
      if (v.trigger === e.id || v.args.some(function (a) { return a[1] === e.id; })) links.push(['event', v]);
    });
    doc.corefs.forEach(function (c) {
      if (c.refs.indexOf(e.id) >= 0) links.push(['chain', c]);
    });
    if (links.length) {
      var ul = add(box, el('ul'));
      links.forEach(function (l) {
        var li = add(ul, el('li', null, l[0] + ' ' + str(l[1].type) + ' '));
        if (l[1].id !== null) li.appendChild(refLink(l[1].id));
        if (l[0] === 'relation') { li.appendChild(document.createTextNode(': ')); li.appendChild(argsCell(l[1].args)); }
        if (l[0] === 'chain') {
          l[1].refs.forEach(function (r) { li.appendChild(document.createTextNode(' ')); li.appendChild(refLink(r)); });
        }
      });
    }
  }

  function jump(ref, push) {
    var r = refs[ref];
    if (!r) return;
    var target = null;
    if (r.kind === 'entity') target = document.getElementById('e-' + r.k) || document.getElementById('row-e-' + r.k);
    else if (r.kind === 'event') {
      var t = refs[r.obj.trigger];
      target = (t && t.kind === 'entity' && document.getElementById('e-' + t.k)) || document.getElementById('row-v-' + r.k);
    } else target = document.getElementById('row-' + r.kind[0] + '-' + r.k);
    if (push && history.replaceState) history.replaceState(null, '', docHash(current, ref));
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1500);
    if (r.kind === 'entity') showDetails(r.k);
  }

  /* Lay out the text: cut it at every fragment boundary; each segment is
     wrapped in one <mark> per fragment covering it, outermost first. */
  function layout(box, mytoken, done) {
    var L = cps.length, frags = [], bad = [];
    doc.entities.forEach(function (e, k) {
      e.spans.forEach(function (s, j) {
        if (spanOk(s)) frags.push({ k: k, j: j, s: s[0], e: s[1], type: e.type });
        else bad.push([k, s]);
      });
    });
    var starts = {}, ends = {}, points = [0, L];
    frags.forEach(function (f) {
      (starts[f.s] = starts[f.s] || []).push(f);
      (ends[f.e] = ends[f.e] || []).push(f);
      points.push(f.s, f.e);
    });
    points.sort(function (a, b) { return a - b; });
    points = points.filter(function (p, i) { return i === 0 || p !== points[i - 1]; });
    var active = [], seen = {}, i = 0;
    function order(a, b) { return a.s - b.s || b.e - a.e || a.k - b.k || a.j - b.j; }
    function step() {
      if (mytoken !== token) return;
      var out = document.createDocumentFragment();
      for (var n = 0; i < points.length - 1 && n < SLICE; i++, n++) {
        var p = points[i], q = points[i + 1];
        if (ends[p]) active = active.filter(function (f) { return f.e !== p; });
        if (starts[p]) { active = active.concat(starts[p]); active.sort(order); }
        var node = document.createTextNode(cps.slice(p, q).join(''));
        for (var a = active.length - 1; a >= 0; a--) {
          var f = active[a];
          var m = el('mark', { class: 'ent ' + classFor(f.type), 'data-e': f.k, 'data-f': f.j, 'data-t': str(f.type),
                                title: str(f.type) + (doc.entities[f.k].id !== null ? ' ' + doc.entities[f.k].id : '') });
          var level = active.length - 1 - a;
          if (level) m.setAttribute('data-level', String(Math.min(level, 3)));
          if (p === f.s) {
            m.setAttribute('data-head', '1');
            m.setAttribute('tabindex', '0');
            if (!seen[f.k]) { seen[f.k] = 1; m.id = 'e-' + f.k; }
          }
          m.appendChild(node);
          node = m;
        }
        out.appendChild(node);
      }
      box.appendChild(out);
      if (i < points.length - 1) requestAnimationFrame(step);
      else done(bad);
    }
    step();
  }

  function legend(aside) {
    var counts = {}, order = [];
    doc.entities.forEach(function (e) {
      var t = str(e.type);
      if (!(t in counts)) { counts[t] = 0; order.push(t); }
      counts[t]++;
    });
    if (!order.length) return;
    var p = add(aside, el('section', { class: 'panel', 'aria-labelledby': 'legend-h' }));
    add(p, el('h2', { id: 'legend-h' }, 'Entity types'));
    var ul = add(p, el('ul', { class: 'legend' }));
    order.sort().forEach(function (t, i) {
      var li = add(ul, el('li'));
      var lab = add(li, el('label'));
      var cb = add(lab, el('input', { type: 'checkbox', checked: 'checked', 'data-type': t }));
      var sw = add(lab, el('span', { class: 'swatch', 'aria-hidden': 'true' }));
      paint(sw, t);
      add(lab, el('span', null, t + ' (' + counts[t] + ')'));
      cb.addEventListener('change', function () {
        var marks = document.querySelectorAll('#doctext mark.ent');
        for (var m = 0; m < marks.length; m++)
          if (marks[m].getAttribute('data-t') === t) marks[m].classList.toggle('off', !cb.checked);
      });
    });
  }

  function lists(col) {
    var box = add(col, el('div', { class: 'lists' }));
    if (doc.labels.length) {
      var t = table(['Label', 'Value', 'Attributes']);
      doc.labels.forEach(function (l) { row(t, [l.name, l.value === null ? '' : l.value, attrsText(l.attrs)]); });
      add(section(box, 'Document labels', doc.labels.length), wrap(t));
    }
    if (doc.entities.length) {
      var s = section(box, 'Entities', doc.entities.length);
      var det = add(s, el('details', doc.text === null ? { open: 'open' } : null));
      add(det, el('summary', null, 'Show the list'));
      var te = table(['Id', 'Type', 'Offsets', 'Text', 'Attributes and normalizations']);
      doc.entities.forEach(function (e, k) {
        var idc = e.id !== null ? refLink(e.id) : '';
        if (idc) idc.textContent = e.id;
        var extra = attrsText(e.attrs);
        e.norms.forEach(function (nm) { extra += (extra ? ', ' : '') + str(nm[0]) + ':' + str(nm[1]); });
        row(te, [idc, e.type, e.spans.map(function (sp) { return sp[0] + '–' + sp[1]; }).join(', '),
                 doc.text === null ? '' : entityText(e), extra], 'row-e-' + k);
      });
      add(det, wrap(te));
    }
    if (doc.relations.length) {
      var tr = table(['Id', 'Type', 'Arguments', 'Attributes']);
      doc.relations.forEach(function (r, k) { row(tr, [str(r.id), r.type, argsCell(r.args), attrsText(r.attrs)], 'row-r-' + k); });
      add(section(box, 'Relations', doc.relations.length), wrap(tr));
    }
    if (doc.events.length) {
      var tv = table(['Id', 'Type', 'Trigger', 'Arguments', 'Attributes']);
      doc.events.forEach(function (v, k) {
        row(tv, [str(v.id), v.type, v.trigger !== null && refs[v.trigger] ? refLink(v.trigger) : str(v.trigger),
                 argsCell(v.args), attrsText(v.attrs)], 'row-v-' + k);
      });
      add(section(box, 'Events', doc.events.length), wrap(tv));
    }
    if (doc.corefs.length) {
      var tc = table(['Chain', 'Type', 'Mentions']);
      doc.corefs.forEach(function (c, k) {
        var span = el('span');
        c.refs.forEach(function (r, i) {
          if (i) span.appendChild(document.createTextNode(' · '));
          span.appendChild(refs[r] ? refLink(r) : document.createTextNode(str(r)));
        });
        row(tc, [str(c.id), str(c.type), span], 'row-c-' + k);
      });
      add(section(box, 'Coreference chains', doc.corefs.length), wrap(tc));
    }
    if (doc.notes.length) {
      var tn = table(['Id', 'Type', 'On', 'Note']);
      doc.notes.forEach(function (n, k) {
        row(tn, [str(n.id), str(n.type), n.ref !== null && refs[n.ref] ? refLink(n.ref) : str(n.ref), str(n.text)], 'row-n-' + k);
      });
      add(section(box, 'Notes', doc.notes.length), wrap(tn));
    }
    if (doc.passages.length) {
      var tp = table(['Id', 'Type', 'Offsets']);
      doc.passages.forEach(function (p) {
        row(tp, [str(p.id), str(p.type), p.spans.map(function (sp) { return sp[0] + '–' + sp[1]; }).join(', ')]);
      });
      add(section(box, 'Passages', doc.passages.length), wrap(tp));
    }
    if (doc.meta.length) add(section(box, 'Metadata', doc.meta.length), kvList(doc.meta));
  }

  function show(i, ref) {
    if (i < 0 || i >= ids.length) return;
    current = i;
    token++;
    picker.value = String(i);
    pos.textContent = (i + 1) + ' of ' + ids.length;
    document.getElementById('prev').disabled = i === 0;
    document.getElementById('next').disabled = i === ids.length - 1;
    doc = JSON.parse(document.getElementById('ck-doc-' + i).textContent);
    refs = {};
    function reg(kind, arr) {
      arr.forEach(function (o, k) { if (o.id !== null && !(o.id in refs)) refs[o.id] = { kind: kind, k: k, obj: o }; });
    }
    reg('entity', doc.entities); reg('event', doc.events); reg('relation', doc.relations); reg('chain', doc.corefs);
    cps = doc.text === null ? [] : Array.from(doc.text);

    main.textContent = '';
    main.setAttribute('data-doc', String(i));
    var col = add(main, el('div', { id: 'textcol' }));
    add(col, el('h2', { id: 'doc-title' }, ids[i] === '' ? '(document without id)' : ids[i]));
    var aside = el('aside', { 'aria-label': 'Annotation details and legend' });
    var det = add(aside, el('section', { class: 'panel', id: 'details', 'aria-labelledby': 'details-h' }));
    add(det, el('h2', { id: 'details-h' }, 'Details'));
    add(det, el('div', { id: 'details-body', 'aria-live': 'polite' },
                'Hover over, tap or tab to a highlighted span to see its type, attributes and links.'));
    legend(aside);
    var box = add(col, el('div', { id: 'doctext', class: 'doctext', 'data-state': 'rendering', role: 'document',
                                    'aria-label': 'Document text' }));
    var problems = add(col, el('div', { id: 'problems', class: 'problem' }));
    main.appendChild(aside);
    lists(main);
    var mytoken = token;
    function finish(bad) {
      if (bad.length) {
        problems.textContent = bad.length + ' fragment(s) outside the text or empty, not highlighted: ' +
          bad.map(function (b) { return str(doc.entities[b[0]].id) + ' ' + b[1][0] + '–' + b[1][1]; }).join(', ');
      }
      box.setAttribute('data-state', 'done');
      if (ref) jump(ref, false);
    }
    if (doc.text === null) {
      box.classList.add('notext');
      box.textContent = 'This document has no text (the corpus ships annotations only).';
      finish([]);
    } else {
      layout(box, mytoken, finish);
    }
  }

  function onMark(ev) {
    var m = ev.target.closest && ev.target.closest('mark.ent');
    if (m) showDetails(Number(m.getAttribute('data-e')));
  }
  main.addEventListener('mouseover', onMark);
  main.addEventListener('focusin', onMark);
  main.addEventListener('click', onMark);

  ids.forEach(function (id, i) {
    add(picker, el('option', { value: String(i) }, id === '' ? '(document ' + (i + 1) + ')' : id));
  });
  picker.addEventListener('change', function () {
    show(Number(picker.value));
    if (history.replaceState) history.replaceState(null, '', docHash(current));
  });
  document.getElementById('prev').addEventListener('click', function () {
    show(current - 1); if (history.replaceState) history.replaceState(null, '', docHash(current));
  });
  document.getElementById('next').addEventListener('click', function () {
    show(current + 1); if (history.replaceState) history.replaceState(null, '', docHash(current));
  });

  if (!ids.length) {
    picker.disabled = true;
    main.appendChild(el('p', null, 'The corpus has no documents.'));
    main.setAttribute('data-doc', 'none');
    return;
  }
  /* #doc=ID&ref=ANN opens a document at an annotation, on load and when
     the hash changes (a pasted or followed link). */
  function fromHash() {
    var h = new URLSearchParams(location.hash.replace(/^#/, ''));
    var i = h.has('doc') ? ids.indexOf(h.get('doc')) : 0;
    if (i < 0) i = 0;
    if (i !== current) show(i, h.get('ref'));
    else if (h.get('ref')) jump(h.get('ref'), false);
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
