// A `.vue` file for tsc (the template is type-checked by Vue's own tooling, not here).
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
