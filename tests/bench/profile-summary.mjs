/**
 * Turns a Chromium trace and a V8 CPU profile into "where did the time go" tables: maps from a
 * label to milliseconds, which add up across several recordings (`addInto`).
 */
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function mimeTypeFor(file) {
  return MIME[path.extname(file)] ?? 'application/octet-stream';
}

/** Adds every entry of `from` into `into`. */
export function addInto(into, from) {
  for (const [key, value] of from) into.set(key, (into.get(key) ?? 0) + value);
  return into;
}

/** [label, ms] rows, largest first. */
export function sortedRows(map) {
  return [...map].sort((a, b) => b[1] - a[1]);
}

/**
 * The measured interval in trace time (µs): from the dispatch of the input event (`click`,
 * `keydown`) that started it, for `durationMs` — the probe's own measure of the interval.
 * @param {object[]} events
 * @param {string} eventType
 * @param {number} durationMs
 * @returns {{ from: number, to: number }}
 */
export function inputWindow(events, eventType, durationMs) {
  const dispatch = events.find(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === eventType,
  );
  if (!dispatch) throw new Error(`The trace has no ${eventType} event to start from.`);
  return { from: dispatch.ts, to: dispatch.ts + durationMs * 1000 };
}

/**
 * Self time per trace event name on the page's main thread (the renderer thread with the most
 * busy time: other renderers, e.g. of closed pages, may appear in the same trace), for events
 * that start inside `window`. Nested events are subtracted from their parent, so "FunctionCall"
 * is JavaScript outside any nested style or layout it forced, "Layout" is layout alone, and the
 * rows add up to the time spent in tasks.
 * @param {object[]} events  Chromium trace events
 * @param {{ from: number, to: number }} window
 * @returns {Map<string, number>}
 */
export function traceSelfTimes(events, window) {
  const mainThreads = new Set();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      mainThreads.add(`${e.pid}:${e.tid}`);
    }
  }
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
    if (e.ts < window.from || e.ts >= window.to) continue;
    const thread = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(thread)) continue;
    if (!byThread.has(thread)) byThread.set(thread, []);
    byThread.get(thread).push(e);
  }
  let best = new Map();
  let bestTotal = -1;
  for (const list of byThread.values()) {
    const self = selfTimes(list);
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    if (total > bestTotal) [best, bestTotal] = [self, total];
  }
  return best;
}

/** Self time (ms) by name for one thread's complete events. */
function selfTimes(list) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const close = (until) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop();
      self.set(done.name, (self.get(done.name) ?? 0) + done.self / 1000);
    }
  };
  for (const e of list) {
    close(e.ts);
    const parent = stack[stack.length - 1];
    if (parent) parent.self -= e.dur;
    stack.push({ name: e.name, end: e.ts + e.dur, self: e.dur });
  }
  close(Infinity);
  return self;
}

/**
 * The bundle's source modules by line: an unminified Rolldown bundle starts each module with a
 * comment line naming its path (`// renderer/editor/positions.ts`).
 * @param {string} bundle
 */
function moduleIndex(bundle) {
  const starts = [];
  const lines = bundle.split('\n');
  const marker = /^\/\/ ((?:node_modules|renderer|core)\/\S+\.(?:js|mjs|cjs|ts|tsx))$/;
  for (let i = 0; i < lines.length; i++) {
    const match = marker.exec(lines[i]);
    if (match) starts.push([i, match[1]]);
  }
  return (line) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid][0] <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? '(bundle prelude)' : starts[lo - 1][1];
  };
}

/** Shortens a module path to its package (node_modules) or keeps our own path. */
function moduleLabel(modulePath) {
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(modulePath);
  if (!pkg) return modulePath;
  return pkg[1] === 'react-dom' ? `react-dom (${path.basename(pkg[2])})` : pkg[1];
}

/**
 * JavaScript time from a V8 CPU profile, for samples inside `window` (the profiler's clock is the
 * trace's): self time by source module and by function, and total (inclusive) time of our own
 * functions (those in renderer/), each sample counted once per function however deep the
 * recursion.
 * @param {{ nodes: object[], samples: number[], timeDeltas: number[], startTime: number }} profile
 * @param {string} bundle  the unminified renderer bundle the page ran
 * @param {{ from: number, to: number }} window
 */
export function cpuProfileTimes(profile, bundle, window) {
  const moduleOf = moduleIndex(bundle);
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const describe = new Map();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber } = n.callFrame;
    const inBundle = url.includes('/assets/') && url.endsWith('.js');
    const module = inBundle ? moduleOf(lineNumber) : url ? path.basename(url) : '(native)';
    const name = functionName || '(anonymous)';
    describe.set(n.id, {
      module: inBundle ? moduleLabel(module) : module,
      fn: url ? `${name} · ${inBundle ? module : path.basename(url)}:${lineNumber + 1}` : name,
      app: inBundle && module.startsWith('renderer/'),
    });
  }
  const byModule = new Map();
  const bySelf = new Map();
  const byAppTotal = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < window.from || at >= window.to) continue;
    // A sample stands for the interval until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i];
    const leaf = describe.get(id);
    if (leaf.fn === '(idle)' || leaf.fn === '(root)') continue;
    add(byModule, leaf.module, ms);
    add(bySelf, leaf.fn, ms);
    const seen = new Set();
    for (let node = id; node !== undefined; node = parent.get(node)) {
      const frame = describe.get(node);
      if (!frame.app || seen.has(frame.fn)) continue;
      seen.add(frame.fn);
      add(byAppTotal, frame.fn, ms);
    }
  }
  return { byModule, bySelf, byAppTotal };
}

/** The name under which a task shows at the top level of the main thread. */
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The main thread's tasks that overlap `window` and last at least `minMs`, in order, each
 * with its largest trace events (self time) and, when a CPU profile is given, the renderer/
 * functions it spent most in: what happened when, from the input event to the painted frame.
 * @returns {{ atMs: number, ms: number, events: [string, number][], functions: [string, number][] }[]}
 */
export function taskTimeline(events, window, { minMs = 1, profile, bundle } = {}) {
  const thread = (e) => `${e.pid}:${e.tid}`;
  // The main thread is the one whose events traceSelfTimes chose: find it by its task events.
  const busiest = new Map();
  // The input event's own task starts just before the window: overlapping is what counts.
  const overlaps = (e) => e.ts < window.to && e.ts + e.dur > window.from;
  for (const e of events) {
    if (e.ph === 'X' && TASK_NAMES.has(e.name) && overlaps(e)) {
      busiest.set(thread(e), (busiest.get(thread(e)) ?? 0) + e.dur);
    }
  }
  const main = sortedRows(busiest)[0]?.[0];
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && thread(e) === main)
    .filter((e) => overlaps(e) && e.dur >= minMs * 1000)
    .sort((a, b) => a.ts - b.ts);
  // Nested RunTask events (a task inside a task's run loop) would be listed twice: keep the outer.
  const outer = tasks.filter(
    (t, i) => !tasks.slice(0, i).some((o) => o.ts + o.dur >= t.ts + t.dur),
  );
  return outer.map((task) => {
    const span = { from: task.ts, to: task.ts + task.dur };
    const inner = [...traceSelfTimes(events, span)].filter(([name]) => !TASK_NAMES.has(name));
    const functions = profile ? sortedRows(cpuProfileTimes(profile, bundle, span).byAppTotal) : [];
    return {
      atMs: (task.ts - window.from) / 1000,
      ms: task.dur / 1000,
      events: sortedRows(new Map(inner)).slice(0, 4),
      functions: functions.slice(0, 3),
    };
  });
}
