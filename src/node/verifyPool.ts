// `verify` of many files on every core: the files go to worker threads in chunks, and come back
// to the caller in the order given, so the output is the same as one thread's. At most a few
// chunks are in flight, so memory does not grow with the number of files.
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
// Narrow imports: each worker thread loads only what verifying needs (the core index with its
// schema validators takes ten times longer to load).
import { verifyHashOnly } from "../core/seal/verifyFast";
import { readSealedFile, UnreadablePathError } from "./files";

export type FileVerdict =
  | { status: "valid"; hash: string }
  | { status: "invalid" | "unreadable"; reason: string };

/** One file, in this thread. */
export async function verifyFile(file: string): Promise<FileVerdict> {
  let bytes: Uint8Array;
  try {
    bytes = readSealedFile(file);
  } catch (e) {
    if (!(e instanceof UnreadablePathError)) throw e;
    return { status: "unreadable", reason: e.message };
  }
  const v = await verifyHashOnly(bytes);
  return v.valid
    ? { status: "valid", hash: v.hash }
    : { status: "invalid", reason: v.reason };
}

const CHUNK = 128;
/** Below this many files a worker's start-up (~40 ms) costs more than it saves. */
const MIN_FILES_PER_WORKER = 400;

function workerCount(files: number): number {
  const cores =
    typeof os.availableParallelism === "function"
      ? os.availableParallelism()
      : os.cpus().length;
  const fromEnv = Number(process.env.SEALED_RUN_THREADS);
  const wanted = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : cores;
  return Math.max(
    1,
    Math.min(wanted, 8, Math.floor(files / MIN_FILES_PER_WORKER)),
  );
}

/**
 * Verify `files`, calling `each(i, verdict)` in index order. `null` entries are skipped (the
 * caller already knows their verdict) but still delivered in order through `each`.
 */
export async function verifyInOrder(
  files: readonly (string | null)[],
  each: (i: number, v: FileVerdict | null) => void,
): Promise<void> {
  const n = workerCount(files.length);
  if (n <= 1) {
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      each(i, f === null ? null : await verifyFile(f));
    }
    return;
  }
  const script = path.join(__dirname, "verifyWorker.js");
  const workers = Array.from({ length: n }, () => new Worker(script));
  const done = new Map<number, FileVerdict[]>(); // chunk start → verdicts, until delivered
  let next = 0; // the next chunk start to hand out
  let deliver = 0; // the next index to deliver
  const idle: Worker[] = [];
  // Handed out but not yet delivered stays under this: a slow chunk cannot make the others
  // pile up without bound.
  const window = n * CHUNK * 4;
  try {
    await new Promise<void>((resolve, reject) => {
      const flush = () => {
        while (done.has(deliver)) {
          const verdicts = done.get(deliver)!;
          done.delete(deliver);
          for (let k = 0; k < verdicts.length; k++) {
            const i = deliver + k;
            each(i, files[i] === null ? null : verdicts[k]);
          }
          deliver += verdicts.length;
        }
        while (idle.length && next < files.length && next - deliver < window)
          feed(idle.pop()!);
        if (deliver >= files.length) resolve();
      };
      const feed = (w: Worker) => {
        if (next >= files.length) return;
        if (next - deliver >= window) return void idle.push(w);
        const start = next;
        next = Math.min(files.length, next + CHUNK);
        w.postMessage({ start, files: files.slice(start, next) });
      };
      for (const w of workers) {
        w.on("message", (m: { start: number; verdicts: FileVerdict[] }) => {
          done.set(m.start, m.verdicts);
          feed(w);
          try {
            flush();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
        w.on("error", reject);
        w.on("exit", (code) => {
          if (code !== 0 && deliver < files.length)
            reject(new Error(`a verify worker stopped with code ${code}`));
        });
        feed(w);
        feed(w); // two chunks each, so a worker never waits for the main thread
      }
      if (files.length === 0) resolve();
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
