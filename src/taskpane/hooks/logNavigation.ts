// Which log entry a key moves to in the Seal Log's list: arrows one entry, Page keys ten, Home and
// End the ends; null for any other key (or an empty log). Pure, so it is tested in node.
const STEPS: Record<string, number> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
};

export function entryAfterKey(
  key: string,
  active: number,
  count: number,
): number | null {
  let to: number | null = null;
  if (key in STEPS) to = (active < 0 ? 0 : active) + STEPS[key];
  if (key === "Home") to = 0;
  if (key === "End") to = count - 1;
  if (to === null || !count) return null;
  return Math.max(0, Math.min(count - 1, to));
}
