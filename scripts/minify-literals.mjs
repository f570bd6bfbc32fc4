// Rollup plugin: minifies the text of Lit's html``, svg`` and css`` tagged template literals in our own
// source files at build time (Lit ships them as written otherwise: indentation, newlines, blank lines).
//
//   import { minifyLiterals } from './scripts/minify-literals.mjs';
//   plugins: [tsJsExtension(), resolve(), esbuildPlugin(), minifyLiterals()]   (library and bundle)
//
// It parses JavaScript (rollup's `this.parse()`), so it works on esbuild's output; its transform hook is
// `order: 'post'`, so it runs after esbuild even if listed before it. esbuild must not minify (names are
// kept: the tag must still read `html`, `css` or `svg`); terser, an output plugin, comes after. Only
// the static text of a literal (its quasis) is rewritten, never an expression, and the number of `${}`
// stays. A source map of the change is returned, encoded here: magic-string is not installed (rollup
// bundles its own copy), and no dependency is needed for these few mappings.
//
// HTML (html``, svg``), assuming `white-space: normal` (or nowrap) outside <pre>, <textarea>, <script>,
// <style>, <title> and SVG <text>, whose content is kept as is, like comments, attribute values in
// quotes and JS escapes (`\n`, `\u00a0` in the source). A whitespace run in text is dropped when it
// renders nothing for sure:
//   - inside a block element next to its tag (`<p>␣`, `␣</li>`), inside a <button>/<select> likewise,
//     either side of a <br>/<hr>, between two block elements (`</li>␣<li>`), and, if it holds a
//     newline, at the start or the end of the literal;
//   - not outside one block element alone (`a <div hidden></div> b`: it may be hidden, absolutely
//     positioned or display: contents, and the words would be joined);
// any other run (between words, inline elements such as `</span> <span>`, next to a `${}`) becomes one
// space, so that no two words are ever joined. Inside a tag, runs between attributes become one space;
// before `>` they are dropped.
// CSS (css``): comments dropped, whitespace collapsed to one space, and dropped at the start and end,
// after `{ } ; , ( :` and before `{ } ; , ) !`; the last `;` of a block is dropped. Never touched:
// strings, url(…), escapes, the spaces around calc()'s `+ - * /`, a descendant combinator
// (`:where(x) .y`), the space before a `:` (`a :hover` differs from `a:hover`), an empty custom
// property; a literal with a comment across a `${}` is left as it is.
// An element that a style sheet makes whitespace-sensitive (`white-space: pre`) must get its text from
// an expression, not from the literal.

const TAGS = new Set(['html', 'css', 'svg']);

/** Block-level elements: whitespace inside them, next to their tags, renders nothing. */
const BLOCK = new Set(
  ('address article aside blockquote caption col colgroup dd details dialog div dl dt fieldset figcaption ' +
    'figure footer form h1 h2 h3 h4 h5 h6 header hgroup legend li main menu nav ol optgroup option p pre ' +
    'search section summary table tbody td tfoot th thead tr ul').split(' '),
);
/** Inline-level boxes whose inside starts and ends a line: only the whitespace inside them goes. */
const INLINE_BLOCK = new Set(['button', 'select']);
/** Forced line breaks: whitespace on either side renders nothing. */
const LINE_BREAK = new Set(['br', 'hr']);
/** Content kept verbatim up to the closing tag. */
const RAW = new Set(['pre', 'textarea', 'script', 'style', 'title', 'text']);

const isSpace = (c) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/**
 * What a whitespace run of text touches on one side, for `dropHtmlSpace`: 'hard' (the inside of a
 * block or inline-block next to its tag, a <br>, the start or end of the literal if the run has a
 * newline), 'soft' (the outside of a block element's tag) or 'none' (text, an inline tag, a `${}`).
 */
function side(tag, where, newline, edge) {
  if (edge) return newline ? 'hard' : 'none';
  if (!tag) return 'none';
  if (LINE_BREAK.has(tag.name)) return 'hard';
  // `where` = where the tag is, relative to the whitespace. Inside the element: after its opening
  // tag, or before its closing tag.
  const inside = where === 'before' ? !tag.closing : tag.closing;
  if (inside && (BLOCK.has(tag.name) || INLINE_BLOCK.has(tag.name))) return 'hard';
  if (!inside && BLOCK.has(tag.name)) return 'soft';
  return 'none';
}

/**
 * Dropped: a run touching a 'hard' side, or between two block elements. The outside of one block
 * element alone is not enough: it may be hidden, absolutely positioned or `display: contents`, and
 * the words on either side would be joined (`a <div hidden></div> b`).
 */
