import react from '@vitejs/plugin-react';
import { cpSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { PaneBuildError, parsePaneBuild, type PaneConfig } from './src/app/buildVariables.js';
import { STATIC_WEB_APP_CONFIG_FILE, staticWebAppConfig } from './src/app/securityHeaders.js';

/**
 * The task pane's build (DESIGN.md layout): root addin/, output dist/addin. Two pages: the
 * pane (taskpane.html) and the sign-in dialog fallback (authdialog.html). The manifest's
 * icons and support page live in addin/assets and are copied as they are.
 */
const root = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(root, '../dist/addin');

function copyAssets(): Plugin {
  let target = outDir;
  return {
    name: 'union-ledger:copy-assets',
    apply: 'build',
    configResolved(config) {
      target = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const from = resolve(root, 'assets');
      if (existsSync(from)) cpSync(from, resolve(target, 'assets'), { recursive: true });
    },
  };
}

/**
 * A production build with build variables the pane would misuse (entra mode without a tenant
 * authority, a scope or the API's https URL) fails here, before anything is written: the same
 * check config.ts makes, on the variables Vite resolved (environment and .env files).
 */
function checkBuildVariables(): Plugin {
  let pane: PaneConfig;
  return {
    name: 'union-ledger:check-build-variables',
    apply: 'build',
    configResolved(config) {
      const parsed = parsePaneBuild(config.env);
      if (!parsed.ok) throw new PaneBuildError(parsed.problems);
      pane = parsed.config;
    },
    // Static Web Apps reads its headers from this file in the uploaded folder: the same
    // headers the dev server sends (src/app/securityHeaders.ts), for this build's API and tenant.
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: STATIC_WEB_APP_CONFIG_FILE,
        source: `${JSON.stringify(staticWebAppConfig(pane), null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [checkBuildVariables(), react(), copyAssets()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      // zod's sources carry /* @__PURE__ */ comments where Rollup cannot use them: harmless noise.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION') return;
        warn(warning);
      },
      input: {
        taskpane: resolve(root, 'taskpane.html'),
        authdialog: resolve(root, 'authdialog.html'),
      },
    },
  },
  server: {
    port: 3000,
    strictPort: true,
    // shared/ sits beside addin/: the pane imports it.
    fs: { allow: [resolve(root, '..')] },
  },
});
