/**
 * The one place the kit imports zod. `zod/mini` keeps the browser bundle small, and `jitless`
 * stops zod from compiling validators with `new Function`, so the kit runs under a CSP without
 * `unsafe-eval`. Every schema module imports `z` from here so the configuration runs first.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });

export { z };
