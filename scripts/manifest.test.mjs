// `node --test scripts/manifest.test.mjs`: the styling hooks documented in custom-elements.json match
// what each widget renders.
//  - A widget renders its content in its light DOM: every `data-part="x"` it can render (in its own
//    source or in the shared helpers it calls) must be a `@datapart` of its class, which the manifest
//    plugin (custom-elements-manifest.config.mjs) puts under `dataParts`; and every `@datapart` must be
//    one it renders.
//  - A `@csspart` (`cssParts`, offered by tooling as `::part(x)`) must name a real `part="x"` of its
//    shadow root, and every real part must be documented.
//  - README's list of data parts names them all.
// What a widget can render is found in its source with TypeScript: from the class's members (and the
// Lit lifecycle methods of its base classes), every function, method and constant they refer to inside
// components/, transitively; less the branches on an optional parameter (or option) that none of its
// calls gives.
// The manifest is built here, in memory, with the project's config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const manifest = await cli({
  argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  cwd: root,
  noWrite: true,
});

const widgets = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((d) => d.customElement && d.tagName).map((declaration) => ({ module, declaration })),
);

const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
const program = ts.createProgram(
  widgets.map(({ module }) => join(root, module.path)),
  { ...options, noEmit: true },
);
const checker = program.getTypeChecker();

const components = join(root, 'components') + sep;
const inKit = (node) => {
  const file = node.getSourceFile().fileName;
  return resolve(file).startsWith(components) && !/\.test\.ts$/.test(file);
};
/** Called by Lit or the browser, not by the widget's own code. */
const LIFECYCLE = new Set(['render', 'update', 'updated', 'willUpdate', 'firstUpdated', 'connectedCallback', 'disconnectedCallback', 'createRenderRoot', 'attributeChangedCallback', 'performUpdate', 'scheduleUpdate']);
/** `data-part="x"` in a template (not `[data-part="x"]`, a selector); `part="x"` likewise. */
const DATA_PART = /(?<![\w[-])data-part="([\w-]+)"/g;
const PART = /(?<![\w[-])part="([\w-]+)"/g;

function declarationsOf(node) {
  let symbol = checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  return symbol?.declarations ?? [];
}

function baseClass(declaration) {
  const extendsClause = declaration.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const expression = extendsClause?.types[0]?.expression;
  return expression ? declarationsOf(expression).find(ts.isClassDeclaration) : undefined;
}

/** Whether `node` is the callee of a call (`f(…)`, `this.f(…)`): then the call, else undefined. */
function callOf(node) {
  const callee = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
  return ts.isCallExpression(callee.parent) && callee.parent.expression === callee ? callee.parent : undefined;
}

/** Whether a value of `type` may have the property `name`. */
function mayHave(type, name) {
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => mayHave(t, name));
  return !!type.getProperty(name) || checker.getIndexInfosOfType(type).length > 0;
}

/**
 * The `data-part`s and `part`s that the class `name` of `file` can render. A branch taken only when a
 * parameter, or a property of an options parameter, is given is left out when none of this widget's
 * calls gives it: e.g. the step indicator of `headingTemplate(text, position?)` for a widget that is no
 * wizard, or the policy checklist of `passwordField({ evaluation? })` for the login's password.
 */
function rendered(file, name) {
  const source = program.getSourceFile(join(root, file));
  assert.ok(source, `${file} is not in the program`);
  const widget = source.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === name);
  assert.ok(widget, `no class ${name} in ${file}`);
  const chain = [];
  for (let base = baseClass(widget); base && inKit(base); base = baseClass(base)) chain.push(base);
  // A widget renders into its light DOM when a class of the kit returns its own root (CibtpElement);
  // otherwise (the portal) into its shadow root, where a data-part is no styling hook for the page.
  const lightDom = [widget, ...chain].some((c) => c.members.some((m) => m.name?.getText() === 'createRenderRoot'));
  const roots = [...widget.members];
  for (const base of chain) {
    for (const member of base.members) if (member.name && LIFECYCLE.has(member.name.getText())) roots.push(member);
  }
  // The calls found by a pass decide what the next one leaves out: the first leaves out nothing, each
  // next one reaches less, until a pass finds the same calls as the one before.
  let previous;
  for (let pass = 0; pass < 10; pass += 1) {
    const result = traverse(roots, previous);
    const signature = [...result.calls].map(([fn, list]) => `${fn.getSourceFile().fileName}:${fn.pos}:${list === 'unknown' ? 'u' : list.length}`).join();
    if (previous && signature === previous.signature) {
      // A class of the chain whose `framed` is `return false` never renders the frame (`part="card"`).
      const unframed = [widget, ...chain].some((c) => c.members.some((m) =>
        ts.isGetAccessorDeclaration(m) && m.name.getText() === 'framed' && /^\{\s*return false;\s*\}$/.test(m.body?.getText() ?? '')));
      if (unframed) result.parts.delete('card');
      return { ...result, lightDom };
    }
    previous = { calls: result.calls, signature };
  }
  throw new Error(`${name}: the analysis does not settle`);
}

