/**
 * What each role may do. Least privilege: a role gets what its work needs and nothing more;
 * restricted details (witnesses, contacts, detention places) are for admins and editors only.
 */
export const roles = ['admin', 'editor', 'reviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'records:read',
  'records:import',
  'records:edit',
  'matches:decide',
  'restricted:read',
  'export:restricted',
  'users:manage',
  'audit:read',
  // A backup holds everything, restricted details and accounts included.
  'register:backup',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  editor: ['records:read', 'records:import', 'records:edit', 'matches:decide', 'restricted:read'],
  reviewer: ['records:read', 'matches:decide'],
  viewer: ['records:read'],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
