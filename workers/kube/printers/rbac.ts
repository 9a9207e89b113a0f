// RoleBindings and ClusterRoleBindings: NAME ROLE AGE | USERS GROUPS SERVICEACCOUNTS.
// Roles and ClusterRoles have no printer upstream and use the NAME / CREATED AT default.
import { AGE, NAME, col } from './columns';
import { since } from './duration';
import type { Printer } from './types';
import type { KObject } from '../registry/types';

interface Binding extends KObject {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

/** Users, groups and "namespace/name" service accounts, each joined with ", ". */
export function subjectColumns(b: Binding): [string, string, string] {
  const subjects = b.subjects ?? [];
  const of = (kind: string) => subjects.filter((s) => s.kind === kind);
  return [
    of('User').map((s) => s.name).join(', '),
    of('Group').map((s) => s.name).join(', '),
    of('ServiceAccount').map((s) => `${s.namespace ?? ''}/${s.name}`).join(', '),
  ];
}

export const bindingPrinter: Printer<Binding> = {
  columns: [
    NAME,
    col('Role', 'Bound role as Kind/name.'),
    AGE,
    col('Users', 'Users bound.', { wide: true }),
    col('Groups', 'Groups bound.', { wide: true }),
    col('ServiceAccounts', 'Service accounts bound.', { wide: true }),
  ],
  cells: (b, now) => [b.metadata.name ?? '', `${b.roleRef?.kind ?? ''}/${b.roleRef?.name ?? ''}`, since(b.metadata.creationTimestamp, now), ...subjectColumns(b)],
};
