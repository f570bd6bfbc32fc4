// The framework declarations (scripts/framework-types.mjs), generated from the built manifest into a
// temporary folder and type-checked with the real React 19 and Vue 3 types: fixtures that must compile,
// and `// @ts-expect-error` lines that must be errors (tsc fails on one that is not). Needs `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateFrameworkTypes, readElements, writeFrameworkTypes } from './framework-types.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const manifestFile = join(root, 'dist/custom-elements.json');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);

let dir;
/** The framework entries the package exports (types only); added here while package.json lacks them. */
const FRAMEWORK_EXPORTS = {
  './react': { types: './dist/types/react.d.ts' },
  './vue': { types: './dist/types/vue.d.ts' },
  './url-modules': { types: './dist/types/url-modules.d.ts' },
};

/**
 * The package as a project installs it, in `node_modules/@cibtp/espace-widgets` of the temporary folder:
 * package.json's `exports`, the built declarations (linked) and the generated ones beside them.
 */
async function install(target) {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const exports = { ...FRAMEWORK_EXPORTS, ...pkg.exports };
  const home = join(target, 'node_modules/@cibtp/espace-widgets');
  const types = join(home, 'dist/types');
  await mkdir(types, { recursive: true });
  await writeFile(join(home, 'package.json'), JSON.stringify({ name: pkg.name, type: 'module', exports }, null, 2));
  const generated = await writeFrameworkTypes({ manifestFile, outDir: types });
  for (const entry of await readdir(join(root, 'dist/types'))) {
    if (generated.some((file) => basename(file) === entry)) continue;
    await symlink(join(root, 'dist/types', entry), join(types, entry));
  }
}

