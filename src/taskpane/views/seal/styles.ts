// The Seal view's styles, shared by its parts so each rule is written once.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useSealStyles = makeStyles({
  view: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  row: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  muted: { color: tokens.colorNeutralForeground3 },
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  dd: { margin: 0, overflowWrap: "anywhere" },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  results: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  progress: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  // The native bar: announced by screen readers as a progress bar, drawn in the theme's brand colour.
  bar: { width: "100%", accentColor: tokens.colorCompoundBrandBackground },
  h2: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});
