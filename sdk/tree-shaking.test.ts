/**
 * The point of the SDK's split by domain: a page carries the schemas of the operations it calls only.
 * Bundles small entries with the build's own rollup plugins (in memory, nothing written) and looks for
 * the declarations of the schemas and definitions in the output (rollup keeps names when it does not minify).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rollup, type Plugin, type RollupOptions } from 'rollup';
import * as authDomain from './auth/operations.js';
import * as authSchemas from './schemas/auth.js';
import * as commonSchemas from './schemas/common.js';

/** The plugins of the build itself (an untyped .mjs, hence the non-literal specifier and the cast). */
const BUILD_CONFIG: string = '../rollup.config.mjs';
const { esbuildPlugin, onwarn, resolve, tsJsExtension } = (await import(BUILD_CONFIG)) as {
  esbuildPlugin(): Plugin;
  resolve(): Plugin;
  tsJsExtension(): Plugin;
  onwarn: RollupOptions['onwarn'];
};

const ENTRY = fileURLToPath(new URL('./__tree-shaking-entry__.ts', import.meta.url));

/** Bundles `code` as if it were a module of sdk/, and returns the output. */
async function bundle(code: string): Promise<string> {
  const entry = {
    name: 'entry',
    resolveId: (id: string) => (id === ENTRY ? ENTRY : null),
    load: (id: string) => (id === ENTRY ? code : null),
  };
  const build = await rollup({ input: ENTRY, plugins: [entry, tsJsExtension(), resolve(), esbuildPlugin()], onwarn });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return output.map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

const schemaNames = [...Object.keys(authSchemas), ...Object.keys(commonSchemas)];
const defNames = Object.keys(authDomain).filter((name) => name.endsWith('Def'));
/** The names declared in the output (rollup suffixes `$1` to a name it deconflicts). */
const present = (code: string, names: string[]) =>
  names.filter((name) => new RegExp(`\\b(?:const|let|var)\\s+${name}(?:\\$\\d+)?\\s*=`).test(code));
/** What the core needs itself: the CSRF answer (error bodies are read field by field, without a schema). */
const CORE = ['CsrfResponse'];

describe('tree-shaking', () => {
  test('every statement of the SDK can be dropped: importing it all for nothing leaves only the zod set-up', async () => {
    // A schema built with a `.check()` chain not marked `/* @__PURE__ */` would stay here (and in every page).
    assert.equal(await bundle(`import './index.js';`), await bundle(`import './zod.js';`));
  });

  test('the core carries no schema but the CSRF answer', async () => {
    const code = await bundle(`import { createPortalCore } from './core.js'; export const client = createPortalCore({ baseUrl: '/api/' });`);
    assert.deepEqual(present(code, [...schemaNames, ...defNames]).sort(), [...CORE].sort());
  });

  test('a page calling login() carries the schemas of login only, even through the barrel', async () => {
    const expected = [
      ...CORE, 'LoginRequest', 'LoginResult', 'OtpChallenge', 'Email', 'CurrentPassword', 'Session', 'Tiers', 'DsnAlert', 'UserKind',
      'IsoDateTime', 'loginDef',
    ];
    for (const from of ['./auth/index.js', './index.js']) {
      const code = await bundle(`
        import { createPortalCore } from './core.js';
        import { login } from '${from}';
        export const run = (email: string, password: string) => login(createPortalCore({ baseUrl: '/api/' }), { email, password });
      `);
      assert.deepEqual(present(code, [...schemaNames, ...defNames]).sort(), [...expected].sort(), from);
    }
  });
});
