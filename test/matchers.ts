// jest's asymmetric matchers are typed `any`, which spreads through the object literals they sit
// in; these return `unknown`, so a typed test stays typed where it says "a string containing …".
export const containing = (text: string): unknown =>
  expect.stringContaining(text);
export const matching = (pattern: RegExp): unknown =>
  expect.stringMatching(pattern);