const dropHtmlSpace = (before, after) => before === 'hard' || after === 'hard' || (before === 'soft' && after === 'soft');

/**
 * Minifies the static parts of an html`` / svg`` literal (their raw source text, between the `${}`).
 * Returns, for each part, the pieces kept: `{ off, text }`, `text` being the part's source from `off`,
 * or one space standing for the whitespace run at `off`.
 */
export function minifyHtmlPieces(parts) {
  const out = parts.map(() => []);
  let state = 'text'; // text | tag | dq | sq | comment | bogus | raw
  let rawName = '';
  let tag = null; // the tag being read: { name, closing }
  /** The tag that ended last, with the offset just after its `>` (in the current part). */
  let lastTag = null;

  for (let p = 0; p < parts.length; p++) {
    const s = parts[p];
    const emit = (from, to) => {
      if (to > from) out[p].push({ off: from, text: s.slice(from, to) });
    };
    const space = (at) => out[p].push({ off: at, text: ' ' });
    let i = 0;
    let copyFrom = 0; // start of the pending verbatim run
    lastTag = null; // a `${}` came in between

    while (i < s.length) {
      const c = s[i];
      if (c === '\\') {
        // A JS escape in the source (`\n`, `\u00a0`, `\``): opaque, never whitespace nor a delimiter.
        i += 2;
        continue;
      }
      if (state === 'text') {
        if (isSpace(c)) {
          let j = i;
          while (j < s.length && isSpace(s[j])) j++;
          emit(copyFrom, i);
          const newline = /[\n\r]/.test(s.slice(i, j));
          const before = side(lastTag?.at === i ? lastTag : null, 'before', newline, i === 0 && p === 0);
          const after = side(tagAt(s, j), 'after', newline, j === s.length && p === parts.length - 1);
          if (!dropHtmlSpace(before, after)) space(i);
          i = copyFrom = j;
          continue;
        }
        if (c === '<') {
          if (s.startsWith('<!--', i)) {
            state = 'comment';
            i += 4;
            continue;
          }
          const t = tagAt(s, i);
          if (t) {
            state = 'tag';
            tag = t;
            i += t.closing ? 2 : 1;
            continue;
          }
          if (s[i + 1] === '!' || s[i + 1] === '?' || (s[i + 1] === '/' && s[i + 2] !== undefined)) {
            state = 'bogus'; // <!DOCTYPE>, <?…>, </…>: verbatim up to `>`
            i += 2;
            continue;
          }
        }
        i++;
        continue;
      }
      if (state === 'tag') {
        if (isSpace(c)) {
          let j = i;
          while (j < s.length && isSpace(s[j])) j++;
          emit(copyFrom, i);
          // Between attributes: one space; none before `>` (the one before `/>` stays: `a=${x} />`).
          if (s[j] !== '>') space(i);
          i = copyFrom = j;
          continue;
        }
        if (c === '"' || c === "'") {
          state = c === '"' ? 'dq' : 'sq';
          i++;
          continue;
        }
        if (c === '>') {
          i++;
          state = !tag.closing && RAW.has(tag.name) ? 'raw' : 'text';
          rawName = tag.name;
          lastTag = { ...tag, at: i };
          tag = null;
          continue;
        }
        i++;
        continue;
      }
      if (state === 'dq' || state === 'sq') {
        if (c === (state === 'dq' ? '"' : "'")) state = 'tag';
        i++;
        continue;
      }
      if (state === 'comment') {
        if (s.startsWith('-->', i)) {
          state = 'text';
          i += 3;
          continue;
        }
        i++;
        continue;
      }
      if (state === 'bogus') {
        if (c === '>') state = 'text';
        i++;
        continue;
      }
      // raw: verbatim up to `</name`
      if (c === '<' && s[i + 1] === '/' && s.slice(i + 2, i + 2 + rawName.length).toLowerCase() === rawName) {
        state = 'tag';
        tag = { name: rawName, closing: true };
        i += 2 + rawName.length;
        continue;
      }
      i++;
    }
    emit(copyFrom, s.length);
  }
  return out;
}

/** The tag starting at `s[i]` (`<name` or `</name`), or null. */
function tagAt(s, i) {
  if (s[i] !== '<') return null;
  const closing = s[i + 1] === '/';
  const m = /^[a-zA-Z][^\s/>\\]*/.exec(s.slice(i + (closing ? 2 : 1), i + 40));
  return m ? { name: m[0].toLowerCase(), closing } : null;
}

