// Follow Office's theme where Office tells us (isDarkTheme, else the body colour's brightness).
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

export function pickTheme(): Theme {
  try {
    const t =
      typeof Office === "undefined" ? undefined : Office.context?.officeTheme;
    if (!t) return webLightTheme;
    if (typeof t.isDarkTheme === "boolean")
      return t.isDarkTheme ? webDarkTheme : webLightTheme;
    return t.bodyBackgroundColor && isDarkColor(t.bodyBackgroundColor)
      ? webDarkTheme
      : webLightTheme;
  } catch {
    return webLightTheme;
  }
}
