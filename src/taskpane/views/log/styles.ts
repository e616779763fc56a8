// The Seal Log view's styles, shared by its parts so each rule is written once.
import { makeStyles, tokens } from "@fluentui/react-components";

export const useLogStyles = makeStyles({
  view: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    "& > *": { minWidth: 0 },
  },
  row: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    flexWrap: "wrap",
  },
  cell: { overflow: "hidden", textOverflow: "ellipsis" },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  broken: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
  },
  clickable: { cursor: "pointer" },
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  dd: {
    margin: 0,
    overflowWrap: "anywhere",
    fontFamily: tokens.fontFamilyMonospace,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
});
