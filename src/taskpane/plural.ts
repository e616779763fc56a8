// Counted nouns as a person writes them: "1 entry", "2 entries", "1 run", "3 runs".
export function counted(n: number, one: string, many: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

export const entries = (n: number): string => counted(n, "entry", "entries");
export const runs = (n: number): string => counted(n, "run", "runs");
