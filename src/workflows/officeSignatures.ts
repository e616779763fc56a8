// The Office.js store's signature half (see officeStore.ts): kept envelopes and ActorKeysTable,
// loaded with signing's first use rather than with the pane.
import { appendActorKeyRow, readActorKeys } from "../office/actorKeys";
import { translateOfficeError } from "../office/errors";
import type { ExcelHost } from "../office/host";
import { addSignaturePart, readKeptSignatures } from "../office/signatureStore";
import type { WorkbookStore } from "./store";

export function officeSignatures(
  host: ExcelHost,
): Pick<
  WorkbookStore,
  "keptSignatures" | "addSignature" | "actorKeys" | "addActorKeyRow"
> {
  const said =
    (doing: string) =>
    (e: unknown): never => {
      throw translateOfficeError(e, doing);
    };
  return {
    keptSignatures: () =>
      readKeptSignatures(host).catch(said("Reading the kept signatures")),
    addSignature: (meta, envelope) =>
      addSignaturePart(host, meta, envelope).catch(
        said("Keeping the signature in the workbook"),
      ),
    actorKeys: () => readActorKeys(host).catch(said("Reading ActorKeysTable")),
    addActorKeyRow: (row) =>
      appendActorKeyRow(host, row).catch(
        said("Adding your key to ActorKeysTable"),
      ),
  };
}
