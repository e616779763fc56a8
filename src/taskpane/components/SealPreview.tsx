// Before the user presses Seal: what the seal would hold (the document, as it would be written)
// or which checks would refuse it. Asked of the workbook as the current run, the actor or the
// new-version reason change; only the latest answer is shown.
import * as React from "react";
import { Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type {
  Actor,
  SealPreview as Preview,
  WorkbookApi,
} from "../../workflows/api";
import { messageOf } from "../errors";
import { CHECK_TEXT } from "../texts";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  pre: {
    margin: 0,
    maxHeight: "240px",
    overflow: "auto",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    overflowWrap: "anywhere",
  },
});

export interface SealPreviewProps {
  api: WorkbookApi;
  runId: string;
  rowHint?: number;
  actor: Actor | null;
  newVersionReason?: string;
  /** Changes whenever the workbook may have changed (the run list read again after a seal), to ask again. */
  refreshKey: unknown;
}

export function SealPreview(p: SealPreviewProps): React.ReactElement {
  const styles = useStyles();
  const { api, runId, rowHint, actor, newVersionReason, refreshKey } = p;
  const name = actor?.name ?? "";
  const role = actor?.role ?? "";
  // One question to the workbook; an answer counts only for the question now asked.
  const request = React.useMemo(
    () => ({ runId, rowHint, name, role, newVersionReason, refreshKey }),
    [runId, rowHint, name, role, newVersionReason, refreshKey],
  );
  const [answer, setAnswer] = React.useState<{
    request: typeof request;
    preview?: Preview;
    error?: string;
  } | null>(null);

  React.useEffect(() => {
    let alive = true;
    // A short pause: moving through the list should not ask Excel at every step.
    const timer = setTimeout(() => {
      const q = request;
      api
        .previewSeal(q.runId, {
          actor: { name: q.name, role: q.role },
          newVersionReason: q.newVersionReason,
          rowHint: q.rowHint,
        })
        .then((preview) => alive && setAnswer({ request, preview }))
        .catch(
          (e: unknown) => alive && setAnswer({ request, error: messageOf(e) }),
        );
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, request]);

  const state =
    answer?.request === request
      ? { loading: false as const, ...answer }
      : { loading: true as const };
  if (state.loading)
    return (
      <Spinner
        size="tiny"
        label={`Preparing a preview of ${runId}…`}
        labelPosition="after"
      />
    );
  if (state.error) {
    return (
      <Text className={styles.muted} data-testid="seal-preview-error">
        No preview: {state.error}
      </Text>
    );
  }
  const preview = state.preview!;
  if (preview.kind === "would-refuse") {
    const triggered = preview.checks.filter((c) => c.triggered);
    // A run already sealed is in its normal state, not in trouble: say so, and what sealing again means.
    if (
      triggered.length === 1 &&
      triggered[0].check === "not_already_sealed" &&
      !preview.gates.some((g) => g.result === "fail")
    ) {
      return (
        <section
          className={styles.box}
          aria-label={`${runId} is sealed`}
          data-testid="seal-preview"
          data-kind="sealed"
        >
          <Text weight="semibold">{runId} is sealed</Text>
          <Text size={200} className={styles.muted}>
            A seal is never replaced: sealing it again is refused and logged,
            unless you seal a new version with a reason. To correct a value,
            record a patch.
          </Text>
        </section>
      );
    }
    return (
      <section
        className={styles.box}
        aria-label={`Preview of sealing ${runId}`}
        data-testid="seal-preview"
        data-kind="would-refuse"
      >
        <Text weight="semibold">Sealing {runId} now would be refused</Text>
        <ul className={styles.list}>
          {triggered.map((c) => (
            <li key={c.check} data-testid={`preview-check-${c.check}`}>
              {CHECK_TEXT[c.check]?.title ?? c.check}
              {c.detail ? `: ${c.detail}` : ""}
            </li>
          ))}
          {preview.gates
            .filter((g) => g.result === "fail")
            .map((g) => (
              <li key={g.gate}>
                gate {g.gate}: {g.detail}
              </li>
            ))}
        </ul>
      </section>
    );
  }
  return (
    <section
      className={styles.box}
      aria-label={`Preview of sealing ${runId}`}
      data-testid="seal-preview"
      data-kind="would-seal"
    >
      <Text weight="semibold">
        Sealing {runId} would write {preview.fileName}
      </Text>
      <Text size={200} className={styles.muted}>
        All eight checks pass. The timestamp and hash are fixed when you press
        Seal.
      </Text>
      <details>
        <summary>The document to be sealed</summary>
        <pre className={styles.pre} data-testid="seal-preview-json">
          {preview.text}
        </pre>
      </details>
    </section>
  );
}
