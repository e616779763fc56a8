// Seal Log: PATCH_LOG's chain state (intact, or the first entry that breaks it and how), every
// entry, seals orphaned by an interrupted seal (with Repair), and the seals kept in the workbook
// (with Export again).
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { PATCH_LOG_COLUMNS, type PatchLogEntry } from "../../core";
import type { Actor, LogView as LogData, StoredSeal, WorkbookApi } from "../../workflows/api";
import { messageOf } from "../errors";
import { useAnnounce } from "../components/Announcer";
import { ActorForm } from "../components/ActorForm";
import { FileOut } from "../components/FileOut";
import { VirtualRows } from "../components/VirtualRows";
import { entries as countEntries } from "../plural";

const ROW_HEIGHT = 30;
// Four columns fit a 320 px pane; time, actor and hashes are in the details of the chosen entry.
const COLUMNS = "84px 70px minmax(64px, 1fr) minmax(90px, 2fr)";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, "& > *": { minWidth: 0 } },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  cell: { overflow: "hidden", textOverflow: "ellipsis" },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  broken: { backgroundColor: tokens.colorPaletteRedBackground1, color: tokens.colorPaletteRedForeground1 },
  clickable: { cursor: "pointer" },
  dl: { display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  dd: { margin: 0, overflowWrap: "anywhere", fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});

function detailOf(e: PatchLogEntry): string {
  if (e.Action === "SEAL") return e.FileName + (e.Reason ? ` (new version: ${e.Reason})` : "");
  if (e.Action === "PATCH") return `${e.Field}: ${e.OldValue} → ${e.NewValue}` + (e.Reason ? ` (${e.Reason})` : "");
  return e.Reason;
}

export interface LogViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
}

