// Work on many files across the machine's cores. Workers are the CLI itself (bin/jiaxiao.cjs, through the
// code cache) started in a worker thread; each reads and checks its files and sends back a small result.
// Results come back to the caller in file order, as soon as each is ready, so output can stream and
// memory stays flat whatever the number of files.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { workerThreads } from '../io/builtins.js';
import { WORKER_FLAG } from './pool-flag.js';

/** Files per message: fewer round trips than one file at a time, small enough to keep both cores busy. */
const CHUNK = 16;
/** Each worker gets at least this many messages' worth of files, so that none waits long for the last one. */
const MESSAGES_PER_WORKER = 8;

export interface PoolJob<T, I> {
  /** Handed to each worker as workerData; says what to do with an item. */
  task: T;
  /** What to work on, in order: file names, or small plain objects naming a file. */
  items: readonly I[];
  /**
   * The most files a message may carry in a large batch, where results are small (validate sends a null for a
   * file without problems): each message wakes the main thread. With 128, `validate` on 10,000 files took ~3%
   * less CPU than with 16. Without it, CHUNK: a scored school's row is larger, and with 128 a 10,000-school
   * batch's peak RSS grew by 4% (129 to 134 MiB).
   */
  largestChunk?: number;
}

/** Worker threads worth starting for this many files: none for a small batch, where start-up dominates. */
export function threadsFor(files: number): number {
  const forced = process.env.JIAXIAO_THREADS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  if (files < 200) return 0;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / CHUNK)));
}

/** The bin that started this process: workers run the same code. */
function binFile(): string {
  return join(__dirname, '..', 'bin', 'jiaxiao.cjs');
}

export function runInWorkers<T, I, R>(
  job: PoolJob<T, I>,
  threads: number,
  onResult: (index: number, result: R) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const results = new Map<number, R>();
    let nextToEmit = 0;
    let nextToSend = 0;
    let running = 0;
    let failed = false;
    const emit = () => {
      while (results.has(nextToEmit)) {
        const r = results.get(nextToEmit) as R;
        results.delete(nextToEmit);
        onResult(nextToEmit, r);
        nextToEmit++;
      }
    };
    const inFlight = new Map<Worker, number>();
    const send = (w: Worker) => {
      if (nextToSend >= job.items.length) {
        if ((inFlight.get(w) ?? 0) === 0) void w.terminate();
        return;
      }
      const start = nextToSend;
      const items = job.items.slice(start, start + chunk);
      nextToSend += items.length;
      inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
      w.postMessage({ start, items });
    };
    const count = Math.max(1, Math.min(threads, Math.ceil(job.items.length / CHUNK)));
    const chunk = Math.max(
      CHUNK,
      Math.min(job.largestChunk ?? CHUNK, Math.floor(job.items.length / (count * MESSAGES_PER_WORKER))),
    );
    const workers: Worker[] = [];
    // One worker failing ends them all: the batch is reported as failed, not finished by half its workers.
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      for (const other of workers) void other.terminate();
      reject(e);
    };
    for (let i = 0; i < count; i++) {
      const w = new (workerThreads().Worker)(binFile(), {
        workerData: { jiaxiaoWorker: job.task },
        argv: [WORKER_FLAG],
        // A worker's live data is one file at a time (~8 MB of heap after a full collection). A small young
        // generation keeps its memory from growing with the batch: V8 doubles a young generation as objects
        // survive into it, and over ten thousand files it reaches its bound. With 16 MB, peak RSS of
        // `score` on 10,000 files was 1.37× that on 1,000 (151 against 110 MiB); with 6 MB, 1.27× (130
        // against 102 MiB), with no measurable change of speed (`npm run bench -- batch`; at 4 MB, `score`
        // on 10,000 files took ~8% longer in one measurement). The old generation's bound is far above any
        // file's needs, yet below the 2 GiB from which V8 lets a heap grow 4× past its live data between
        // full collections instead of at most 2×. The most a file needs: every hostile file of
        // scripts/adversarial.mjs is answered within a 48 MB old generation; an evidence workbook at its
        // limits (a 5,000-row 台账, 43 MB of XML unpacked, under io/xlsx.ts's cap) needs 200–300 MB, so the
        // bound leaves 5×. A worker out of memory ends the batch (the pool fails whole), as it did under
        // V8's default bound.
        resourceLimits: { maxYoungGenerationSizeMb: 6, maxOldGenerationSizeMb: 1536 },
      });
      running++;
      w.on('message', (m: { start: number; results: R[] }) => {
        inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
        m.results.forEach((r, k) => {
          results.set(m.start + k, r);
        });
        emit();
        send(w);
      });
      workers.push(w);
      w.on('error', fail);
      w.on('exit', (code) => {
        running--;
        if (code !== 0 && !failed && nextToEmit < job.items.length && (inFlight.get(w) ?? 0) > 0) {
          fail(new Error(`worker exited with code ${code}`));
          return;
        }
        if (running === 0 && !failed) {
          emit();
          resolve();
        }
      });
      send(w);
      send(w); // two chunks in flight per worker, so it never waits for the main thread
    }
  });
}
