// Argument parsing for every command, on node:util's parseArgs (strict: unknown options are errors).
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

// Values are typed loosely: each command declares its options right above where it reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function parse(args: string[], options: NonNullable<ParseArgsConfig["options"]>, allowPositionals = false): { values: Record<string, any>; positionals: string[] } {
  try {
    return parseArgs({ args, options: { ...options, json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""));
  }
}

export function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") throw new UsageError(`--${name} is required`);
  return v;
}
