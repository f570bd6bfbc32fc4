// The widgets in a Vue 3 page (App.vue, its template compiled at build: the runtime compiler needs
// `unsafe-eval`). The kit's tags are custom elements for Vue's compiler (`isCustomElement` in
// frameworks/build.mjs). Types: `@cibtp/espace-widgets/vue` (frameworks/tsconfig.json).
import { createApp } from 'vue';
import { backendReady } from '../kit.js';
import App from './App.vue';

await backendReady();
createApp(App).mount('#app');
