import '@testing-library/jest-dom/vitest';

// jsdom has no matchMedia; antd's responsive helpers (Grid, Layout.Sider) need it.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

// jsdom has no ResizeObserver; antd's Tabs, Table and Menu observe their size.
if (!('ResizeObserver' in window)) {
  class ResizeObserverStandIn {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStandIn });
  Object.defineProperty(globalThis, 'ResizeObserver', { writable: true, value: ResizeObserverStandIn });
}
