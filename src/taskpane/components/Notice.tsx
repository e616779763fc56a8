// A message in the pane (an error, a warning, a success), drawn with the theme's colours. Used
// where Fluent's MessageBar would do, on the first screen: MessageBar brings its motion library
// into the first load, and a message that only sits on the page needs none of it. The intent is
// said in words by its title or text, never by colour alone.
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  notice: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeftWidth: tokens.strokeWidthThickest,
    overflowWrap: "anywhere",
    "& > div:first-child": { flex: "1 1 12em", minWidth: 0 },
  },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    borderLeftColor: tokens.colorStatusDangerBorder1,
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    borderLeftColor: tokens.colorStatusWarningBorder1,
  },
  success: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    borderLeftColor: tokens.colorStatusSuccessBorder1,
  },
  info: { backgroundColor: tokens.colorNeutralBackground3 },
  title: { display: "block", fontWeight: tokens.fontWeightSemibold },
  actions: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
});

export interface NoticeProps {
  intent: "error" | "warning" | "success" | "info";
  children: React.ReactNode;
  "data-testid"?: string;
}

export function Notice({
  intent,
  children,
  ...rest
}: NoticeProps): React.ReactElement {
  const styles = useStyles();
  return (
    <div
      className={mergeClasses(styles.notice, styles[intent])}
      data-testid={rest["data-testid"]}
    >
      {children}
    </div>
  );
}

export function NoticeTitle({
  children,
}: {
  children: React.ReactNode;
}): React.ReactElement {
  return <strong className={useStyles().title}>{children}</strong>;
}

export function NoticeActions({
  children,
}: {
  children: React.ReactNode;
}): React.ReactElement {
  return <div className={useStyles().actions}>{children}</div>;
}
