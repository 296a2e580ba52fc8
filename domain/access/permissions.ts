/**
 * Areas (menus, as HR users know them from their payroll tools) and the actions within them.
 * A role is a set of `area.action` permissions plus whether it sees every employer; everything
 * else is granted per user (their employers). Health data (accident documents and details) is
 * its own permission, held by no built-in role but the accident manager's and the health
 * administrator's — not even admin's — and granted only by one who holds `admin.health`.
 * `platform.settings` changes what every employer's flows do (declaration terms, where reports
 * and messages go): it counts only for a principal that sees every employer.
 */
const AREAS = {
  payroll: ['view', 'upload'],
  employers: ['view', 'manage'],
  suppliers: ['view', 'manage'],
  persons: ['view', 'edit'],
  messages: ['view', 'resend'],
  tasks: ['view', 'complete'],
  cycles: ['view', 'manage'],
  reports: ['view'],
  accidents: ['view', 'manage', 'health', 'report'],
  // Audit rules (controls) and the findings they raise; acknowledging a blocking finding lets
  // the person's messages and report lines go out, so it is its own permission.
  controls: ['view', 'manage'],
  findings: ['view', 'acknowledge'],
  // Internal benefits: their types (fields, eligibility), people's records and the eligibility review.
  benefits: ['view', 'manage'],
  admin: ['users', 'audit', 'health'],
  platform: ['settings'],
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
const ACCIDENT_MANAGER: Permission[] = ['employers.view', 'persons.view', 'tasks.view', 'tasks.complete', 'accidents.view', 'accidents.manage', 'accidents.health', 'accidents.report'];

export const BUILTIN_ROLES: Record<string, RoleDefinition> = {
  admin: { permissions: allBut('accidents.health', 'admin.health'), allEmployers: true },
  /** The one who hands out health access (accident managers): holds it, and `admin.health` to grant it. */
  health_admin: { permissions: [...ACCIDENT_MANAGER, 'admin.users', 'admin.health'], allEmployers: true },
  hr: {
    permissions: ['payroll.view', 'payroll.upload', 'employers.view', 'suppliers.view', 'persons.view', 'persons.edit', 'messages.view', 'messages.resend',
      'tasks.view', 'tasks.complete', 'cycles.view', 'reports.view', 'accidents.view', 'accidents.manage', 'controls.view', 'findings.view',
      'benefits.view', 'benefits.manage'],
    allEmployers: false,
  },
  process_owner: { permissions: [...views.filter((p) => p !== 'accidents.view'), 'cycles.manage', 'controls.manage', 'findings.acknowledge', 'benefits.manage'], allEmployers: false },
  accident_manager: { permissions: ACCIDENT_MANAGER, allEmployers: false },
  prevention_advisor: { permissions: ['employers.view', 'accidents.view', 'accidents.report'], allEmployers: false },
  viewer: { permissions: views, allEmployers: false },
};

export const isPermission = (p: string): p is Permission => (PERMISSIONS as string[]).includes(p);

/** Held only together with every employer: a role holding one must see every employer, and a principal limited to some employers (a token granted a few) loses it. */
export const PLATFORM_PERMISSIONS: readonly Permission[] = ['platform.settings'];

/** Permissions that, beyond being held, need another one to be granted. */
const GRANTED_ONLY_WITH: Partial<Record<Permission, Permission>> = { 'accidents.health': 'admin.health', 'admin.health': 'admin.health' };

/** What a grantor holds: their permissions, and their employers ('all': every one). */
export interface Grantor {
  permissions: ReadonlySet<string>;
  employerIds: 'all' | readonly string[];
}

/** Why a role definition cannot exist (a platform permission without every employer), or null. */
export function roleDefinitionProblem(role: RoleDefinition): string | null {
  const platform = role.permissions.find((p) => PLATFORM_PERMISSIONS.includes(p));
  return platform && !role.allEmployers ? `${platform} is held only by a role that sees every employer` : null;
}

/**
 * Why the grantor may not hand out this role (to a user or a token, or define it), or null:
 * nobody grants a permission they do not hold, health access needs `admin.health` besides, and
 * only one who sees every employer grants a role that does.
 */
export function roleGrantRefusal(grantor: Grantor, role: RoleDefinition): string | null {
  for (const p of role.permissions) {
    if (!grantor.permissions.has(p)) return `you do not hold ${p}, so you cannot grant it`;
    const needs = GRANTED_ONLY_WITH[p];
    if (needs && !grantor.permissions.has(needs)) return `${p} is granted only by a holder of ${needs}`;
  }
  if (role.allEmployers && grantor.employerIds !== 'all') return 'only one who sees every employer grants a role that does';
  return null;
}

/** The first of these employers the grantor does not hold themselves, if any. */
export function ungrantedEmployer(grantor: Grantor, employerIds: readonly string[]): string | undefined {
  if (grantor.employerIds === 'all') return undefined;
  const held = grantor.employerIds;
  return employerIds.find((id) => !held.includes(id));
}

/**
 * Whether an account (a user or a token: its role and the employers it reaches) lies within the
 * grantor's reach — the grantor could have made it. Administration of users and tokens is
 * limited to these: a user administrator of one employer neither sees nor changes the global
 * admin, a user of another employer, or a holder of rights they lack.
 */
export function withinReach(grantor: Grantor, role: RoleDefinition | undefined, employerIds: 'all' | readonly string[]): boolean {
  if (!role || roleGrantRefusal(grantor, role)) return false;
  if (employerIds === 'all') return grantor.employerIds === 'all';
  return ungrantedEmployer(grantor, employerIds) === undefined;
}
