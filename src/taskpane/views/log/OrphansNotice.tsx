// Seals kept in the workbook that have no SEAL entry (a seal interrupted between keeping the file
// and logging it), with Repair, which needs to know who is repairing.
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import type { Actor, LogView as LogData } from "../../../workflows/api";
import type { LogViewModel } from "../../hooks/useLogView";
import { useLogStyles } from "./styles";

export interface OrphansNoticeProps {
  orphans: LogData["orphans"];
  actor: Actor | null;
  repair: LogViewModel["repair"];
  onRepair: () => void;
}

export function OrphansNotice({
  orphans,
  actor,
  repair,
  onRepair,
}: OrphansNoticeProps): React.ReactElement {
  const styles = useLogStyles();
  return (
    <MessageBar intent="warning" data-testid="orphans" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          {orphans.length} seal{orphans.length === 1 ? " has" : "s have"} no
          SEAL entry
        </MessageBarTitle>
        A seal was interrupted between keeping the file and logging it. Repair
        adds the missing SEAL entries.
        <ul className={styles.list}>
          {orphans.map((o) => (
            <li key={o.id}>
              {o.fileName} <span className={styles.mono}>{o.hash}</span>
            </li>
          ))}
        </ul>
        {!actor && (
          <div>
            Say who you are below before repairing: the entries name you.
          </div>
        )}
        {repair.error && <div role="alert">{repair.error}</div>}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          data-testid="repair-orphans"
          disabledFocusable={!actor || repair.busy}
          onClick={onRepair}
        >
          {repair.busy ? "Repairing…" : "Repair"}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
