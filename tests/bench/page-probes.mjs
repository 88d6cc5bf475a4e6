/**
 * Functions that run inside the page (passed to page.evaluate, so each is self-contained: no
 * imports, no closures over this module). They measure from the outside, through the DOM only —
 * MutationObserver, requestAnimationFrame, performance entries — so the renderer needs no
 * benchmark hooks.
 *
 * Every measurement ends when a DOM change has been painted, read with two markers:
 * - "painted": the earlier of (a) a task posted from the first requestAnimationFrame callback
 *   after the change and (b) the second rAF callback. A frame's rAF callbacks, style, layout and
 *   paint run in one task, so both (a) and (b) can only run once the frame showing the change is
 *   painted; whichever runs first is the tighter bound. Usually that is (a); Chromium runs (b)
 *   first when it puts rendering ahead of other tasks, e.g. just after input.
 * - "2×rAF": (b) alone, the start of the frame after the one that painted the change. It adds a
 *   wait for the next vsync (up to 16.7 ms at 60 Hz), so it can never be under one frame.
 * The floor and the reader are ended by the same markers.
 */

/** What the reader marks each drawn annotation with (renderer/editor/annotation-plugin.ts). */
export const ANNOTATION_ATTRIBUTE = 'data-annotation-id';

/**
 * The floor: fetches the document through the API as the reader does, then builds its text as
 * plain <p> paragraphs in the app's own page (same origin, same stylesheet and typography as the
 * article column; the app root is hidden) and waits until they are painted. The timed interval
 * starts before the fetch, as the reader's starts before its fetches.
 * @param {{ token: string, documentId: string }} args
 */
export async function paintPlainParagraphs({ token, documentId }) {
  const start = performance.now();
  const response = await fetch('/api/getDocument', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ id: documentId }),
  });
  const reply = await response.json();
  if (!reply.ok) throw new Error(`getDocument failed: ${JSON.stringify(reply.error)}`);
  const fetched = performance.now();

  const root = document.getElementById('root');
  if (root) root.style.display = 'none';
  // The reader's column classes, so the measure, font and line height match the article's.
  const pane = document.createElement('div');
  pane.className = 'reader-main';
  pane.style.height = '100vh';
  const column = document.createElement('article');
  column.className = 'article-frame';
  const body = document.createElement('div');
  body.className = 'gl-article';
  let paragraphs = 0;
  for (const line of reply.result.text.split('\n')) {
    if (line.trim() === '') continue;
    const p = document.createElement('p');
    p.textContent = line;
    body.append(p);
    paragraphs++;
  }
  column.append(body);
  pane.append(column);
  document.body.append(pane);
  const inserted = performance.now();
  const marks = await new Promise((resolve) =>
    requestAnimationFrame(() => {
      const at = {};
      const finish = () => at.task !== undefined && at.rafRaf !== undefined && resolve(at);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => finish((at.task = performance.now()));
      channel.port2.postMessage(null);
      requestAnimationFrame(() => finish((at.rafRaf = performance.now())));
    }),
  );
  const painted = Math.min(marks.task, marks.rafRaf);
  return {
    paintedMs: painted - start,
    rafRafMs: marks.rafRaf - start,
    fetchMs: fetched - start,
    buildMs: inserted - fetched,
    renderMs: painted - inserted,
    paragraphs,
  };
}

/**
 * Arms the measurement of opening a document: a capture-phase click listener notes when the click
 * arrives; a MutationObserver waits until the reader's `.ProseMirror` holds `expected` distinct
 * annotation ids; the two paint markers follow. Results land in `window.__benchOpen`.
 * @param {{ expected: number, attribute: string }} args
 */
