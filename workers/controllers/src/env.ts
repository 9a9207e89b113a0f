import type { ControllerHost } from './host';

export interface ControllersEnv {
  /** Service binding to the api worker. */
  API: Fetcher;
  CONTROLLERS: DurableObjectNamespace<ControllerHost>;
  /** Bearer token of the controller-manager identity (a Worker secret on Cloudflare). */
  API_TOKEN: string;
}
