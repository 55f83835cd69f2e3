// sql-editor.js — the SQL editor over every <textarea data-editor> (Explore, a
// saved query's edit form, the widget forms): CodeMirror 5 (the npm
// package, served by nginx at /static/vendor/codemirror/, loaded only when
// a page has a SQL box) with SQL highlighting, completion of the
// connection's tables and columns (GET /connections/{id}/schema.json),
// Ctrl/Cmd+Enter to run (submit the form: Explore runs, the edit forms
// save), and the schema sidebar
// ([data-schema-side]): a click puts the name in the editor at the cursor.
// The textarea stays the form's field (kept in step on every change);
// without JavaScript it is a plain textarea and the sidebar a list.
(function () {
  'use strict';
  var BASE = '/static/vendor/codemirror/';
  var SCRIPTS = ['lib/codemirror.js', 'mode/sql/sql.js', 'addon/hint/show-hint.js',
                 'addon/hint/sql-hint.js'];
  var STYLES = ['lib/codemirror.css', 'addon/hint/show-hint.css'];
  var loading = null;
  var schemas = {}; // connection id → Promise of its schema outline

  document.documentElement.classList.add('js');

  function loadScript(src) {
    return new Promise(function (ok, fail) {
      var s = document.createElement('script');
      s.src = BASE + src;
      s.onload = ok;
      s.onerror = function () { fail(new Error('cannot load ' + src)); };
      document.head.appendChild(s);
    });
  }

  // CodeMirror once per page load (kept across htmx navigations)
  function loadEditor() {
    if (window.CodeMirror && window.CodeMirror.hint && window.CodeMirror.hint.sql)
      return Promise.resolve();
    if (loading) return loading;
    STYLES.forEach(function (href) {
      var l = document.createElement('link');
      l.rel = 'stylesheet';
      l.href = BASE + href;
      // before app.css, so that the app's rules win
      document.head.insertBefore(l, document.head.querySelector('link[rel=stylesheet]'));
    });
    loading = SCRIPTS.reduce(function (p, src) {
      return p.then(function () { return loadScript(src); });
    }, Promise.resolve());
    loading.catch(function () { loading = null; });
    return loading;
  }

  function loadSchema(id) {
    if (!id) return Promise.resolve({ tables: [] });
    if (!schemas[id]) {
      schemas[id] = fetch('/connections/' + encodeURIComponent(id) + '/schema.json',
                          { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error('schema ' + r.status); return r.json(); })
        .catch(function (e) { delete schemas[id]; return { tables: [] }; });
    }
    return schemas[id];
  }

  // the connection a SQL box runs on: its form's picker, else the sidebar's
  function connectionOf(ta) {
    var sel = ta.form && ta.form.querySelector('select[name=connection_id]');
    if (sel && sel.value) return sel.value;
    var side = sideOf(ta);
    return side ? side.getAttribute('data-connection') : '';
  }

  // the smallest part of the page holding both the box and a sidebar
  function scopeOf(el, selector) {
    for (var n = el.parentElement; n; n = n.parentElement)
      if (n.querySelector(selector)) return n;
    return null;
  }
  function sideOf(ta) {
    var scope = scopeOf(ta, '[data-schema-side]');
    return scope && scope.querySelector('[data-schema-side]');
  }
  function boxOf(side) {
    var scope = scopeOf(side, 'textarea[data-editor]');
    return scope && scope.querySelector('textarea[data-editor]');
  }

  // Completion: sql-hint's tables and keywords, with every column whose
  // name starts with the word typed (not only the columns of one table).
  function hint(ta) {
    return function (cm) {
      var schema = ta._dmSchema || { tables: [] };
      var tables = {}, columns = {};
      schema.tables.forEach(function (t) {
        tables[t.insert] = t.columns.map(function (c) { return c.insert; });
        t.columns.forEach(function (c) {
          (columns[c.insert] = columns[c.insert] || { name: c.name, tables: [] }).tables.push(t.name);
        });
      });
      var res = CodeMirror.hint.sql(cm, { tables: tables, completeSingle: false }) ||
                { list: [], from: cm.getCursor(), to: cm.getCursor() };
      var cur = cm.getCursor(), line = cm.getLine(cur.line);
      var m = /[\w$]+$/.exec(line.slice(0, cur.ch));
      var word = m ? m[0].toLowerCase() : '';
      var dotted = m && m.index > 0 && line.charAt(m.index - 1) === '.';
      if (word && !dotted) {
        var keywords = [], others = [];
        res.list.forEach(function (w) {
          (w.className && w.className.indexOf('keyword') >= 0 ? keywords : others).push(w);
        });
        var seen = {};
        others.forEach(function (w) { seen[typeof w === 'string' ? w : w.text] = 1; });
        Object.keys(columns).sort().forEach(function (k) {
          var c = columns[k];
          if (seen[k] || c.name.toLowerCase().indexOf(word) !== 0) return;
          others.push({ text: k, className: 'CodeMirror-hint-column',
                        displayText: c.name + '  (' + c.tables.slice(0, 2).join(', ') +
                                     (c.tables.length > 2 ? ', …' : '') + ')' });
        });
        res.list = others.concat(keywords);
        res.from = CodeMirror.Pos(cur.line, m.index);
        res.to = CodeMirror.Pos(cur.line, cur.ch);
      }
      // nothing to offer but what is typed already
      if (res.list.length === 1) {
        var only = res.list[0];
        if ((typeof only === 'string' ? only : only.text).toLowerCase() === word) return null;
      }
      return res.list.length ? res : null;
    };
  }

  function run(ta) {
    if (ta._dmCm) ta._dmCm.save();
    if (ta.form) ta.form.requestSubmit(); // its first submit button: Run, Save
  }

  function enhance(ta) {
    if (ta._dmEditor) return;
    ta._dmEditor = true;
    // a copy of an earlier editor left by htmx's history cache
    var stale = ta.nextElementSibling;
    if (stale && stale.classList.contains('CodeMirror')) stale.remove();
    ta.removeAttribute('style');
    loadEditor().then(function () {
      if (!ta.isConnected || ta._dmCm) return;
      var keys = { 'Ctrl-Enter': function () { run(ta); }, 'Cmd-Enter': function () { run(ta); },
                   'Ctrl-Space': 'autocomplete', Tab: function (cm) {
                     if (cm.somethingSelected()) cm.indentSelection('add');
                     else cm.replaceSelection('  ');
                   } };
      var cm = CodeMirror.fromTextArea(ta, {
        mode: 'text/x-pgsql', lineNumbers: true, lineWrapping: true, indentUnit: 2,
        smartIndent: true, viewportMargin: Infinity, extraKeys: keys,
        hintOptions: { hint: hint(ta), completeSingle: false },
      });
      ta._dmCm = cm;
      cm.getWrapperElement().classList.add('sql-editor');
      cm.getInputField().setAttribute('aria-label', ta.getAttribute('aria-label') || 'SQL');
      cm.on('change', function () { cm.save(); });
      cm.on('inputRead', function (ed, change) {
        if (ed.state.completionActive || change.origin !== '+input') return;
        var cur = ed.getCursor(), before = ed.getLine(cur.line).slice(0, cur.ch);
        if (/(?:^|[^\w$])[A-Za-z_][\w$]$|\.$/.test(before)) ed.showHint();
      });
      refreshSchema(ta);
    }).catch(function () {
      ta._dmEditor = false; // the plain textarea stays, and still runs with Ctrl+Enter
    });
  }

  function refreshSchema(ta) {
    var id = connectionOf(ta);
    return loadSchema(id).then(function (schema) {
      if (connectionOf(ta) !== id) return; // changed again meanwhile
      ta._dmSchema = schema;
      var side = sideOf(ta);
      if (side && side.getAttribute('data-connection') !== id) fillSide(side, id, schema);
    });
  }

  // the sidebar for another connection, as partials/schema_side draws it
  function fillSide(side, id, schema) {
    side.setAttribute('data-connection', id);
    var list = side.querySelector('.schema-tables');
    list.textContent = '';
    var empty = side.querySelector('.schema-empty');
    if (!empty) {
      empty = document.createElement('p');
      empty.className = 'muted small schema-empty';
      empty.textContent = 'No tables read from this connection yet: refresh its schema on its connection page.';
      side.insertBefore(empty, list);
    }
    empty.hidden = schema.tables.length > 0;
    function nameButton(name, insert) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'schema-name';
      b.setAttribute('data-insert', insert);
      b.title = 'Insert ' + insert;
      b.textContent = name;
      return b;
    }
    schema.tables.slice(0, 200).forEach(function (t) {
      var li = document.createElement('li'), det = document.createElement('details');
      var sum = document.createElement('summary'), cols = document.createElement('ul');
      sum.appendChild(nameButton(t.name, t.insert));
      cols.className = 'schema-cols';
      t.columns.forEach(function (c) {
        var cli = document.createElement('li'), type = document.createElement('span');
        type.className = 'schema-type';
        type.textContent = c.type;
        cli.appendChild(nameButton(c.name, c.insert));
        cli.appendChild(document.createTextNode(' '));
        cli.appendChild(type);
        cols.appendChild(cli);
      });
      det.appendChild(sum);
      det.appendChild(cols);
      li.appendChild(det);
      list.appendChild(li);
    });
  }

  function insertName(ta, text) {
    var cm = ta._dmCm;
    if (cm) {
      var cur = cm.getCursor('from'), before = cm.getLine(cur.line).slice(0, cur.ch);
      cm.replaceSelection((/[\w$)"]$/.test(before) ? ' ' : '') + text);
      cm.focus();
      return;
    }
    var s = ta.selectionStart, e = ta.selectionEnd, v = ta.value;
    var add = (/[\w$)"]$/.test(v.slice(0, s)) ? ' ' : '') + text;
    ta.value = v.slice(0, s) + add + v.slice(e);
    ta.focus();
    ta.selectionStart = ta.selectionEnd = s + add.length;
  }

  function enhanceAll(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches('textarea[data-editor]')) enhance(root);
    root.querySelectorAll('textarea[data-editor]').forEach(enhance);
  }

  document.addEventListener('htmx:load', function (e) { enhanceAll(e.detail.elt); });
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', function () { enhanceAll(document.body); });
  else
    enhanceAll(document.body);

  // htmx keeps a copy of the page for Back: the plain textarea with the SQL
  // typed (its text, which the copy keeps), not the editor; and no empty
  // style attribute, which the copy would bring back against the CSP
  document.addEventListener('htmx:beforeHistorySave', function () {
    document.querySelectorAll('textarea[data-editor]').forEach(function (ta) {
      if (ta._dmCm) ta._dmCm.toTextArea();
      ta._dmCm = null;
      ta._dmEditor = false;
      ta.textContent = ta.value;
    });
    document.querySelectorAll('.CodeMirror-hints').forEach(function (n) { n.remove(); });
    document.querySelectorAll('[style=""]').forEach(function (n) { n.removeAttribute('style'); });
  });

  // a sidebar name: into the editor at the cursor (the summary stays as it is)
  document.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-schema-side] .schema-name');
    if (!b) return;
    e.preventDefault();
    var ta = boxOf(b.closest('[data-schema-side]'));
    if (ta) insertName(ta, b.getAttribute('data-insert'));
  });

  // another connection: its tables to complete and list
  document.addEventListener('change', function (e) {
    var sel = e.target;
    if (!sel.matches || !sel.matches('select[name=connection_id]') || !sel.form) return;
    var ta = sel.form.querySelector('textarea[data-editor]');
    if (ta && ta._dmEditor) refreshSchema(ta);
  });

  // Ctrl/Cmd+Enter in the plain textarea too (before the editor loads, or
  // if it cannot)
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && t && t.matches &&
        t.matches('textarea[data-editor]')) {
      e.preventDefault();
      run(t);
    }
  });
})();
