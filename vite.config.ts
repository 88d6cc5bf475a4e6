import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static bundle served from app://gloss/ (Electron) or http://127.0.0.1
// (browser mode), so every URL in it is relative ('./') and nothing is inlined that the CSP
// (script-src 'self') would refuse.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // Both targets are recent Chromium (Electron 45, Debian's chromium); no polyfill needed.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // Loaded from disk or loopback, never over a network: one bundle of about 1 MB is fine.
    chunkSizeWarningLimit: 1024,
  },
});
