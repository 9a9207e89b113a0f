// Wording helpers shared by the checks; the detail strings are wire-visible, so they follow upstream's forms.
import type { PodSpec } from './types';

type AnyContainer = NonNullable<PodSpec['containers']>[number];

export const pluralize = (singular: string, plural: string, n: number) => (n === 1 ? singular : plural);

/** `"a", "b"`; empty input gives an empty string. */
export const joinQuote = (items: string[]) => (items.length ? `"${items.join('", "')}"` : '');

/** `container "a"` / `containers "a", "b"`. */
export const containersPhrase = (names: string[]) => `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;

/** Sorted distinct values, as Go's string sets list them (byte order, not locale order). */
export const sortedSet = (items: Iterable<string>) => [...new Set(items)].sort();

/** Go's %q for the plain strings met here; JSON escaping agrees with it on printable text. */
export const goQuote = (s: string) => JSON.stringify(s);

/** Init containers, then containers, then ephemeral containers: the order upstream reports them in. */
export function allContainers(spec: PodSpec): AnyContainer[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as AnyContainer[])];
}

export const isWindowsPod = (spec: PodSpec) => spec.os?.name === 'windows';

/** "pod and containers "a", "b"": the subject of the pod-or-container checks. */
export function settersPhrase(pod: boolean, containers: string[], extra: string[] = []) {
  const parts: string[] = [];
  if (pod) parts.push('pod');
  if (containers.length) parts.push(containersPhrase(containers));
  parts.push(...extra);
  return parts.join(' and ');
}
