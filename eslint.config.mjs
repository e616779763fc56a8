// `npm run lint` (office-addin-lint) uses this file: Microsoft's office-addins rules (load before
// read, no context.sync in loops, ...) over the TypeScript sources.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["build/**", "dist/**", "packages/*/dist/**", "src/core/schema/validators.generated.js", "src/core/schema/validators.first.generated.js"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      // TypeScript checks names; eslint's no-undef cannot see ambient types and globals.
      globals: { Excel: "readonly", Office: "readonly", OfficeExtension: "readonly" },
    },
    rules: { "no-undef": "off" },
  },
  {
    // The simulator implements the proxies these rules are about; they do not apply to it.
    files: ["packages/excel-simulator/**"],
    rules: Object.fromEntries(Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"])),
  },
];
