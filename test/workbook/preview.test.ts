// The preview shows exactly what a seal would write, or why it would be refused, and writes nothing.
import { ACTOR, CLOCK, makeBook, open } from "./helpers";

test("a preview is the document the seal then writes, and leaves the workbook untouched", async () => {
  const b = open(makeBook(5));
  const preview = await b.api.previewSeal("RUN-000003", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 2,
  });
  expect(preview.kind).toBe("would-seal");
  expect((await b.api.readLog()).entries).toEqual([]);
  expect(await b.api.listStoredSeals()).toEqual([]);
  expect(await b.api.inspect()).toMatchObject({ hasLog: false });

  const sealed = await b.api.sealRun("RUN-000003", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 2,
  });
  if (preview.kind !== "would-seal" || sealed.kind !== "sealed")
    throw new Error("expected both to seal");
  expect(preview.text).toBe(sealed.text);
  expect(preview.fileName).toBe(sealed.fileName);
});

test("a preview of a sealed run names the check that would refuse it, and logs nothing", async () => {
  const b = open(makeBook(5));
  await b.api.sealRun("RUN-000001", { actor: ACTOR, now: CLOCK, rowHint: 0 });
  const before = (await b.api.readLog()).entries;
  const preview = await b.api.previewSeal("RUN-000001", {
    actor: ACTOR,
    now: CLOCK,
    rowHint: 0,
  });
  expect(preview.kind).toBe("would-refuse");
  if (preview.kind !== "would-refuse") return;
  expect(preview.checks.filter((c) => c.triggered).map((c) => c.check)).toEqual(
    ["not_already_sealed"],
  );
  expect((await b.api.readLog()).entries).toEqual(before);

  const noActor = await b.api.previewSeal("RUN-000002", {
    actor: { name: "", role: "" },
    now: CLOCK,
    rowHint: 1,
  });
  expect(
    noActor.kind === "would-refuse" &&
      noActor.checks.find((c) => c.triggered)?.check,
  ).toBe("actor_authorized");
});
