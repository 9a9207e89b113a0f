import type { UserInfo } from './auth/user';
import type { Env } from './env';
import type { Db } from './store';

/** Hono's environment: bindings plus per-request variables set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: { user: UserInfo; db: Db };
}