/** No whitespace needed after these, nor before the others. */
const CSS_DROP_AFTER = new Set(['{', '}', ';', ',', '(', ':']);
const CSS_DROP_BEFORE = new Set(['{', '}', ';', ',', ')', '!']);

class CommentAcrossExpression extends Error {}

/** Minifies the static parts of a css`` literal; same result shape as `minifyHtmlPieces`. */
export function minifyCssPieces(parts) {
  try {
    return minifyCssPiecesOrThrow(parts);
  } catch (error) {
    // A comment that spans a `${}` would take the expression with it: the literal is left as it is.
    if (error instanceof CommentAcrossExpression) return parts.map((s) => (s ? [{ off: 0, text: s }] : []));
    throw error;
  }
}

function minifyCssPiecesOrThrow(parts) {
  const out = parts.map(() => []);
  let state = 'normal'; // normal | dq | sq | url

  for (let p = 0; p < parts.length; p++) {
    const s = parts[p];
    const pieces = out[p];
    const emit = (from, to) => {
      if (to > from) pieces.push({ off: from, text: s.slice(from, to) });
    };
    const last = () => pieces[pieces.length - 1];
    let i = 0;
    let copyFrom = 0;
    const semicolons = new Set(); // offsets of the `;` read in the normal state

    while (i < s.length) {
      const c = s[i];
      if (c === '\\') {
        // A JS escape; `\\` is a CSS escape, which takes the next character with it.
        i += s[i + 1] === '\\' ? 3 : 2;
        continue;
      }
      if (state === 'dq' || state === 'sq') {
        if (c === (state === 'dq' ? '"' : "'")) state = 'normal';
        i++;
        continue;
      }
      if (state === 'url') {
        if (c === ')') state = 'normal';
        i++;
        continue;
      }
      if (c === '"' || c === "'") {
        state = c === '"' ? 'dq' : 'sq';
        i++;
        continue;
      }
      if (c === '(' && /(^|[^\w-])url$/i.test(s.slice(Math.max(0, i - 4), i)) && !/^[ \t\n\r\f]*["']/.test(s.slice(i + 1))) {
        state = 'url'; // url(unquoted): verbatim
        i++;
        continue;
      }
      if (isSpace(c) || s.startsWith('/*', i)) {
        // A run of whitespace and comments.
        emit(copyFrom, i);
        let j = i;
        let spaces = false;
        for (;;) {
          if (j < s.length && isSpace(s[j])) {
            spaces = true;
            j++;
          } else if (s.startsWith('/*', j)) {
            const end = s.indexOf('*/', j + 2);
            if (end < 0) throw new CommentAcrossExpression();
            j = end + 2;
          } else {
            break;
          }
        }
        const kept = last();
        const prev = kept ? kept.text[kept.text.length - 1] : p === 0 ? 'start' : 'expr';
        const next = j < s.length ? s[j] : p === parts.length - 1 ? 'end' : 'expr';
        // `--x: ;` (an empty custom property) keeps its space.
        const emptyValue = prev === ':' && (next === ';' || next === '}');
        const drop = prev === 'start' || next === 'end' || (!emptyValue && (CSS_DROP_AFTER.has(prev) || CSS_DROP_BEFORE.has(next)));
        if (!drop) pieces.push({ off: i, text: spaces ? ' ' : '/**/' }); // a comment alone still separates tokens
        i = copyFrom = j;
        continue;
      }
      if (c === ';') semicolons.add(i);
      if (c === '}') {
        // The last declaration of a block needs no `;`.
        emit(copyFrom, i);
        copyFrom = i;
        for (let kept = last(); kept && semicolons.has(kept.off + kept.text.length - 1); kept = last()) {
          kept.text = kept.text.slice(0, -1);
          if (!kept.text) pieces.pop();
        }
      }
      i++;
    }
    emit(copyFrom, s.length);
  }
  return out;
}

/** The minified text of each part (for tests and for callers without source maps). */
export const minifyHtml = (parts) => minifyHtmlPieces(parts).map(join);
export const minifyCss = (parts) => minifyCssPieces(parts).map(join);
const join = (pieces) => pieces.map((x) => x.text).join('');

/**
 * Minifies the html``/svg``/css`` literals of `code` (JavaScript), given its ESTree `ast` (with `start` and
 * `end` offsets, as rollup's parser gives). Returns `{ code, map }`, or null when nothing changed.
 */
export function minifyLiteralsInCode(code, ast, { file = '' } = {}) {
  const edits = []; // { start, end, pieces: [{ off (absolute), text }] }
  walk(ast, (node) => {
    if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier' || !TAGS.has(node.tag.name)) return;
    const quasis = node.quasi.quasis;
    const parts = quasis.map((q) => code.slice(q.start, q.end));
    // Positions must be the raw text (rollup's parser gives them so); skip the literal otherwise.
    if (quasis.some((q, k) => parts[k].replace(/\r\n?/g, '\n') !== q.value.raw)) return;
    const minified = node.tag.name === 'css' ? minifyCssPieces(parts) : minifyHtmlPieces(parts);
    quasis.forEach((q, k) => {
      const pieces = minified[k];
      if (join(pieces) === parts[k]) return;
      edits.push({ start: q.start, end: q.end, pieces: pieces.map((x) => ({ off: q.start + x.off, text: x.text })) });
    });
  });
  if (!edits.length) return null;
  edits.sort((a, b) => a.start - b.start);

  // The output as pieces of the input: unchanged code between the edits, then each edit's pieces.
  const pieces = [];
  let at = 0;
  for (const e of edits) {
    if (e.start > at) pieces.push({ off: at, text: code.slice(at, e.start), code: true });
    pieces.push(...e.pieces);
    at = e.end;
  }
  if (at < code.length) pieces.push({ off: at, text: code.slice(at), code: true });
  const out = pieces.map((x) => x.text).join('');
  return { code: out, map: sourceMap(code, pieces, file) };
}

function walk(node, visit) {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (let k = n.length - 1; k >= 0; k--) stack.push(n[k]);
      continue;
    }
    if (typeof n.type === 'string') visit(n);
    for (const key in n) {
      const v = n[key];
      if (v && typeof v === 'object' && key !== 'loc') stack.push(v);
    }
  }
}

