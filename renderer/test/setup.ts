/**
 * Setup for the renderer's DOM tests (the "dom" project of vitest.config.ts),
 * never for the node tests. jsdom has no layout engine: this file fills in the
 * few browser pieces Mantine and @tanstack/react-virtual read, nothing more.
 */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

/** The size every element reports: the scroll box of a table in a 1280×600 window. */
export const TEST_VIEWPORT = { width: 1280, height: 600 } as const;

// Mantine's colour scheme and useMediaQuery: no media query matches.
Object.defineProperty(window, 'matchMedia', {
  configurable: true,
  writable: true,
  value: (query: string): MediaQueryList => ({
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

// Mantine (ScrollArea, floating elements) and the virtualizer observe sizes; in jsdom sizes never change.
class NoopResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver = NoopResizeObserver;

// jsdom's getComputedStyle does not implement the pseudo-element argument Mantine passes.
const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

/**
 * Layout jsdom lacks. The virtualizer sizes its window from the scroll
 * element's clientHeight/clientWidth (its observeElementRect) and scrolls with
 * element.scrollTo, then reads scrollTop back on the "scroll" event.
 * Row heights come from estimateSize (VmTable does not measure rows), so
 * offsetHeight is left alone.
 */
Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => TEST_VIEWPORT.height },
  clientWidth: { configurable: true, get: () => TEST_VIEWPORT.width },
});

function scrollElementTo(this: Element, a?: ScrollToOptions | number, b?: number): void {
  const { top, left } = typeof a === 'number' ? { left: a, top: b } : (a ?? {});
  // Clamped like a browser: never past the content.
  if (top !== undefined) this.scrollTop = Math.max(0, Math.min(top, this.scrollHeight - this.clientHeight));
  if (left !== undefined) this.scrollLeft = Math.max(0, Math.min(left, this.scrollWidth - this.clientWidth));
  this.dispatchEvent(new Event('scroll'));
}
Element.prototype.scrollTo = scrollElementTo as Element['scrollTo'];
Element.prototype.scrollIntoView = () => {};

// A page of the app re-renders in tens of milliseconds, but a loaded CI machine can be slow: wait longer than 1 s.
configure({ asyncUtilTimeout: 4_000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  window.location.hash = '';
});