export function armOpenProbe({ expected, attribute }) {
  const state = {
    clickAt: null,
    completeAt: null,
    taskAt: null,
    rafRafAt: null,
    verified: false,
    checkMs: 0,
    longTasks: [],
  };
  window.__benchOpen = state;
  addEventListener('click', () => (state.clickAt = performance.now()), {
    capture: true,
    once: true,
  });
  // Long tasks (> 50 ms) say how much of the interval the main thread was busy, and in how
  // many pieces; the profile (--profile) says on what.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  } catch {
    // Not supported: the breakdown just lacks it.
  }
  const selector = `[${attribute}]`;
  const view = () => document.querySelector('.ProseMirror');
  // Inside the timed interval only elements are counted. Counting distinct ids means reading an
  // attribute of every freshly built element, which costs tens of milliseconds right after the
  // build; it is done once the frame is painted instead, and if fewer ids than elements were
  // there (an annotation drawn as several elements), the wait goes on.
  const verify = () => {
    const ids = new Set();
    for (const element of view().querySelectorAll(selector)) {
      ids.add(element.getAttribute(attribute));
    }
    if (ids.size >= expected) {
      state.verified = true;
      observer.disconnect();
      return;
    }
    Object.assign(state, { completeAt: null, taskAt: null, rafRafAt: null });
  };
  const observer = new MutationObserver(() => {
    if (state.completeAt !== null) return;
    const checkStart = performance.now();
    const found = view()?.querySelectorAll(selector).length ?? 0;
    state.checkMs += performance.now() - checkStart;
    if (found < expected) return;
    state.completeAt = performance.now();
    requestAnimationFrame(() => {
      const settled = () => state.taskAt !== null && state.rafRafAt !== null && verify();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => settled((state.taskAt = performance.now()));
      channel.port2.postMessage(null);
      requestAnimationFrame(() => settled((state.rafRafAt = performance.now())));
    });
  });
  observer.observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [attribute],
  });
}

/** Whether the opening has been painted with every highlight (both markers, ids verified). */
export function openProbeDone() {
  return window.__benchOpen.verified;
}

/** What `armOpenProbe` recorded, with the API calls' timings relative to the click. */
export function collectOpenProbe() {
  const state = window.__benchOpen;
  const api = {};
  for (const entry of performance.getEntriesByType('resource')) {
    const method = /\/api\/(\w+)$/.exec(entry.name)?.[1];
    if (!method || entry.startTime < state.clickAt) continue;
    api[method] = {
      start: entry.startTime - state.clickAt,
      end: entry.responseEnd - state.clickAt,
    };
  }
  const end = Math.min(state.taskAt, state.rafRafAt);
  const inInterval = state.longTasks.filter(([at, dur]) => at + dur > state.clickAt && at < end);
  return {
    paintedMs: end - state.clickAt,
    rafRafMs: state.rafRafAt - state.clickAt,
    completeMs: state.completeAt - state.clickAt,
    probeCheckMs: state.checkMs,
    apiDoneMs: Math.max(0, ...Object.values(api).map((call) => call.end)),
    api,
    longTaskMs: inInterval.reduce((sum, [, duration]) => sum + duration, 0),
    longestTaskMs: Math.max(0, ...inInterval.map(([, duration]) => duration)),
  };
}

/**
 * Selects a few words of untagged text, the `index`-th of `count` places spread through the
 * article, by setting the DOM selection (ProseMirror reads it on selectionchange, as it does a
 * mouse selection). The place is scrolled to the middle of the view first, as a reader would
 * have it on screen. Returns the selected text, or null when no untagged text is left.
 * @param {{ index: number, count: number, words: number, attribute: string }} args
 */
export function selectUntaggedWords({ index, count, words, attribute }) {
  const view = document.querySelector('.ProseMirror');
  if (!view) return null;
  const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
  const candidates = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.data.length < 80 || node.parentElement?.closest(`[${attribute}]`)) continue;
    candidates.push(node);
  }
  const node = candidates[Math.floor(((index + 0.5) * candidates.length) / count)];
  if (!node) return null;
  // From the start of the second word (never a split word or emoji) over `words` whole words.
  const text = node.data;
  const from = text.indexOf(' ') + 1;
  let to = from;
  for (let k = 0; k < words; k++) {
    const space = text.indexOf(' ', to + 1);
    if (space === -1) break;
    to = space;
  }
  if (from <= 0 || to <= from) return null;
  node.parentElement.scrollIntoView({ block: 'center' });
  view.focus({ preventScroll: true });
  getSelection().setBaseAndExtent(node, from, node, to);
  return text.slice(from, to);
}

