// The files `test/lint/lint.test.ts` holds to zero ESLint and Prettier findings, in one place.
// Issue 12 lints everything; while its branches are merged, only the files already clean are held
// here. After the merges and the one formatting pass, this becomes ["."] (what `npm run lint` checks).
export const LINT_SCOPE: readonly string[] = [
];
