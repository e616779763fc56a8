// The Patch view's styles, shared by its parts so each rule is written once.
import { makeStyles, tokens } from "@fluentui/react-components";

export const usePatchStyles = makeStyles({
  // minWidth 0 lets a long file name shrink inside the pane instead of widening it.
  view: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    "& > *": { minWidth: 0 },
  },
  select: {
    width: "100%",
    minWidth: 0,
    "& select": { minWidth: 0, textOverflow: "ellipsis" },
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  result: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteGreenBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
  },
});
