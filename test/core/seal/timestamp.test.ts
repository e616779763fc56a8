// export_timestamp and the file name made from it (§1, §7).
import {
  exportTimestamp,
  sealFileName,
} from "../../../src/core/seal/timestamp";

describe("exportTimestamp", () => {
  it("writes UTC whole seconds, dropping (not rounding) milliseconds", () => {
    expect(exportTimestamp(new Date("2026-02-15T18:30:00.999Z"))).toBe(
      "2026-02-15T18:30:00Z",
    );
    expect(exportTimestamp(new Date("2026-02-15T20:30:05+02:00"))).toBe(
      "2026-02-15T18:30:05Z",
    );
  });

  it("refuses an invalid date", () => {
    expect(() => exportTimestamp(new Date("not a date"))).toThrow(
      "invalid export time",
    );
  });
});

describe("sealFileName", () => {
  it("is <run_id>_<YYYYMMDDTHHMMSSZ>.json", () => {
    expect(sealFileName("RUN-001", "2026-02-15T18:30:00Z")).toBe(
      "RUN-001_20260215T183000Z.json",
    );
  });

  it.each([
    "2026-02-15T18:30:00.000Z",
    "2026-02-15 18:30:00Z",
    "2026-02-15T18:30:00+00:00",
    "",
  ])("refuses the timestamp %j, quoting it", (ts) => {
    expect(() => sealFileName("RUN-001", ts)).toThrow(
      `export_timestamp ${JSON.stringify(ts)} is not YYYY-MM-DDTHH:MM:SSZ`,
    );
  });
});
