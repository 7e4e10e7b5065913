import { defineConfig } from 'vite';

/**
 * The staff web app, built into dist/web and served by the Sijil server at `/`. No React plugin:
 * esbuild's automatic JSX is enough, and the CSP (script-src 'self', no eval) rules out anything
 * inline, so the build is one script file and styles injected at run time.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    target: 'es2022',
    rollupOptions: {
      // React Server Components' "use client" markers mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` beside `npm start` (port 8080) for development.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
