/** custom-elements.json, resolved by the Vite alias of `.storybook/main.ts` (written by `cem analyze`). */
declare module 'cibtp:custom-elements.json' {
  const manifest: object;
  export default manifest;
}
