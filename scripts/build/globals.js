// Injected into the ES module build (tsup.config.ts), which defines `Number.NEGATIVE_INFINITY`
// and `JSON.stringify` as these names: the minified files then write a short name where they
// wrote 24 and 14 characters (28 and 82 times in the core). Same values: -1 / 0 is -Infinity
// exactly (IEEE 754 division of a nonzero number by +0), and JSON.stringify reads no `this`.
// (Destructured, so the define does not replace this file's own use of the name.)
export const NEGATIVE_INFINITY = -1 / 0;
export const { stringify: JSON_STRINGIFY } = JSON;
