import fp from 'fastify-plugin';
import type { SecretBox } from '../../infra/secret-box';

declare module 'fastify' {
  interface FastifyInstance {
    /** Seals channel credentials before they reach the database. */
    secrets: SecretBox;
    /** Where suppliers reach this API (callback URLs are built from it). */
    publicUrl: string;
  }
}

export default fp<{ secrets: SecretBox; publicUrl: string }>(async (app, opts) => {
  app.decorate('secrets', opts.secrets);
  app.decorate('publicUrl', opts.publicUrl.replace(/\/+$/, ''));
}, { name: 'secrets' });
