// How a sealed file is given to Verify: dropped, chosen, or its JSON text pasted.
import * as React from "react";
import {
  Button,
  Field,
  Text,
  Textarea,
  mergeClasses,
} from "@fluentui/react-components";
import type { VerifyViewModel } from "../../hooks/useVerifyView";
import { useVerifyStyles } from "./styles";

export type VerifyInputProps = Pick<
  VerifyViewModel,
  "pasted" | "setPasted" | "busy" | "verifyFile" | "verifyPasted"
>;

export function VerifyInput({
  pasted,
  setPasted,
  busy,
  verifyFile,
  verifyPasted,
}: VerifyInputProps): React.ReactElement {
  const styles = useVerifyStyles();
  // Only the look of the drop zone while a file is held over it.
  const [dragging, setDragging] = React.useState(false);
  return (
    <>
      <div
        className={mergeClasses(styles.drop, dragging && styles.dragging)}
        data-testid="verify-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          verifyFile(e.dataTransfer.files?.[0]);
        }}
      >
        <Text weight="semibold">Drop a sealed .json file here</Text>
        <Text size={200}>or choose one:</Text>
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Choose a sealed file to verify"
          data-testid="verify-file-input"
          onChange={(e) => {
            verifyFile(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </div>

      <Field label="…or paste the file's JSON text">
        <Textarea
          value={pasted}
          onChange={(_, d) => setPasted(d.value)}
          resize="vertical"
          data-testid="verify-paste"
        />
      </Field>
      <div>
        <Button
          data-testid="verify-paste-button"
          disabled={!pasted.trim() || busy}
          onClick={verifyPasted}
        >
          Check pasted text
        </Button>
      </div>
    </>
  );
}
