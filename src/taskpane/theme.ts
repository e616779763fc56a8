// Follow Office's theme where Office tells us (isDarkTheme, else the body colour's brightness);
// where it does not (the workbench, a plain browser), follow the system's prefers-color-scheme,
// and change with it.
import * as React from "react";
import {
  webDarkTheme,
  webLightTheme,
  type Theme,
} from "@fluentui/react-components";

function isDarkColor(hex: string): boolean {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return false;
  const [r, g, b] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Office's answer: dark, light, or null when this is not Office (or Office does not say). */
function officeDark(): boolean | null {
  try {
    const t =
      typeof Office === "undefined" ? undefined : Office.context?.officeTheme;
    if (!t) return null;
    if (typeof t.isDarkTheme === "boolean") return t.isDarkTheme;
    return t.bodyBackgroundColor ? isDarkColor(t.bodyBackgroundColor) : null;
  } catch {
    return null;
  }
}

function systemDark(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof window.matchMedia === "function" &&
    window.matchMedia(DARK_QUERY).matches
  );
}

export function pickTheme(): Theme {
  return (officeDark() ?? systemDark()) ? webDarkTheme : webLightTheme;
}

/** The theme now, following prefers-color-scheme as it changes when Office gives none. */
export function useSchemeTheme(): Theme {
  const [theme, setTheme] = React.useState<Theme>(pickTheme);
  React.useEffect(() => {
    if (
      typeof window === "undefined" ||
      typeof window.matchMedia !== "function"
    )
      return;
    const query = window.matchMedia(DARK_QUERY);
    const update = () => setTheme(pickTheme());
    query.addEventListener?.("change", update);
    return () => query.removeEventListener?.("change", update);
  }, []);
  return theme;
}
