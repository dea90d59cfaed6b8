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
    // Every page is its own chunk (React.lazy in src/app/router.tsx); the shell's chunk
    // (React, antd's core, the locales) is about 800 kB (260 kB gzipped), the task page's
    // about 500 kB with form-js. Vite prints each chunk's size after the build.
    chunkSizeWarningLimit: 1024,
    reportCompressedSize: true,
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
    // the first render of a page (antd, form-js) takes seconds on a busy machine
    testTimeout: 30_000,
  },
});
