/* site.js — the catalog site's behaviour: instant search and filters on
   the index (data from data.js, loaded as a script so that file:// works),
   and the "Copy BibTeX" button on data-set pages. No dependencies. */
(function () {
  'use strict';

  function byId(id) { return document.getElementById(id); }

  /* Copy buttons: navigator.clipboard when allowed, else select + execCommand. */
  function setupCopy() {
    var buttons = document.querySelectorAll('button.copy');
    Array.prototype.forEach.call(buttons, function (btn) {
      btn.addEventListener('click', function () {
        var src = byId(btn.getAttribute('data-copy'));
        var status = btn.parentNode.querySelector('.copied');
        var text = src ? src.textContent : '';
        function done(ok) {
          if (status) status.textContent = ok ? 'Copied.' : 'Select the text and copy it.';
        }
        function fallback() {
          var r = document.createRange();
          r.selectNodeContents(src);
          var s = window.getSelection();
          s.removeAllRanges();
          s.addRange(r);
          var ok = false;
          try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
          done(ok);
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  function uniq(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (!seen[v]) { seen[v] = 1; out.push(v); } });
    return out;
  }

  function fillSelect(sel, values, label) {
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = String(v);
      o.textContent = label ? label(v) : String(v);
      sel.appendChild(o);
    });
  }

  var ACCESS = { dua: 'data use agreement', credentialed: 'PhysioNet credentialed',
                 registration: 'free registration', open: 'open download' };

  function setupIndex(data) {
    var form = byId('filters'), q = byId('q'), task = byId('f-task'), lang = byId('f-lang'),
        access = byId('f-access'), year = byId('f-year'), reader = byId('f-reader'),
        count = byId('count'), none = byId('none');
    var cards = {};
    Array.prototype.forEach.call(document.querySelectorAll('#results > li.card'), function (li) {
      cards[li.getAttribute('data-id')] = li;
    });
    var all = [];
    data.forEach(function (d) {
      all.push({ d: d, li: cards[d.id],
                 hay: [d.id, d.name, d.family, d.organiser, d.tasks.join(' '), d.languages.join(' '),
                       d.formats.join(' '), d.eval_task || '', d.metric || '', d.notes || '',
                       d.years.join(' ')].join('\n').toLowerCase() });
    });
    var flat = function (key) {
      var v = [];
      data.forEach(function (d) { v = v.concat(d[key]); });
      return v;
    };
    fillSelect(task, uniq(flat('tasks')).sort());
    fillSelect(lang, uniq(flat('languages')).sort());
    fillSelect(access, uniq(data.map(function (d) { return d.access; })).sort(),
               function (v) { return ACCESS[v] || v; });
    fillSelect(year, uniq(flat('years')).sort(function (a, b) { return a - b; }));
    form.hidden = false;

    function apply() {
      var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      all.forEach(function (e) {
        var d = e.d;
        var ok = words.every(function (w) { return e.hay.indexOf(w) >= 0; }) &&
          (!task.value || d.tasks.indexOf(task.value) >= 0) &&
          (!lang.value || d.languages.indexOf(lang.value) >= 0) &&
          (!access.value || d.access === access.value) &&
          (!year.value || d.years.indexOf(Number(year.value)) >= 0) &&
          (!reader.checked || d.formats.length > 0);
        if (e.li) e.li.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown === all.length ? all.length + ' data sets'
        : shown + ' of ' + all.length + ' data sets';
      none.hidden = shown > 0;
      var state = new URLSearchParams();
      if (q.value) state.set('q', q.value);
      [['task', task], ['lang', lang], ['access', access], ['year', year]].forEach(function (p) {
        if (p[1].value) state.set(p[0], p[1].value);
      });
      if (reader.checked) state.set('reader', '1');
      var h = state.toString();
      if (history.replaceState) history.replaceState(null, '', h ? '#' + h : location.pathname);
    }

    /* Restore a filter state from the URL (#q=...&task=...), so a filtered list can be linked. */
    var init = new URLSearchParams(location.hash.replace(/^#/, ''));
    if (init.get('q')) q.value = init.get('q');
    [['task', task], ['lang', lang], ['access', access], ['year', year]].forEach(function (p) {
      if (init.get(p[0])) p[1].value = init.get(p[0]);
    });
    reader.checked = init.get('reader') === '1';

    form.addEventListener('input', apply);
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    byId('none-reset').addEventListener('click', function () { form.reset(); q.focus(); });
    apply();
    document.documentElement.setAttribute('data-ready', '1');
  }

  setupCopy();
  if (window.CLINKIT_CATALOG && byId('filters')) setupIndex(window.CLINKIT_CATALOG);
  else document.documentElement.setAttribute('data-ready', '1');
})();
