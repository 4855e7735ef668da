// Injected into the ES module build (tsup.config.ts), whose defines write these static functions
// as the names below: the minified files then write a short name where they wrote 13 to 18
// characters (in the core: JSON.stringify 82 times, Object.freeze 59, Object.entries 20,
// Object.fromEntries 14). The same functions, none of which reads `this`. (Destructured, so the
// defines do not replace this file's own uses of the names.)
export const { stringify: JSON_STRINGIFY } = JSON;
export const { freeze: OBJECT_FREEZE, entries: OBJECT_ENTRIES, fromEntries: OBJECT_FROM_ENTRIES } = Object;
