// palette.js — the command palette: Ctrl+K (Cmd+K on a Mac), or the
// Search link, opens a dialog; typing asks /search for its results list
// (the same page works without JavaScript), arrows move, Enter opens.
(function () {
  'use strict';
  var dialog, input, list, seq = 0, timer = null, active = -1;

  // An element with properties (className, textContent…) and attributes.
  function el(tag, props, attrs) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { e[k] = props[k]; });
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // <dialog> > form (a plain GET /search when no option is chosen) > combobox;
  // the listbox; a hint. Made at the first opening, again after a boosted
  // page replaced the body.
  function build() {
    dialog = el('dialog', { className: 'palette' }, { 'aria-label': 'Go to' });
    var form = el('form', { method: 'get', action: '/search', className: 'palette-form' },
                  { 'hx-boost': 'false' });
    // type text: a search box would take the first Escape to clear itself
    input = el('input', { type: 'text', name: 'q', className: 'palette-input', autocomplete: 'off',
                          maxLength: 200,
                          placeholder: 'Go to a dashboard, query, connection, chat or page…' },
               { role: 'combobox', 'aria-label': 'Go to', 'aria-controls': 'palette-list',
                 'aria-expanded': 'true', 'aria-autocomplete': 'list' });
    list = el('div', { id: 'palette-list', className: 'palette-list' },
              { role: 'listbox', 'aria-label': 'Results' });
    form.appendChild(input);
    dialog.append(form, list, el('p', { className: 'palette-hint',
                                        textContent: '↑ ↓ to move · Enter to open · Esc to close' }));
    document.body.appendChild(dialog);
    listen(form);
  }

  function listen(form) {
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
      if (r.redirected) {   // signed out meanwhile: the sign-in page, as a page
        window.location.assign(r.url);
        return null;
      }
      if (!r.ok) throw new Error('search ' + r.status);
      return r.text();
    }).then(function (html) {
      if (mine !== seq || html === null) return;
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
