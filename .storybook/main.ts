import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// MSW's worker script must be served next to the preview (iframe.html) and match the installed msw:
// copy it from node_modules into a git-ignored static folder each time Storybook starts or builds.
const here = dirname(fileURLToPath(import.meta.url));
const workerDir = join(here, 'msw');
mkdirSync(workerDir, { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), join(workerDir, 'mockServiceWorker.js'));

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages (autodocs) list each widget's attributes, properties, events, parts and CSS properties
  // from custom-elements.json, the same manifest the package publishes.
  addons: ['@storybook/addon-docs'],
  staticDirs: ['./msw'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The preview bundles Storybook's own runtime: its size is not the kit's (see `npm run size`).
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    logLevel: 'warn',
    build: { ...viteConfig.build, chunkSizeWarningLimit: 4096 },
    // `cem analyze` (run by the storybook scripts) writes it; an alias keeps tsc from requiring it to exist.
    resolve: {
      ...viteConfig.resolve,
      alias: { ...(viteConfig.resolve?.alias as Record<string, string> | undefined), 'cibtp:custom-elements.json': join(here, '..', 'dist', 'custom-elements.json') },
    },
  }),
};

export default config;