/** One pass over what `roots` can reach (see `rendered`). */
function traverse(roots, previous) {
  const reachable = new Set();
  const queue = [];
  /** Per function: the argument lists of its calls, or 'unknown' once it is passed around. */
  const calls = new Map();
  const found = { dataParts: new Set(), parts: new Set() };
  const local = (declaration) => {
    for (let n = declaration.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return true;
    return false;
  };
  const add = (declaration) => {
    // A declaration inside a function is read with that function (and the arguments it is given).
    if (!reachable.has(declaration) && inKit(declaration) && !local(declaration)) {
      reachable.add(declaration);
      queue.push(declaration);
    }
  };
  const scan = (text) => {
    for (const [, part] of text.matchAll(DATA_PART)) found.dataParts.add(part);
    for (const [, part] of text.matchAll(PART)) found.parts.add(part);
  };
  /** What no call (of the previous pass) gives, per parameter of `fn`: 'all', or a test of its property names. */
  const notGiven = (fn) => {
    const list = previous?.calls.get(fn);
    const result = new Map();
    if (!list || list === 'unknown') return result;
    fn.parameters.forEach((param, i) => {
      if (param.dotDotDotToken) return;
      const given = list.map((args) => args[i]).filter(Boolean);
      if (!given.length) return void result.set(param, 'all');
      if (given.some((arg) => ts.isSpreadElement(arg))) return;
      const types = given.map((arg) => checker.getTypeAtLocation(arg));
      result.set(param, (prop) => types.every((type) => !mayHave(type, prop)));
    });
    return result;
  };
  /** Whether `condition` is falsy when what `omitted` names is not given (`x`, `o.x`, `a && o.x`). */
  const falsy = (condition, omitted) => {
    if (ts.isParenthesizedExpression(condition)) return falsy(condition.expression, omitted);
    if (ts.isBinaryExpression(condition) && condition.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      return falsy(condition.left, omitted) || falsy(condition.right, omitted);
    }
    const paramOf = (node) => (ts.isIdentifier(node) ? declarationsOf(node).find((d) => omitted.has(d)) : undefined);
    if (ts.isIdentifier(condition)) return omitted.get(paramOf(condition)) === 'all';
    if (ts.isPropertyAccessExpression(condition)) {
      const param = paramOf(condition.expression);
      const rule = param && omitted.get(param);
      if (rule === 'all' || (typeof rule === 'function' && rule(condition.name.text))) return true;
      return falsy(condition.expression, omitted);
    }
    return false;
  };
  const visit = (node, omitted) => {
    if (ts.isFunctionLike(node) && node.parameters) omitted = new Map([...omitted, ...notGiven(node)]);
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) scan(node.text);
    // A part given to a shared template helper as an option: `nav.link(to, text, { part: 'tile' })`.
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'part' && ts.isStringLiteralLike(node.initializer)) {
      found.dataParts.add(node.initializer.text);
    }
    if (omitted.size) {
      if (ts.isConditionalExpression(node) && falsy(node.condition, omitted)) return visit(node.whenFalse, omitted);
      if (ts.isIfStatement(node) && falsy(node.expression, omitted)) return node.elseStatement && visit(node.elseStatement, omitted);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && falsy(node.left, omitted)) return;
    }
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      const declarations = declarationsOf(node);
      // A declaration's own name is no use of it.
      for (const d of declarations.includes(node.parent) ? [] : declarations) {
        if (!(ts.isFunctionLike(d) || ts.isVariableDeclaration(d) || ts.isPropertyDeclaration(d))) continue;
        add(d);
        const target = ts.isFunctionLike(d) ? d : d.initializer && ts.isFunctionLike(d.initializer) ? d.initializer : undefined;
        if (!target || calls.get(target) === 'unknown') continue;
        const call = callOf(node);
        calls.set(target, call ? [...(calls.get(target) ?? []), call.arguments] : 'unknown');
      }
    }
    ts.forEachChild(node, (child) => visit(child, omitted));
  };
  roots.forEach(add);
  while (queue.length) visit(queue.shift(), new Map());
  return { ...found, calls };
}

const names = (list) => (list ?? []).map((p) => p.name).sort();
const readme = readFileSync(join(root, 'README.md'), 'utf8');

for (const { module, declaration } of widgets) {
  const tag = declaration.tagName;
  test(`${tag}: its data parts and CSS parts are the ones it renders`, () => {
    const { dataParts, parts, lightDom } = rendered(module.path, declaration.name);
    const documented = names(declaration.dataParts);
    const cssParts = names(declaration.cssParts);
    const problems = [];
    if (lightDom) {
      for (const p of [...dataParts].sort()) if (!documented.includes(p)) problems.push(`renders data-part="${p}" without a @datapart`);
    } else {
      for (const p of documented) problems.push(`@datapart ${p}: it renders into its shadow root, where a data-part is no styling hook`);
    }
    for (const p of documented) if (lightDom && !dataParts.has(p)) problems.push(`@datapart ${p}: it never renders data-part="${p}"`);
    for (const p of cssParts) if (!parts.has(p)) problems.push(`@csspart ${p}: no part="${p}" in its shadow root${dataParts.has(p) ? ' (a data part: @datapart)' : ''}`);
    for (const p of [...parts].sort()) if (!cssParts.includes(p)) problems.push(`part="${p}" without a @csspart`);
    for (const part of declaration.dataParts ?? []) if (!part.description) problems.push(`@datapart ${part.name} has no description`);
    assert.deepEqual(problems, [], `${tag} (${module.path}): its JSDoc header does not match what it renders`);
  });
}

test('README lists every data part', () => {
  const all = new Set(widgets.flatMap(({ declaration }) => names(declaration.dataParts)));
  assert.ok(all.size > 0, 'no data part in the manifest');
  // The paragraph on theming that lists them: « … hooks are `data-part` attributes (`heading`, … ».
  const paragraph = readme.split(/\n\n/).find((p) => p.includes('`data-part` attributes (')) ?? '';
  assert.deepEqual(
    [...all].filter((name) => !new RegExp(`\`${name}\``).test(paragraph)).sort(),
    [],
    'README.md: these data parts are missing from the paragraph that lists them',
  );
});
