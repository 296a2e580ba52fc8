/**
 * The compose file is read, not run (no Docker engine in CI): what it would publish, with which
 * defaults. Nothing but the API reaches past the host's loopback; PostgreSQL and the Temporal
 * frontend live on an internal network only; no secret has a default; the API refuses a short
 * admin token at start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../config';

interface Service { ports?: (string | { published?: string; host_ip?: string })[]; networks?: string[] | Record<string, unknown>; profiles?: string[]; environment?: Record<string, string> }
const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>; networks: Record<string, { internal?: boolean } | null>; 'x-app': Service;
};
const services = compose.services;
const networksOf = (s: Service) => (Array.isArray(s.networks) ? s.networks : Object.keys(s.networks ?? {}));
/** "127.0.0.1:8233:8080" → 127.0.0.1; "3000:3000" → all interfaces; ${VAR:-x} resolved to its default. */
const hostIp = (port: string) => {
  const text = port.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');
  const parts = text.split(':');
  return parts.length === 3 ? parts[0] : '0.0.0.0';
};

describe('docker-compose.yml', () => {
  it('publishes only the API beyond loopback; the Temporal UI only on 127.0.0.1 and only with the ops profile', () => {
    const published = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => ({ name, ip: hostIp(String(p)) })));
    expect(published.filter((p) => p.ip !== '127.0.0.1').map((p) => p.name)).toEqual(['api']);
    expect(services['temporal-ui'].profiles).toEqual(['ops']);
    expect((services['temporal-ui'].ports ?? []).map((p) => hostIp(String(p)))).toEqual(['127.0.0.1']);
  });

  it('keeps PostgreSQL and the Temporal frontend on an internal network with no published port', () => {
    expect(compose.networks.backend?.internal).toBe(true);
    for (const name of ['postgres', 'temporal', 'temporal-admin-tools', 'temporal-create-namespace']) {
      expect(services[name].ports ?? []).toEqual([]);
      expect(networksOf(services[name])).toEqual(['backend']);
    }
    expect(networksOf(compose['x-app'])).toEqual(expect.arrayContaining(['backend', 'edge']));
  });

  it('has no default for the admin token, the secret key or the database passwords', () => {
    const text = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    expect(text).not.toContain('change-me');
    for (const variable of ['MUTAFLOW_ADMIN_TOKEN', 'MUTAFLOW_SECRET_KEY', 'MUTAFLOW_DB_APP_PASSWORD', 'MUTAFLOW_DB_OWNER_PASSWORD']) {
      const uses = [...text.matchAll(new RegExp(`\\$\\{${variable}(:?[-?=+])?`, 'g'))];
      expect(uses.length).toBeGreaterThan(0);
      // `:?` makes compose refuse to start without it; `:-` would be a default.
      for (const use of uses) expect(use[1]).toBe(':?');
    }
  });

  it('connects the app as the application role and migrates as the owner', () => {
    const api = services.api.environment!;
    expect(api.DATABASE_URL).toMatch(/^postgres:\/\/mutaflow_app:/);
    expect(api.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/mutaflow_owner:/);
    expect(services.worker.environment!.DATABASE_URL).toMatch(/^postgres:\/\/mutaflow_app:/);
    expect(services.worker.environment!.MIGRATION_DATABASE_URL).toBeUndefined();
  });
});

describe('configuration', () => {
  it('refuses a short admin token at start, naming the field', () => {
    expect(() => loadConfig({ MUTAFLOW_ADMIN_TOKEN: 'change-me-please' })).toThrow(/MUTAFLOW_ADMIN_TOKEN: at least 32 characters/);
    expect(loadConfig({ MUTAFLOW_ADMIN_TOKEN: 'x'.repeat(32) }).MUTAFLOW_ADMIN_TOKEN).toHaveLength(32);
    expect(loadConfig({ MUTAFLOW_ADMIN_TOKEN: '' }).MUTAFLOW_ADMIN_TOKEN).toBeUndefined();
  });
});
