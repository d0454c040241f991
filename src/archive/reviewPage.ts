// The review page: one HTML file with its script, no framework and nothing fetched from elsewhere. The script
// shows search results and a document's fields beside its page; clicking a field finds the lines its words come
// from (compared without diacritics, as the index compares) and draws their boxes on the page.
export const REVIEW_PAGE = String.raw`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>vnplan — review</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f4f4f2; }
  header { background: #23395d; color: #fff; padding: 8px 16px; display: flex; gap: 16px; align-items: center; }
  header a { color: #fff; text-decoration: none; font-weight: 600; }
  form#search { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
  form#search input { padding: 4px 6px; }
  form#search input[name=q] { width: 22em; }
  main { padding: 12px 16px; }
  .hit { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 8px 10px; margin: 6px 0; cursor: pointer; }
  .hit:hover { border-color: #23395d; }
  .hit .what { font-weight: 600; }
  .hit .match { color: #444; margin-top: 2px; }
  #doc { display: grid; grid-template-columns: minmax(340px, 1fr) minmax(400px, 1.3fr); gap: 16px; align-items: start; }
  #fields { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 10px 12px; max-height: calc(100vh - 90px); overflow: auto; }
  #fields h3 { margin: 14px 0 4px; font-size: 13px; text-transform: uppercase; color: #555; }
  .field { padding: 3px 6px; border-radius: 3px; cursor: pointer; }
  .field:hover { background: #eef2f8; }
  .field.active { background: #ffe9a8; }
  .field .label { color: #666; display: inline-block; min-width: 9.5em; }
  .field.missing { cursor: default; color: #999; }
  .task { border-top: 1px solid #eee; padding: 4px 6px; }
  .task .units { color: #555; font-size: 12px; }
  .warning { color: #8a4b00; }
  #viewer { position: sticky; top: 8px; }
  #pagebar { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; }
  #page { position: relative; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25); }
  #page img { display: block; width: 100%; }
  .box { position: absolute; background: rgba(255, 200, 0, .35); outline: 2px solid #e0a000; pointer-events: none; }
  #text { background: #fff; border: 1px solid #ddd; padding: 8px; white-space: pre-wrap; font: 13px/1.5 system-ui, sans-serif; max-height: calc(100vh - 120px); overflow: auto; }
  #text mark { background: #ffe9a8; }
  .note { color: #777; }
</style>
</head>
<body>
<header>
  <a href="#/">vnplan</a>
  <form id="search">
    <input name="q" placeholder="tìm: phong van hoa, ke hoach chuyen doi so …" autofocus>
    <input name="type" placeholder="loại (KH, Công văn)" size="12">
    <input name="issuer" placeholder="cơ quan ban hành" size="16">
    <input name="unit" placeholder="đơn vị chủ trì/phối hợp" size="16">
    <input name="from" type="date" title="nhiệm vụ từ ngày"> – <input name="to" type="date" title="đến ngày">
    <button>Tìm</button>
  </form>
</header>
<main id="main"></main>
<script>
"use strict";
const main = document.getElementById('main');
const form = document.getElementById('search');

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

// The folding the index uses: no diacritics, "đ" as "d", lower case, single spaces.
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

async function getJson(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) p.set(k, v);
  location.hash = '#/search?' + p.toString();
});

async function showSearch(params) {
  for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
  main.replaceChildren(el('p', { class: 'note' }, 'Đang tìm…'));
  const hits = await getJson('/api/search?' + params.toString());
  const list = el('div', { id: 'results' });
  for (const h of hits) {
    const d = h.document;
    const id = [d.type, d.number && d.symbol ? d.number + '/' + d.symbol : d.number || d.symbol, d.date].filter(Boolean).join(' ');
    const hit = el('div', { class: 'hit', 'data-id': String(d.id) },
      el('div', { class: 'what' }, id + ' — ' + (d.issuer || '?')),
      el('div', {}, d.title || ''),
      el('div', { class: 'match' }, h.task ? h.task.content + ' [' + (h.task.lead.join('; ') || '-') + (h.task.period ? ' · ' + h.task.period : '') + ']' : h.match));
    hit.addEventListener('click', () => { location.hash = '#/doc/' + d.id + (h.line ? '?line=' + h.line : ''); });
    list.append(hit);
  }
  main.replaceChildren(el('p', { class: 'note' }, hits.length + ' kết quả'), list);
}

// The document view: fields on the left, the page (or, for a text file, its text) on the right.
let view = null;
let current = { page: 1, lines: [] };

function lineIndex(lines) {
  const folded = lines.map(fold);
  const starts = [];
  let at = 0;
  for (const f of folded) { starts.push(at); at += f.length + 1; }
  return { joined: folded.join(' '), starts };
}

// The lines (0-based) a value's words stand on: the whole value, else its longest beginning of two or more words.
function linesOf(value, from) {
  const v = fold(value || '');
  if (!v || !view) return [];
  const { joined, starts } = view.index;
  const fromAt = from === undefined ? 0 : starts[from] || 0;
  const words = v.split(' ');
  for (let n = words.length; n >= Math.min(2, words.length); n--) {
    const probe = words.slice(0, n).join(' ');
    let at = joined.indexOf(probe, fromAt);
    if (at < 0) at = joined.indexOf(probe);
    if (at < 0) continue;
    const end = at + probe.length;
    const out = [];
    starts.forEach((s, i) => { const e = s + view.lines[i].length; if (s < end && e >= at && view.lines[i].trim()) out.push(i); });
    return out;
  }
  return [];
}

function dateTexts(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return [];
  const [y, mo, d] = [m[1], m[2], m[3]];
  const out = [];
  for (const dd of [d, String(+d)]) for (const mm of [mo, String(+mo)]) out.push('ngày ' + dd + ' tháng ' + mm + ' năm ' + y);
  return out;
}

function highlight(lines, fieldEl) {
  for (const a of document.querySelectorAll('.field.active')) a.classList.remove('active');
  if (fieldEl) fieldEl.classList.add('active');
  current.lines = lines;
  const boxes = view.layout ? lines.map((i) => view.layout.lines[i]).filter(Boolean) : [];
  if (boxes.length) current.page = boxes[0][0];
  renderViewer();
}

function field(label, value, finds, from) {
  const present = value !== null && value !== undefined && value !== '';
  const f = el('div', { class: 'field' + (present ? '' : ' missing'), 'data-field': label },
    el('span', { class: 'label' }, label), present ? String(value) : '—');
  if (present) f.addEventListener('click', () => {
    let lines = [];
    for (const t of finds || [value]) { lines = linesOf(t, from); if (lines.length) break; }
    highlight(lines, f);
  });
  return f;
}

function renderViewer() {
  const viewer = document.getElementById('viewer');
  if (!viewer) return;
  if (view.source.images) {
    const pages = view.source.pages;
    const img = el('img', { src: '/api/documents/' + view.id + '/pages/' + current.page, alt: 'trang ' + current.page });
    const page = el('div', { id: 'page' }, img);
    for (const i of current.lines) {
      const b = view.layout.lines[i];
      if (!b || b[0] !== current.page) continue;
      page.append(el('div', { class: 'box', 'data-line': String(i + 1),
        style: 'left:' + (b[1] * 100) + '%;top:' + (b[2] * 100) + '%;width:' + ((b[3] - b[1]) * 100) + '%;height:' + ((b[4] - b[2]) * 100) + '%' }));
    }
    const prev = el('button', {}, '‹'); prev.disabled = current.page <= 1;
    const next = el('button', {}, '›'); next.disabled = current.page >= pages;
    prev.addEventListener('click', () => { current.page--; renderViewer(); });
    next.addEventListener('click', () => { current.page++; renderViewer(); });
    const found = current.lines.length ? current.lines.length + ' dòng' : '';
    viewer.replaceChildren(el('div', { id: 'pagebar' }, prev, el('span', {}, 'Trang ' + current.page + '/' + pages), next, el('span', { class: 'note' }, found)), page);
    const first = page.querySelector('.box');
    if (first) img.addEventListener('load', () => first.scrollIntoView({ block: 'center' }), { once: true });
  } else {
    const text = el('div', { id: 'text' });
    view.lines.forEach((l, i) => text.append(current.lines.includes(i) ? el('mark', { 'data-line': String(i + 1) }, l) : l, '\n'));
    viewer.replaceChildren(el('p', { class: 'note' }, 'Không có ảnh trang (tệp văn bản hoặc không tìm thấy tệp nguồn): văn bản của kế hoạch.'), text);
    const m = text.querySelector('mark');
    if (m) m.scrollIntoView({ block: 'center' });
  }
}

async function showDocument(id, params) {
  main.replaceChildren(el('p', { class: 'note' }, 'Đang mở…'));
  view = await getJson('/api/documents/' + id);
  view.index = lineIndex(view.lines);
  current = { page: 1, lines: [] };
  const d = view.document;
  const s = view.signature;
  const fields = el('div', { id: 'fields' },
    el('h3', {}, 'Văn bản'),
    field('Loại', d.type),
    field('Số, ký hiệu', [d.number, d.symbol].filter(Boolean).join('/') || null, [d.number + '/' + d.symbol, d.number + '-' + d.symbol, d.symbol || '']),
    field('Cơ quan', d.issuer),
    field('Cơ quan cấp trên', d.parentIssuer),
    field('Địa danh', d.place, [d.place + ', ngày', d.place]),
    field('Ngày', d.date, dateTexts(d.date)),
    field('Trích yếu', d.title),
    el('h3', {}, 'Chữ ký'),
    field('Thẩm quyền', s.authority),
    field('Chức vụ', s.title),
    field('Người ký', s.name));
  if (view.tasks.length) {
    fields.append(el('h3', {}, 'Nhiệm vụ (' + view.tasks.length + ')'));
    for (const t of view.tasks) {
      const task = el('div', { class: 'task' },
        field('Nội dung', t.content),
        el('div', { class: 'units' }, 'Chủ trì: ' + (t.lead.join('; ') || '—') + ' · Phối hợp: ' + (t.support.join('; ') || '—') + ' · ' + (t.period || '')));
      fields.append(task);
    }
  }
  if (view.sections.length) {
    fields.append(el('h3', {}, 'Mục'));
    for (const sec of view.sections) fields.append(field(sec.path, sec.heading));
  }
  fields.append(el('h3', {}, 'Cảnh báo (' + view.warnings.length + ')'));
  for (const w of view.warnings) {
    const item = el('div', { class: 'field warning' + (w.line ? '' : ' missing'), 'data-field': 'warning' }, el('span', { class: 'label' }, w.code), w.message + (w.line ? ' (dòng ' + w.line + ')' : ''));
    if (w.line) item.addEventListener('click', () => highlight([w.line - 1], item));
    fields.append(item);
  }
  main.replaceChildren(el('div', { id: 'doc' }, fields, el('div', { id: 'viewer' })));
  const line = Number(params.get('line'));
  if (line > 0) highlight([line - 1], null);
  else renderViewer();
}

async function route() {
  const h = location.hash.replace(/^#/, '') || '/';
  const [path, query] = h.split('?');
  const params = new URLSearchParams(query || '');
  try {
    const doc = /^\/doc\/(\d+)$/.exec(path);
    if (doc) await showDocument(doc[1], params);
    else if (path === '/search') await showSearch(params);
    else main.replaceChildren(el('p', { class: 'note' }, 'Tìm trong kho kế hoạch: gõ không dấu cũng được ("phong van hoa" tìm thấy "Phòng Văn hóa").'));
  } catch (err) {
    main.replaceChildren(el('p', { class: 'warning' }, String(err.message || err)));
  }
}
window.addEventListener('hashchange', route);
route();
</script>
</body>
</html>
`;
