import fp from 'fastify-plugin';
import type { FileStore } from '../../infra/file-store';

declare module 'fastify' {
  interface FastifyInstance {
    files: FileStore;
    maxUploadBytes: number;
  }
}

export default fp<{ files: FileStore; maxUploadBytes: number }>(async (app, opts) => {
  await opts.files.ensureDirs();
  app.decorate('files', opts.files);
  app.decorate('maxUploadBytes', opts.maxUploadBytes);
}, { name: 'files' });
