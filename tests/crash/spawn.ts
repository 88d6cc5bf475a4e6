/**
 * Runs the crash child and kills it: the events it printed (one JSON line each) are collected as
 * they arrive, so the harness can time the kill from a given event (the project is open, a
 * migration has started) and knows, after the kill, what the child had acknowledged.
 */
import { spawn } from 'node:child_process';

export interface ChildEvent {
  t: string;
  [key: string]: unknown;
}

export interface ChildRun {
  /** Resolves with the first event of type `t` (or null if the child ends first). */
  waitFor(t: string): Promise<ChildEvent | null>;
  /** SIGKILL, then waits for the process to be gone and its output read to the end. */
  kill(): Promise<ChildOutcome>;
  /** Waits for the child to exit by itself. */
  finished(): Promise<ChildOutcome>;
}

export interface ChildOutcome {
  events: ChildEvent[];
  /** The exit code, or null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** True when the child had exited by itself before the kill. */
  exitedEarly: boolean;
}

export function startChild(childFile: string, mode: string, config: object, cwd: string): ChildRun {
  const child = spawn(process.execPath, [childFile, mode, JSON.stringify(config)], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: ChildEvent[] = [];
  const waiters: { t: string; resolve: (event: ChildEvent | null) => void }[] = [];
  let stdoutRest = '';
  let stderr = '';
  let exited = false;
  let killed = false;

  const onEvent = (event: ChildEvent): void => {
    events.push(event);
    for (const waiter of waiters.filter((w) => w.t === event.t)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const lines = (stdoutRest + chunk).split('\n');
    stdoutRest = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as ChildEvent);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    // The service logs slow statements; keep only the end, where a failure would be.
    stderr = (stderr + chunk).slice(-20_000);
  });
  const closed = new Promise<ChildOutcome>((resolve) => {
    child.on('close', (code, signal) => {
      exited = true;
      // A line cut by the kill is not an event: the child never finished writing it.
      for (const waiter of waiters.splice(0)) waiter.resolve(null);
      resolve({ events, code, signal, stderr, exitedEarly: !killed });
    });
  });

  return {
    waitFor(t) {
      const seen = events.find((event) => event.t === t);
      if (seen) return Promise.resolve(seen);
      if (exited) return Promise.resolve(null);
      return new Promise((resolve) => waiters.push({ t, resolve }));
    },
    kill() {
      if (!exited) {
        killed = true;
        child.kill('SIGKILL');
      }
      return closed;
    },
    finished: () => closed,
  };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
