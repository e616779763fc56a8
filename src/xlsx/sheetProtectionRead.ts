// A worksheet's <sheetProtection> read into the model's protection (and its state at load).
import { PROTECTION_OPTIONS, type SimSheet } from "@sealed-run/workbook-model";

export function protectionKey(s: SimSheet): string {
  return JSON.stringify(s.protection);
}
export function applyProtection(
  sheet: SimSheet,
  a: Record<string, string> | undefined,
): void {
  if (!a || !(a.sheet === "1" || a.sheet === "true")) return;
  const options: Record<string, boolean> = {};
  for (const [opt, attr] of PROTECTION_OPTIONS)
    if (a[attr] === "0" || a[attr] === "false") options[opt] = true;
  let password = undefined;
  if (a.algorithmName === "SHA-512" && a.hashValue)
    password = {
      algorithmName: "SHA-512" as const,
      hashValue: a.hashValue,
      saltValue: a.saltValue ?? "",
      spinCount: Number(a.spinCount ?? 0),
    };
  // A legacy 16-bit password (or another algorithm) cannot be checked here: no password unlocks it.
  else if (a.password || a.hashValue)
    password = {
      algorithmName: "SHA-512" as const,
      hashValue: "unverifiable",
      saltValue: "",
      spinCount: 1,
    };
  sheet.protection = { protected: true, options, password };
}
