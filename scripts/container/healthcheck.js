// The image's HEALTHCHECK: GET the path given (default /api/health) on this container's proxy.
// Healthy while the proxy answers 2xx; /api/health answers 503 only while it is not ready.
// Plain Node (no curl in the image); the timeout stays below the HEALTHCHECK --timeout.
'use strict';
const path = process.argv[2] || '/api/health';
const port = process.env.PORT || '8000';
fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) }).then(
  (res) => {
    process.stdout.write(`${res.status} ${path}\n`);
    process.exit(res.ok ? 0 : 1);
  },
  (error) => {
    process.stdout.write(`unreachable ${path}: ${error.message}\n`);
    process.exit(1);
  },
);
