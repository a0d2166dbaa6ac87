/**
 * The Content-Security-Policy and other security headers, shared by the
 * headless server and the Electron shell's app:// protocol.
 *
 * style-src needs 'unsafe-inline': Mantine injects <style> elements at run
 * time (its CSS variables and per-component inline styles). Scripts stay
 * 'self' only: no inline scripts, no eval.
 */
export function buildCsp(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers sent with every headless response, 401s included. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    // 'self' covers ws: of the same host in CSP3, but older engines need the explicit source.
    'Content-Security-Policy': buildCsp([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The first URL carries the token: never let it leak through a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
    'Cache-Control': 'no-store',
  };
}
