/** The authenticated identity of a request (upstream user.Info). */
export interface UserInfo {
  name: string;
  uid: string;
  groups: string[];
  /** Upstream's user.Info extra (e.g. authentication.kubernetes.io/pod-name for ServiceAccount tokens). */
  extra?: Record<string, string[]>;
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'] };
