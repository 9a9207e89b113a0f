// Operation ids and tags in the apiserver's style: patchAppsV1NamespacedDeployment, tag "apps_v1".
export const camel = (s: string): string => s.replace(/(^|[^a-zA-Z0-9])([a-zA-Z0-9])/g, (_m, _sep, c: string) => c.toUpperCase());

/** "" → Core, "rbac.authorization.k8s.io" → RbacAuthorization, "example.com" → ExampleCom. */
export const groupWord = (group: string): string => (group === '' ? 'Core' : camel(group.replace(/\.k8s\.io$/, '')));

export const tagOf = (group: string, version: string): string => `${groupWord(group).replace(/^./, (c) => c.toLowerCase())}_${version}`;
