// The in-tree plugin registry: name → factory. Profiles refer to plugins by these names.
import type { Registry } from '../framework/interfaces';
import * as defaultBinder from './default-binder';
import * as defaultPreemption from './default-preemption';
import * as imageLocality from './image-locality';
import * as interPodAffinity from './inter-pod-affinity';
import * as nodeAffinity from './node-affinity';
import * as nodeName from './node-name';
import * as nodePorts from './node-ports';
import * as balancedAllocation from './node-resources-balanced-allocation';
import * as nodeResourcesFit from './node-resources-fit';
import * as nodeUnschedulable from './node-unschedulable';
import * as podTopologySpread from './pod-topology-spread';
import * as taintToleration from './taint-toleration';
import * as volumeBinding from './volume-binding';

export const inTreeRegistry: Registry = {
  [nodeUnschedulable.name]: nodeUnschedulable.New,
  [nodeName.name]: nodeName.New,
  [taintToleration.name]: taintToleration.New,
  [nodeAffinity.name]: nodeAffinity.New,
  [nodePorts.name]: nodePorts.New,
  [nodeResourcesFit.name]: nodeResourcesFit.New,
  [balancedAllocation.name]: balancedAllocation.New,
  [imageLocality.name]: imageLocality.New,
  [podTopologySpread.name]: podTopologySpread.New,
  [interPodAffinity.name]: interPodAffinity.New,
  [defaultPreemption.name]: defaultPreemption.New,
  [defaultBinder.name]: defaultBinder.New,
  [volumeBinding.name]: volumeBinding.New,
};
