// node --test scripts/minify-literals.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { rollup } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { minifyCss, minifyHtml, minifyLiterals, minifyLiteralsInCode } from './minify-literals.mjs';

const html = (...parts) => minifyHtml(parts);
const css = (...parts) => minifyCss(parts);

test('html: whitespace next to a ${} never joins words', () => {
  assert.deepEqual(html('<p>Bonjour ', ' !</p>'), ['<p>Bonjour ', ' !</p>']);
  assert.deepEqual(html('', '\n      ', ''), ['', ' ', '']);
  assert.deepEqual(html('<span>', '</span>\n  ', ''), ['<span>', '</span> ', '']);
  assert.deepEqual(html('<p>\n  ', '\n  <span>x</span>\n</p>'), ['<p>', ' <span>x</span></p>']);
});

test('html: between inline elements one space stays; next to block elements none', () => {
  assert.deepEqual(html('<span>a</span> <span>b</span>'), ['<span>a</span> <span>b</span>']);
  assert.deepEqual(html('<span>a</span>\n    <span>b</span>'), ['<span>a</span> <span>b</span>']);
  assert.deepEqual(html('<label>x</label>\n  <input>'), ['<label>x</label> <input>']);
  assert.deepEqual(html('\n  <ul class="x">\n    <li>a</li>\n    <li>\n      b\n    </li>\n  </ul>\n'), ['<ul class="x"><li>a</li><li>b</li></ul>']);
  assert.deepEqual(html('<div>\n  ', '\n</div>'), ['<div>', '</div>']);
  assert.deepEqual(html('<button type="button">\n  OK\n</button>\n<button>x</button>'), ['<button type="button">OK</button> <button>x</button>']);
  assert.deepEqual(html('a<br>\n  b'), ['a<br>b']);
  assert.deepEqual(html('<TABLE>\n <TR>\n  <TD>a</TD>\n  <TD>b</TD>\n </TR>\n</TABLE>'), ['<TABLE><TR><TD>a</TD><TD>b</TD></TR></TABLE>']);
});

test('html: the outside of one block element alone keeps its space (it may be hidden or out of flow)', () => {
  assert.deepEqual(html('a <div hidden></div> b'), ['a <div hidden></div> b']);
  assert.deepEqual(html('</h2>\n  ', ''), ['</h2> ', '']);
  assert.deepEqual(html('', '\n  <p>x</p>'), ['', ' <p>x</p>']);
  assert.deepEqual(html('</p>\n\n  <p>'), ['</p><p>']);
});

test('html: start and end of the literal', () => {
  assert.deepEqual(html('\n  <b>x</b>\n'), ['<b>x</b>']);
  assert.deepEqual(html('\n  Bonjour\n  ', '\n'), ['Bonjour ', '']);
  assert.deepEqual(html(' <b>x</b> '), [' <b>x</b> '], 'no newline: an inline template keeps its spaces');
  assert.deepEqual(html(''), ['']);
});

test('html: <pre>, <textarea>, comments and quoted attribute values are kept as written', () => {
  const pre = '<pre>\n  a   <b>b</b>\n    c\n</pre>';
  assert.deepEqual(html(`<div>\n${pre}\n</div>`), [`<div>${pre}</div>`]);
  assert.deepEqual(html('<PRE>  x  </Pre>\n<p>'), ['<PRE>  x  </Pre><p>']);
  assert.deepEqual(html('<textarea>\n  ', '  \n</textarea>'), ['<textarea>\n  ', '  \n</textarea>']);
  assert.deepEqual(html('<!--  a\n   b  -->'), ['<!--  a\n   b  -->']);
  assert.deepEqual(html('<p title="a\n   b" class=\'c   ', '   d\'>x</p>'), ['<p title="a\n   b" class=\'c   ', '   d\'>x</p>']);
  assert.deepEqual(html('<svg><text>\n  a  b\n</text></svg>'), ['<svg><text>\n  a  b\n</text></svg>']);
});

test('html: inside a tag, one space between attributes and none before >', () => {
  assert.deepEqual(
    html('<input\n  class="cibtp-input"\n  id=', '\n  ?required=', '\n  @input=', '\n>'),
    ['<input class="cibtp-input" id=', ' ?required=', ' @input=', '>'],
  );
  assert.deepEqual(html('<x-a b=', ' />'), ['<x-a b=', ' />'], 'the space before /> stays (b=${x}/> would read "/")');
  assert.deepEqual(html('<span\n  >x</span\n>.'), ['<span>x</span>.']);
});

