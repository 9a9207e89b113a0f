// Defaulting of claim specs (PVCs, ephemeral volume templates, StatefulSet claim templates).
import type { z } from 'zod';
import type { persistentVolumeClaimSpec } from './spec';

export function defaultPvcSpec(spec: z.infer<typeof persistentVolumeClaimSpec>) {
  spec.volumeMode ??= 'Filesystem';
}
