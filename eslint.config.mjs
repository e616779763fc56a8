// `npm run lint` runs this file over every .ts and .tsx file (src, packages, test, scripts), then
// Prettier's check. The rules, and why each set is here:
// - typescript-eslint's type-checked recommended rules: the unsafe-any family, floating promises,
//   misused promises and unnecessary assertions are where a TypeScript codebase hides its bugs;
// - eslint-plugin-react-hooks: hooks only at the top level, complete effect dependencies;
// - eslint-plugin-jsx-a11y: the taskpane is used with screen readers and keyboards (issue 11);
// - eslint-plugin-office-addins: Microsoft's Office.js rules (load before read, no sync in loops);
// - eslint-config-prettier last: formatting is Prettier's job, not ESLint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import officeAddins from "eslint-plugin-office-addins";
import jest from "eslint-plugin-jest";
import prettier from "eslint-config-prettier";

const officeAddinRules = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((c) => Object.entries(c.rules ?? {}))
    .filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "dist/**",
      "artifacts/**",
      "node_modules/**",
      "packages/*/dist/**",
      "**/*.generated.js",
      "**/*.js",
      "**/*.mjs",
      "**/*.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Microsoft's recommended office-addins rules. Its preset also re-registers typescript-eslint
    // and eslint-plugin-prettier, which this file already has (and runs Prettier apart), so only
    // its Office.js rules are taken from it.
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeAddinRules,
      "no-eval": "error",
      // TypeScript checks names; eslint's no-undef cannot see ambient types and globals.
      "no-undef": "off",
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  { files: ["**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["**/*.tsx"],
    rules: {
      // The rule's documented `roles` option: besides a tabpanel (its default), a scrolling region
      // must take focus, or the keyboard cannot scroll it (WCAG 2.1.1, axe's
      // scrollable-region-focusable; test/browser/auditor.test.ts holds the PATCH_LOG panel to it).
      "jsx-a11y/no-noninteractive-tabindex": [
        "error",
        {
          tags: [],
          roles: ["tabpanel", "region"],
          allowExpressionValues: true,
        },
      ],
    },
  },
  {
    // In tests, `expect(api.method).toHaveBeenCalled()` hands a mock's method to expect, which
    // never calls it: typescript-eslint's unbound-method cannot tell that apart and its docs send
    // jest users to eslint-plugin-jest's version, which knows expect (and still reports the rest),
    // set up as that rule's docs say: off for test files only, jest/unbound-method in its place.
    // https://github.com/jest-community/eslint-plugin-jest/blob/main/docs/rules/unbound-method.md
    files: ["test/**"],
    plugins: { jest },
    rules: {
      "@typescript-eslint/unbound-method": "off",
      "jest/unbound-method": "error",
    },
  },
  {
    // The simulator implements the proxies these rules are about; they do not apply to it.
    files: ["packages/excel-simulator/**"],
    rules: Object.fromEntries(
      Object.keys(officeAddins.rules).map((r) => [`office-addins/${r}`, "off"]),
    ),
  },
  prettier,
);