test('html: JS escapes and no-break spaces are not whitespace', () => {
  assert.deepEqual(html('a\\n   b'), ['a\\n b']);
  assert.deepEqual(html('a \\u00a0 b'), ['a \\u00a0 b']);
  assert.deepEqual(html('a\u00a0\u00a0b'), ['a\u00a0\u00a0b']);
  assert.deepEqual(html('<p>\\`  x</p>'), ['<p>\\` x</p>']);
});

test('css: comments, whitespace, the last semicolon', () => {
  assert.deepEqual(
    css('\n  /* a comment */\n  :where([data-x]) .a ,\n  :where([data-x]) .b > c {\n    margin : 0 0 1rem ;\n    color: red !important;\n  }\n'),
    [':where([data-x]) .a,:where([data-x]) .b > c{margin :0 0 1rem;color:red!important}'],
  );
  assert.deepEqual(css('a { b: c; }\n@media (forced-colors: active) {\n  a { b: c; }\n}'), ['a{b:c}@media (forced-colors:active){a{b:c}}']);
  assert.deepEqual(css('a/**/b{}'), ['a/**/b{}'], 'a comment alone still separates two tokens');
  assert.deepEqual(css('a{b:c;;}'), ['a{b:c}']);
  assert.deepEqual(css('a /* x */ b{}'), ['a b{}']);
});

test('css: what must stay', () => {
  assert.deepEqual(css('a{padding:calc( var(--s, 1rem) * 1.5 );width:calc(100% - 2px)}'), ['a{padding:calc(var(--s,1rem) * 1.5);width:calc(100% - 2px)}']);
  assert.deepEqual(css('a :hover{}'), ['a :hover{}'], 'a space before : is a descendant combinator');
  assert.deepEqual(css(":where(x) [tabindex='-1']:focus{}"), [":where(x) [tabindex='-1']:focus{}"]);
  assert.deepEqual(css("a::before{content:'⚠ ' / '';}"), ["a::before{content:'⚠ ' / ''}"]);
  assert.deepEqual(css('a{content:" ;  } ";}'), ['a{content:" ;  } "}']);
  assert.deepEqual(css('a{content:";"}'), ['a{content:";"}']);
  assert.deepEqual(css('a{background:url( a b.png  )}'), ['a{background:url( a b.png  )}']);
  assert.deepEqual(css('a{--x: ;--y: }'), ['a{--x: ;--y: }'], 'an empty custom property keeps its space');
  assert.deepEqual(css('a{font:1rem / 1.5 a, b}'), ['a{font:1rem / 1.5 a,b}']);
  assert.deepEqual(css('.a\\\\:b c{}'), ['.a\\\\:b c{}']);
  assert.deepEqual(css('.a\\\\  b{}'), ['.a\\\\  b{}'], 'an escaped space is part of the name');
});

test('css: around ${}', () => {
  assert.deepEqual(css('\n  ', '\n  :where(x) .a { color: ', ' ; }\n'), ['', ' :where(x) .a{color:', '}']);
  assert.deepEqual(css('a { ', ' }'), ['a{', '}']);
  assert.deepEqual(css('a{margin:', 'px ', '}'), ['a{margin:', 'px ', '}']);
  assert.deepEqual(css('/* a ', ' */ a { b: c; }'), ['/* a ', ' */ a { b: c; }'], 'a comment across ${} leaves the literal alone');
});

// Only whitespace changes in html``: the rest of the text, and the number of parts, stay.
const htmlText = fc
  .array(
    fc.constantFrom(
      '<p>', '</p>', '<div hidden>', '</div>', '<span>', '</span>', '<li>', '</li>', '<br>', '<pre>', '</pre>',
      '<input', ' a="x  y"', " b='", "'", '>', '/>', 'mot', '.', ' ', '  ', '\n', '\n    ', '\t', '<!--', '-->', '\\n', '\u00a0', '=',
    ),
    { maxLength: 30 },
  )
  .map((tokens) => tokens.join(''));
const squeeze = (s) => s.replace(/[ \t\n\r\f]+/g, '');

test('html (property): only whitespace changes, parts are kept, and a second pass changes nothing', () => {
  fc.assert(
    fc.property(fc.array(htmlText, { minLength: 1, maxLength: 4 }), (parts) => {
      const out = minifyHtml(parts);
      assert.equal(out.length, parts.length);
      out.forEach((o, k) => assert.equal(squeeze(o), squeeze(parts[k])));
      assert.deepEqual(minifyHtml(out), out);
    }),
    { numRuns: 2000 },
  );
});

