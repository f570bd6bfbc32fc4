// The package as a consumer gets it: every `exports` target of package.json and its declarations
// exist in dist/, the manifest names every widget, and the built SDK and mock backend, imported by
// the package's own name (Node resolves it through `exports`), sign a user in. The other tests run
// the TypeScript sources; this one runs the minified files that are published.
// Needs `npm run build` first (npm test runs it before this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { WIDGETS as BUILT } from '../rollup.config.mjs';
import { WIDGETS } from '../components/registry.ts';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const exists = (path) => existsSync(new URL(path, root));

test('every export of package.json is built, with its declarations', () => {
  for (const [key, target] of Object.entries(pkg.exports)) {
    // A types-only export (the framework declarations) has no `default`.
    const files = typeof target === 'string' ? [target] : [target.default, target.types].filter(Boolean);
    for (const file of files) assert.ok(exists(file), `exports["${key}"] → ${file} is missing`);
  }
  assert.ok(exists(pkg.main) && exists(pkg.types));
});

test('the registry is the one list of widgets: rollup, exports, components/index.ts, the built entries agree', () => {
  const names = WIDGETS.map((w) => w.name);
  assert.equal(new Set(names).size, names.length, 'one registry entry per widget');
  for (const { name, tag, ceilingGzip } of WIDGETS) {
    assert.match(name, /^[a-z]+(-[a-z]+)*$/);
    assert.equal(tag, `cibtp-${name}`, `${name}: the tag is cibtp-<name>`);
    assert.ok(Number.isInteger(ceilingGzip) && ceilingGzip > 0, `${name}: a size ceiling`);
  }
  assert.deepEqual(BUILT, names, 'rollup builds an entry per registry widget');
  // One export per registry widget, pointing at its built entry and declarations, and no other.
  const exported = Object.entries(pkg.exports).filter(([k]) => k.startsWith('./components/'));
  assert.deepEqual(exported.map(([k]) => k.slice('./components/'.length)).sort(), [...names].sort());
  for (const [key, target] of exported) {
    const name = key.slice('./components/'.length);
    assert.equal(target.default, `./dist/components/${name}.js`, key);
    assert.equal(target.types, `./dist/types/components/${name}/${name}.d.ts`, key);
  }
  // components/index.ts (the whole kit) registers every widget.
  const index = readFileSync(new URL('components/index.ts', root), 'utf8');
  const registered = [...index.matchAll(/from '\.\/([\w-]+)\/\1\.js'/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(registered)].sort(), [...names].sort(), 'components/index.ts imports each widget once');
  // Each widget's registration module defines the registry's tag.
  for (const { name, tag } of WIDGETS) {
    const source = readFileSync(new URL(`components/${name}/${name}.ts`, root), 'utf8');
    assert.match(source, new RegExp(`define\\('${tag}'`), `components/${name}/${name}.ts defines <${tag}>`);
  }
  // The loader's tag map comes from the registry (it imports it) and knows every entry's chunks.
  const loader = readFileSync(new URL('dist/cibtp-widgets.js', root), 'utf8');
  for (const { name, tag } of WIDGETS) {
    assert.ok(loader.includes(`"${tag}"`) || loader.includes(`'${tag}'`), `the loader knows <${tag}>`);
    assert.ok(loader.includes(`${JSON.stringify(name)}:[`) || loader.includes(`${name}:[`), `the loader preloads the chunks of ${name}`);
  }
  assert.doesNotMatch(loader, /__CIBTP_CHUNKS__/);
});

test('custom-elements.json declares every widget entry with its tag', () => {
  const manifest = JSON.parse(readFileSync(new URL(pkg.customElements, root), 'utf8'));
  const tags = new Set(
    manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName),
  );
  const widgets = Object.keys(pkg.exports).filter((k) => k.startsWith('./components/'));
  assert.ok(widgets.length > 0);
  for (const key of widgets) {
    const tag = `cibtp-${key.slice('./components/'.length)}`;
    assert.ok(tags.has(tag), `${tag} is not in ${pkg.customElements}`);
  }
});

test('the built SDK signs in against the built mock backend, and refuses a wrong password with a PortalError', async () => {
  const { createPortalClient, isPortalError } = await import(`${pkg.name}/sdk`);
  const { startMockServer } = await import(`${pkg.name}/mock-server/node`);
  const { DEMO_PASSWORD } = await import(`${pkg.name}/mock-server`);
  const baseUrl = 'http://portal.package.test/api/';
  const mock = startMockServer({ baseUrl });
  try {
    const client = createPortalClient({ baseUrl });

    const refused = await client.login({ email: 'admin@durand-btp.fr', password: 'Pas-le-bon-1' }).then(
      () => assert.fail('a wrong password was accepted'),
      (error) => error,
    );
    assert.ok(isPortalError(refused), String(refused));
    assert.equal(refused.code, 'invalid-credentials');

    const result = await client.login({ email: 'admin@durand-btp.fr', password: DEMO_PASSWORD });
    assert.equal(result.status, 'signed-in');
    assert.equal(result.session.user.email, 'admin@durand-btp.fr');
  } finally {
    mock.close();
  }
});

/** Runs a bin of package.json as npx would (its file, with the Node running this test); resolves its exit code and output. */
function runBin(name, args) {
  const child = spawn(process.execPath, [new URL(pkg.bin[name], root).pathname, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  return { child, output: () => output, exit: once(child, 'exit').then(([code]) => code) };
}

test('the two bins run from dist/: the mock over HTTP, and the conformance suite against it', async () => {
  for (const file of Object.values(pkg.bin)) {
    assert.match(readFileSync(new URL(file, root), 'utf8'), /^#!\/usr\/bin\/env node\n/, `${file} starts with its shebang`);
  }
  const server = runBin('cibtp-mock-server', ['--port', '0']);
  try {
    const listening = () => /\(API (http:\/\/\S+?),/.exec(server.output())?.[1];
    while (!listening()) {
      await Promise.race([once(server.child.stdout, 'data'), server.exit.then((code) => assert.fail(`the mock exited (${code}): ${server.output()}`))]);
    }
    const apiUrl = listening();
    const suite = runBin('cibtp-conformance', ['--base-url', apiUrl]);
    const code = await suite.exit;
    assert.equal(code, 0, suite.output());
    assert.match(suite.output(), /(\d+) rules: \1 passed, 0 failed, 0 skipped/);
  } finally {
    server.child.kill('SIGTERM');
    await server.exit;
  }
});
