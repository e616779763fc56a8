// The heading of an action's result. When a new result appears (its `focusKey` changes), the
// heading is scrolled to the top of the pane and takes focus, so the result is what the user sees
// and what a screen reader reads first, and Tab goes on to the result's first control.
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
    scrollMarginTop: tokens.spacingVerticalM,
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "2px",
    },
  },
});

export interface ResultHeadingProps {
  /** A new value means a new result: focus moves here. Null leaves focus where it is. */
  focusKey: unknown;
  children: React.ReactNode;
  className?: string;
  id?: string;
  "data-testid"?: string;
}

export function ResultHeading({
  focusKey,
  children,
  className,
  id,
  ...rest
}: ResultHeadingProps): React.ReactElement {
  const styles = useStyles();
  const ref = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    const h = ref.current;
    if (focusKey === null || focusKey === undefined || !h) return;
    h.scrollIntoView?.({ block: "start" });
    h.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <h2
      ref={ref}
      id={id}
      tabIndex={-1}
      className={mergeClasses(styles.heading, className)}
      data-testid={rest["data-testid"]}
    >
      {children}
    </h2>
  );
}
