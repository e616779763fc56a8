// A tab list as the ARIA Authoring Practices describe it: one tab stop (the selected tab), arrow
// keys, Home and End move between tabs and select them. Hand-made rather than Fluent's TabList,
// whose focus helpers add focusable elements marked aria-hidden around the tabs (an axe-core
// violation, microsoft/fluentui#25133).
import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  list: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXXS },
  tab: {
    position: "relative",
    border: "none",
    background: "none",
    color: tokens.colorNeutralForeground2,
    font: "inherit",
    fontSize: tokens.fontSizeBase300,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    cursor: "pointer",
    borderRadius: tokens.borderRadiusMedium,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ":hover": {
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorSubtleBackgroundHover,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    // A border, not a background, marks the selected tab: it stays visible under forced colours.
    borderBottom: `${tokens.strokeWidthThicker} solid ${tokens.colorCompoundBrandStroke}`,
    "@media (forced-colors: active)": { borderBottomColor: "Highlight" },
  },
});

export interface TabsProps<T extends string> {
  tabs: readonly {
    value: T;
    label: string;
    id?: string;
    controls?: string;
    testId?: string;
  }[];
  selected: T;
  onSelect: (value: T) => void;
  label: string;
  className?: string;
  testId?: string;
}

export function Tabs<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
  className,
  testId,
}: TabsProps<T>): React.ReactElement {
  const styles = useStyles();
  const refs = React.useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: React.KeyboardEvent, i: number) => {
    const to = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: tabs.length - 1,
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const j = (to + tabs.length) % tabs.length;
    onSelect(tabs[j].value);
    refs.current[j]?.focus();
  };
  return (
    <div
      role="tablist"
      aria-label={label}
      className={mergeClasses(styles.list, className)}
      data-testid={testId}
    >
      {tabs.map((t, i) => (
        <button
          key={t.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={t.id}
          aria-selected={t.value === selected}
          aria-controls={t.controls}
          tabIndex={t.value === selected ? 0 : -1}
          className={mergeClasses(
            styles.tab,
            t.value === selected && styles.selected,
          )}
          onClick={() => onSelect(t.value)}
          onKeyDown={(e) => onKeyDown(e, i)}
          data-testid={t.testId}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
