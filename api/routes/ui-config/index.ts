import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

interface UiConfigOptions {
  /** The Temporal UI, for links to a workflow (null: none known, e.g. an external Temporal without one). */
  temporalUiUrl: string | null;
  temporalNamespace: string;
}

/** What the web UI needs to know about its surroundings: no secrets, no personal data. */
const uiConfigRoutes: FastifyPluginAsyncZod<UiConfigOptions> = async (app, opts) => {
  app.get('/api/ui-config', {
    config: { permission: 'any' },
    schema: {
      tags: ['auth'], summary: 'Settings for the web UI (where the Temporal UI is)',
      response: { 200: z.object({ temporalUiUrl: z.string().nullable(), temporalNamespace: z.string() }) },
    },
  }, async () => ({ temporalUiUrl: opts.temporalUiUrl, temporalNamespace: opts.temporalNamespace }));
};

export default uiConfigRoutes;
