/**
 * Node built-in modules (Node, Deno) reached without a static import, so that a browser bundle of
 * the package builds: a literal `import("node:fs/promises")` fails esbuild, webpack and Rollup for
 * the browser platform although only Node-only functions would ever run it.
 */

type Runtime = { process?: { getBuiltinModule?: (name: string) => unknown } };

/**
 * A built-in module now, when the runtime offers `process.getBuiltinModule` (Node 20.16+, Deno);
 * undefined elsewhere (a browser).
 * @example
 * builtinNow<typeof import("node:os")>("node:os")?.availableParallelism()
 */
export function builtinNow<T>(name: string): T | undefined {
  try {
    return (globalThis as Runtime).process?.getBuiltinModule?.(name) as T | undefined;
  } catch {
    return undefined;
  }
}

/**
 * A built-in module, by `getBuiltinModule` or else a dynamic import whose specifier bundlers do
 * not follow. Rejects where there is none (a browser).
 * @example
 * const fs = await loadBuiltin<typeof import("node:fs/promises")>("node:fs/promises");
 */
export async function loadBuiltin<T>(name: string): Promise<T> {
  return builtinNow<T>(name) ?? ((await import(/* webpackIgnore: true */ /* @vite-ignore */ name)) as T);
}
