// One writer at a time. The ribbon's Seal Run, a batch seal in the task pane, a patch and a repair
// all read the log's head, then append after it: two of them interleaved inside one add-in would
// both append after the same head and fork the log. Every workflow that writes to the workbook
// runs through the queue of its host; the next one starts only when the previous has finished, so
// it reads the log head as the previous one left it. Evidence: packages/excel-simulator/README.md, rule 17.

const tails = new WeakMap<object, Promise<unknown>>();

/** Runs `job` after every job queued before it on `key` has settled (a failure does not block the queue). */
export function inWriteQueue<T>(
  key: object,
  job: () => Promise<T>,
): Promise<T> {
  const before = tails.get(key) ?? Promise.resolve();
  const run = before.then(job, job);
  tails.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}
