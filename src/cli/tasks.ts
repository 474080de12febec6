// What a worker (or the main thread, for a small batch) does with one file. A task is plain data, so it
// crosses to a worker thread as workerData.
import { readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { defaultRubric } from '../rubric/default.js';
import { loadRubricBytes } from '../rubric/load.js';
import type { Rubric } from '../rubric/model.js';
import { type FileResult, validateEvidence } from '../validation/validate.js';
import { readInput } from './env.js';

export type Task = { kind: 'validate'; rubric?: string; strict: boolean };

function rubricOf(file: string | undefined): Rubric {
  if (file === undefined) return defaultRubric();
  // The main thread has loaded this rubric already and stopped on any problem in it.
  const loaded = loadRubricBytes(readFileSync(file), file);
  if (!loaded.rubric) throw new Error(`rubric ${file} did not load in a worker`);
  return loaded.rubric;
}

export function taskRunner(task: Task): (file: string) => FileResult {
  const rubric = rubricOf(task.rubric);
  return (file) => {
    const input = readInput(file);
    if (input.problem) return { file, problems: [input.problem] };
    return validateEvidence(input.bytes ?? new Uint8Array(), file, rubric, { strict: task.strict });
  };
}

/** In a worker thread started by the pool: serve files until the pool ends the thread. */
export function serveIfWorker(): boolean {
  const task = (workerData as { jiaxiaoWorker?: Task } | null)?.jiaxiaoWorker;
  if (isMainThread || !task || !parentPort) return false;
  const run = taskRunner(task);
  const port = parentPort;
  port.on('message', (m: { start: number; files: string[] }) => {
    port.postMessage({ start: m.start, results: m.files.map(run) });
  });
  return true;
}
