import { BUILTIN_ROLES, roleDefinitionProblem, roleGrantRefusal, ungrantedEmployer, withinReach } from '../../../domain/access/permissions';
import type { Grantor } from '../../../domain/access/permissions';

const grantor = (role: keyof typeof BUILTIN_ROLES, employerIds: Grantor['employerIds']): Grantor => ({ permissions: new Set(BUILTIN_ROLES[role].permissions), employerIds });

describe('granting roles', () => {
  it('gives health access only to holders of admin.health: no built-in role but the health admin and accident manager holds accidents.health', () => {
    const holders = Object.entries(BUILTIN_ROLES).filter(([, r]) => r.permissions.includes('accidents.health')).map(([n]) => n).sort();
    expect(holders).toEqual(['accident_manager', 'health_admin']);
    const grantors = Object.entries(BUILTIN_ROLES).filter(([, r]) => r.permissions.includes('admin.health')).map(([n]) => n);
    expect(grantors).toEqual(['health_admin']);
    expect(roleGrantRefusal(grantor('admin', 'all'), BUILTIN_ROLES.accident_manager)).toMatch(/accidents.health/);
    expect(roleGrantRefusal(grantor('health_admin', 'all'), BUILTIN_ROLES.accident_manager)).toBeNull();
    // Holding accidents.health is not enough to grant it.
    expect(roleGrantRefusal({ permissions: new Set([...BUILTIN_ROLES.accident_manager.permissions, 'admin.users']), employerIds: 'all' }, BUILTIN_ROLES.accident_manager)).toMatch(/admin.health/);
  });

  it('refuses permissions the grantor lacks, and every employer to one who does not see them all', () => {
    expect(roleGrantRefusal(grantor('health_admin', 'all'), BUILTIN_ROLES.hr)).toMatch(/payroll/);
    expect(roleGrantRefusal(grantor('admin', ['e1']), { permissions: ['employers.view'], allEmployers: true })).toMatch(/every employer/);
    expect(roleGrantRefusal(grantor('admin', 'all'), { permissions: ['employers.view'], allEmployers: true })).toBeNull();
  });

  it('keeps platform permissions to roles that see every employer', () => {
    expect(roleDefinitionProblem({ permissions: ['platform.settings'], allEmployers: false })).toMatch(/every employer/);
    expect(roleDefinitionProblem(BUILTIN_ROLES.admin)).toBeNull();
    for (const r of Object.values(BUILTIN_ROLES)) expect(roleDefinitionProblem(r)).toBeNull();
  });

  it('finds the first employer not held, and the accounts within reach', () => {
    expect(ungrantedEmployer(grantor('admin', ['a']), ['a', 'b'])).toBe('b');
    expect(ungrantedEmployer(grantor('admin', 'all'), ['a', 'b'])).toBeUndefined();
    const scopedAdmin = { permissions: new Set(['admin.users', 'employers.view']), employerIds: ['a'] } satisfies Grantor;
    const clerk = { permissions: ['employers.view' as const], allEmployers: false };
    expect(withinReach(scopedAdmin, clerk, ['a'])).toBe(true);
    expect(withinReach(scopedAdmin, clerk, ['a', 'b'])).toBe(false);
    expect(withinReach(scopedAdmin, BUILTIN_ROLES.admin, 'all')).toBe(false);
    expect(withinReach(scopedAdmin, undefined, ['a'])).toBe(false);
  });
});
