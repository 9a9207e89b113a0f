import type { ResourceDef } from '../../kube/registry/types';
import type { Env } from './env';
import type { Registry } from './registry';
import type { ResourceRequest } from './request/info';
import type { Db } from './store';
import type { UserInfo } from './auth/user';

/** Everything a resource handler needs for one request. */
export interface ResourceCtx {
  env: Env;
  exec: ExecutionContext;
  db: Db;
  registry: Registry;
  def: ResourceDef;
  req: ResourceRequest;
  request: Request;
  query: URLSearchParams;
  user: UserInfo;
  /** Texts for `Warning: 299 - "..."` response headers. */
  warnings: string[];
}
