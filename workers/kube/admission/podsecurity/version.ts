// Policy levels and versions as the namespace labels spell them: "baseline", "v1.27", "latest".
import type { Level } from './types';

/** A policy version: the minor of v1.<minor>, or latest (every check at its newest revision). */
export type PolicyVersion = number | 'latest';

export const LEVELS: Level[] = ['privileged', 'baseline', 'restricted'];

const VERSION = /^v1\.(0|[1-9][0-9]*)$/;

/** Invalid levels fail closed to restricted, as upstream does; the error explains. */
export function parseLevel(value: string): { level: Level; error?: string } {
  if ((LEVELS as string[]).includes(value)) return { level: value as Level };
  return { level: 'restricted', error: `must be one of ${LEVELS.join(', ')}` };
}

/** Invalid versions fall back to latest, as upstream does. */
export function parseVersion(value: string): { version: PolicyVersion; error?: string } {
  if (value === 'latest') return { version: 'latest' };
  const m = VERSION.exec(value);
  const minor = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(minor)) return { version: 'latest', error: 'must be "latest" or "v1.x"' };
  return { version: minor };
}

export const formatVersion = (v: PolicyVersion) => (v === 'latest' ? 'latest' : `v1.${v}`);

/** "restricted:latest", the form used in every message. */
export const levelVersion = (level: Level, version: PolicyVersion) => `${level}:${formatVersion(version)}`;

export const levelRank = (l: Level) => LEVELS.indexOf(l);