test('css (property): parts are kept, a second pass changes nothing', () => {
  const cssText = fc
    .array(fc.constantFrom('a', '.b', ':where(x)', '{', '}', ';', ':', ',', '(', ')', ' ', '\n  ', "'x ; }'", '/* c */', '+', '1px', '!important'), { maxLength: 30 })
    .map((t) => t.join(''));
  fc.assert(
    fc.property(fc.array(cssText, { minLength: 1, maxLength: 4 }), (parts) => {
      const out = minifyCss(parts);
      assert.equal(out.length, parts.length);
      assert.deepEqual(minifyCss(out), out);
    }),
    { numRuns: 2000 },
  );
});

const SOURCE = `import { html, css } from 'lit';
const name = 'x';
export const view = () => html\`
  <div class="a">
    <p>Bonjour \${name} !</p>
  </div>
\`;
export const styles = css\`
  /* not shipped */
  .a {
    color: red;
  }
\`;
export const other = String.raw\`
  kept   as is
\`;
export const later = 'after';
`;

test('only html, css and svg tags are rewritten, and every mapping points at the same text', () => {
  const result = minifyLiteralsInCode(SOURCE, parseAst(SOURCE), { file: 'x.js' });
  assert.ok(result);
  assert.match(result.code, /html`<div class="a"><p>Bonjour \$\{name\} !<\/p><\/div>`/);
  assert.match(result.code, /css`\.a\{color:red\}`/);
  assert.match(result.code, /String\.raw`\n {2}kept {3}as is\n`/);
  const map = new SourceMap(result.map);
  const outLines = result.code.split('\n');
  const inLines = SOURCE.split('\n');
  let checked = 0;
  outLines.forEach((line, l) => {
    for (let c = 0; c < line.length; c++) {
      const entry = map.findEntry(l, c);
      if (entry.generatedLine !== l || entry.generatedColumn !== c) continue; // not a mapping's start
      const original = inLines[entry.originalLine][entry.originalColumn];
      if (line[c] === ' ' && /\s/.test(original)) continue; // a collapsed run
      assert.equal(line[c], original, `line ${l} col ${c}`);
      checked++;
    }
  });
  assert.ok(checked > 30);
  const later = result.code.split('\n').findIndex((l) => l.includes("'after'"));
  const entry = map.findEntry(later, result.code.split('\n')[later].indexOf("'after'"));
  assert.equal(inLines[entry.originalLine].slice(entry.originalColumn), "'after';");
  assert.equal(minifyLiteralsInCode('const a = html`<b>x</b>`;', parseAst('const a = html`<b>x</b>`;')), null);
});

test('the rollup plugin: after esbuild-like JS, with a source map through the chain', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'minify-literals-'));
  try {
    const entry = join(dir, 'entry.js');
    await writeFile(entry, SOURCE);
    const bundle = await rollup({ input: entry, external: ['lit'], plugins: [minifyLiterals()] });
    const { output } = await bundle.generate({ format: 'es', sourcemap: true });
    const [chunk] = output;
    assert.match(chunk.code, /html`<div class="a"><p>Bonjour \$\{name\} !<\/p><\/div>`/);
    assert.match(chunk.code, /css`\.a\{color:red\}`/);
    assert.doesNotMatch(chunk.code, /not shipped/);
    // Rollup's own map of a chunk has a mapping per line: the lines after the literals still map home.
    const lines = chunk.code.split('\n');
    const l = lines.findIndex((x) => x.includes("'after'"));
    const found = new SourceMap(chunk.map).findEntry(l, lines[l].indexOf("'after'"));
    assert.equal(SOURCE.split('\n')[found.originalLine], "export const later = 'after';");
    // node_modules and TypeScript the parser cannot read are left alone (a warning for the latter).
    const plugin = minifyLiterals();
    const warnings = [];
    const context = { parse: parseAst, warn: (w) => warnings.push(w) };
    assert.equal(plugin.transform.handler.call(context, SOURCE, '/x/node_modules/y/index.js'), null);
    assert.equal(plugin.transform.handler.call(context, 'const a: number = html`<b> </b>`;', '/x/a.ts'), null);
    assert.equal(warnings.length, 1);
    assert.equal(plugin.transform.order, 'post');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
