/** Core, CLI and workbook tests run in node (jsdom has no Web Crypto); component tests opt into jsdom per file. */
const { pathsToModuleNameMapper } = require("ts-jest");
const { compilerOptions } = require("./tsconfig.json");

module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(ts|tsx)$": [
      "ts-jest",
      { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } },
    ],
  },
  // The workspace packages (packages/*) as TypeScript sources, by tsconfig.json's paths: tests
  // need no build of them, and coverage and stack traces point at their sources.
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: "<rootDir>/",
  }),
  testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
  setupFiles: [
    "<rootDir>/test/setup/webcrypto.ts",
    "<rootDir>/test/setup/xmlParser.ts",
  ],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/setup/summaryReporter.js"],
};
