/** The authenticated identity of a request (upstream user.Info). */
export interface UserInfo {
  name: string;
  uid: string;
  groups: string[];
}

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', uid: '', groups: ['system:unauthenticated'] };
