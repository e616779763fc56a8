// Governance from the workbook (CONTRACT §4): a baseline continued across rows, AuthorizedActors,
// the template offered when GOVERNANCE and PROMPTS are missing; and a cell being edited.
import { sha256Hex, type SealedRun } from "../../src/core";
import {
  SimWorkbook,
  createTestHost,
} from "@sealed-run/excel-simulator/testing";
import { createWorkbookApi, WorkbookError } from "../../src/workflows";
import { ACTOR, CLOCK, HEADERS, adapt, makeBook, open } from "./helpers";

function sealedDoc(
  out: Awaited<ReturnType<ReturnType<typeof open>["api"]["sealRun"]>>,
): SealedRun {
  if (out.kind !== "sealed") throw new Error(`refused: ${out.reason}`);
  return out.document;
}

function checkOf(
  out: Awaited<ReturnType<ReturnType<typeof open>["api"]["sealRun"]>>,
  name: string,
) {
  return out.kind === "refused"
    ? out.checks.find((c) => c.check === name)
    : undefined;
}

/** Append rows to makeBook's GovernanceTable, as a user would (a quote prefix keeps them text). */
function addGovernance(book: SimWorkbook, rows: [string, string][]): void {
  book.addTableRows(
    book.findTable("GovernanceTable")!,
    undefined,
    rows.map(([k, v]) => [k, "'" + v]),
  );
}

test("a baseline longer than one cell continues in further PolicyBaseline rows, joined in table order", async () => {
  const book = makeBook(3);
  const first = book.sheet("GOVERNANCE").cell("B3").value as string; // makeBook's PolicyBaseline row
  const more = ["B".repeat(32_766), "and the rest of the policy."];
  addGovernance(book, [
    ["PolicyBaseline", more[0]],
    ["PolicyBaseline", more[1]],
  ]);
  const b = open(book);
  const doc = sealedDoc(
    await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 }),
  );
  const whole = first + more[0] + more[1];
  expect(doc.reconstruction.policy_texts.baseline).toBe(whole);
  expect(doc.authority_envelope.policy_snapshot.policy_hash).toBe(
    "sha256:" + (await sha256Hex(whole)),
  );
});

test("AuthorizedActors decides who may seal, and under which role", async () => {
  const book = makeBook(3);
  addGovernance(book, [
    ["AuthorizedActors", "J. Rivera:triage-lead; M. Okafor:reviewer"],
  ]);
  const b = open(book);

  const stranger = await b.api.sealRun("RUN-000001", {
    actor: { name: "Eve", role: "triage-lead" },
    now: CLOCK,
    rowHint: 0,
  });
  expect(stranger.kind).toBe("refused");
  expect(checkOf(stranger, "actor_authorized")).toMatchObject({
    triggered: true,
  });
  expect(checkOf(stranger, "actor_authorized")!.detail).toMatch(
    /"Eve" is not in AuthorizedActors \(J\. Rivera, M\. Okafor\)/,
  );

  const wrongRole = await b.api.sealRun("RUN-000001", {
    actor: { name: "M. Okafor", role: "triage-lead" },
    now: CLOCK,
    rowHint: 0,
  });
  expect(checkOf(wrongRole, "actor_authorized")!.detail).toMatch(
    /authorized as "reviewer", not "triage-lead"/,
  );

  const ok = sealedDoc(
    await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 }),
  );
  expect(ok.authority_envelope).toMatchObject({
    actor: "J. Rivera",
    role: "triage-lead",
  });
});

test("without GOVERNANCE and PROMPTS the seal is refused, the template is offered, and then it seals", async () => {
  const book = new SimWorkbook({ sheets: ["LLM_OUTPUT"], name: "Bare.xlsx" });
  book
    .sheet("LLM_OUTPUT")
    .setCells(
      "A1:I2",
      [
        HEADERS,
        [
          "RUN-1",
          "2026-02-15",
          "J. Rivera",
          "gpt-4o",
          "Budget reversal",
          "Re-check hiring freeze",
          "",
          "78",
          "2026-02-22",
        ],
      ],
      "@",
    );
  book.addTable("LLM_OUTPUT", "A1:I2", { name: "LLMOutputTable" });
  const b = open(book);

  expect(await b.api.inspect()).toEqual({
    hasRunTable: true,
    hasGovernance: false,
    hasPrompts: false,
    hasLog: false,
  });
  const refused = await b.api.sealRun("RUN-1", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  expect(refused.kind).toBe("refused");
  expect(checkOf(refused, "policy_snapshot_complete")!.detail).toMatch(
    /policy version is missing.*no prompts/,
  );

  await b.api.createGovernanceTemplate();
  expect(await b.api.inspect()).toEqual({
    hasRunTable: true,
    hasGovernance: true,
    hasPrompts: true,
    hasLog: true,
  });
  // The template's values are text in cells formatted @ (issue 10, point 8): "1.0" is not the number 1.
  expect(book.sheet("GOVERNANCE").cell("B2")).toMatchObject({
    value: "1.0",
    valueType: "String",
    numberFormat: "@",
    quotePrefix: false,
  });
  expect(book.sheet("PROMPTS").cell("B2").numberFormat).toBe("@");
  const doc = sealedDoc(
    await b.api.sealRun("RUN-1", {
      actor: ACTOR,
      now: CLOCK,
      rowHint: 0,
      newVersionReason: "first real seal",
    }),
  );
  expect(
    Object.keys(doc.authority_envelope.policy_snapshot.prompt_hashes),
  ).toEqual(["triage_prompt"]);
});

test("a workbook without LLMOutputTable says so and how to fix it", async () => {
  const b = open(new SimWorkbook({ sheets: ["Sheet1"], name: "Empty.xlsx" }));
  await expect(b.api.listRuns()).rejects.toThrow(WorkbookError);
  await expect(b.api.listRuns()).rejects.toThrow(
    /no table LLMOutputTable \(expected on the sheet LLM_OUTPUT\)/,
  );
});

describe("a cell being edited", () => {
  test("with ExcelApi 1.11 the seal waits for the edit to end, then seals", async () => {
    const b = open(makeBook(3));
    b.book.select("LLM_OUTPUT", "A3");
    b.book.setCellEditMode(true);
    const pending = b.api.sealSelectedRun({ actor: ACTOR, now: CLOCK });
    await new Promise((r) => setTimeout(r, 50));
    b.book.setCellEditMode(false);
    expect(sealedDoc(await pending).meta.run_id).toBe("RUN-000002");
  });

  test("before ExcelApi 1.11 it is refused with what to do, and nothing is written", async () => {
    const book = makeBook(3);
    const api = createWorkbookApi(
      adapt(createTestHost(book, { apiSets: { ExcelApi: "1.10" } })),
    );
    book.select("LLM_OUTPUT", "A3");
    book.setCellEditMode(true);
    await expect(
      api.sealSelectedRun({ actor: ACTOR, now: CLOCK }),
    ).rejects.toThrow(
      "A cell is being edited. Press Enter or Esc to finish editing, then try again.",
    );
    book.setCellEditMode(false);
    expect((await api.readLog()).entries).toEqual([]);
    expect(await api.listStoredSeals()).toEqual([]);
  });
});