/**
 * Arms the tag-latency measurement: a capture-phase keydown listener notes when the tag key
 * arrives; a MutationObserver waits for an annotation id the article did not have. The first new
 * id is the highlight the user sees; the first new id that is a UUID is the annotation as the
 * service stored it (the renderer draws a pending highlight first and swaps its id on the answer;
 * a renderer that waits for the service makes both the same). Each gets the two paint markers.
 * @param {{ key: string, attribute: string }} args
 */
export function armTagProbe({ key, attribute }) {
  const view = document.querySelector('.ProseMirror');
  const selector = `[${attribute}]`;
  const known = new Set();
  for (const element of view.querySelectorAll(selector)) known.add(element.getAttribute(attribute));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const state = { keyAt: null, keyStamp: null, shown: null, stored: null, eventTiming: null };
  window.__benchTag = state;
  const onKey = (event) => {
    if (event.key !== key) return;
    state.keyAt = performance.now();
    state.keyStamp = event.timeStamp;
    removeEventListener('keydown', onKey, true);
  };
  addEventListener('keydown', onKey, true);
  // The browser's own account (Event Timing, as in INP): from the key event's timestamp to the
  // presentation of the next frame after its handlers, in 8 ms steps. Only events of 16 ms or
  // more are reported at all, so no entry means "under 16 ms".
  const timing = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown' && Math.abs(entry.startTime - state.keyStamp) < 1) {
        state.eventTiming = entry.duration;
      }
    }
  });
  timing.observe({ type: 'event', durationThreshold: 16 });
  state.stopTiming = () => timing.disconnect();
  const mark = (field) => {
    const marks = { at: performance.now(), task: null, rafRaf: null };
    state[field] = marks;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (marks.task = performance.now());
      channel.port2.postMessage(null);
      requestAnimationFrame(() => (marks.rafRaf = performance.now()));
    });
  };
  const consider = (element) => {
    const id = element.getAttribute(attribute);
    if (id === null || known.has(id)) return;
    if (state.shown === null) mark('shown');
    if (state.stored === null && uuid.test(id)) mark('stored');
  };
  const observer = new MutationObserver((records) => {
    if (state.keyAt === null) return;
    for (const record of records) {
      if (record.type === 'attributes') consider(record.target);
      for (const added of record.addedNodes) {
        if (added.nodeType !== Node.ELEMENT_NODE) continue;
        if (added.hasAttribute(attribute)) consider(added);
        for (const inner of added.querySelectorAll(selector)) consider(inner);
      }
    }
    if (state.stored !== null) observer.disconnect();
  });
  observer.observe(view, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [attribute],
  });
}

/** Whether the new highlight has been painted (`which`: 'shown' or 'stored', both markers). */
export function tagProbeDone(which) {
  const marks = window.__benchTag[which];
  return marks !== null && marks.task !== null && marks.rafRaf !== null;
}

/**
 * The tag measurement's figures, relative to the key press. Event Timing entries are delivered
 * after the frame is presented, so this waits a moment for one before giving up on it.
 */
export async function collectTagProbe() {
  const state = window.__benchTag;
  const { keyAt, shown, stored } = state;
  for (let waited = 0; state.eventTiming === null && waited < 100; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  state.stopTiming();
  const painted = (marks) => (marks ? Math.min(marks.task, marks.rafRaf) - keyAt : null);
  return {
    paintedMs: painted(shown),
    rafRafMs: shown.rafRaf - keyAt,
    inDomMs: shown.at - keyAt,
    storedPaintedMs: painted(stored),
    eventTimingMs: state.eventTiming,
  };
}