export function LogView({ api, actor, onActorChange }: LogViewProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [log, setLog] = React.useState<LogData | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [active, setActive] = React.useState(-1);
  const [repair, setRepair] = React.useState<{ busy: boolean; message?: string; error?: string }>({ busy: false });
  const [seals, setSeals] = React.useState<StoredSeal[] | null>(null);
  const [sealsError, setSealsError] = React.useState<string | null>(null);
  const [exported, setExported] = React.useState<{ fileName: string; text: string; hash: string } | null>(null);
  const [exportError, setExportError] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    setError(null);
    try {
      const view = await api.readLog();
      setLog(view);
      const b = view.chain.firstBreak;
      setActive(b ? b.index : -1);
      announce(view.chain.intact ? `Seal log: chain intact, ${countEntries(view.entries.length)}.` : `Seal log: chain broken at ${b?.entryId || `row ${(b?.index ?? 0) + 1}`}.`);
    } catch (e) {
      const m = messageOf(e);
      setError(m);
      announce(m);
    }
    try {
      setSeals(await api.listStoredSeals());
      setSealsError(null);
    } catch (e) {
      setSealsError(messageOf(e));
    }
  }, [api, announce]);

  React.useEffect(() => {
    void load();
  }, [load]);

  const doRepair = async () => {
    if (!actor) return;
    setRepair({ busy: true });
    try {
      const n = await api.repairOrphans(actor);
      const message = `Added ${n} missing SEAL ${n === 1 ? "entry" : "entries"} to PATCH_LOG.`;
      setRepair({ busy: false, message });
      announce(message);
      await load();
    } catch (e) {
      setRepair({ busy: false, error: messageOf(e) });
    }
  };

  const exportAgain = async (s: StoredSeal) => {
    setExportError(null);
    try {
      const { fileName, text } = await api.fetchStoredSeal(s.id);
      setExported({ fileName, text, hash: s.hash });
      announce(`${fileName} is ready: download or copy it.`);
    } catch (e) {
      setExportError(messageOf(e));
    }
  };

  if (error) {
    return (
      <MessageBar layout="multiline" intent="error" data-testid="log-error">
        <MessageBarBody>{error}</MessageBarBody>
        <MessageBarActions>
          <Button onClick={() => void load()}>Try again</Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (!log) return <Spinner label="Reading PATCH_LOG…" />;

  const { entries, chain, orphans } = log;
  const brokenAt = chain.firstBreak?.index ?? -1;
  const activeEntry = active >= 0 ? entries[active] : undefined;

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 };
    let to: number | null = null;
    if (e.key in steps) to = (active < 0 ? 0 : active) + steps[e.key];
    if (e.key === "Home") to = 0;
    if (e.key === "End") to = entries.length - 1;
    if (to === null || !entries.length || e.target !== e.currentTarget) return;
    e.preventDefault();
    setActive(Math.max(0, Math.min(entries.length - 1, to)));
  };

  return (
    <div className={styles.view}>
      <div className={styles.row}>
        <Button size="small" onClick={() => void load()} data-testid="log-refresh">
          Refresh
        </Button>
      </div>
      {chain.intact ? (
        <MessageBar layout="multiline" intent="success" data-testid="chain-status" data-intact="true">
          <MessageBarBody>
            <MessageBarTitle>Chain intact</MessageBarTitle>
            {entries.length === 0 ? "The log is empty." : `${countEntries(entries.length)}; every entry links to the one before.`}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <MessageBar intent="error" data-testid="chain-status" data-intact="false" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Chain broken{chain.firstBreak?.entryId ? ` at ${chain.firstBreak.entryId}` : ""}</MessageBarTitle>
            {chain.firstBreak?.message}
            <div>Entries from there on cannot be trusted to be what was written. Sealed files held outside the workbook still verify on their own.</div>
          </MessageBarBody>
        </MessageBar>
      )}

      {orphans.length > 0 && (
        <MessageBar intent="warning" data-testid="orphans" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {orphans.length} seal{orphans.length === 1 ? " has" : "s have"} no SEAL entry
            </MessageBarTitle>
            A seal was interrupted between keeping the file and logging it. Repair adds the missing SEAL entries.
            <ul className={styles.list}>
              {orphans.map((o) => (
                <li key={o.id}>
                  {o.fileName} <span className={styles.mono}>{o.hash}</span>
                </li>
              ))}
            </ul>
            {!actor && <div>Say who you are below before repairing: the entries name you.</div>}
            {repair.error && <div role="alert">{repair.error}</div>}
          </MessageBarBody>
          <MessageBarActions>
            <Button data-testid="repair-orphans" disabledFocusable={!actor || repair.busy} onClick={() => void doRepair()}>
              {repair.busy ? "Repairing…" : "Repair"}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {repair.message && (
        <Text data-testid="repair-result" role="status">
          {repair.message}
        </Text>
      )}
      {orphans.length > 0 && !actor && <ActorForm actor={actor} onChange={onActorChange} />}

      {entries.length > 0 && (
        <VirtualRows
          count={entries.length}
          rowHeight={ROW_HEIGHT}
          maxHeight={360}
          columns={COLUMNS}
          label="PATCH_LOG entries: arrow keys show an entry's details"
          testId="log-table"
          scrollToIndex={active}
          activeId={active >= 0 ? `log-row-at-${active}` : undefined}
          onKeyDown={onKeyDown}
          header={
            <>
              <span role="columnheader">Entry</span>
              <span role="columnheader">Action</span>
              <span role="columnheader">Run</span>
              <span role="columnheader">Detail</span>
            </>
          }
          renderRow={(i) => {
            const e = entries[i];
            const isBroken = i === brokenAt;
            return {
              key: `${i}-${e.EntryHash}`,
              props: {
                id: `log-row-at-${i}`,
                "data-testid": `log-row-${e.EntryID || `row-${i + 1}`}`,
                "aria-selected": i === active,
                className: `${styles.clickable} ${isBroken ? styles.broken : i === active ? styles.active : ""}`,
                onClick: () => setActive(i),
              },
              cells: (
                <>
                  <span role="gridcell" className={styles.cell}>
                    {isBroken ? "⚠ " : ""}
                    {e.EntryID}
                  </span>
                  <span role="gridcell" className={styles.cell}>
                    {e.Action}
                  </span>
                  <span role="gridcell" className={styles.cell}>
                    {e.RunID}
                  </span>
                  <span role="gridcell" className={styles.cell} title={detailOf(e)}>
                    {detailOf(e)}
                  </span>
                </>
              ),
            };
          }}
        />
      )}
      {activeEntry && (
        <section aria-label={`Entry ${activeEntry.EntryID}`} data-testid="log-entry-details">
          <Text weight="semibold">
            {activeEntry.EntryID || `Row ${active + 1}`}
            {active === brokenAt ? ": the chain breaks here" : ""}
          </Text>
          <dl className={styles.dl}>
            {PATCH_LOG_COLUMNS.map((c) => (
              <React.Fragment key={c}>
                <dt>{c}</dt>
                <dd className={styles.dd}>{activeEntry[c] || "—"}</dd>
              </React.Fragment>
            ))}
          </dl>
        </section>
      )}

      <section aria-label="Sealed files kept in this workbook" data-testid="stored-seals">
        <Text weight="semibold">Sealed files kept in this workbook</Text>
        {sealsError && (
          <MessageBar layout="multiline" intent="error">
            <MessageBarBody>{sealsError}</MessageBarBody>
          </MessageBar>
        )}
        {seals && seals.length === 0 && <Text> None yet.</Text>}
        {seals && seals.length > 0 && (
          <ul className={styles.list}>
            {seals.map((s) => (
              <li key={s.id} className={styles.row}>
                <span className={styles.mono}>{s.fileName}</span>
                <Button size="small" onClick={() => void exportAgain(s)} data-testid={`export-again-${s.id}`} aria-label={`Export again: ${s.fileName}`}>
                  Export again
                </Button>
              </li>
            ))}
          </ul>
        )}
        {exportError && (
          <MessageBar layout="multiline" intent="error" data-testid="export-error">
            <MessageBarBody>{exportError}</MessageBarBody>
          </MessageBar>
        )}
        {exported && <FileOut fileName={exported.fileName} text={exported.text} hash={exported.hash} />}
      </section>
    </div>
  );
}
