// Why a seal was refused, in a person's words beside the contract's names: the checks that
// triggered, the gates the final file failed, or the plain reason when neither says.
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SealOutcome } from "../../workflows/api";
import { CHECK_TEXT, GATE_TEXT } from "../texts";

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  help: { color: tokens.colorNeutralForeground3 },
});

export function RefusalReasons({
  outcome,
}: {
  outcome: Extract<SealOutcome, { kind: "refused" }>;
}): React.ReactElement {
  const styles = useStyles();
  const triggered = outcome.checks.filter((c) => c.triggered);
  const failedGates = outcome.gates.filter((g) => g.result === "fail");
  if (triggered.length === 0 && failedGates.length === 0)
    return <Text>{outcome.reason}</Text>;
  return (
    <>
      {triggered.length > 0 && (
        <>
          <Text weight="semibold">What stopped it</Text>
          <ul className={styles.list}>
            {triggered.map((c) => (
              <li key={c.check} data-testid={`check-${c.check}`}>
                <Text weight="semibold">
                  {CHECK_TEXT[c.check]?.title ?? c.check}
                </Text>{" "}
                <Text className={styles.mono}>({c.check})</Text>
                {c.detail && <div>{c.detail}</div>}
                <div className={styles.help}>{CHECK_TEXT[c.check]?.help}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      {failedGates.length > 0 && (
        <>
          <Text weight="semibold">Gates that failed on the final file</Text>
          <ul className={styles.list}>
            {failedGates.map((g) => (
              <li key={g.gate} data-testid={`gate-${g.gate}`}>
                <Text weight="semibold">{GATE_TEXT[g.gate] ?? g.gate}</Text>{" "}
                <Text className={styles.mono}>({g.gate})</Text>
                {g.detail && <div>{g.detail}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
