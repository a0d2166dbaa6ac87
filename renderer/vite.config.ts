// The renderer build: a static bundle in dist/renderer that works from file://
// (Electron), a custom protocol, or the headless HTTP server (hence base './').
// Runs in Node, but without Node imports: the renderer's lint rules apply here too.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { WS_PATH } from '../shared/transport.js';

const here = import.meta.dirname;

/**
 * `NOVACRON_DEV_BACKEND=http://127.0.0.1:8790 npx vite --config renderer/vite.config.ts`
 * forwards the WebSocket to a running headless console. Open the console's own
 * URL (with its token) once first: the cookie is per host, so it covers this port too.
 */
const devBackend = process.env.NOVACRON_DEV_BACKEND;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    // shared/ lives next to renderer/, outside the Vite root.
    fs: { allow: [`${here}/..`] },
    proxy: devBackend
      ? {
          [WS_PATH]: {
            target: devBackend,
            ws: true,
            changeOrigin: true,
            // The console accepts upgrades from its own origin only.
            configure: (proxy) => proxy.on('proxyReqWs', (req) => req.setHeader('origin', devBackend)),
          },
        }
      : undefined,
  },
});
