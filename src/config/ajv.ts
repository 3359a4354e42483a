/**
 * The configuration validator's compiler, loaded on first use. ajv is needed only when there is a
 * configuration file, yet evaluating it was the largest single item of the bundled CLI's start-up
 * (3–4 ms of the ≈50 ms it adds to a bare Node start); an `import` would pay that on every run, so
 * it is required where it is used. test/cli-bundle.test.ts checks that a run without a file never
 * initialises it.
 *
 * Two spellings of the same require, one per way oomlint runs: esbuild turns the plain require()
 * into a call into the bundle (dist/*.js has no node_modules to load from), and under plain Node
 * ESM (lib/, the tests), where there is no require(), createRequire makes one here.
 */
import { createRequire } from 'node:module';
import type { Ajv, Options, ValidateFunction } from 'ajv';

type AjvModule = { default: new (options: Options) => Ajv };

let loaded: AjvModule | undefined;

function ajvModule(): AjvModule {
  loaded ??= (typeof require === 'function' ? require('ajv') : createRequire(import.meta.url)('ajv')) as AjvModule;
  return loaded;
}

/** Compiles a JSON schema (draft-07) into a validator; `options` as ajv's. */
export function compileSchema(schema: object, options: Options): ValidateFunction {
  return new (ajvModule().default)(options).compile(schema);
}
