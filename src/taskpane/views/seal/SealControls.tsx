// The new-version choice and its reason, the Seal button with why it cannot be pressed, and the
// progress of a batch.
import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { counted } from "../../plural";
import type { SealViewModel } from "../../hooks/useSealView";
import { useSealStyles } from "./styles";

export type SealControlsProps = Pick<
  SealViewModel,
  | "newVersion"
  | "setNewVersion"
  | "reason"
  | "setReason"
  | "blocked"
  | "checked"
  | "targets"
  | "current"
  | "progress"
  | "seal"
>;

function sealLabel({ checked, targets, current }: SealControlsProps): string {
  if (checked.size > 0) return `Seal ${counted(targets.length, "run", "runs")}`;
  return current ? `Seal ${current}` : "Seal";
}

export function SealControls(p: SealControlsProps): React.ReactElement {
  const styles = useSealStyles();
  const { blocked, progress } = p;
  return (
    <>
      <Checkbox
        label="Seal a new version of an already sealed run"
        checked={p.newVersion}
        onChange={(_, d) => p.setNewVersion(Boolean(d.checked))}
        data-testid="new-version"
      />
      {p.newVersion && (
        <Field
          label="Why is this run sealed again?"
          required
          validationMessage={
            p.reason.trim() ? undefined : "A new version needs a reason."
          }
        >
          <Textarea
            value={p.reason}
            onChange={(_, d) => p.setReason(d.value)}
            data-testid="new-version-reason"
          />
        </Field>
      )}

      <div className={styles.row}>
        <Button
          appearance="primary"
          data-testid="seal-button"
          disabledFocusable={Boolean(blocked)}
          aria-describedby={blocked ? "seal-blocked-reason" : undefined}
          onClick={() => void p.seal()}
        >
          {sealLabel(p)}
        </Button>
        {blocked && (
          <Text
            id="seal-blocked-reason"
            size={200}
            className={styles.muted}
            data-testid="seal-blocked-reason"
          >
            {blocked}
          </Text>
        )}
      </div>

      {progress && (
        <div className={styles.progress}>
          <Text id="seal-progress-label">{`Sealing ${progress.done} of ${progress.total}…`}</Text>
          <progress
            className={styles.bar}
            aria-labelledby="seal-progress-label"
            value={progress.done}
            max={Math.max(progress.total, 1)}
            data-testid="seal-progress"
          />
        </div>
      )}
    </>
  );
}