// --- Source map (v3): one mapping at the start of each kept piece, and of each token of unchanged code.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function vlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    let digit = v & 31;
    v >>>= 5;
    if (v) digit |= 32;
    s += B64[digit];
  } while (v);
  return s;
}

function sourceMap(input, pieces, file) {
  const lineStarts = [0];
  for (let k = 0; k < input.length; k++) if (input[k] === '\n') lineStarts.push(k + 1);
  const position = (off) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return [lo, off - lineStarts[lo]];
  };
  const lines = [[]];
  let genCol = 0;
  let prevGenCol = 0;
  let prevLine = 0;
  let prevCol = 0;
  const segment = (off) => {
    const [line, col] = position(off);
    const current = lines[lines.length - 1];
    if (current.length && current.lastGen === genCol) return;
    current.push(vlq(genCol - prevGenCol) + 'A' + vlq(line - prevLine) + vlq(col - prevCol));
    current.lastGen = genCol;
    prevGenCol = genCol;
    prevLine = line;
    prevCol = col;
  };
  for (const piece of pieces) {
    const text = piece.text;
    // Unchanged code: a mapping per token; a kept piece of a literal: at its start and each line.
    const starts = piece.code ? tokenStarts(text) : [0];
    let next = 0;
    for (let k = 0; k < text.length; k++) {
      if (k === starts[next] || (k > 0 && text[k - 1] === '\n')) {
        segment(piece.off + k);
        while (starts[next] <= k) next++;
      }
      if (text[k] === '\n') {
        lines.push([]);
        genCol = 0;
        prevGenCol = 0;
      } else {
        genCol++;
      }
    }
  }
  return {
    version: 3,
    file,
    sources: [file],
    sourcesContent: [input],
    names: [],
    mappings: lines.map((l) => l.join(',')).join(';'),
  };
}

function tokenStarts(text) {
  const starts = [];
  for (const m of text.matchAll(/[\w$]+|[^\w$\s]+/g)) starts.push(m.index);
  starts.push(Infinity);
  return starts;
}

/**
 * The rollup plugin. `include(id)` picks the modules to minify: by default our own sources (not
 * node_modules, not virtual modules).
 */
export function minifyLiterals({
  include = (id) => !id.startsWith('\0') && !/[\\/]node_modules[\\/]/.test(id) && /\.[cm]?[jt]s$/.test(id.split('?')[0]),
} = {}) {
  return {
    name: 'minify-literals',
    transform: {
      order: 'post',
      handler(code, id) {
        if (!include(id) || !/\b(?:html|css|svg)\s*`/.test(code)) return null;
        let ast;
        try {
          ast = this.parse(code);
        } catch (error) {
          this.warn(`not minifying the literals of ${id}: it does not parse as JavaScript (is esbuild before this plugin?): ${error.message}`);
          return null;
        }
        return minifyLiteralsInCode(code, ast, { file: id });
      },
    },
  };
}
