import { describe, expect, it } from 'vitest';
import { claims, defaultClass, INGRESS_CONTROLLER, type IngressClassLike, type IngressLike } from './claim';

const cls = (name: string, controller: string, isDefault = false, created = '2026-01-01T00:00:00Z'): IngressClassLike => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name, creationTimestamp: created, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) },
  spec: { controller },
});
const ing = (className?: string, annotation?: string): IngressLike => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'i', namespace: 'default', ...(annotation ? { annotations: { 'kubernetes.io/ingress.class': annotation } } : {}) },
  spec: className ? { ingressClassName: className } : {},
});

describe('ingress class claim', () => {
  const ours = cls('kubeflare', INGRESS_CONTROLLER, true);
  const nginx = cls('nginx', 'k8s.io/ingress-nginx');
  it.each([
    ['an Ingress naming our class', ing('kubeflare'), [ours, nginx], true],
    ['an Ingress naming another controller’s class', ing('nginx'), [ours, nginx], false],
    ['an Ingress naming a class that does not exist', ing('missing'), [ours], false],
    ['an Ingress without a class when ours is the default', ing(), [ours, nginx], true],
    ['an Ingress without a class when there is no default', ing(), [cls('kubeflare', INGRESS_CONTROLLER), nginx], false],
    ['an Ingress without a class when another controller is the default', ing(), [cls('kubeflare', INGRESS_CONTROLLER), cls('nginx', 'k8s.io/ingress-nginx', true)], false],
    ['an Ingress with the legacy annotation naming our class', ing(undefined, 'kubeflare'), [cls('kubeflare', INGRESS_CONTROLLER)], true],
  ] as const)('%s', (_name, ingress, classes, want) => {
    expect(claims(ingress, [...classes])).toBe(want);
  });

  it('picks the newest default class when several are marked default', () => {
    const old = cls('old', 'a.io/x', true, '2025-01-01T00:00:00Z');
    const young = cls('young', 'b.io/y', true, '2026-06-01T00:00:00Z');
    expect(defaultClass([old, young])?.metadata.name).toBe('young');
    expect(defaultClass([cls('plain', 'a.io/x')])).toBeUndefined();
  });
});
