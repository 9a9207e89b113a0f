import { describe, expect, it } from 'vitest';
import { applyQuery, targetOf } from './apply';

const apps = [
  { name: 'deployments', kind: 'Deployment', namespaced: true },
  { name: 'deployments/scale', kind: 'Scale', namespaced: true },
];
const core = [{ name: 'namespaces', kind: 'Namespace', namespaced: false }];

describe('apply targets', () => {
  it('builds the object path from discovery, in the document’s or the chosen namespace', () => {
    expect(targetOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, apps, 'default')).toEqual({ ok: true, path: '/apis/apps/v1/namespaces/default/deployments/web', label: 'deployments/web in default' });
    expect(targetOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod' } }, apps, 'default')).toMatchObject({ path: '/apis/apps/v1/namespaces/prod/deployments/web' });
    expect(targetOf({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } }, core, 'default')).toMatchObject({ path: '/api/v1/namespaces/team' });
  });

  it('says what is missing, as kubectl does', () => {
    expect(targetOf({ kind: 'Deployment', metadata: { name: 'x' } }, apps, 'd')).toEqual({ ok: false, message: 'apiVersion is required' });
    expect(targetOf({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {} }, apps, 'd')).toMatchObject({ ok: false, message: expect.stringContaining('metadata.name') });
    expect(targetOf({ apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'x' } }, apps, 'd')).toEqual({ ok: false, message: 'no matches for kind "Deploymnt" in version "apps/v1"' });
    expect(targetOf('text', apps, 'd').ok).toBe(false);
  });

  it('applies as the console’s field manager with strict validation', () => {
    expect(applyQuery(false, false)).toBe('fieldManager=kubeflare-console&fieldValidation=Strict');
    expect(applyQuery(true, true)).toBe('fieldManager=kubeflare-console&fieldValidation=Strict&force=true&dryRun=All');
  });
});