before(async () => {
  assert.ok(existsSync(join(root, 'dist/types/index.d.ts')) && existsSync(manifestFile), 'dist/ is not built: run `npm run build` first');
  // Inside the repository's node_modules, so that `react`, `vue`, `lit` and their types resolve as in a project.
  await mkdir(join(root, 'node_modules/.cache'), { recursive: true });
  dir = await mkdtemp(join(root, 'node_modules/.cache/framework-types-'));
  await install(dir);
});
after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** Type-checks `files` (name → source) with `options`; resolves with tsc's output ('' when clean). */
async function check(name, files, options = {}) {
  const project = join(dir, name);
  await mkdir(project, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(project, file), text);
  const tsconfig = {
    compilerOptions: {
      strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      noEmit: true, types: [], ...options,
    },
    files: Object.keys(files),
  };
  await writeFile(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  try {
    await run(process.execPath, [tsc, '-p', project], { cwd: project });
    return '';
  } catch (error) {
    return `${error.stdout ?? ''}${error.stderr ?? ''}`.trim() || String(error);
  }
}

const REACT = { jsx: 'react-jsx', jsxImportSource: 'react' };
const VUE = { jsx: 'preserve', jsxImportSource: 'vue' };

test('every tag of the manifest gets its attributes, properties and events', async () => {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const elements = readElements(manifest);
  const tags = elements.map((e) => e.tag);
  assert.ok(tags.includes('cibtp-portal') && tags.includes('cibtp-login'), tags.join(', '));
  const files = generateFrameworkTypes(manifest);
  for (const tag of tags) {
    assert.match(files['react.d.ts'], new RegExp(`'${tag}': CibtpReactProps<'${tag}'>`), tag);
    assert.match(files['vue.d.ts'], new RegExp(`'${tag}': CibtpVueElement<'${tag}'>`), tag);
    assert.match(files['url-modules.d.ts'], new RegExp(`declare module '\\*/components/${tag.slice('cibtp-'.length)}\\.js'`), tag);
  }
  const login = elements.find((e) => e.tag === 'cibtp-login');
  assert.ok(login.properties.some((p) => p.name === 'client'), 'client is a property');
  assert.ok(!login.attributes.some((a) => a.name === 'client'), 'client is no attribute');
  assert.ok(login.events.some((e) => e.name === 'cibtp-signed-in'));
  // Without the manifest's tags, nothing is generated (no list written by hand to fall back on).
  assert.throws(() => generateFrameworkTypes({ modules: [] }), /no custom element/);
});

test('React 19: attributes, properties and `oncibtp-…` events are typed; camelCase events are errors', async () => {
  const output = await check('react', {
    'good.tsx': `import type {} from '@cibtp/espace-widgets/react';
import { useRef } from 'react';
import { createPortalClient } from '@cibtp/espace-widgets/sdk';

const client = createPortalClient({ baseUrl: '/api/', timeout: 5000 });
export function Page() {
  const portal = useRef<HTMLElementTagNameMap['cibtp-portal']>(null);
  const email: string[] = [];
  return (
    <cibtp-portal ref={portal} client={client} base-url="/api/" locale="en" session-warning={60} routes={{ contact: '/contact' }}
      oncibtp-signed-out={(event) => { const none: Record<string, never> = event.detail; void none; }} className="espace">
      <cibtp-login heading-level="3" audience="salarie" franceconnect signup-href="/inscription"
        oncibtp-signed-in={(event) => email.push(event.detail.session.user.email)}
        oncibtp-navigate={(event) => { if (event.detail.to === 'signup') event.preventDefault(); }} />
      <cibtp-tiers-picker page-size={25} />
      <cibtp-rights-matrix onchange={(event) => void event.detail} />
    </cibtp-portal>
  );
}
`,
    'errors.tsx': `import type {} from '@cibtp/espace-widgets/react';

// @ts-expect-error a locale the widgets do not have
export const locale = <cibtp-portal locale="de" />;
// @ts-expect-error client is a PortalCore, not a text
export const text = <cibtp-portal client="[object Object]" />;
// @ts-expect-error nor any object
export const object = <cibtp-login client={{ baseUrl: '/api/' }} />;
// @ts-expect-error React 19 would listen to an event named "CibtpSignedIn", which never comes
export const camel = <cibtp-login onCibtpSignedIn={() => undefined} />;
// @ts-expect-error the detail of cibtp-signed-in is { session }
export const detail = <cibtp-login oncibtp-signed-in={(event) => event.detail.user} />;
// @ts-expect-error an audience the login does not have
export const audience = <cibtp-login audience="public" />;
// @ts-expect-error session-warning is a number of seconds
export const seconds = <cibtp-portal session-warning="soon" />;
`,
  }, REACT);
  assert.equal(output, '', output);
});

test('React 19: without the declarations, the same page does not type-check (the test can fail)', async () => {
  const output = await check('react-bare', {
    'bare.tsx': `export const page = <cibtp-login oncibtp-signed-in={(event: Event) => event} />;\n`,
  }, { ...REACT, types: [] });
  assert.match(output, /TS2339|Property 'cibtp-login' does not exist/, output);
});

test('Vue 3: GlobalComponents for templates, and vue/jsx-runtime for JSX', async () => {
  const output = await check('vue', {
    'good.tsx': `import type {} from '@cibtp/espace-widgets/vue';
import type { GlobalComponents } from 'vue';
import { createPortalClient } from '@cibtp/espace-widgets/sdk';

const client = createPortalClient({ baseUrl: '/api/' });
const emails: string[] = [];
export const page = (
  <cibtp-portal client={client} base-url="/api/" locale="fr" class="espace">
    <cibtp-login heading-level={3} onCibtpSignedIn={(event) => emails.push(event.detail.session.user.email)} />
  </cibtp-portal>
);

// What a template sees (vue-tsc reads $props and $emit of GlobalComponents).
type PortalProps = InstanceType<GlobalComponents['cibtp-portal']>['$props'];
type LoginInstance = InstanceType<GlobalComponents['cibtp-login']>;
export const props: PortalProps = { locale: 'en', client, 'session-warning': '60' };
export const emit = (login: LoginInstance, event: HTMLElementEventMap['cibtp-signed-in']) => login.$emit('cibtp-signed-in', event);
export const focus = (login: LoginInstance) => login.focusHeading();
`,
    'errors.tsx': `import type {} from '@cibtp/espace-widgets/vue';
import type { GlobalComponents } from 'vue';

// @ts-expect-error a locale the widgets do not have
export const locale = <cibtp-portal locale="de" />;
// @ts-expect-error client is a PortalCore
export const client = <cibtp-portal client="[object Object]" />;
// @ts-expect-error the detail of cibtp-signed-in is { session }
export const detail = <cibtp-login onCibtpSignedIn={(event) => event.detail.user} />;
type PortalProps = InstanceType<GlobalComponents['cibtp-portal']>['$props'];
// @ts-expect-error in a template too
export const props: PortalProps = { locale: 'de' };
// @ts-expect-error nor a client of the wrong type
export const wrong: PortalProps = { client: {} };
`,
  }, VUE);
  assert.equal(output, '', output);
});

test('the kit imported by URL: TS2307 without url-modules, its entry\'s types with it', async () => {
  const page = `import { readLinkToken, overrideTexts } from '/vendor/cibtp/cibtp-widgets.js';
import { createPortalClient } from 'https://cdn.example/cibtp/cibtp-widgets.bundle.js';
import '/vendor/cibtp/components/login.js';
const token: string | undefined = readLinkToken()?.token;
overrideTexts('fr', { 'login.title': 'Connexion' });
export const client = createPortalClient({ baseUrl: '/api/' });
export { token };
`;
  const without = await check('url-bare', { 'page.ts': page });
  assert.match(without, /TS2307/, without);
  const withIt = await check('url', {
    'page.ts': `/// <reference types="@cibtp/espace-widgets/url-modules" />\n${page}
// @ts-expect-error the loader has no such export
import { nothingHere } from '/vendor/cibtp/cibtp-widgets.js';
void nothingHere;
`,
  });
  assert.equal(withIt, '', withIt);
});
