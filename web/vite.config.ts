import { defineConfig } from 'vite';

// Built into dist/, which the Functions build copies into its output (Web.targets) and Sift serves at /
// (Functions/Web/WebApp.cs) under a Content-Security-Policy that allows no inline script or style.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be an inline script; every browser the app supports preloads modules itself.
    modulePreload: { polyfill: false },
    // Small assets stay files: a data: URL would need img-src data: in the policy.
    assetsInlineLimit: 0,
  },
  server: {
    // `npm run dev` talks to a Sift started with `dotnet run --project Standalone`.
    proxy: { '/api': 'http://localhost:7071' },
  },
});
