/**
 * The whole kit: the typed SDK and the widgets (importing it registers the widgets).
 * @packageDocumentation
 */
export * from './sdk/index.js';
export * from './components/index.js';
