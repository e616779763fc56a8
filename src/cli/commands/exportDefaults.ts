// What `sealed-run export` assumes when not told: the sample source, the output folder, the
// operator's name and the clock (SOURCE_DATE_EPOCH for reproducible runs).
import os from "node:os";
import { UsageError } from "../args";

export const DEFAULT_SOURCE =
  "artifacts/sample_data/prompt_os_v2/llm_output.csv";
export const DEFAULT_OUT_DIR = "artifacts/sealed_runs";

export function now(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch))
      throw new UsageError(
        `SOURCE_DATE_EPOCH=${JSON.stringify(epoch)} is not a whole number of seconds`,
      );
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

export function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "";
  }
}
