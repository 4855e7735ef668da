// Injected into the ES module build (tsup.config.ts), whose defines write these static functions
// as the names below, so the minified files write a short name where they wrote 10 to 21
// characters. Uses in the core: JSON.stringify 82, Object.freeze 59, Number.isFinite 58,
// Array.from 52, Array.isArray 38, Object.entries 20, Object.hasOwn 17, Object.fromEntries 14,
// Object.keys 13, Number.isInteger 13, Number.isSafeInteger 7, Object.defineProperty 6,
// Object.values 5. The same functions: none reads `this` but Array.from, which without one makes
// a plain array, as Array.from does. Node takes the CommonJS build, which has no aliases; here a
// call through a name may cost an indirect call where the builtin would be inlined (Number.isFinite
// runs per pair of a plan: about a million calls at national size, a few milliseconds).
// The typed-array constructors too (Int32Array 197 uses, Float64Array 119, Uint8Array 44): the
// same constructors, so `new`, `from` and `instanceof` behave as before (stop 19: 3,197 bytes).
// And nine of Math (min 85, abs 79, max 72, sqrt 42, log 24, floor 22, exp 16, round 14, ceil 7)
// and JSON.parse (13), Number.isNaN (22): no slower, measured (decisions).
// (Destructured, so the defines do not replace this file's own uses of the names.)
export const { stringify: JSON_STRINGIFY, parse: JSON_PARSE } = JSON;
export const { freeze: OBJECT_FREEZE, entries: OBJECT_ENTRIES, fromEntries: OBJECT_FROM_ENTRIES, hasOwn: OBJECT_HAS_OWN, keys: OBJECT_KEYS, values: OBJECT_VALUES, defineProperty: OBJECT_DEFINE_PROPERTY } = Object;
// From globalThis.Number: the define of `Number` would rewrite a bare `Number` here to its own name.
export const { isFinite: NUMBER_IS_FINITE, isInteger: NUMBER_IS_INTEGER, isSafeInteger: NUMBER_IS_SAFE_INTEGER, isNaN: NUMBER_IS_NAN } = globalThis.Number;
export const { from: ARRAY_FROM, isArray: ARRAY_IS_ARRAY } = Array;
export const { Int32Array: INT32_ARRAY, Float64Array: FLOAT64_ARRAY, Uint8Array: UINT8_ARRAY } = globalThis;
export const { min: MATH_MIN, max: MATH_MAX, abs: MATH_ABS, sqrt: MATH_SQRT, floor: MATH_FLOOR, log: MATH_LOG, exp: MATH_EXP, round: MATH_ROUND, ceil: MATH_CEIL } = Math;
// And String (81 calls in the core), Number (49), Map (183 `new Map`) and Set (69): the same
// functions and constructors (stop 25: 0.7 KB).
export const { String: STRING_FUNCTION, Number: NUMBER_FUNCTION, Map: MAP_CLASS, Set: SET_CLASS } = globalThis;
// And WeakMap (9) and structuredClone (10), a function of the global object that WebIDL lets be
// called without one (stop 26: 0.1 KB).
export const { WeakMap: WEAK_MAP_CLASS, structuredClone: STRUCTURED_CLONE } = globalThis;
// And `undefined`, which minifying writes `void 0` (6 bytes, 790 times in the core): the same value.
export const UNDEFINED_VALUE = void 0;
