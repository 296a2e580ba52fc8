import Fastify, { FastifyInstance, FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Client } from '@temporalio/client';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, ZodTypeProvider } from 'fastify-type-provider-zod';
import { Db } from '../db/client';
import { FileStore } from '../infra/file-store';
import { registerErrorHandler } from './errors';
import { logRedactPaths } from './log-redaction';
import auth from './plugins/auth';
import dbPlugin from './plugins/db';
import filesPlugin from './plugins/files';
import temporalPlugin from './plugins/temporal';
import employerRoutes from './routes/employers';
import healthRoutes from './routes/health';
import payrollImportRoutes from './routes/payroll-imports';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  files: FileStore;
  maxUploadBytes: number;
  /** Close the pool and the Temporal connection when the app closes (a process that owns them). */
  ownsClients?: boolean;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Mutaflow API', version: '0.1.0', description: 'Payroll snapshots, the changes they reveal, and who needs to hear about them.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(multipart, {
    limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 5, fieldSize: 1024 },
  });
  await app.register(dbPlugin, { db: deps.db, closeOnShutdown: deps.ownsClients });
  await app.register(temporalPlugin, { client: deps.temporal, taskQueue: deps.taskQueue, closeOnShutdown: deps.ownsClients });
  await app.register(filesPlugin, { files: deps.files, maxUploadBytes: deps.maxUploadBytes });
  await app.register(auth);
  await app.register(healthRoutes);
  await app.register(employerRoutes);
  await app.register(payrollImportRoutes);
  return app;
}

export const appLoggerOptions = (level: string) => ({ level, redact: { paths: logRedactPaths, censor: '[redacted]' } });
