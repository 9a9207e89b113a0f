// The namespace policy: what the pod-security.kubernetes.io/<mode>[-version] labels ask for.
import type { Level } from './types';
import { formatVersion, levelRank, parseLevel, parseVersion } from './version';

export const LABEL_PREFIX = 'pod-security.kubernetes.io/';
export type Mode = 'enforce' | 'audit' | 'warn';

export interface LevelVersion {
  level: Level;
  version: string; // "latest" or "v1.x", canonical
}

export interface NamespacePolicy {
  enforce: LevelVersion;
  audit: LevelVersion;
  warn: LevelVersion;
  /** Label problems, worded like upstream's field errors; reported in the audit annotation "error". */
  errors: string[];
}

const DEFAULT: LevelVersion = { level: 'privileged', version: 'latest' };

/**
 * Reads the namespace labels. Upstream's fallbacks on bad values: an invalid enforce level enforces
 * restricted (fail closed); invalid audit and warn levels mean privileged (fail open); an invalid
 * version means latest. When enforce is set and warn is not, warn follows enforce if enforce is stricter.
 */
export function policyFromNamespaceLabels(labels: Record<string, string> | undefined, defaults: Partial<Record<Mode, LevelVersion>> = {}): NamespacePolicy {
  const errors: string[] = [];
  const get = (key: string) => (labels && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined);
  const invalid = (key: string, value: string, why: string) => errors.push(`metadata.labels[${LABEL_PREFIX}${key}]: Invalid value: "${value}": ${why}`);

  const read = (mode: Mode) => {
    const out = { ...(defaults[mode] ?? DEFAULT) };
    const level = get(LABEL_PREFIX + mode);
    let levelOk = false;
    if (level !== undefined) {
      const p = parseLevel(level);
      out.level = p.error && mode !== 'enforce' ? 'privileged' : p.level;
      levelOk = !p.error;
      if (p.error) invalid(mode, level, p.error);
    }
    const version = get(`${LABEL_PREFIX}${mode}-version`);
    if (version !== undefined) {
      const p = parseVersion(version);
      out.version = formatVersion(p.version);
      if (p.error) invalid(`${mode}-version`, version, p.error);
    }
    return { value: out, levelSet: level !== undefined, levelOk, versionSet: version !== undefined };
  };

  const enforce = read('enforce');
  const audit = read('audit');
  const warn = read('warn');
  if (!warn.levelSet && enforce.levelOk && levelRank(enforce.value.level) > levelRank(warn.value.level)) {
    warn.value.level = enforce.value.level;
    if (!warn.versionSet) warn.value.version = enforce.value.version;
  }
  return { enforce: enforce.value, audit: audit.value, warn: warn.value, errors };
}

export const isFullyPrivileged = (p: NamespacePolicy) => p.enforce.level === 'privileged' && p.audit.level === 'privileged' && p.warn.level === 'privileged';
