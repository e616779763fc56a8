// "I am <actor> and this is my key": a pending row of the workbook's ActorKeysTable that the
// governance owner approves by setting its Status to approved (docs/SIGNING.md). Nothing counts
// until then; without the table, the copied entry is the way.
import * as React from "react";
import { Button, Text } from "@fluentui/react-components";
import type { WorkbookApi } from "../../workflows/api";
import { useAnnounce } from "../components/Announcer";

export interface RegisterKeyProps {
  api: WorkbookApi;
  actor: string;
  spki: Uint8Array;
}

export function RegisterKey({
  api,
  actor,
  spki,
}: RegisterKeyProps): React.ReactElement {
  const announce = useAnnounce();
  const [said, setSaid] = React.useState("");
  const [busy, setBusy] = React.useState(false);
  const [noTable, setNoTable] = React.useState(false);
  const register = async (createTable = false) => {
    setBusy(true);
    try {
      // A workbook made before key tables has GOVERNANCE but no ActorKeysTable; the template adds
      // only what is missing, so this adds the empty table (the row still waits for approval).
      if (createTable) await api.createGovernanceTemplate();
      const r = await api.registerActorKey(actor, spki);
      setNoTable(r.kind === "no-table");
      const text =
        r.kind === "added"
          ? `Added to ActorKeysTable as pending (${r.cell}). The governance owner approves it by setting its Status to approved.`
          : r.kind === "exists"
            ? `This key is already in ActorKeysTable for ${r.actor} (${r.cell}, ${r.status}).`
            : r.kind === "bad-table"
              ? `Nothing was added: ${r.problem}. Copy the entry above and send it to the governance owner.`
              : "This workbook has no ActorKeysTable: add one (an empty table on a new sheet ACTOR_KEYS), or copy the entry above and send it to the governance owner.";
      setSaid(text);
      announce(text);
    } catch (e) {
      setSaid(`Could not add the key: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        appearance="subtle"
        data-testid="register-key"
        disabled={busy}
        onClick={() => void register(false)}
      >
        Add my key to this workbook&apos;s ActorKeysTable for approval
      </Button>
      {noTable && (
        <Button
          appearance="subtle"
          data-testid="create-key-table"
          disabled={busy}
          onClick={() => void register(true)}
        >
          Add ActorKeysTable to this workbook and my key to it
        </Button>
      )}
      {said && (
        <Text role="status" data-testid="register-key-result">
          {said}
        </Text>
      )}
    </>
  );
}
