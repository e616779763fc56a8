// The Seal Log list's keys: where each one moves the chosen entry.
import { entryAfterKey } from "../../src/taskpane/hooks/logNavigation";

test("arrows move one entry and Page keys ten, within the log", () => {
  expect(entryAfterKey("ArrowDown", 3, 50)).toBe(4);
  expect(entryAfterKey("ArrowUp", 3, 50)).toBe(2);
  expect(entryAfterKey("PageDown", 3, 50)).toBe(13);
  expect(entryAfterKey("PageUp", 3, 50)).toBe(0);
  expect(entryAfterKey("PageDown", 45, 50)).toBe(49);
  expect(entryAfterKey("ArrowUp", 0, 50)).toBe(0);
});

test("with no entry chosen, the arrows start from the first", () => {
  expect(entryAfterKey("ArrowDown", -1, 5)).toBe(1);
  expect(entryAfterKey("ArrowUp", -1, 5)).toBe(0);
});

test("Home and End go to the ends", () => {
  expect(entryAfterKey("Home", 7, 20)).toBe(0);
  expect(entryAfterKey("End", 7, 20)).toBe(19);
});

test("other keys and an empty log move nothing", () => {
  expect(entryAfterKey("Enter", 2, 5)).toBeNull();
  expect(entryAfterKey("a", 2, 5)).toBeNull();
  expect(entryAfterKey("ArrowDown", -1, 0)).toBeNull();
  expect(entryAfterKey("End", -1, 0)).toBeNull();
});
