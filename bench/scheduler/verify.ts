// Reads the final state back from the API and checks it (check.ts).
import type { ApiClient } from '../../workers/kube/client';
import { checkPlacement, type CheckNode, type CheckPod } from './check';

export async function verify(api: ApiClient): Promise<{ problems: string[]; pending: number }> {
  const nodes = (await api.list<CheckNode>('/api/v1/nodes')).items;
  const pods = (await api.list<CheckPod>('/api/v1/pods')).items;
  return { problems: checkPlacement(nodes, pods), pending: pods.filter((p) => !p.spec.nodeName).length };
}
