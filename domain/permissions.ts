/**
 * Roles and what they may do. The full user and role model (areas, actions, employers granted)
 * is issue 6; this is the part accident cases need now: health data is its own permission, held
 * by the roles that handle medical documents and no other — not even admin.
 */
export const PERMISSIONS = [
  'accidents.read', 'accidents.write', 'accidents.health', 'accidents.report', 'tokens.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'hr', 'accident_manager', 'prevention_advisor'] as const;
export type Role = (typeof ROLES)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ['accidents.read', 'accidents.write', 'accidents.report', 'tokens.manage'],
  hr: ['accidents.read', 'accidents.write'],
  accident_manager: ['accidents.read', 'accidents.write', 'accidents.health', 'accidents.report'],
  prevention_advisor: ['accidents.read', 'accidents.report'],
};

export function can(role: string, permission: Permission): boolean {
  return (GRANTS as Record<string, readonly Permission[] | undefined>)[role]?.includes(permission) ?? false;
}
