/**
 * Areas (menus, as HR users know them from their payroll tools) and the actions within them.
 * A role is a set of `area.action` permissions plus whether it sees every employer; everything
 * else is granted per user (their employers). Health data (accident documents and details) is
 * its own permission, held by no built-in role but the accident manager's — not even admin's.
 */
const AREAS = {
  payroll: ['view', 'upload'],
  employers: ['view', 'manage'],
  suppliers: ['view', 'manage'],
  persons: ['view', 'edit'],
  messages: ['view', 'resend'],
  tasks: ['view', 'complete'],
  cycles: ['view', 'manage'],
  reports: ['view', 'manage'],
  accidents: ['view', 'manage', 'health', 'report'],
  // Audit rules (controls) and the findings they raise; acknowledging a blocking finding lets
  // the person's messages and report lines go out, so it is its own permission.
  controls: ['view', 'manage'],
  findings: ['view', 'acknowledge'],
  admin: ['users', 'audit'],
} as const;

type Area = keyof typeof AREAS;
export type Permission = { [A in Area]: `${A}.${(typeof AREAS)[A][number]}` }[Area];
export const PERMISSIONS = (Object.keys(AREAS) as Area[]).flatMap((area) => AREAS[area].map((action) => `${area}.${action}` as Permission));

const allBut = (...except: Permission[]) => PERMISSIONS.filter((p) => !except.includes(p));
const views = PERMISSIONS.filter((p) => p.endsWith('.view'));

export interface RoleDefinition {
  permissions: Permission[];
  allEmployers: boolean;
}

/** Seeded on start (and restored if edited away): admins may add roles of their own. */
export const BUILTIN_ROLES: Record<string, RoleDefinition> = {
  admin: { permissions: allBut('accidents.health'), allEmployers: true },
  hr: {
    permissions: ['payroll.view', 'payroll.upload', 'employers.view', 'suppliers.view', 'persons.view', 'persons.edit', 'messages.view', 'messages.resend',
      'tasks.view', 'tasks.complete', 'cycles.view', 'reports.view', 'accidents.view', 'accidents.manage', 'controls.view', 'findings.view'],
    allEmployers: false,
  },
  process_owner: { permissions: [...views.filter((p) => p !== 'accidents.view'), 'cycles.manage', 'controls.manage', 'findings.acknowledge'], allEmployers: false },
  accident_manager: { permissions: ['employers.view', 'persons.view', 'tasks.view', 'tasks.complete', 'accidents.view', 'accidents.manage', 'accidents.health', 'accidents.report'], allEmployers: false },
  prevention_advisor: { permissions: ['employers.view', 'accidents.view', 'accidents.report'], allEmployers: false },
  viewer: { permissions: views, allEmployers: false },
};

export const isPermission = (p: string): p is Permission => (PERMISSIONS as string[]).includes(p);
