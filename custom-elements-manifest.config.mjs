// `cem analyze --config custom-elements-manifest.config.mjs` → dist/custom-elements.json
// (package.json "customElements"). Reads the widget sources; Lit decorators
// (experimentalDecorators) are understood through `litelement: true`.

/**
 * The widgets register through the kit's `define(tag, Class)` helper (components/shared/define.ts),
 * which the analyzer does not know: record those calls and mark the classes as custom elements with
 * their tag names, as `customElements.define()` would.
 */
function kitDefine() {
  const definitions = []; // { tag, className, modulePath }
  return {
    name: 'cibtp-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node)) return;
      const callee = node.expression;
      if (!ts.isIdentifier(callee) || callee.text !== 'define') return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteralLike(tag) || !ts.isIdentifier(ctor)) return;
      definitions.push({ tag: tag.text, className: ctor.text, modulePath: moduleDoc.path });
    },
    packageLinkPhase({ customElementsManifest }) {
      const modules = customElementsManifest.modules ?? [];
      for (const { tag, className, modulePath } of definitions) {
        const home = modules.find((m) => (m.declarations ?? []).some((d) => d.kind === 'class' && d.name === className));
        const declaration = home?.declarations.find((d) => d.kind === 'class' && d.name === className);
        if (!home || !declaration) continue;
        declaration.customElement = true;
        declaration.tagName = tag;
        const definer = modules.find((m) => m.path === modulePath);
        if (definer) {
          definer.exports ??= [];
          if (!definer.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            definer.exports.push({
              kind: 'custom-element-definition',
              name: tag,
              declaration: { name: className, module: home.path },
            });
          }
        }
      }
    },
  };
}

/**
 * The manifest is the public contract (and Storybook's docs tables): drop private and protected members,
 * which are implementation details a page cannot use.
 */
function publicApiOnly() {
  return {
    name: 'cibtp-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules ?? []) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.members) continue;
          declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected');
        }
      }
    },
  };
}

/**
 * The widgets render their content in their light DOM, where finer styling hooks are `data-part`
 * attributes (`cibtp-login [data-part="heading"] { … }`), not `::part()`s: the only real part is the
 * frame in each widget's shadow root (`part="card"`, a `@csspart`). A class documents its data parts
 * with `@datapart name - description`; this puts them in the manifest as the declaration's
 * `dataParts: [{ name, description }]` (a key of our own: the schema has none), so that tooling does
 * not offer a `::part()` that would match nothing. Storybook's docs pages list them (.storybook/preview.ts);
 * scripts/manifest.test.mjs checks them against the `data-part="…"` the widgets render.
 */
function dataParts() {
  const found = []; // { modulePath, className, parts: [{ name, description }] }
  return {
    name: 'cibtp-data-parts',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const parts = ts
        .getJSDocTags(node)
        .filter((tag) => tag.tagName.text === 'datapart')
        .map((tag) => {
          const text = (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/\s+/g, ' ').trim();
          const [, name = '', description = ''] = /^(\S+)\s*(?:-\s*)?(.*)$/.exec(text) ?? [];
          return { name, description };
        })
        .filter((part) => part.name);
      if (parts.length) found.push({ modulePath: moduleDoc.path, className: node.name.text, parts });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const { modulePath, className, parts } of found) {
        const home = (customElementsManifest.modules ?? []).find((m) => m.path === modulePath);
        const declaration = home?.declarations?.find((d) => d.kind === 'class' && d.name === className);
        if (declaration) declaration.dataParts = parts;
      }
    },
  };
}

export default {
  globs: ['components/**/*.ts'],
  exclude: [
    '**/*.test.ts',
    '**/*.stories.ts',
    '**/*.styles.ts',
    '**/test/**',
    '**/testing.ts',
    'components/shared/locales/**',
  ],
  outdir: 'dist',
  litelement: true,
  plugins: [kitDefine(), publicApiOnly(), dataParts()],
};
