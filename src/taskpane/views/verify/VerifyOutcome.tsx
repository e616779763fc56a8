// The outcome of replaying a sealed file (CONTRACT §5): the verdict, whose seal it is, one line per
// rule, and the way on to Patch when the file is intact and a workbook is open.
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
} from "@fluentui/react-components";
import { REPLAY_RULE_TITLES, type RuleResult } from "../../../core";
import { RULE_MEANING } from "../../ruleTexts";
import { ResultHeading } from "../../components/ResultHeading";
import { isIntact, type Checked } from "../../hooks/useVerifyView";
import { useVerifyStyles } from "./styles";

const STATUS_WORD: Record<RuleResult["status"], string> = {
  pass: "✓ passed",
  fail: "✗ failed",
  skipped: "– not checked",
};

export interface VerifyOutcomeProps {
  checked: Checked;
  /** Offer "Record a patch" (inside Excel only). */
  canPatch: boolean;
  onPatch: () => void;
}

export function VerifyOutcome({
  checked,
  canPatch,
  onPatch,
}: VerifyOutcomeProps): React.ReactElement {
  const styles = useVerifyStyles();
  const { name, report } = checked;
  const failures = report.rules.filter((r) => r.status === "fail").length;
  return (
    <section
      className={styles.section}
      aria-label={`Result for ${name}`}
      data-testid="verify-result"
    >
      <MessageBar
        layout="multiline"
        intent={report.admissible ? "success" : "error"}
        data-testid="verify-verdict"
      >
        <MessageBarBody>
          <ResultHeading
            focusKey={checked}
          >{`${report.admissible ? "Holds" : "Does not hold"}: ${name}`}</ResultHeading>
          {report.admissible
            ? `${name} is admissible: every rule below passed.`
            : `${name} is not admissible: see the failed rule${failures > 1 ? "s" : ""} below.`}
        </MessageBarBody>
      </MessageBar>
      {report.document && (
        <Text>
          {report.document.meta.run_id}, sealed{" "}
          {report.document.meta.export_timestamp} by{" "}
          {report.document.authority_envelope.actor} (
          {report.document.authority_envelope.role})
        </Text>
      )}
      <ol className={styles.rules} aria-label="Replay rules">
        {report.rules.map((r) => (
          <li
            key={r.rule}
            className={styles.rule}
            data-testid={`rule-${r.rule}`}
            data-status={r.status}
          >
            <span className={styles[r.status]}>{STATUS_WORD[r.status]}</span>
            <span>
              <Text weight="semibold">{REPLAY_RULE_TITLES[r.rule]}</Text>
              <div>
                {r.status === "skipped"
                  ? "Not checked, because an earlier rule failed."
                  : RULE_MEANING[r.rule][r.status]}
              </div>
              {r.detail && <div className={styles.detail}>{r.detail}</div>}
            </span>
          </li>
        ))}
      </ol>
      {canPatch && report.document && isIntact(report) && (
        <div>
          <Button onClick={onPatch} data-testid="verify-patch">
            Record a patch for this run
          </Button>
        </div>
      )}
    </section>
  );
}
