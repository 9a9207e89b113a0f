// Container: the unit of work inside a pod (also used by init and ephemeral containers).
import { z } from 'zod';
import { int32, mapList, atomicList } from '../../../schemas/meta';
import { coreId, opt } from '../common/util';
import { configMapKeySelector, objectFieldSelector, resourceFieldSelector, secretKeySelector, resourceList } from '../common/refs';
import { lifecycle, probe } from './probe';
import { securityContext } from './security';

export const fileKeySelector = z
  .strictObject({
    volumeName: z.string().meta({ description: 'Volume holding the env file.' }),
    path: z.string().meta({ description: 'Path of the file inside the volume.' }),
    key: z.string().meta({ description: 'Key to read from the file.' }),
    optional: opt(z.boolean(), 'Whether the file or key may be missing.'),
  })
  .meta({ id: coreId('FileKeySelector'), description: 'Selects a key of an env file in a volume.' });

export const envVarSource = z
  .strictObject({
    fieldRef: opt(objectFieldSelector, 'A pod field, e.g. metadata.name or status.podIP.'),
    resourceFieldRef: opt(resourceFieldSelector, 'A container resource limit or request.'),
    configMapKeyRef: opt(configMapKeySelector, 'A key of a ConfigMap.'),
    secretKeyRef: opt(secretKeySelector, 'A key of a Secret.'),
    fileKeyRef: opt(fileKeySelector, 'A key of an env file in a volume.'),
  })
  .meta({ id: coreId('EnvVarSource'), description: 'Where an environment variable takes its value from.' });

export const envVar = z
  .strictObject({
    name: z.string().meta({ description: 'Variable name.' }),
    value: opt(z.string(), 'Literal value; $(VAR) references to earlier variables are expanded.'),
    valueFrom: opt(envVarSource, 'Takes the value from another source; not allowed with value.'),
  })
  .meta({ id: coreId('EnvVar'), description: 'An environment variable of a container.' });

const envSource = (id: string, what: string) =>
  z
    .strictObject({ name: opt(z.string(), `Name of the ${what}.`), optional: opt(z.boolean(), `Whether the ${what} may be missing.`) })
    .meta({ id: coreId(id), description: `Exposes every key of a ${what} as environment variables.` });

export const envFromSource = z
  .strictObject({
    prefix: opt(z.string(), 'Prefix added to every variable name.'),
    configMapRef: opt(envSource('ConfigMapEnvSource', 'ConfigMap')),
    secretRef: opt(envSource('SecretEnvSource', 'Secret')),
  })
  .meta({ id: coreId('EnvFromSource'), description: 'A set of environment variables taken from a ConfigMap or Secret.' });

export const containerPort = z
  .strictObject({
    name: opt(z.string(), 'IANA service name for the port, unique in the pod.'),
    hostPort: opt(int32(), 'Port to expose on the host.'),
    containerPort: int32().meta({ description: 'Port number on the pod IP.' }),
    protocol: opt(z.string(), 'TCP, UDP or SCTP; defaults to TCP.'),
    hostIP: opt(z.string(), 'Host IP to bind the host port to.'),
  })
  .meta({ id: coreId('ContainerPort'), description: 'A network port a container listens on.' });

export const resourceClaim = z
  .strictObject({
    name: z.string().meta({ description: 'Name of an entry in pod.spec.resourceClaims.' }),
    request: opt(z.string(), 'Name of a request within the claim.'),
  })
  .meta({ id: 'io.k8s.api.core.v1.ResourceClaim', description: 'A reference to a pod resource claim used by a container.' });

export const resourceRequirements = z
  .strictObject({
    limits: opt(resourceList(), 'Maximum amount of each resource allowed.'),
    requests: opt(resourceList(), 'Amount of each resource reserved; defaults to limits when omitted.'),
    claims: opt(mapList(resourceClaim, 'name', { mapKeys: ['name'] }), 'Dynamic resource claims this container uses.'),
  })
  .meta({ id: coreId('ResourceRequirements'), description: 'Compute resource requests and limits.' });

export const volumeMount = z
  .strictObject({
    name: z.string().meta({ description: 'Name of the pod volume to mount.' }),
    readOnly: opt(z.boolean(), 'Mount read-only.'),
    recursiveReadOnly: opt(z.string(), 'Disabled, IfPossible or Enabled.'),
    mountPath: z.string().meta({ description: 'Path in the container to mount at.' }),
    subPath: opt(z.string(), 'Sub-path of the volume to mount instead of its root.'),
    mountPropagation: opt(z.string(), 'None, HostToContainer or Bidirectional.'),
    subPathExpr: opt(z.string(), 'Like subPath but with $(VAR) expansion.'),
  })
  .meta({ id: coreId('VolumeMount'), description: 'Mounts a pod volume into a container.' });

