// A CSV source is read as a stream with a stated limit (1 GiB): every row is still checked, only
// the requested run's rows are kept, and a larger file is refused at once. (Memory on a 200 MB
// source is a bench figure: csv_seal_200mb_max_rss_mb.)
import * as fs from "node:fs";
import * as path from "node:path";
import {
  EPOCH,
  makeWorkspace,
  readSealed,
  removeWorkspaces,
  run,
  sampleLines,
  sealedFiles,
  sealedPath,
} from "./helpers";

afterAll(removeWorkspaces);

const { header, rows } = sampleLines();
const row = (id: string) => rows[0].replace(/^RUN-001/, id);

/** `n` rows RUN-B000000… (about 300 bytes each), written in pieces; extra lines appended at the end. */
function bigCsv(ws: string, n: number, extra: string[] = []): string {
  const file = path.join(ws, "big.csv");
  const fd = fs.openSync(file, "w");
  fs.writeSync(fd, header + "\r\n");
  for (let i = 0; i < n; i += 10_000) {
    const lines: string[] = [];
    for (let k = i; k < Math.min(n, i + 10_000); k++)
      lines.push(row(`RUN-B${String(k).padStart(6, "0")}`));
    fs.writeSync(fd, lines.join("\r\n") + "\r\n");
  }
  if (extra.length) fs.writeSync(fd, extra.join("\r\n") + "\r\n");
  fs.closeSync(fd);
  return "big.csv";
}

describe("a large CSV source", () => {
  it("seals the last of 100,000 rows, naming its row", async () => {
    const ws = makeWorkspace();
    const src = bigCsv(ws, 100_000);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-B099999", "--source", src, "--json"],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(0);
    const [file] = sealedFiles(ws);
    const doc = readSealed(ws, sealedPath(file));
    expect(doc.reconstruction.source.location).toBe("big.csv#row=100001");
  });

  it("still refuses a broken row after the requested one, naming its line", async () => {
    const ws = makeWorkspace();
    const src = bigCsv(ws, 50_000, ["RUN-X,2026-02-15,too,few"]);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-B000001", "--source", src],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `"big.csv" line 50002 has 4 fields but the header has 9`,
    );
    expect(sealedFiles(ws)).toEqual([]);
  });

  it("suggests the nearest run ids when none matches, as for a small file", async () => {
    const ws = makeWorkspace();
    const src = bigCsv(ws, 20_000);
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-B01999", "--source", src],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'RunID "RUN-B01999" matches no row; nearest run ids: "RUN-B019990", "RUN-B019991", "RUN-B019992", "RUN-B019993", "RUN-B019994"',
    );
  });

  it("counts every row of a run id that matches many, naming the first ten", async () => {
    const ws = makeWorkspace();
    const src = bigCsv(
      ws,
      10,
      Array.from({ length: 25 }, () => row("RUN-DUP")),
    );
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-DUP", "--source", src],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'RunID "RUN-DUP" matches 25 rows (the first 10: big.csv#row=12, ',
    );
  });

  it("refuses a source over 1 GiB at once, without reading it", async () => {
    const ws = makeWorkspace();
    const file = path.join(ws, "huge.csv");
    fs.writeFileSync(file, header + "\r\n");
    fs.truncateSync(file, 1024 ** 3 + 1);
    const t0 = Date.now();
    const r = await run(
      ws,
      ["export", "--run-id", "RUN-001", "--source", "huge.csv"],
      { epoch: EPOCH },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '"huge.csv" is over 1 GiB, the largest CSV source sealed-run reads',
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
