/** Core, CLI and workbook tests run in node (jsdom has no Web Crypto); component tests opt into jsdom per file. */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.(ts|tsx)$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: { warnOnly: false } }] },
  testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/test/**/*.test.tsx"],
  setupFiles: ["<rootDir>/test/setup/webcrypto.ts", "<rootDir>/test/setup/xmlParser.ts"],
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/setup/summaryReporter.js"],
};
