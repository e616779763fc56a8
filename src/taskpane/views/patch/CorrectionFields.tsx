// For the chosen seal: what to correct (with its sealed value), the new value typed as the field
// needs it (a number, a text, a list one item per line) and the reason.
import * as React from "react";
import {
  Field,
  Input,
  Select,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { logText } from "../../../core";
import type { PatchTarget, PatchViewModel } from "../../hooks/usePatchView";
import { usePatchStyles } from "./styles";

export interface CorrectionFieldsProps extends Pick<
  PatchViewModel,
  | "fields"
  | "field"
  | "fieldPath"
  | "setFieldPath"
  | "current"
  | "newValue"
  | "setNewValue"
  | "reason"
  | "setReason"
  | "problems"
  | "tried"
> {
  target: PatchTarget;
  /** A problem's message once Record patch was pressed, if any. */
  show: (k: "field" | "reason") => string | undefined;
}

export function CorrectionFields(p: CorrectionFieldsProps): React.ReactElement {
  const styles = usePatchStyles();
  const { field, current, newValue, setNewValue } = p;
  // The value's problem shows as soon as something is typed, not only after Record patch.
  const valueMessage =
    newValue || p.tried ? p.problems.value || undefined : undefined;
  return (
    <>
      <Text size={200}>
        Seal <span className={styles.mono}>{p.target.hash}</span>
      </Text>
      <Field
        label="What to correct"
        required
        validationMessage={p.show("field")}
      >
        <Select
          value={p.fieldPath}
          onChange={(_, d) => p.setFieldPath(d.value)}
          data-testid="patch-field"
        >
          <option value="">Choose a field</option>
          {p.fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.label}
            </option>
          ))}
        </Select>
      </Field>
      {current?.ok && (
        <Text data-testid="patch-current-value">
          Sealed value:{" "}
          <span className={styles.mono}>{logText(current.value)}</span>
        </Text>
      )}
      {field?.kind === "list" ? (
        <Field
          label="New value"
          hint="One item per line."
          validationMessage={valueMessage}
        >
          <Textarea
            value={newValue}
            onChange={(_, d) => setNewValue(d.value)}
            data-testid="patch-new-value"
          />
        </Field>
      ) : (
        <Field
          label="New value"
          hint={
            field?.kind === "number" ? "A number from 0 to 100." : undefined
          }
          validationMessage={valueMessage}
        >
          <Input
            value={newValue}
            inputMode={field?.kind === "number" ? "decimal" : undefined}
            onChange={(_, d) => setNewValue(d.value)}
            data-testid="patch-new-value"
          />
        </Field>
      )}
      <Field label="Reason" required validationMessage={p.show("reason")}>
        <Textarea
          value={p.reason}
          onChange={(_, d) => p.setReason(d.value)}
          data-testid="patch-reason"
        />
      </Field>
    </>
  );
}
