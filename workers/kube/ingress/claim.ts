// Which Ingresses kubeflare's ingress serves: those whose class (spec.ingressClassName, else the legacy
// kubernetes.io/ingress.class annotation, else the default IngressClass) names our controller. Shared by
// the agent's proxy (what to route) and the status controller (what to publish addresses for).
import type { KObject } from '../registry/types';

export const INGRESS_CONTROLLER = 'kubeflare.dev/ingress';
/** The IngressClass bootstrap creates when the cluster has none. */
export const DEFAULT_INGRESS_CLASS = 'kubeflare';
/** The label an agent with `ingress.enabled` puts on its Node (its addresses go into Ingress status). */
export const INGRESS_NODE_LABEL = 'kubeflare.dev/ingress-proxy';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

export interface IngressClassLike extends KObject {
  spec?: { controller?: string };
}

export interface IngressLike extends KObject {
  spec?: { ingressClassName?: string };
}

/**
 * The default class as upstream's admission picks it: among classes annotated is-default-class=true,
 * the newest (ties by name). Undefined when there is none.
 */
export function defaultClass(classes: IngressClassLike[]): IngressClassLike | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return defaults[0];
}

/** True when `ingress` belongs to a class implemented by `controller`. */
export function claims(ingress: IngressLike, classes: IngressClassLike[], controller = INGRESS_CONTROLLER): boolean {
  const name = ingress.spec?.ingressClassName ?? ingress.metadata.annotations?.[LEGACY_CLASS_ANNOTATION];
  const cls = name === undefined ? defaultClass(classes) : classes.find((c) => c.metadata.name === name);
  return cls?.spec?.controller === controller;
}
