// grid.js — a dashboard's grid with JavaScript on: drag a widget by its
// handle (⠿) to move it, by its corner to resize it, or focus the handle
// and use the arrow keys (Shift+arrow keys resize). Each change is POSTed
// to the widget's …/place (the CSRF token as the forms send it); the
// server answers with every widget's place after the others settled, and
// that is what the page shows. Without JavaScript the ← → forms remain.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var COLS = 12, MAX_H = 24, ROW_MIN = 48;

  function wide() { return window.matchMedia('(min-width: 901px)').matches; }
  function cardOf(el) {
    var card = el && el.closest ? el.closest('.widget[data-place]') : null;
    return card && card.closest('.dash-grid[data-grid-edit]') ? card : null;
  }
  function token() {
    var app = document.querySelector('[hx-headers]');
    try { return JSON.parse(app.getAttribute('hx-headers'))['X-CSRF-Token']; } catch (e) { /* none */ }
    var input = document.querySelector('input[name=_csrf]');
    return input ? input.value : '';
  }
  function placeOf(card) {
    return { x: +card.dataset.x, y: +card.dataset.y, w: +card.dataset.w, h: +card.dataset.h };
  }
  function show(card, p) {
    card.className = card.className.replace(/\bg-[xywh]\d+\b/g, '').replace(/\s+/g, ' ').trim() +
      ' g-x' + p.x + ' g-y' + p.y + ' g-w' + p.w + ' g-h' + p.h;
    card.dataset.x = p.x; card.dataset.y = p.y; card.dataset.w = p.w; card.dataset.h = p.h;
  }
  function clamp(p) {
    p.w = Math.max(1, Math.min(COLS, p.w));
    p.h = Math.max(1, Math.min(MAX_H, p.h));
    p.x = Math.max(0, Math.min(COLS - p.w, p.x));
    p.y = Math.max(0, Math.min(999, p.y));
    return p;
  }
  function say(text) {
    var s = document.getElementById('grid-status');
    if (s) s.textContent = text;
  }
  // The server's layout: every card's place, and the cards in reading
  // order (a phone's one column, and the tab order), focus kept.
  function apply(grid, list) {
    var focus = document.activeElement;
    list.forEach(function (p) {
      var card = document.getElementById('w-' + p.id);
      if (card) { show(card, p); grid.appendChild(card); }
    });
    if (focus && focus !== document.activeElement && document.contains(focus)) focus.focus();
  }
  function save(card, p, before) {
    var grid = card.closest('.dash-grid');
    var title = (card.querySelector('h2') || {}).textContent || 'Widget';
    var body = new URLSearchParams({ x: p.x, y: p.y, w: p.w, h: p.h, _csrf: token() });
    return fetch(card.dataset.place, {
      method: 'POST', credentials: 'same-origin', body: body,
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': token() }
    }).then(function (res) {
      if (!res.ok) throw new Error(res.status);
      return res.json();
    }).then(function (data) {
      apply(grid, data.widgets || []);
      var now = placeOf(card);
      say(title + ': column ' + (now.x + 1) + ', row ' + (now.y + 1) + ', ' + now.w +
          ' columns wide, ' + now.h + ' rows high. Saved.');
    }).catch(function () {
      show(card, before);
      say(title + ': the new place could not be saved. Reload the page and try again.');
    });
  }

  // Arrow keys on the handle: move by a cell; with Shift, resize.
  document.addEventListener('keydown', function (e) {
    if (!e.target.classList || !e.target.classList.contains('grid-handle')) return;
    var card = cardOf(e.target);
    var d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!card || !d) return;
    e.preventDefault();
    var before = placeOf(card), p = placeOf(card);
    if (e.shiftKey) { p.w += d[0]; p.h += d[1]; } else { p.x += d[0]; p.y += d[1]; }
    clamp(p);
    if (p.x === before.x && p.y === before.y && p.w === before.w && p.h === before.h) return;
    show(card, p);
    save(card, p, before);
  });

  // The grid's rows as laid out (they grow with their content): the row
  // whose top is nearest to a y offset from the grid's top.
  function rowAt(grid, offset) {
    var cs = getComputedStyle(grid), gap = parseFloat(cs.rowGap) || 0;
    var tracks = cs.gridTemplateRows.split(' ').map(parseFloat).filter(function (v) { return v >= 0; });
    var top = 0, i = 0;
    for (; ; i++) {
      var h = i < tracks.length ? tracks[i] : ROW_MIN;
      if (offset < top + (h + gap) / 2) return i;
      top += h + gap;
      if (i > 1000) return i;
    }
  }
  function colStep(grid) {
    var cs = getComputedStyle(grid), gap = parseFloat(cs.columnGap) || 0;
    return (grid.getBoundingClientRect().width + gap) / COLS;
  }

  var drag = null;
  document.addEventListener('pointerdown', function (e) {
    var t = e.target;
    var resize = t.classList && t.classList.contains('grid-resize');
    if (!(resize || (t.classList && t.classList.contains('grid-handle'))) || !wide()) return;
    var card = cardOf(t);
    if (!card || e.button !== 0) return;
    e.preventDefault();
    var grid = card.closest('.dash-grid');
    var g = grid.getBoundingClientRect(), c = card.getBoundingClientRect();
    drag = { card: card, grid: grid, resize: resize, x0: e.clientX, y0: e.clientY,
             left: c.left - g.left, top: c.top - g.top, right: c.right - g.left, bottom: c.bottom - g.top,
             before: placeOf(card), step: colStep(grid), moved: false };
    t.setPointerCapture(e.pointerId);
    card.classList.add('grid-moving');
  });
  document.addEventListener('pointermove', function (e) {
    if (!drag) return;
    var dx = e.clientX - drag.x0, dy = e.clientY - drag.y0;
    var p = placeOf(drag.card), b = drag.before;
    if (drag.resize) {
      p.w = Math.round((drag.right + dx) / drag.step) - b.x;
      p.h = rowAt(drag.grid, drag.bottom + dy) - b.y;
      p.x = b.x; p.y = b.y;
    } else {
      p.x = Math.round((drag.left + dx) / drag.step);
      p.y = rowAt(drag.grid, drag.top + dy);
      p.w = b.w; p.h = b.h;
    }
    clamp(p);
    var now = placeOf(drag.card);
    if (p.x !== now.x || p.y !== now.y || p.w !== now.w || p.h !== now.h) {
      show(drag.card, p);
      drag.moved = true;
    }
  });
  function end() {
    if (!drag) return;
    var d = drag, p = placeOf(d.card), b = d.before;
    drag = null;
    d.card.classList.remove('grid-moving');
    if (p.x !== b.x || p.y !== b.y || p.w !== b.w || p.h !== b.h) save(d.card, p, b);
  }
  document.addEventListener('pointerup', end);
  document.addEventListener('pointercancel', end);
})();
