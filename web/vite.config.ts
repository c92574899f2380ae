/** The web app's build: web/ → web/dist, served by the Fastify server at `/` (src/http/web.ts). */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Each screen is its own chunk (React.lazy); report sizes so a review sees them grow.
    reportCompressedSize: true,
    chunkSizeWarningLimit: 300,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        manualChunks: (id) =>
          /node_modules\/(react|react-dom|scheduler|react-router)\//.test(id) ? 'react' : /node_modules\/@tanstack\//.test(id) ? 'query' : undefined,
      },
    },
  },
  server: {
    // `npm run dev:web`: the API runs separately (npm run dev) on :8080.
    proxy: { '/v1': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' },
  },
});
