// Which sealed run to patch: a seal kept in the workbook, or the file checked in Verify; and what
// stopped the list or the chosen seal from being read.
import * as React from "react";
import {
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { VERIFIED, type PatchViewModel } from "../../hooks/usePatchView";
import type { VerifiedDocument } from "../../hooks/useVerifyView";
import { usePatchStyles } from "./styles";

export interface SealChoiceProps extends Pick<
  PatchViewModel,
  "seals" | "sealsError" | "choice" | "setChoice" | "target" | "targetError"
> {
  verified: VerifiedDocument | null;
  /** The message under the field once Record patch was pressed, if any. */
  validation: string | undefined;
}

export function SealChoice({
  seals,
  sealsError,
  choice,
  setChoice,
  target,
  targetError,
  verified,
  validation,
}: SealChoiceProps): React.ReactElement {
  const styles = usePatchStyles();
  return (
    <>
      {sealsError && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="patch-seals-error"
        >
          <MessageBarBody>{sealsError}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Sealed run" required validationMessage={validation}>
        <Select
          className={styles.select}
          value={choice}
          onChange={(_, d) => setChoice(d.value)}
          data-testid="patch-seal"
        >
          <option value="">
            {seals === null && !sealsError
              ? "Reading the seals kept in this workbook…"
              : "Choose a sealed run"}
          </option>
          {verified && (
            <option value={VERIFIED}>
              The file checked in Verify: {verified.name}
            </option>
          )}
          {(seals ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.fileName}
            </option>
          ))}
        </Select>
      </Field>
      {seals && seals.length === 0 && !verified && (
        <Text size={200}>
          No seals are kept in this workbook yet; verify a sealed file to patch
          it.
        </Text>
      )}
      {targetError && (
        <MessageBar
          layout="multiline"
          intent="error"
          data-testid="patch-target-error"
        >
          <MessageBarBody>{targetError}</MessageBarBody>
        </MessageBar>
      )}
      {choice && choice !== VERIFIED && !target && !targetError && (
        <Spinner size="small" label="Reading the sealed file…" />
      )}
    </>
  );
}
