// palette.js — the command palette: Ctrl+K (Cmd+K on a Mac), or the
// Search link, opens a dialog; typing asks /search for its results list
// (the same page works without JavaScript), arrows move, Enter opens.
(function () {
  'use strict';
  var dialog, input, list, seq = 0, timer = null, active = -1;

  function build() {
    dialog = document.createElement('dialog');
    dialog.className = 'palette';
    dialog.setAttribute('aria-label', 'Go to');
    var form = document.createElement('form');
    form.method = 'get';
    form.action = '/search';
    form.className = 'palette-form';
    form.setAttribute('hx-boost', 'false');
    input = document.createElement('input');
    input.type = 'text';   // a search box would take the first Escape to clear itself
    input.name = 'q';
    input.className = 'palette-input';
    input.autocomplete = 'off';
    input.maxLength = 200;
    input.placeholder = 'Go to a dashboard, query, connection, chat or page…';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-label', 'Go to');
    input.setAttribute('aria-controls', 'palette-list');
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-autocomplete', 'list');
    list = document.createElement('div');
    list.id = 'palette-list';
    list.className = 'palette-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Results');
    var hint = document.createElement('p');
    hint.className = 'palette-hint';
    hint.textContent = '↑ ↓ to move · Enter to open · Esc to close';
    form.appendChild(input);
    dialog.appendChild(form);
    dialog.appendChild(list);
    dialog.appendChild(hint);
    document.body.appendChild(dialog);
    input.addEventListener('input', function () {
      list.setAttribute('aria-busy', 'true');   // until this search's list is shown
      clearTimeout(timer);
      timer = setTimeout(load, 120);
    });
    input.addEventListener('keydown', onKey);
    form.addEventListener('submit', function (e) {
      var opts = options();
      if (active >= 0 && opts[active]) {
        e.preventDefault();
        go(opts[active]);
      }
    });
    list.addEventListener('click', function (e) {
      var a = e.target.closest('a');
      if (a) { e.preventDefault(); go(a); }
    });
    dialog.addEventListener('click', function (e) { if (e.target === dialog) dialog.close(); });
  }

  function options() { return list.querySelectorAll('a.search-hit'); }

  function setActive(i) {
    var opts = options();
    if (!opts.length) { active = -1; input.removeAttribute('aria-activedescendant'); return; }
    active = (i + opts.length) % opts.length;
    opts.forEach(function (a, k) { a.setAttribute('aria-selected', k === active ? 'true' : 'false'); });
    input.setAttribute('aria-activedescendant', opts[active].id);
    opts[active].scrollIntoView({ block: 'nearest' });
  }

  // The server's list of links, made a listbox of options.
  function show(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    list.replaceChildren.apply(list, Array.prototype.slice.call(doc.body.childNodes));
    var ul = list.querySelector('ul');
    if (ul) ul.setAttribute('role', 'presentation');
    list.querySelectorAll('li').forEach(function (li) { li.setAttribute('role', 'presentation'); });
    options().forEach(function (a, k) {
      a.id = 'palette-opt-' + k;
      a.setAttribute('role', 'option');
      a.setAttribute('tabindex', '-1');
    });
    setActive(0);
  }

  function load() {
    var mine = ++seq;
    list.setAttribute('aria-busy', 'true');
    fetch('/search?q=' + encodeURIComponent(input.value.trim()), {
      headers: { 'HX-Request': 'true' }, credentials: 'same-origin'
    }).then(function (r) {
      if (!r.ok) throw new Error('search ' + r.status);
      return r.text();
    }).then(function (html) {
      if (mine !== seq) return;
      show(html);
      list.removeAttribute('aria-busy');
    }).catch(function () {
      if (mine !== seq) return;
      list.removeAttribute('aria-busy');
      var p = document.createElement('p');
      p.className = 'search-none muted';
      p.textContent = 'Search is not answering; press Enter for the search page.';
      list.replaceChildren(p);
      active = -1;
    });
  }

  function go(a) {
    dialog.close();
    window.location.assign(a.getAttribute('href'));
  }

  function onKey(e) {
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive(active - 1); }
    else if (e.key === 'Escape') { e.preventDefault(); dialog.close(); }
  }

  function open() {
    if (!dialog || !dialog.isConnected) build();
    if (dialog.open) { input.select(); return; }
    input.value = '';
    dialog.showModal();
    input.focus();
    load();
  }

  // Only for a signed-in page (its navigation has the Search link).
  document.addEventListener('keydown', function (e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'k' || e.key === 'K') &&
        document.querySelector('a.search-open')) {
      e.preventDefault();
      open();
    }
  });
  // The Search link opens the palette (captured before htmx boosts it).
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a.search-open');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    open();
  }, true);
})();