export const volumeDevice = z
  .strictObject({
    name: z.string().meta({ description: 'Name of a persistentVolumeClaim volume of the pod.' }),
    devicePath: z.string().meta({ description: 'Path of the device inside the container.' }),
  })
  .meta({ id: coreId('VolumeDevice'), description: 'Maps a raw block volume into a container.' });

export const containerResizePolicy = z
  .strictObject({
    resourceName: z.string().meta({ description: 'Resource the policy applies to (cpu, memory).' }),
    restartPolicy: z.string().meta({ description: 'NotRequired or RestartContainer.' }),
  })
  .meta({ id: coreId('ContainerResizePolicy'), description: 'How a container reacts to an in-place resource resize.' });

export const containerRestartRule = z
  .strictObject({
    action: z.string().meta({ description: 'Action taken when the rule matches (Restart).' }),
    exitCodes: opt(
      z
        .strictObject({
          operator: z.string().meta({ description: 'In or NotIn.' }),
          values: opt(z.array(int32()).meta({ 'x-kubernetes-list-type': 'set' }), 'Exit codes to compare against.'),
        })
        .meta({ id: coreId('ContainerRestartRuleOnExitCodes'), description: 'Matches container exit codes.' }),
    ),
  })
  .meta({ id: coreId('ContainerRestartRule'), description: 'A rule deciding whether an exited container restarts.' });

/** Fields shared by regular and ephemeral containers. */
export const containerShape = {
  name: z.string().meta({ description: 'Name of the container, a DNS label unique in the pod.' }),
  image: opt(z.string(), 'Container image reference.'),
  command: opt(atomicList(z.string()), "Entrypoint array; replaces the image's ENTRYPOINT."),
  args: opt(atomicList(z.string()), "Arguments to the entrypoint; replace the image's CMD."),
  workingDir: opt(z.string(), 'Working directory of the entrypoint.'),
  ports: opt(mapList(containerPort, 'containerPort', { mapKeys: ['containerPort', 'protocol'] }), 'Ports the container exposes.'),
  envFrom: opt(atomicList(envFromSource), 'Sources to populate environment variables from.'),
  env: opt(mapList(envVar, 'name'), 'Environment variables to set.'),
  resources: opt(resourceRequirements, 'Compute resources required by this container.'),
  resizePolicy: opt(atomicList(containerResizePolicy), 'Resize policy per resource.'),
  restartPolicy: opt(z.string(), 'Only Always is allowed, on init containers, to make them sidecars.'),
  restartPolicyRules: opt(atomicList(containerRestartRule), 'Rules overriding restartPolicy by exit code.'),
  volumeMounts: opt(mapList(volumeMount, 'mountPath'), 'Pod volumes to mount into the filesystem.'),
  volumeDevices: opt(mapList(volumeDevice, 'devicePath'), 'Block devices to map into the container.'),
  livenessProbe: opt(probe, 'The container is restarted when this probe fails.'),
  readinessProbe: opt(probe, 'The pod is removed from service endpoints while this probe fails.'),
  startupProbe: opt(probe, 'Other probes wait until this one succeeds.'),
  lifecycle: opt(lifecycle),
  terminationMessagePath: opt(z.string(), 'File whose contents become the termination message; defaults to /dev/termination-log.'),
  terminationMessagePolicy: opt(z.string(), 'File or FallbackToLogsOnError.'),
  imagePullPolicy: opt(z.string(), 'Always, Never or IfNotPresent.'),
  securityContext: opt(securityContext),
  stdin: opt(z.boolean(), 'Allocate a stdin buffer.'),
  stdinOnce: opt(z.boolean(), 'Close stdin after the first attach session ends.'),
  tty: opt(z.boolean(), 'Allocate a TTY.'),
};

export const container = z
  .strictObject(containerShape)
  .meta({ id: coreId('Container'), description: 'A single application container that runs in a pod.' });

export const ephemeralContainer = z
  .strictObject({
    ...containerShape,
    targetContainerName: opt(z.string(), 'Container whose namespaces this debugging container joins.'),
  })
  .meta({ id: coreId('EphemeralContainer'), description: 'A temporary container added to a running pod, e.g. for debugging.' });

export type Container = z.infer<typeof container>;
