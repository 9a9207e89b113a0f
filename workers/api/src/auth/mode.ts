// Switches that turn security off, for measuring what it costs (bench/security) and nothing else. They
// mirror kube-apiserver's flags: AUTHORIZATION_MODE=AlwaysAllow (--authorization-mode=AlwaysAllow, with
// --anonymous-auth: a request without a token is system:anonymous) and ADMISSION_PLUGINS=none (no
// admission plugin runs). Neither is set by default or by `npm start`; never set them on a real cluster.
import type { Env } from '../env';

export const ALWAYS_ALLOW = 'AlwaysAllow';

// Per isolate: every request of an isolate sees the same bindings, so the last request's value is the value.
let mode: string | undefined;

/** Read from the request's bindings by the authentication middleware, before anything is authorized. */
export function configureAuthorization(env: Pick<Env, 'AUTHORIZATION_MODE'>): void {
  mode = env.AUTHORIZATION_MODE;
}

export const authorizationAlwaysAllows = (): boolean => mode === ALWAYS_ALLOW;

export const admissionDisabled = (env: Pick<Env, 'ADMISSION_PLUGINS'>): boolean => env.ADMISSION_PLUGINS === 'none';
