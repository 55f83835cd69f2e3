// Tell the server this browser runs JavaScript: dashboards then load stale
// widgets with htmx instead of running them before the page is sent.
document.cookie = 'dm_js=1; path=/; SameSite=Lax';
// app.js — small touches on top of htmx. Everything works without it.
// Chat: show the question at once and clear the box while the answer is
// worked out; the server's fragment then replaces the echo.
document.addEventListener('htmx:beforeRequest', function (e) {
  var form = e.detail.elt;
  if (!form || form.id !== 'ask') return;
  var box = form.querySelector('textarea[name=message]');
  var text = box ? box.value.trim() : '';
  var list = document.getElementById('messages');
  if (!text || !list) return;
  var echo = document.createElement('div');
  echo.className = 'msg msg-user msg-pending';
  var p = document.createElement('p');
  p.textContent = text;
  echo.appendChild(p);
  list.appendChild(echo);
  echo.scrollIntoView({ block: 'end' });
  box.value = '';
});
// The answer's stages (pushed live) stay shown while its place in the page
// follows the job, and start empty for each question.
function showStages() {
  var w = document.getElementById('working');
  if (w) w.classList.toggle('following', !!document.querySelector('#messages .pending'));
}
document.addEventListener('DOMContentLoaded', showStages);
document.addEventListener('htmx:afterSettle', showStages);
document.addEventListener('htmx:beforeRequest', function (e) {
  if (!e.detail.elt || e.detail.elt.id !== 'ask') return;
  document.querySelectorAll('#working .stages li').forEach(function (li) { li.textContent = ''; });
});
document.addEventListener('htmx:afterRequest', function (e) {
  if (!e.detail.elt || e.detail.elt.id !== 'ask') return;
  document.querySelectorAll('.msg-pending').forEach(function (n) { n.remove(); });
  var empty = document.querySelector('.chat-empty');
  if (empty) empty.remove();
});
document.addEventListener('htmx:afterSwap', function (e) {
  if (e.detail.target && e.detail.target.id === 'messages') {
    var last = e.detail.target.lastElementChild;
    if (last) last.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }
});
// Enter sends the question (Shift+Enter for a new line).
document.addEventListener('keydown', function (e) {
  var t = e.target;
  if (e.key === 'Enter' && !e.shiftKey && t && t.name === 'message' && t.form && t.form.id === 'ask') {
    e.preventDefault();
    t.form.requestSubmit();
  }
});
// A file (Content-Disposition: attachment) is never swapped into the page.
// Every export link and form says hx-boost="false"; should one ever be
// boosted anyway, the browser is handed the download instead of the bytes
// replacing the page: a GET is fetched again as a plain navigation, a form
// is submitted natively (with the button that was pressed).
document.addEventListener('htmx:beforeSwap', function (e) {
  var xhr = e.detail.xhr;
  var cd = xhr && xhr.getResponseHeader('Content-Disposition');
  if (!cd || !/^\s*attachment/i.test(cd)) return;
  e.detail.shouldSwap = false;
  var cfg = e.detail.requestConfig || {};
  var elt = cfg.elt || e.target;
  var form = elt && elt.closest ? elt.closest('form') : null;
  if (!form || cfg.verb === 'get') {
    window.location.assign(xhr.responseURL);
    return;
  }
  var sub = cfg.triggeringEvent && cfg.triggeringEvent.submitter;
  if (sub && sub.name) {
    var h = document.createElement('input');
    h.type = 'hidden';
    h.name = sub.name;
    h.value = sub.value;
    form.appendChild(h);
    HTMLFormElement.prototype.submit.call(form);
    form.removeChild(h);
  } else {
    HTMLFormElement.prototype.submit.call(form);
  }
});
// A boosted page swaps the body only: carry the new page's theme (the
// user may just have chosen one) over to <html data-theme>.
document.addEventListener('htmx:beforeSwap', function (e) {
  var xhr = e.detail.xhr;
  var head = xhr && typeof xhr.responseText === 'string' ? xhr.responseText.slice(0, 300) : '';
  var m = /^<!doctype html>\s*<html[^>]*\sdata-theme="(system|light|dark)"/i.exec(head);
  if (m) document.documentElement.setAttribute('data-theme', m[1]);
});
