// PATCH_LOG's hash chain: intact (and how many entries), or the first entry that breaks it and how.
import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { LogView as LogData } from "../../../workflows/api";
import { entries as countEntries } from "../../plural";

export function ChainStatus({
  chain,
  count,
}: {
  chain: LogData["chain"];
  count: number;
}): React.ReactElement {
  if (chain.intact) {
    return (
      <MessageBar
        layout="multiline"
        intent="success"
        data-testid="chain-status"
        data-intact="true"
      >
        <MessageBarBody>
          <MessageBarTitle>Chain intact</MessageBarTitle>
          {count === 0
            ? "The log is empty."
            : `${countEntries(count)}; every entry links to the one before.`}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar
      intent="error"
      data-testid="chain-status"
      data-intact="false"
      layout="multiline"
    >
      <MessageBarBody>
        <MessageBarTitle>
          Chain broken
          {chain.firstBreak?.entryId ? ` at ${chain.firstBreak.entryId}` : ""}
        </MessageBarTitle>
        {chain.firstBreak?.message}
        <div>
          Entries from there on cannot be trusted to be what was written. Sealed
          files held outside the workbook still verify on their own.
        </div>
      </MessageBarBody>
    </MessageBar>
  );
}
