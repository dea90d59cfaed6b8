/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The backend (Spring Boot) serves the built files from classpath:/static/,
// so the production bundle goes to target/classes/static and is packed into the jar.
const backend = process.env.BACKEND_URL ?? 'http://localhost:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    // antd + React minify to about 700 kB (230 kB gzipped) in one chunk; acceptable for
    // an internal tool, so only warn well above that.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': backend,
      '/actuator': backend,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
