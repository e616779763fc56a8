import {
  SimError,
  SimWorkbook,
  createTestHost,
  type TestHost,
  type HostOptions,
} from "@sealed-run/excel-simulator/testing";

/** Awaits `p` and returns the SimError it rejects with; fails the test if it resolves. */
export async function rejection(p: Promise<unknown>): Promise<SimError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SimError) return e;
    throw e;
  }
  throw new Error(
    "expected the promise to reject with a SimError, but it resolved",
  );
}

/** Runs `fn` and returns the SimError it throws synchronously. */
export function thrown(fn: () => unknown): SimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SimError) return e;
    throw e;
  }
  throw new Error("expected a SimError to be thrown");
}

export function setup(
  sheets: string[] = ["Sheet1"],
  options?: HostOptions,
): { book: SimWorkbook; host: TestHost } {
  const book = new SimWorkbook({ sheets });
  return { book, host: createTestHost(book, options) };
}
