// What the CLI prints: human lines by default, one JSON document with --json. The printers are
// functions, not methods, so that they can be handed on (`scan.warnings.forEach(out.warn)`).
export interface Out {
  json: boolean;
  line: (s: string) => void;
  error: (s: string) => void;
  /** A warning: printed as `warning: …`, and kept for the --json result (see `said`). */
  warn: (s: string) => void;
  warnings: string[];
  result: (obj: unknown) => void;
}

export function makeOut(json: boolean): Out {
  const warnings: string[] = [];
  return {
    json,
    warnings,
    warn: (s) => {
      warnings.push(s);
      if (!json) process.stderr.write(`warning: ${s}\n`);
    },
    line: (s) => {
      if (!json) process.stdout.write(s + "\n");
    },
    error: (s) => {
      if (!json) process.stderr.write(s + "\n");
    },
    result: (obj) => {
      if (json) process.stdout.write(JSON.stringify(obj, null, 2) + "\n");
    },
  };
}

/** Exit codes of CONTRACT §7. */
export const EXIT = { ok: 0, refused: 1, usage: 2, exists: 3 } as const;

/** `warnings` in a --json result only when there are any, so that a clean run's output stays as it was. */
export const said = (warnings: string[]) =>
  warnings.length ? { warnings } : {};
