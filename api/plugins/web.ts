import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * Self only, no inline script or style: the UI's code and styles come from files next to
 * index.html, data from /api. Nothing may frame the page.
 */
export const WEB_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

/** web/ beside the sources (tsx, jest) or above dist/ (a build); MUTAFLOW_WEB_DIR overrides. */
function webRoot(): string | null {
  const candidates = [process.env.MUTAFLOW_WEB_DIR, join(__dirname, '../../web'), join(__dirname, '../../../web')].filter(Boolean) as string[];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * The web UI: the files of web/ at `/`, one route per file (no wildcard, so /api, /docs and
 * /health are never shadowed and an unknown path is an ordinary 404). The script is the bundle
 * scripts/build-web.ts writes to web/dist/ (plain name: every file is revalidated, no-cache + ETag,
 * cheap 304s and never a stale UI after an upgrade); the sources (web/src) and the compiler's
 * settings are not served.
 */
const webPlugin: FastifyPluginAsync<{ root?: string }> = async (app, opts) => {
  const root = opts.root ?? webRoot();
  if (!root) {
    app.log.warn('web UI files not found: the UI is not served');
    return;
  }
  if (!existsSync(join(root, 'dist/app.js'))) app.log.warn('web UI bundle missing (web/dist/app.js): run `npm run web:build`');
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', WEB_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cache-control', 'no-cache');
    return payload;
  });
  await app.register(fastifyStatic, {
    root, prefix: '/', wildcard: false, index: ['index.html'], decorateReply: false, cacheControl: false, serveDotFiles: false,
    allowedPath: (pathname) => !pathname.startsWith('/src/') && pathname !== '/tsconfig.json',
  });
};

export default webPlugin;
