'use strict';
// The ImageExport web console. Everything from the API is rendered as text (textContent, never innerHTML), so an
// image named "<img src=x onerror=…>" shows as those characters. The token lives in sessionStorage only.
(() => {
  // Every human text of the page comes from the server's text catalog (Texts/Catalog.Console.cs), embedded by
  // ConsolePage as a JSON data block in all three languages, so switching language asks the server for nothing.
  // console.js looks a key up as "console." + key; a key missing in the chosen language falls back to English.
  const CATALOG = JSON.parse(document.getElementById('console-texts').textContent);
  const LANGUAGE_KEY = 'imageexport.language';
  const LANGUAGE_NAMES = { 'en': 'English', 'zh-CN': '简体中文', 'ko-KR': '한국어' };
  // A browser language tag to one of the three: zh, zh-CN, zh-Hans… are Simplified Chinese; zh-TW, zh-HK, zh-MO and
  // zh-Hant ask for Traditional Chinese, which is not offered, so they are passed over (as the API's Accept-Language).
  function matchLanguage(tag) {
    const parts = String(tag || '').toLowerCase().split('-');
    if (parts[0] === 'en') return 'en';
    if (parts[0] === 'ko') return 'ko-KR';
    if (parts[0] !== 'zh') return null;
    return parts.length > 1 && ['hant', 'tw', 'hk', 'mo'].includes(parts[1]) ? null : 'zh-CN';
  }
  function storedLanguage() {
    try { return localStorage.getItem(LANGUAGE_KEY); } catch { return null; }
  }
  function chooseLanguage() {
    const saved = storedLanguage();
    if (saved && CATALOG.languages[saved]) return saved;
    for (const tag of navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) {
      const found = matchLanguage(tag);
      if (found) return found;
    }
    return CATALOG.languages[CATALOG.default] ? CATALOG.default : 'en';
  }
  let language = chooseLanguage();
  const t = (key, vars) => {
    const text = CATALOG.languages[language]['console.' + key] ?? CATALOG.languages.en['console.' + key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (vars && name in vars ? String(vars[name]) : m));
  };

  const TOKEN_KEY = 'imageexport.token';
  const JOB_ID = /^exp-[0-9]{8}t[0-9]{6}-[0-9a-f]{8}$/;
  const STATES = ['queued', 'exporting', 'completed', 'failed'];
  const FORMATS = ['qcow2', 'raw', 'vhd', 'vmdk'];
  const JOBS_REFRESH_MS = 3000;
  const JOB_REFRESH_MS = 2000;
  // After a job finishes, its notifications are still being sent for a little while: follow them that long.
  const NOTIFY_FOLLOW_MS = 120000;

  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const announcer = document.getElementById('announce');
  let timer = null;
  let generation = 0;
  let imagesCache = null;
  const jobsPaging = { state: '', cursors: [null] };

  // ---- DOM, always as text ----
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'className') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (name === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else if (name in node && typeof value !== 'string') node[name] = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }
  function append(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const badge = (kind, text) => el('span', { className: 'badge ' + kind, text });
  const message = (kind, ...children) => el('div', { className: 'message ' + kind, role: kind === 'error' ? 'alert' : null }, ...children);
  function replaceKeepingFocus(container, ...children) {
    const focused = document.activeElement && container.contains(document.activeElement) ? document.activeElement.dataset.focus : null;
    container.replaceChildren(...children.flat().filter(Boolean));
    if (focused) container.querySelector(`[data-focus="${CSS.escape(focused)}"]`)?.focus();
  }
  function announce(text) { announcer.textContent = ''; setTimeout(() => { announcer.textContent = text; }, 50); }

  // ---- formatting ----
  function bytes(n) {
    if (n === null || n === undefined) return t('none');
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let value = Number(n); let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    const digits = unit === 0 || value >= 100 ? 0 : 1;
    const number = value.toLocaleString(language, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
    return `${number} ${t('units.' + units[unit])}`;
  }
  const gib = (n) => bytes(Number(n) * 1024 * 1024 * 1024);
  function when(iso) {
    if (!iso) return t('none');
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(language);
  }
  function duration(seconds) {
    const s = Math.max(0, Math.round(Number(seconds)));
    if (s < 90) return t('duration.seconds', { n: s });
    if (s < 5400) return t('duration.minutes', { n: Math.round(s / 60) });
    return t('duration.hours', { n: (s / 3600).toLocaleString(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
  }
  const stateText = (state) => t('state.' + state) === 'state.' + state ? String(state) : t('state.' + state);
  const imageLabel = (image) => (image.imageName ? `${image.imageName} (${image.imageId})` : image.imageId);

  // ---- the API ----
  const token = () => sessionStorage.getItem(TOKEN_KEY);
  function apiUrl(path) {
    // Relative to the page, so the console works under an API gateway base path as well as at a Function URL's root.
    const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
    return base + path;
  }
  class ApiError extends Error {
    constructor(status, code, text, body) { super(text); this.status = status; this.code = code; this.body = body; }
    describe() { return this.status === 0 ? t('error.unreachable') : t('error.generic', { status: this.status, code: this.code || '', message: this.message || '' }); }
  }
  class SignedOut extends Error {}
  async function call(method, path, body, headers) {
    let response;
    try {
      response = await fetch(apiUrl(path), {
        method,
        headers: Object.assign({ Accept: 'application/json', 'Accept-Language': language, Authorization: 'Bearer ' + (token() || '') }, body ? { 'Content-Type': 'application/json' } : {}, headers || {}),
        body: body ? JSON.stringify(body) : undefined,
        cache: 'no-store', credentials: 'omit', redirect: 'error',
      });
    } catch {
      throw new ApiError(0, 'Unreachable', t('error.unreachable'));
    }
    let data = null;
    try { data = await response.json(); } catch { data = null; }
    if (response.status === 401) throw new ApiError(401, 'Unauthorized', data?.error?.message, data?.error);
    if (!response.ok) throw new ApiError(response.status, data?.error?.code, data?.error?.message, data?.error);
    return { status: response.status, data };
  }
  // A call made while signed in: a 401 brings the sign-in back.
  async function authed(method, path, body, headers) {
    try {
      return await call(method, path, body, headers);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        signOut(t('signin.expired'));
        throw new SignedOut();
      }
      throw e;
    }
  }

  // ---- polling: one timer for the page, cancelled by every navigation ----
  function stopPolling() { if (timer) clearTimeout(timer); timer = null; }
  function pollAfter(ms, work) { stopPolling(); timer = setTimeout(work, ms); }

  // ---- sign in / out ----
  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    imagesCache = null;
    stopPolling();
    renderSignIn(reason, reason === t('signin.expired'));
  }
  function renderSignIn(note, isError) {
    generation++;
    nav.hidden = true;
    const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'token-hint' });
    const status = el('div', { id: 'signin-status' });
    if (note) status.append(message(isError ? 'error' : 'ok', note));
    const form = el('form', { className: 'signin', novalidate: true },
      el('div', { className: 'field' }, el('label', { for: 'token', text: t('signin.label') }), input,
        el('p', { id: 'token-hint', className: 'hint', text: t('signin.intro') })),
      el('button', { type: 'submit', text: t('signin.submit') }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) { input.setAttribute('aria-invalid', 'true'); status.replaceChildren(message('error', t('signin.empty'))); input.focus(); return; }
      status.replaceChildren(message('', t('signin.checking')));
      sessionStorage.setItem(TOKEN_KEY, value);
      try {
        const { data } = await call('GET', 'images');
        imagesCache = data;
        if (!location.hash || location.hash === '#') history.replaceState(null, '', '#/images');
        route();
      } catch (e) {
        sessionStorage.removeItem(TOKEN_KEY);
        input.setAttribute('aria-invalid', 'true');
        status.replaceChildren(message('error', e instanceof ApiError && e.status === 401 ? t('signin.refused') : e.describe()));
        input.focus();
      }
    });
    main.replaceChildren(el('h1', { text: t('signin.title') }), status, form);
    input.focus();
  }

  // ---- routing ----
  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [path, query] = hash.split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'jobs' && parts.length === 2) return { view: 'job', id: decodeURIComponent(parts[1]) };
    if (parts[0] === 'jobs') return { view: 'jobs', state: params.get('state') || '' };
    return { view: 'images' };
  }
  function route() {
    stopPolling();
    if (!token()) { renderSignIn(); return; }
    nav.hidden = false;
    const target = parseHash();
    for (const link of nav.querySelectorAll('a[data-nav]')) {
      if (link.dataset.nav === (target.view === 'job' ? 'jobs' : target.view)) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    const mine = ++generation;
    const current = () => mine === generation;
    if (target.view === 'job') renderJob(target.id, current);
    else if (target.view === 'jobs') renderJobs(target.state, current);
    else renderImages(current);
  }
  function page(title, ...content) {
    const heading = el('h1', { tabindex: '-1', text: title });
    main.replaceChildren(heading, ...content);
    return heading;
  }
  function failure(error, retry) {
    if (error instanceof SignedOut) return null;
    return message('error', el('p', { text: error instanceof ApiError ? error.describe() : String(error) }),
      retry ? el('button', { type: 'button', className: 'secondary', text: t('retry'), on: { click: retry } }) : null);
  }

  // ---- images ----
  async function renderImages(current) {
    page(t('images.titleNoRegion'), el('p', { role: 'status', text: t('images.loading') }));
    let catalog = imagesCache;
    imagesCache = null;
    try {
      if (!catalog) catalog = (await authed('GET', 'images')).data;
    } catch (e) {
      if (current()) page(t('images.titleNoRegion'), failure(e, route));
      return;
    }
    if (!current()) return;
    const images = catalog.images || [];
    const region = catalog.region || '';
    if (images.length === 0) {
      page(t('images.title', { region }), message('', t('images.empty', { region })));
      return;
    }
    const selected = new Set();
    const form = exportForm(images, selected, region);
    const rows = images.map((image) => {
      const box = el('input', { type: 'checkbox', 'aria-label': t('images.select', { name: image.imageName || image.imageId, id: image.imageId }), dataset: { imageId: image.imageId } });
      box.addEventListener('change', () => { if (box.checked) selected.add(image.imageId); else selected.delete(image.imageId); form.changed(); });
      const disks = (image.disks || []).map((d) => t('disk.entry', { usage: t('disk.' + d.usage) === 'disk.' + d.usage ? d.usage : t('disk.' + d.usage), size: d.sizeGiB }));
      const status = image.exportable
        ? badge('ok', t('images.exportable'))
        : el('div', {}, badge('bad', t('images.notExportable')), el('ul', { className: 'problems' }, (image.problems || []).map((p) => el('li', { text: p.message, dataset: { code: p.code } }))));
      return el('tr', { dataset: { imageId: image.imageId } },
        el('td', { 'data-label': t('images.col.select') }, box),
        el('td', { 'data-label': t('images.col.image') }, el('span', { className: 'image-name', text: image.imageName || image.imageId }), el('br'), el('span', { className: 'mono', text: image.imageId })),
        el('td', { 'data-label': t('images.col.os'), text: image.osName || image.platform || t('none') }),
        el('td', { 'data-label': t('images.col.disks'), text: disks.join(t('list.separator')) || t('none') }),
        el('td', { 'data-label': t('images.col.size'), text: gib((image.disks || []).reduce((sum, d) => sum + (d.sizeGiB || 0), 0) || image.imageSize || 0) }),
        el('td', { 'data-label': t('images.col.status') }, status));
    });
    const table = el('div', { className: 'table-wrap' }, el('table', { className: 'stack', id: 'images' },
      el('caption', { className: 'visually-hidden', text: t('images.title', { region }) }),
      el('thead', {}, el('tr', {}, ['select', 'image', 'os', 'disks', 'size', 'status'].map((c) => el('th', { scope: 'col', text: t('images.col.' + c) })))),
      el('tbody', {}, rows)));
    page(t('images.title', { region }), table, form.node);
  }

  function exportForm(images, selected, region) {
    const byId = new Map(images.map((i) => [i.imageId, i]));
    const bucket = el('input', { id: 'bucket', name: 'bucket', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'bucket-hint' });
    const format = el('select', { id: 'format', name: 'format' }, FORMATS.map((f) => el('option', { value: f, text: f.toUpperCase() })));
    const rootOnly = el('input', { id: 'root-only', name: 'onlyRootDisk', type: 'checkbox' });
    const prefix = el('input', { id: 'prefix', name: 'prefix', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'prefix-hint' });
    const summary = el('p', { id: 'selection' });
    const fees = el('div', { id: 'fees' });
    const check = el('button', { type: 'submit', text: t('export.preview') });
    const result = el('div', { id: 'preview', tabindex: '-1' });
    let previewed = null;
    const body = () => {
      const request = { imageIds: [...selected], format: format.value, onlyRootDisk: rootOnly.checked };
      if (bucket.value.trim()) request.bucket = bucket.value.trim();
      if (prefix.value.trim()) request.prefix = prefix.value.trim();
      return request;
    };
    function changed() {
      const names = [...selected].map((id) => byId.get(id)).map((i) => i.imageName || i.imageId);
      summary.textContent = selected.size ? t('export.selected', { count: selected.size, names: names.join(t('list.separator')) }) : t('export.none');
      check.disabled = selected.size === 0;
      const size = [...selected].map((id) => byId.get(id)).flatMap((i) => (i.disks || []).filter((d) => !rootOnly.checked || d.usage === 'SYSTEM_DISK'))
        .reduce((sum, d) => sum + (d.sizeGiB || 0), 0);
      fees.replaceChildren(feeNotes(region, selected.size ? size : null));
      if (previewed && JSON.stringify(previewed) !== JSON.stringify(body())) {
        previewed = null;
        result.replaceChildren(message('', t('export.stale')));
      }
    }
    for (const input of [bucket, format, rootOnly, prefix]) input.addEventListener(input.type === 'checkbox' || input.tagName === 'SELECT' ? 'change' : 'input', () => { input.removeAttribute('aria-invalid'); changed(); });

    const form = el('form', { className: 'panel', novalidate: true, 'aria-labelledby': 'export-title' },
      el('h2', { id: 'export-title', text: t('export.title') }), summary,
      el('div', { className: 'grid' },
        el('div', { className: 'field' }, el('label', { for: 'bucket', text: t('export.bucket') }), bucket, el('p', { id: 'bucket-hint', className: 'hint', text: t('export.bucketHint') })),
        el('div', { className: 'field' }, el('label', { for: 'format', text: t('export.format') }), format),
        el('div', { className: 'field' }, el('label', { for: 'prefix', text: t('export.prefix') }), prefix, el('p', { id: 'prefix-hint', className: 'hint', text: t('export.prefixHint') }))),
      el('div', { className: 'field inline' }, rootOnly, el('label', { for: 'root-only', text: t('export.rootOnly') })),
      fees,
      el('div', { className: 'actions' }, check),
      result);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (selected.size === 0) return;
      const request = body();
      check.disabled = true;
      result.replaceChildren(el('p', { role: 'status', text: t('export.previewing') }));
      try {
        const { data } = await authed('POST', 'exports', Object.assign({}, request, { dryRun: true }));
        previewed = request;
        result.replaceChildren(previewPanel(data, request, byId, () => previewed));
      } catch (e) {
        previewed = null;
        result.replaceChildren(requestFailure(e, { bucket, prefix, format, onlyRootDisk: rootOnly }));
      } finally {
        check.disabled = selected.size === 0;
        result.focus();
      }
    });
    changed();
    return { node: form, changed };
  }

  function feeNotes(region, sizeGiB) {
    return el('section', { 'aria-labelledby': 'fees-title' },
      el('h3', { id: 'fees-title', text: t('fees.title') }),
      el('ul', {},
        sizeGiB === null ? null : el('li', { text: t('fees.size', { size: gib(sizeGiB) }) }),
        el('li', { text: t('fees.storage') }),
        el('li', { text: t('fees.writes') }),
        el('li', { text: t('fees.public') }),
        el('li', { text: t('fees.private', { region }) })));
  }

  function requestFailure(error, fields) {
    if (error instanceof SignedOut) return null;
    if (error instanceof ApiError) {
      for (const name of error.body?.fields || []) fields[name]?.setAttribute('aria-invalid', 'true');
      if (error.body?.problems?.length) return problemList(error.body.problems, []);
    }
    return failure(error);
  }

  function problemList(imageProblems, bucketProblems, byId) {
    const items = [];
    for (const p of bucketProblems) items.push(el('li', { text: t('preview.bucketProblem', { bucket: p.bucket || '', message: p.message }), dataset: { code: p.code } }));
    for (const p of imageProblems) {
      const image = byId?.get(p.imageId);
      items.push(el('li', { dataset: { code: p.code } }, p.imageId ? (image?.imageName ? `${image.imageName} (${p.imageId}): ` : `${p.imageId}: `) : (p.bucket ? `${p.bucket}: ` : ''), p.message));
    }
    return message('error', el('p', { text: t('preview.bad') }), el('ul', { className: 'problems' }, items), el('p', { text: t('preview.fix') }));
  }

  function previewPanel(dry, request, byId, currentPreview) {
    const title = el('h3', { text: t('preview.title') });
    if (!dry.exportable) {
      const imageProblems = (dry.images || []).flatMap((i) => (i.problems || []).map((p) => Object.assign({ imageId: i.imageId }, p)));
      return el('div', {}, title, problemList(imageProblems, dry.problems || [], byId));
    }
    const start = el('button', { type: 'button', text: t('export.start') });
    const status = el('div');
    // One key per confirmed preview: a double click or a retried request returns the same job instead of a second one.
    const idempotencyKey = 'console-' + crypto.randomUUID();
    start.addEventListener('click', async () => {
      if (currentPreview() !== request) { status.replaceChildren(message('', t('export.stale'))); return; }
      start.disabled = true;
      status.replaceChildren(el('p', { role: 'status', text: t('export.starting') }));
      try {
        const { data } = await authed('POST', 'exports', request, { 'Idempotency-Key': idempotencyKey });
        if (JOB_ID.test(data?.jobId || '')) location.hash = '#/jobs/' + data.jobId;
      } catch (e) {
        start.disabled = false;
        status.replaceChildren(requestFailure(e, {}));
      }
    });
    return el('div', { className: 'message ok' }, title,
      el('p', { text: t('preview.ok', { count: (dry.images || []).length, bucket: dry.bucket, region: dry.region, format: String(dry.format || '').toUpperCase() }) }),
      el('ul', {}, (dry.images || []).map((i) => el('li', {}, badge('ok', t('images.exportable')), ' ', imageLabel(i), i.osName ? ` · ${i.osName}` : ''))),
      el('div', { className: 'actions' }, start), status);
  }

  // ---- jobs ----
  async function renderJobs(state, current) {
    if (state && !STATES.includes(state)) state = '';
    if (jobsPaging.state !== state) { jobsPaging.state = state; jobsPaging.cursors = [null]; }
    const filter = el('select', { id: 'state-filter', dataset: { focus: 'state-filter' } },
      el('option', { value: '', text: t('jobs.all') }), STATES.map((s) => el('option', { value: s, text: stateText(s), selected: s === state })));
    filter.addEventListener('change', () => { location.hash = filter.value ? '#/jobs?state=' + filter.value : '#/jobs'; });
    const body = el('div', { id: 'jobs-body' }, el('p', { role: 'status', text: t('jobs.loading') }));
    page(t('jobs.title'), el('div', { className: 'field inline' }, el('label', { for: 'state-filter', text: t('jobs.filter') }), filter), body);

    const load = async () => {
      const cursor = jobsPaging.cursors[jobsPaging.cursors.length - 1];
      const query = new URLSearchParams({ limit: '20' });
      if (state) query.set('state', state);
      if (cursor) query.set('cursor', cursor);
      let data;
      try {
        data = (await authed('GET', 'exports?' + query.toString())).data;
      } catch (e) {
        if (current()) replaceKeepingFocus(body, failure(e, load));
        return;
      }
      if (!current()) return;
      const jobs = data.jobs || [];
      const running = jobs.some((j) => j.state === 'queued' || j.state === 'exporting');
      const refresh = el('div', { className: 'actions' },
        el('p', { className: 'hint', text: running ? t('refresh.on', { seconds: JOBS_REFRESH_MS / 1000 }) : t('refresh.off') }),
        el('button', { type: 'button', className: 'secondary', text: t('refresh'), dataset: { focus: 'refresh' }, on: { click: load } }));
      const paging = el('div', { className: 'actions' },
        jobsPaging.cursors.length > 1 ? el('button', { type: 'button', className: 'secondary', text: t('jobs.newer'), dataset: { focus: 'newer' }, on: { click: () => { jobsPaging.cursors.pop(); load(); } } }) : null,
        el('span', { text: t('jobs.page', { page: jobsPaging.cursors.length }) }),
        data.nextCursor ? el('button', { type: 'button', className: 'secondary', text: t('jobs.older'), dataset: { focus: 'older' }, on: { click: () => { jobsPaging.cursors.push(data.nextCursor); load(); } } }) : null);
      if (jobs.length === 0) {
        replaceKeepingFocus(body, message('', state ? t('jobs.emptyState', { state: stateText(state) }) : t('jobs.empty'), ' ', state ? null : el('a', { href: '#/images', text: t('nav.images') })), jobsPaging.cursors.length > 1 ? paging : null);
      } else {
        const rows = jobs.map((job) => el('tr', { dataset: { jobId: job.jobId } },
          el('td', { 'data-label': t('jobs.col.job') }, el('a', { className: 'mono', href: '#/jobs/' + job.jobId, text: job.jobId, dataset: { focus: 'job-' + job.jobId } })),
          el('td', { 'data-label': t('jobs.col.state') }, badge(job.state, stateText(job.state))),
          el('td', { 'data-label': t('jobs.col.images'), text: (job.images || []).map((i) => i.imageName || i.imageId).join(t('list.separator')) }),
          el('td', { 'data-label': t('jobs.col.bucket'), text: job.bucket }),
          el('td', { 'data-label': t('jobs.col.created'), text: when(job.createdAt) }),
          el('td', { 'data-label': t('jobs.col.updated'), text: when(job.updatedAt) })));
        replaceKeepingFocus(body, refresh,
          el('div', { className: 'table-wrap' }, el('table', { className: 'stack', id: 'jobs' },
            el('caption', { className: 'visually-hidden', text: t('jobs.title') }),
            el('thead', {}, el('tr', {}, ['job', 'state', 'images', 'bucket', 'created', 'updated'].map((c) => el('th', { scope: 'col', text: t('jobs.col.' + c) })))),
            el('tbody', {}, rows))),
          paging);
      }
      if (running) pollAfter(JOBS_REFRESH_MS, () => { if (current()) load(); });
      else stopPolling();
    };
    await load();
  }

  // ---- one job ----
  async function renderJob(id, current) {
    const back = el('p', {}, el('a', { href: '#/jobs', text: t('job.back') }));
    if (!JOB_ID.test(id)) {
      // Never sent anywhere: an ID from the address bar is checked before use.
      page(t('jobs.title'), message('error', t('job.badId', { id })), back);
      return;
    }
    const body = el('div', { id: 'job-body' }, el('p', { role: 'status', text: t('job.loading') }));
    page(t('job.title', { id }), back, body);
    let lastState = null;
    const load = async () => {
      let job;
      try {
        job = (await authed('GET', 'exports/' + id)).data;
      } catch (e) {
        if (!current()) return;
        replaceKeepingFocus(body, e instanceof ApiError && e.status === 404 ? message('error', t('job.notFound', { id })) : failure(e, load));
        return;
      }
      if (!current()) return;
      const terminal = job.state === 'completed' || job.state === 'failed';
      if (lastState && lastState !== job.state && terminal) announce(t('announce.jobDone', { id, state: stateText(job.state) }));
      lastState = job.state;
      const notifications = job.notifications || [];
      const following = terminal && notifications.some((n) => n.status === 'pending' || n.status === 'sending')
        && Date.now() - new Date(job.finishedAt || job.updatedAt).getTime() < NOTIFY_FOLLOW_MS;
      const polling = !terminal || following;
      replaceKeepingFocus(body,
        el('div', { className: 'actions' },
          el('p', { className: 'hint', text: polling ? t('refresh.on', { seconds: JOB_REFRESH_MS / 1000 }) : t('refresh.off') }),
          el('button', { type: 'button', className: 'secondary', text: t('refresh'), dataset: { focus: 'refresh' }, on: { click: load } })),
        jobFacts(job), job.images.map((image) => imageSection(job, image)), notificationSection(job, notifications, terminal), timeline(job));
      if (polling) pollAfter(JOB_REFRESH_MS, () => { if (current()) load(); });
      else stopPolling();
    };
    await load();
  }

  function facts(pairs) {
    return el('dl', { className: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', {}, v)]));
  }

  function jobFacts(job) {
    return el('section', { className: 'panel', 'aria-label': t('job.title', { id: job.jobId }) }, facts([
      [t('job.state'), badge(job.state, stateText(job.state))],
      [t('job.bucket'), job.bucket], [t('job.region'), job.region], [t('job.format'), String(job.format || '').toUpperCase()],
      [t('job.rootOnly'), job.onlyRootDisk ? t('yes') : t('no')], [t('job.prefix'), job.prefix || t('none')],
      [t('job.created'), when(job.createdAt)], [t('job.updated'), when(job.updatedAt)],
      [t('job.finished'), job.finishedAt ? when(job.finishedAt) : null], [t('job.reason'), job.reason || null],
    ]));
  }

  function imageSection(job, image) {
    const links = new Map((job.downloads || []).map((d) => [d.key, d]));
    const files = image.files || [];
    const table = files.length === 0 ? el('p', { className: 'hint', text: t('image.noFiles') }) : el('div', { className: 'table-wrap' }, el('table', { className: 'stack files' },
      el('thead', {}, el('tr', {}, ['file', 'state', 'size', 'progress', 'download'].map((c) => el('th', { scope: 'col', text: t('files.col.' + c) })))),
      el('tbody', {}, files.map((file) => {
        const link = links.get(file.key);
        return el('tr', { dataset: { key: file.key } },
          el('td', { 'data-label': t('files.col.file'), className: 'mono', text: file.key }),
          el('td', { 'data-label': t('files.col.state') }, badge(file.state, t('file.' + file.state) === 'file.' + file.state ? file.state : t('file.' + file.state))),
          el('td', { 'data-label': t('files.col.size'), text: file.size !== null && file.size !== undefined ? bytes(file.size) : t('none') }),
          el('td', { 'data-label': t('files.col.progress') }, progressOf(file)),
          el('td', { 'data-label': t('files.col.download') }, link
            ? [el('a', { href: link.url, rel: 'noopener noreferrer', 'aria-label': t('download.label', { key: file.key }), text: t('download.link'), dataset: { focus: 'download-' + file.key } }), el('br'), el('span', { className: 'hint', text: t('download.expires', { time: when(link.expiresAt) }) })]
            : el('span', { className: 'hint', text: t('download.none') })));
      }))));
    const notes = [];
    if (image.reason) notes.push([t('image.reason'), image.reason]);
    if (image.queueReason && image.state === 'queued') notes.push([t('image.queued'), image.queueReason]);
    return el('section', { className: 'panel', 'aria-label': imageLabel(image), dataset: { imageId: image.imageId } },
      el('h2', { text: imageLabel(image) }),
      facts([[t('image.state'), badge(image.state, stateText(image.state))], [t('image.os'), image.osName || null], [t('image.task'), image.taskId ?? null], ...notes]),
      image.stalled ? message('error', t('image.stalled', { time: when(image.lastProgressAt) })) : null,
      (image.problems || []).length ? el('div', {}, el('p', { text: t('image.problems') }), el('ul', { className: 'problems' }, image.problems.map((p) => el('li', { text: p.message })))) : null,
      table);
  }

  function progressOf(file) {
    if (file.state === 'landed') return el('progress', { max: '100', value: '100', 'aria-label': t('progress.label', { key: file.key }) });
    // Retention removed it after it landed: its upload's progress no longer means anything.
    if (file.state === 'deleted') return el('span', { className: 'hint', text: file.deletedAt ? t('progress.deleted', { time: when(file.deletedAt) }) : t('file.deleted') });
    const p = file.progress;
    if (!p) return el('span', { className: 'hint', text: t('progress.none') });
    const parts = [p.expectedBytes ? t('progress.of', { bytes: bytes(p.bytes), expected: bytes(p.expectedBytes) }) : t('progress.bytes', { bytes: bytes(p.bytes) })];
    if (p.percent !== null && p.percent !== undefined) parts.unshift(`${Number(p.percent).toFixed(0)}%`);
    if (p.bytesPerSecond) parts.push(t('progress.rate', { rate: bytes(p.bytesPerSecond) }));
    if (p.etaSeconds !== null && p.etaSeconds !== undefined) parts.push(t('progress.eta', { eta: duration(p.etaSeconds) }));
    const bar = p.percent !== null && p.percent !== undefined
      ? el('progress', { max: '100', value: String(Math.min(100, Math.max(0, Number(p.percent)))), 'aria-label': t('progress.label', { key: file.key }) })
      : el('progress', { 'aria-label': t('progress.label', { key: file.key }) });
    return [bar, el('br'), el('span', { className: 'hint', text: parts.join(' · ') })];
  }

  function notificationSection(job, notifications, terminal) {
    const heading = el('h2', { text: t('notify.title') });
    if (notifications.length === 0) {
      return el('section', {}, heading, el('p', { className: 'hint', text: terminal ? t('notify.noneConfigured') : t('notify.waiting') }));
    }
    return el('section', {}, heading, el('div', { className: 'table-wrap' }, el('table', { className: 'stack', id: 'notifications' },
      el('thead', {}, el('tr', {}, ['outcome', 'channel', 'status', 'attempts', 'at'].map((c) => el('th', { scope: 'col', text: t('notify.col.' + c) })))),
      el('tbody', {}, notifications.map((n) => el('tr', { dataset: { channel: n.channel } },
        el('td', { 'data-label': t('notify.col.outcome'), text: stateText(n.outcome) }),
        el('td', { 'data-label': t('notify.col.channel'), text: n.channel }),
        el('td', { 'data-label': t('notify.col.status') }, badge(n.status, t('notify.' + n.status) === 'notify.' + n.status ? n.status : t('notify.' + n.status))),
        el('td', { 'data-label': t('notify.col.attempts'), text: String(n.attempts ?? 0) }),
        el('td', { 'data-label': t('notify.col.at'), text: when(n.at) })))))));
  }

  function timeline(job) {
    const events = [{ at: job.createdAt, rank: 0, text: t('timeline.created', { count: (job.images || []).length }) }];
    for (const image of job.images || []) {
      for (const file of image.files || []) {
        if (file.landedAt) events.push({ at: file.landedAt, rank: 2, text: t('timeline.landed', { key: file.key, size: bytes(file.size) }) });
        if (file.deletedAt) events.push({ at: file.deletedAt, rank: 6, text: t('timeline.deleted', { key: file.key }) });
        else if (file.progress?.observedAt) events.push({ at: file.progress.observedAt, rank: 1, text: t('timeline.progress', { key: file.key }) });
      }
      if (image.stalled && image.lastProgressAt) events.push({ at: image.lastProgressAt, rank: 3, text: t('timeline.stalled', { image: imageLabel(image) }) });
    }
    for (const n of job.notifications || []) {
      if (n.status === 'delivered' && n.at) events.push({ at: n.at, rank: 5, text: t('timeline.notified', { outcome: stateText(n.outcome), channel: n.channel }) });
    }
    if (job.finishedAt) events.push({ at: job.finishedAt, rank: 4, text: t('timeline.finished', { state: stateText(job.state) }) });
    // By the second, then by what must come first: COS gives the notification markers' times to the second only.
    const second = (at) => Math.floor(new Date(at).getTime() / 1000);
    events.sort((a, b) => second(a.at) - second(b.at) || a.rank - b.rank);
    return el('section', {}, el('h2', { text: t('timeline.title') }),
      el('ol', { className: 'timeline', id: 'timeline' }, events.map((e) => el('li', {}, el('time', { datetime: e.at, text: when(e.at) }), ' — ', e.text))));
  }

  // ---- start ----
  const signOutButton = document.getElementById('sign-out');
  const languageSelect = document.getElementById('language');
  // The texts outside <main>, and <html lang> so screen readers and fonts follow the language.
  function applyLanguage() {
    document.documentElement.lang = language;
    document.querySelector('.skip').textContent = t('skip');
    nav.setAttribute('aria-label', t('nav.label'));
    for (const link of nav.querySelectorAll('a[data-nav]')) link.textContent = t('nav.' + link.dataset.nav);
    signOutButton.textContent = t('nav.signOut');
    document.querySelector('label[for="language"]').textContent = t('language');
    languageSelect.value = language;
  }
  for (const tag of Object.keys(CATALOG.languages)) {
    // Each language named in itself, so a reader finds theirs whatever the page is in now.
    languageSelect.append(el('option', { value: tag, lang: tag, text: LANGUAGE_NAMES[tag] || tag }));
  }
  languageSelect.addEventListener('change', () => {
    if (!CATALOG.languages[languageSelect.value]) return;
    language = languageSelect.value;
    // Only the language is remembered across visits; the token stays in sessionStorage.
    try { localStorage.setItem(LANGUAGE_KEY, language); } catch { /* storage off: the choice lasts this page */ }
    applyLanguage();
    route();
  });
  applyLanguage();
  signOutButton.addEventListener('click', () => {
    // Without a hashchange, which would render the sign-in a second time and drop the note.
    history.replaceState(null, '', location.pathname + location.search);
    signOut(t('signin.signedOut'));
  });
  window.addEventListener('hashchange', () => { route(); main.querySelector('h1')?.focus(); });
  route();
})();
