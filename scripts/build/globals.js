// Injected into the ES module build (tsup.config.ts), whose defines write these static functions
// as the names below: the minified files then write a short name where they wrote 10 to 18
// characters (in the core: JSON.stringify 82 times, Object.freeze 59, Array.from 52,
// Array.isArray 38, Object.entries 20, Object.hasOwn 17, Object.fromEntries 14, Object.keys 13).
// The same functions: none reads `this` but Array.from, which without one makes a plain array,
// as Array.from does. None runs in the plan's inner loops. (Destructured, so the defines do not
// replace this file's own uses of the names.)
export const { stringify: JSON_STRINGIFY } = JSON;
export const { freeze: OBJECT_FREEZE, entries: OBJECT_ENTRIES, fromEntries: OBJECT_FROM_ENTRIES, hasOwn: OBJECT_HAS_OWN, keys: OBJECT_KEYS } = Object;
export const { from: ARRAY_FROM, isArray: ARRAY_IS_ARRAY } = Array;
