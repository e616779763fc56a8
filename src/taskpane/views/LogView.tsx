// Seal Log: PATCH_LOG's chain state (intact, or the first entry that breaks it and how), every
// entry, seals orphaned by an interrupted seal (with Repair), and the seals kept in the workbook
// (with Export again). The state lives in useLogView; this file lays out its parts.
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
} from "@fluentui/react-components";
import type { Actor, WorkbookApi } from "../../workflows/api";
import { ActorForm } from "../components/ActorForm";
import { useLogView } from "../hooks/useLogView";
import { ChainStatus } from "./log/ChainStatus";
import { EntryDetails } from "./log/EntryDetails";
import { LogTable } from "./log/LogTable";
import { OrphansNotice } from "./log/OrphansNotice";
import { StoredSeals } from "./log/StoredSeals";
import { useLogStyles } from "./log/styles";

export interface LogViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
}

export function LogView({
  api,
  actor,
  onActorChange,
}: LogViewProps): React.ReactElement {
  const styles = useLogStyles();
  const m = useLogView(api, actor);

  if (m.error) {
    return (
      <MessageBar layout="multiline" intent="error" data-testid="log-error">
        <MessageBarBody>{m.error}</MessageBarBody>
        <MessageBarActions>
          <Button onClick={m.load}>Try again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!m.log) return <Spinner label="Reading PATCH_LOG…" />;

  const { entries, chain, orphans } = m.log;
  const brokenAt = chain.firstBreak?.index ?? -1;
  const activeEntry = m.active >= 0 ? entries[m.active] : undefined;
  return (
    <div className={styles.view}>
      <div className={styles.row}>
        <Button size="small" onClick={m.load} data-testid="log-refresh">
          Refresh
        </Button>
      </div>
      <ChainStatus chain={chain} count={entries.length} />
      {orphans.length > 0 && (
        <OrphansNotice
          orphans={orphans}
          actor={actor}
          repair={m.repair}
          onRepair={() => void m.doRepair()}
        />
      )}
      {m.repair.message && (
        <Text data-testid="repair-result" role="status">
          {m.repair.message}
        </Text>
      )}
      {orphans.length > 0 && !actor && (
        <ActorForm actor={actor} onChange={onActorChange} />
      )}
      {entries.length > 0 && (
        <LogTable
          entries={entries}
          active={m.active}
          brokenAt={brokenAt}
          setActive={m.setActive}
        />
      )}
      {activeEntry && (
        <EntryDetails
          entry={activeEntry}
          index={m.active}
          broken={m.active === brokenAt}
        />
      )}
      <StoredSeals {...m} />
    </div>
  );
}
