import type { FastifyInstance, FastifyServerOptions, RouteOptions } from 'fastify';
import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Db } from '../db/client';
import type { FileStore } from '../infra/file-store';
import { type OutboundPolicy, STRICT_OUTBOUND } from '../infra/outbound';
import type { SecretBox } from '../infra/secret-box';
import { registerErrorHandler } from './errors';
import { logRedactPaths, logSerializers } from './log-redaction';
import rateLimit from '@fastify/rate-limit';
import type { SessionOptions } from './plugins/auth';
import auth from './plugins/auth';
import audit from './plugins/audit';
import dbPlugin from './plugins/db';
import filesPlugin from './plugins/files';
import secretsPlugin from './plugins/secrets';
import temporalPlugin from './plugins/temporal';
import employerSupplierRoutes from './routes/employer-suppliers';
import employerRoutes from './routes/employers';
import enrollmentRoutes from './routes/enrollments';
import familyMemberRoutes from './routes/family-members';
import onboardingProfileRoutes from './routes/onboarding-profiles';
import planRoutes from './routes/plans';
import supplierRoutes from './routes/suppliers';
import healthRoutes from './routes/health';
import cycleRoutes from './routes/cycles';
import messageRoutes from './routes/messages';
import reportSettingsRoutes from './routes/report-settings';
import reportRoutes from './routes/reports';
import taskRoutes from './routes/tasks';
import taskBulkRoutes from './routes/tasks/bulk-complete';
import payrollImportRoutes from './routes/payroll-imports';
import comparisonRoutes from './routes/comparisons';
import personRoutes from './routes/persons';
import supplierCallbackRoutes from './routes/supplier-callbacks';
import accidentRoutes from './routes/accidents';
import accidentDocumentRoutes from './routes/accidents/documents';
import accidentReportRoutes from './routes/accidents/report';
import accidentSettingsRoutes from './routes/accidents/settings';
import tokenRoutes from './routes/tokens';
import authRoutes from './routes/auth';
import userRoutes from './routes/users';
import auditRoutes from './routes/audit';
import uiConfigRoutes from './routes/ui-config';
import auditRuleRoutes from './routes/audit-rules';
import benefitTypeRoutes from './routes/benefit-types';
import benefitRecordRoutes from './routes/benefit-records';
import findingRoutes from './routes/findings';
import bordereauRoutes from './routes/bordereaux';
import statementRoutes from './routes/statements';
import contributionSettingsRoutes from './routes/contribution-settings';
import contributionFileRoutes from './routes/contribution-files';
import webPlugin from './plugins/web';

declare module 'fastify' {
  interface FastifyInstance {
    /** Which supplier addresses and transports the routes accept (the activities check again before connecting). */
    outbound: OutboundPolicy;
  }
}

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  files: FileStore;
  maxUploadBytes: number;
  secrets: SecretBox;
  /** Where suppliers reach this API for callbacks. */
  publicUrl: string;
  /** Close the pool and the Temporal connection when the app closes (a process that owns them). */
  ownsClients?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Browser sessions: idle and absolute timeouts, Secure cookies (default: when publicUrl is https). */
  session?: Partial<SessionOptions>;
  /** The Temporal UI (links from the web UI to a workflow); null or absent: none. */
  temporalUiUrl?: string | null;
  temporalNamespace?: string;
  /** Serve the web UI (web/) at `/`; default true. */
  webUi?: boolean;
  /** Told about every route as it is added (the authorization matrix test lists them). */
  onRoute?: (route: RouteOptions) => void;
  /** Which supplier addresses may be configured and whether insecure transports are (absent: the strict default). */
  outbound?: OutboundPolicy;
  /** /docs without signing in (default true; production sets false: config.docsPublic). */
  docsPublic?: boolean;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.decorate('outbound', deps.outbound ?? STRICT_OUTBOUND);

  // Security headers on every answer (API, docs, web UI). JSON needs no sources at all; the web
  // UI and the docs set their own CSP on their routes. HSTS only where the API is served over https.
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
    hsts: deps.publicUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Mutaflow API', version: '0.1.0', description: 'Payroll snapshots, the changes they reveal, and who needs to hear about them.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // The schemas several routes share (components/schemas) are written out, else their $refs dangle.
    transformObject: jsonSchemaTransformObject,
  });
  // The docs' own pages carry a CSP made for them (their scripts and styles by hash).
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  await app.register(multipart, {
    limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 5, fieldSize: 1024 },
  });
  await app.register(dbPlugin, { db: deps.db, closeOnShutdown: deps.ownsClients });
  await app.register(temporalPlugin, { client: deps.temporal, taskQueue: deps.taskQueue, closeOnShutdown: deps.ownsClients });
  await app.register(filesPlugin, { files: deps.files, maxUploadBytes: deps.maxUploadBytes });
  await app.register(secretsPlugin, { secrets: deps.secrets, publicUrl: deps.publicUrl });
  const session: SessionOptions = {
    idleMinutes: deps.session?.idleMinutes ?? 30, maxHours: deps.session?.maxHours ?? 12,
    secureCookie: deps.session?.secureCookie ?? deps.publicUrl.startsWith('https:'),
  };
  await app.register(rateLimit, { global: false });
  await app.register(auth, { session, protectDocs: deps.docsPublic === false });
  await app.register(audit);
  await app.register(authRoutes, { session });
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(healthRoutes);
  await app.register(employerRoutes);
  await app.register(payrollImportRoutes);
  await app.register(comparisonRoutes);
  await app.register(supplierRoutes);
  await app.register(planRoutes);
  await app.register(bordereauRoutes);
  await app.register(statementRoutes);
  await app.register(contributionSettingsRoutes);
  await app.register(contributionFileRoutes);
  await app.register(employerSupplierRoutes);
  await app.register(enrollmentRoutes);
  await app.register(onboardingProfileRoutes);
  await app.register(familyMemberRoutes);
  await app.register(personRoutes);
  await app.register(messageRoutes);
  await app.register(supplierCallbackRoutes);
  await app.register(cycleRoutes);
  await app.register(auditRuleRoutes);
  await app.register(benefitTypeRoutes);
  await app.register(benefitRecordRoutes);
  await app.register(findingRoutes);
  await app.register(taskRoutes);
  await app.register(taskBulkRoutes);
  await app.register(reportRoutes);
  await app.register(reportSettingsRoutes);
  await app.register(accidentRoutes);
  await app.register(accidentDocumentRoutes);
  await app.register(accidentReportRoutes);
  await app.register(accidentSettingsRoutes);
  await app.register(tokenRoutes);
  await app.register(uiConfigRoutes, { temporalUiUrl: deps.temporalUiUrl ?? null, temporalNamespace: deps.temporalNamespace ?? 'default' });
  // Last: the web UI's files at `/` (one route per file, never shadowing /api, /docs or /health).
  if (deps.webUi !== false) await app.register(webPlugin);
  return app;
}

export const appLoggerOptions = (level: string) => ({ level, redact: { paths: logRedactPaths, censor: '[redacted]' }, serializers: logSerializers });
