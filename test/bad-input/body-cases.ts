// Malformed bodies: JSON, types, names, labels, sizes, identity, paths, required fields, fieldValidation.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { type BadCase, NS, CM, SECRETS, PODS, SVCS, DEPLOYS, NAMESPACES, SEED, DELETE_TARGETS, configMap, secret, pod, deployment, service, namespace, broken, MiB, OVERSIZED, OVERSIZED_LEN, cmJson, STRICT, BAD, INVALID, NOT_FOUND, TOO_LARGE, post } from './fixtures';

export const BODY_CASES: BadCase[] = [
  // ── Broken JSON: upstream's decoder fails before anything else → 400 "couldn't get version/kind; json parse error"
  { name: 'json: truncated object', method: 'POST', path: CM, raw: cmJson('bi-j1').slice(0, 60), ...BAD },
  { name: 'json: trailing garbage', method: 'POST', path: CM, raw: `${cmJson('bi-j2')} garbage`, ...BAD },
  { name: 'json: two concatenated objects', method: 'POST', path: CM, raw: `${cmJson('bi-j3')}${cmJson('bi-j3b')}`, ...BAD },
  { name: 'json: empty body', method: 'POST', path: CM, raw: '', ...BAD },
  { name: 'json: whitespace-only body', method: 'POST', path: CM, raw: '  \n\t ', ...BAD },
  { name: 'json: top-level empty array', method: 'POST', path: CM, raw: '[]', ...BAD },
  { name: 'json: top-level array holding a valid manifest', method: 'POST', path: CM, raw: `[${cmJson('bi-j7')}]`, ...BAD },
  { name: 'json: top-level string', method: 'POST', path: CM, raw: '"ConfigMap"', ...BAD },
  { name: 'json: top-level number', method: 'POST', path: CM, raw: '42', ...BAD },
  { name: 'json: top-level null', method: 'POST', path: CM, raw: 'null', ...BAD },
  { name: 'json: top-level boolean', method: 'POST', path: CM, raw: 'true', ...BAD },
  { name: 'json: single-quoted keys', method: 'POST', path: CM, raw: "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'bi-j12'}}", ...BAD },
  { name: 'json: NaN literal', method: 'POST', path: DEPLOYS, raw: JSON.stringify(deployment('bi-j13')).replace('"replicas":2', '"replicas":NaN'), ...BAD },
  { name: 'json: leading comment', method: 'POST', path: CM, raw: `// config\n${cmJson('bi-j14')}`, ...BAD },
  { name: 'json: unterminated string', method: 'POST', path: CM, raw: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bi-j15}}', ...BAD },
  { name: 'json: invalid escape', method: 'POST', path: CM, raw: cmJson('bi-j16').replace('mode=green', 'mode=\\xgreen'), ...BAD },
  { name: 'json: truncated PUT body', method: 'PUT', path: `${CM}/${SEED}`, raw: cmJson(SEED).slice(0, -5), ...BAD },
  { name: 'json: truncated deployment', method: 'POST', path: DEPLOYS, raw: JSON.stringify(deployment('bi-j18')).slice(0, 120), ...BAD },
  { name: 'yaml: unclosed flow sequence', method: 'POST', path: CM, raw: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bi-y1\ndata: [unclosed\n', contentType: 'application/yaml', ...BAD },
  { name: 'yaml: top-level sequence', method: 'POST', path: CM, raw: '- apiVersion: v1\n  kind: ConfigMap\n', contentType: 'application/yaml', ...BAD },
  {
    name: 'json: duplicate key under Strict',
    method: 'POST',
    path: `${CM}${STRICT}`,
    raw: `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bi-dup-a"},"metadata":{"name":"bi-dup-b"}}`,
    ...BAD,
    message: 'duplicate field "metadata"',
    note: 'sigs.k8s.io/json strict decoding reports duplicate fields; Strict turns them into a 400 strict decoding error',
  },

  {
    name: 'json: 100000-deep nesting in an unknown field',
    method: 'POST',
    path: CM,
    raw: cmJson('bi-deep1').replace(/}$/, `,"junk":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    ...BAD,
    note: 'Go encoding/json stops at nesting depth 10000 ("exceeded max depth") → 400; a recursive walk must not overflow the stack',
  },
  {
    name: 'json: 100000-deep nesting in a data value',
    method: 'POST',
    path: CM,
    raw: cmJson('bi-deep2').replace('"info"', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`),
    ...BAD,
  },
  {
    name: 'json: __proto__ key under Strict',
    method: 'POST',
    path: `${CM}${STRICT}`,
    raw: cmJson('bi-proto').replace(/}$/, ',"__proto__":{"polluted":"yes"}}'),
    ...BAD,
    message: 'unknown field "__proto__"',
  },

  // ── Wrong types: Go's json.Unmarshal into typed structs fails → 400 "X in version "v1" cannot be handled as a X"
  post(DEPLOYS, broken(deployment('bi-t1'), (m) => (m.spec.replicas = '3')), { ...BAD, message: 'cannot be handled as a Deployment' }, 'type: deployment replicas as string'),
  post(DEPLOYS, broken(deployment('bi-t2'), (m) => (m.spec.replicas = true)), { ...BAD, message: 'cannot be handled as a Deployment' }, 'type: deployment replicas as boolean'),
  post(DEPLOYS, broken(deployment('bi-t3'), (m) => (m.spec.replicas = 2.5)), { ...BAD, message: 'cannot be handled as a Deployment' }, 'type: deployment replicas fractional'),
  post(DEPLOYS, broken(deployment('bi-t4'), (m) => (m.spec.replicas = 1e12)), { ...BAD, message: 'cannot be handled as a Deployment' }, 'type: deployment replicas overflows int32'),
  post(CM, broken(configMap('bi-t5'), (m) => (m.metadata.labels = ['app', 'bad-input'])), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: labels as array'),
  post(CM, broken(configMap('bi-t6'), (m) => (m.metadata = 'bi-t6')), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: metadata as string'),
  post(CM, broken(configMap('bi-t7'), (m) => (m.metadata = [{ name: 'bi-t7' }])), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: metadata as array'),
  post(PODS, broken(pod('bi-t8'), (m) => (m.spec.containers = m.spec.containers[0])), { ...BAD, message: 'cannot be handled as a Pod' }, 'type: containers as object'),
  post(PODS, broken(pod('bi-t9'), (m) => (m.spec = [m.spec])), { ...BAD, message: 'cannot be handled as a Pod' }, 'type: pod spec as array'),
  post(SVCS, broken(service('bi-t10'), (m) => (m.spec.ports[0].port = '80')), { ...BAD, message: 'cannot be handled as a Service' }, 'type: service port as string'),
  post(PODS, broken(pod('bi-t11'), (m) => (m.spec.containers[0].ports[0].containerPort = '80')), { ...BAD, message: 'cannot be handled as a Pod' }, 'type: containerPort as string'),
  post(CM, broken(configMap('bi-t12'), (m) => (m.data.LOG_LEVEL = 3)), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: configmap data value as number'),
  post(CM, broken(configMap('bi-t13'), (m) => (m.data = ['a', 'b'])), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: configmap data as array'),
  post(CM, broken(configMap('bi-t14'), (m) => (m.metadata.labels.app = 1)), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: label value as number'),
  post(CM, broken(configMap('bi-t15'), (m) => (m.metadata.annotations = 'owner=qa')), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: annotations as string'),
  {
    ...post(SECRETS, broken(secret('bi-t16'), (m) => (m.data.password = 'not base64!!')), { ...BAD, message: 'cannot be handled as a Secret' }, 'type: secret data not base64'),
    note: 'Secret.data is map[string][]byte: encoding/json rejects it with "illegal base64 data at input byte"',
  },
  post(SECRETS, broken(secret('bi-t17'), (m) => (m.stringData.username = 42)), { ...BAD, message: 'cannot be handled as a Secret' }, 'type: secret stringData value as number'),
  post(DEPLOYS, broken(deployment('bi-t18'), (m) => (m.spec.selector = 'app=web')), { ...BAD, message: 'cannot be handled as a Deployment' }, 'type: deployment selector as string'),
  post(PODS, broken(pod('bi-t19'), (m) => (m.spec.containers[0].name = 7)), { ...BAD, message: 'cannot be handled as a Pod' }, 'type: container name as number'),
  post(NAMESPACES, broken(namespace('bi-t20'), (m) => (m.spec = { finalizers: 'kubernetes' })), { ...BAD, message: 'cannot be handled as a Namespace' }, 'type: namespace finalizers as string'),
  post(PODS, broken(pod('bi-t21'), (m) => (m.spec.containers[0].env = { MODE: 'green' })), { ...BAD, message: 'cannot be handled as a Pod' }, 'type: container env as object'),
  post(SVCS, broken(service('bi-t22'), (m) => (m.spec.ports = m.spec.ports[0])), { ...BAD, message: 'cannot be handled as a Service' }, 'type: service ports as object'),
  post(CM, broken(configMap('bi-t23'), (m) => (m.immutable = 'true')), { ...BAD, message: 'cannot be handled as a ConfigMap' }, 'type: immutable as string'),
  post(CM, broken(configMap('bi-t24'), (m) => (m.metadata.name = 24)), BAD, 'type: metadata.name as number'),
  post(CM, broken(configMap('bi-t25'), (m) => (m.kind = 5)), BAD, 'type: kind as number'),
  post(CM, broken(configMap('bi-t26'), (m) => (m.apiVersion = { group: '', version: 'v1' })), BAD, 'type: apiVersion as object'),

  // ── Invalid names: ValidateObjectMeta → 422 Invalid on metadata.name
  post(CM, configMap('Bi-Upper'), { ...INVALID, causes: ['metadata.name'] }, 'name: uppercase'),
  post(CM, configMap('bi_underscore'), { ...INVALID, causes: ['metadata.name'] }, 'name: underscore'),
  post(CM, configMap(`bi-${'a'.repeat(251)}`), { ...INVALID, causes: ['metadata.name'], message: 'must be no more than 253 characters' }, 'name: 254 characters'),
  post(CM, configMap('-bi-leading-dash'), { ...INVALID, causes: ['metadata.name'] }, 'name: leading dash'),
  post(CM, configMap('bi-trailing-dash-'), { ...INVALID, causes: ['metadata.name'] }, 'name: trailing dash'),
  post(CM, broken(configMap('x'), (m) => delete m.metadata.name), { ...INVALID, causes: ['metadata.name'], message: 'name or generateName is required' }, 'name: missing, no generateName'),
  post(CM, configMap(''), { ...INVALID, causes: ['metadata.name'], message: 'name or generateName is required' }, 'name: empty string, no generateName'),
  post(CM, configMap('..'), { ...INVALID, causes: ['metadata.name'] }, 'name: ".."'),
  post(CM, configMap('bi/slash'), { ...INVALID, causes: ['metadata.name'] }, 'name: contains "/"'),
  post(CM, configMap('bi%25pct'), { ...INVALID, causes: ['metadata.name'] }, 'name: contains "%"'),
  post(CM, configMap('bi-caf\u00e9'), { ...INVALID, causes: ['metadata.name'] }, 'name: unicode'),
  post(CM, configMap('bi-\u202egnp.exe'), { ...INVALID, causes: ['metadata.name'] }, 'name: right-to-left override'),
  post(CM, configMap("x'; DROP TABLE objects; --"), { ...INVALID, causes: ['metadata.name'] }, 'name: SQL injection'),
  post(CM, configMap('bi with space'), { ...INVALID, causes: ['metadata.name'] }, 'name: whitespace'),
  post(CM, configMap('bi-nul\u0000byte'), { ...INVALID, causes: ['metadata.name'] }, 'name: NUL byte'),
  {
    ...post(CM, broken(configMap('x'), (m) => {
      delete m.metadata.name;
      m.metadata.generateName = 'Bi_Gen-';
    }), { ...INVALID, causes: ['metadata.generateName'] }, 'name: invalid generateName'),
    note: 'ValidateObjectMetaAccessor validates generateName itself (field metadata.generateName) besides the generated name',
  },
  post(NAMESPACES, namespace('Bi-Upper-Ns'), { ...INVALID, causes: ['metadata.name'] }, 'name: namespace uppercase'),
  post(NAMESPACES, namespace(`bi-${'n'.repeat(61)}`), { ...INVALID, causes: ['metadata.name'], message: 'must be no more than 63 characters' }, 'name: namespace 64 characters'),
  post(NAMESPACES, namespace('bi.dotted'), { ...INVALID, causes: ['metadata.name'] }, 'name: namespace with a dot (must be a DNS label)'),
  post(SVCS, service('1bi-svc'), { ...INVALID, causes: ['metadata.name'] }, 'name: service starting with a digit (DNS-1035)'),
  post(SVCS, service('bi.svc'), { ...INVALID, causes: ['metadata.name'] }, 'name: service with a dot (DNS-1035)'),
  post(DEPLOYS, deployment('Bi-Web'), { ...INVALID, causes: ['metadata.name'], message: 'Deployment.apps "Bi-Web" is invalid' }, 'name: deployment uppercase'),
  post(SECRETS, secret("bi' OR '1'='1"), { ...INVALID, causes: ['metadata.name'] }, 'name: secret SQL injection'),
  post(PODS, pod('bi/pod'), { ...INVALID, causes: ['metadata.name'] }, 'name: pod with "/"'),
  {
    name: 'name: URL item name with "%"',
    method: 'GET',
    path: `${CM}/bi%25pct`,
    ...BAD,
    note: 'registry NamespaceKeyFunc rejects names failing IsValidPathSegmentName: 400 "Name parameter invalid"',
  },
  { name: 'name: DELETE URL item name with "%"', method: 'DELETE', path: `${CM}/bi%25pct`, ...BAD, note: 'as above: NamespaceKeyFunc' },
  {
    name: 'name: malformed percent-escape in URL',
    method: 'GET',
    path: `${CM}/bi%ZZ`,
    ...BAD,
    note: "Go's net/http rejects an invalid URL escape with 400 before the apiserver; here it must still be a Status",
  },

  // ── Labels and annotations: ValidateLabels / ValidateAnnotations → 422
  post(CM, broken(configMap('bi-l1'), (m) => (m.metadata.labels['bad key'] = 'x')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: key with space'),
  post(CM, broken(configMap('bi-l2'), (m) => (m.metadata.labels['k'.repeat(64)] = 'x')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: key name part 64 chars'),
  post(CM, broken(configMap('bi-l3'), (m) => (m.metadata.labels['Bad_Prefix/app'] = 'x')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: invalid key prefix'),
  post(CM, broken(configMap('bi-l4'), (m) => (m.metadata.labels['a/b/c'] = 'x')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: key with two slashes'),
  post(CM, broken(configMap('bi-l5'), (m) => (m.metadata.labels[''] = 'x')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: empty key'),
  post(CM, broken(configMap('bi-l6'), (m) => (m.metadata.labels.app = 'v'.repeat(64))), { ...INVALID, causes: ['metadata.labels'] }, 'labels: value 64 chars'),
  post(CM, broken(configMap('bi-l7'), (m) => (m.metadata.labels.app = 'bad value')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: value with space'),
  post(CM, broken(configMap('bi-l8'), (m) => (m.metadata.labels.app = '-lead')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: value with leading dash'),
  post(CM, broken(configMap('bi-l9'), (m) => (m.metadata.labels.app = "x' OR 1=1")), { ...INVALID, causes: ['metadata.labels'] }, 'labels: SQL-looking value'),
  post(CM, broken(configMap('bi-l10'), (m) => (m.metadata.annotations['bad key'] = 'x')), { ...INVALID, causes: ['metadata.annotations'] }, 'annotations: key with space'),
  post(
    CM,
    broken(configMap('bi-l11'), (m) => (m.metadata.annotations.blob = 'a'.repeat(256 * 1024))),
    { ...INVALID, causes: ['metadata.annotations'], message: 'Too long: may not be more than 262144 bytes' },
    'annotations: total over 256 KiB',
  ),
  post(
    CM,
    broken(configMap('bi-l12'), (m) => {
      for (let i = 0; i < 5; i++) m.metadata.annotations[`part-${i}`] = 'b'.repeat(60 * 1024);
    }),
    { ...INVALID, causes: ['metadata.annotations'], message: 'Too long: may not be more than 262144 bytes' },
    'annotations: many values together over 256 KiB',
  ),
  post(
    DEPLOYS,
    broken(deployment('bi-l13'), (m) => (m.spec.template.metadata.labels['bad key'] = 'x')),
    // Upstream's ValidatePodTemplateSpec names the path spec.template.labels (no "metadata"), a long-standing quirk.
    { ...INVALID, causes: ['spec.template.labels'] },
    'labels: invalid pod template label',
  ),
  post(NAMESPACES, broken(namespace('bi-l14'), (m) => (m.metadata.labels.team = 'q a')), { ...INVALID, causes: ['metadata.labels'] }, 'labels: namespace label value with space'),

  // ── Oversized bodies: limitedReadBody → 413 "Request entity too large: limit is 3145728"
  { name: 'size: POST over 3 MiB with Content-Length', method: 'POST', path: CM, raw: OVERSIZED, headers: { 'Content-Length': OVERSIZED_LEN }, ...TOO_LARGE },
  { name: 'size: POST over 3 MiB chunked (no Content-Length)', method: 'POST', path: CM, raw: OVERSIZED, chunked: true, ...TOO_LARGE },
  { name: 'size: PUT over 3 MiB chunked', method: 'PUT', path: `${CM}/${SEED}`, raw: OVERSIZED.replace('bi-huge', SEED), chunked: true, ...TOO_LARGE },
  {
    name: 'size: PATCH over 3 MiB with Content-Length',
    method: 'PATCH',
    path: `${CM}/${SEED}`,
    raw: OVERSIZED,
    contentType: 'application/merge-patch+json',
    headers: { 'Content-Length': OVERSIZED_LEN },
    ...TOO_LARGE,
  },
  { name: 'size: DELETE with a body over 3 MiB chunked', method: 'DELETE', path: `${CM}/${DELETE_TARGETS[0]}`, raw: OVERSIZED, chunked: true, ...TOO_LARGE },

  // ── Kind / apiVersion not matching the URL → 400
  post(CM, broken(configMap('bi-k1'), (m) => (m.kind = 'Secret')), BAD, 'gvk: kind Secret posted to configmaps'),
  post(CM, broken(configMap('bi-k2'), (m) => (m.apiVersion = 'apps/v1')), BAD, 'gvk: apiVersion apps/v1 posted to core configmaps'),
  post(CM, broken(configMap('bi-k3'), (m) => (m.apiVersion = 'v2')), BAD, 'gvk: apiVersion v2 posted to v1 configmaps'),
  post(DEPLOYS, broken(deployment('bi-k4'), (m) => (m.apiVersion = 'extensions/v1beta1')), BAD, 'gvk: deployment with extensions/v1beta1'),
  post(DEPLOYS, broken(deployment('bi-k5'), (m) => (m.kind = 'ReplicaSet')), BAD, 'gvk: kind ReplicaSet posted to deployments'),
  post(PODS, broken(pod('bi-k6'), (m) => (m.kind = 'Service')), BAD, 'gvk: kind Service posted to pods'),
  { name: 'gvk: PUT with kind Secret', method: 'PUT', path: `${CM}/${SEED}`, body: broken(configMap(SEED), (m) => (m.kind = 'Secret')), ...BAD },

  // ── Namespace in the body different from the URL → 400 (EnsureObjectNamespaceMatchesRequestNamespace)
  post(CM, broken(configMap('bi-n1'), (m) => (m.metadata.namespace = 'kube-system')), { ...BAD, message: 'does not match the namespace' }, 'namespace: body kube-system, URL default'),
  post(DEPLOYS, broken(deployment('bi-n2'), (m) => (m.metadata.namespace = 'other')), { ...BAD, message: 'does not match the namespace' }, 'namespace: deployment body namespace differs'),
  {
    name: 'namespace: PUT body namespace differs',
    method: 'PUT',
    path: `${CM}/${SEED}`,
    body: broken(configMap(SEED), (m) => (m.metadata.namespace = 'kube-public')),
    ...BAD,
    message: 'does not match the namespace',
  },

  // ── Paths that address nothing → 404
  post('/api/v1/namespaces/default/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bi-node' } }, NOT_FOUND, 'path: cluster-scoped nodes under a namespace'),
  { name: 'path: namespaces under a namespace', method: 'GET', path: '/api/v1/namespaces/default/namespaces', ...NOT_FOUND },
  {
    name: 'path: cluster-scoped clusterroles under a namespace',
    method: 'POST',
    path: '/apis/rbac.authorization.k8s.io/v1/namespaces/default/clusterroles',
    body: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'bi-cr' }, rules: [] },
    ...NOT_FOUND,
  },
  { name: 'path: unknown resource (GET)', method: 'GET', path: `${NS}/widgets`, ...NOT_FOUND },
  post(`${NS}/widgets`, { apiVersion: 'v1', kind: 'Widget', metadata: { name: 'bi-w' } }, NOT_FOUND, 'path: unknown resource (POST)'),
  { name: 'path: unknown API group', method: 'GET', path: '/apis/widgets.example.com/v1/namespaces/default/widgets', ...NOT_FOUND },
  { name: 'path: unknown version of apps', method: 'GET', path: '/apis/apps/v9/namespaces/default/deployments', ...NOT_FOUND },
  { name: 'path: core API v2', method: 'GET', path: '/api/v2/namespaces/default/pods', ...NOT_FOUND },
  post('/api/v1/namespaces/default/deployments', deployment('bi-p9'), NOT_FOUND, 'path: deployments under the core group'),
  { name: 'path: extra segments after a subresource', method: 'GET', path: `${CM}/${SEED}/status/extra`, ...NOT_FOUND },
  { name: 'path: configmaps have no status subresource', method: 'GET', path: `${CM}/${SEED}/status`, ...NOT_FOUND },
  { name: 'path: unknown pod subresource', method: 'GET', path: `${PODS}/${SEED}/nonsense`, ...NOT_FOUND },
  { name: 'path: GET a missing object', method: 'GET', path: `${CM}/bi-missing`, ...NOT_FOUND, message: 'configmaps "bi-missing" not found' },
  {
    name: 'path: PUT a missing configmap (no create-on-update)',
    method: 'PUT',
    path: `${CM}/bi-missing`,
    body: configMap('bi-missing'),
    ...NOT_FOUND,
    message: 'configmaps "bi-missing" not found',
  },

  // ── Missing or invalid required fields → 422 Invalid with causes
  post(PODS, broken(pod('bi-r1'), (m) => delete m.spec.containers), { ...INVALID, causes: ['spec.containers'] }, 'required: pod without containers'),
  post(PODS, broken(pod('bi-r2'), (m) => (m.spec.containers = [])), { ...INVALID, causes: ['spec.containers'] }, 'required: pod with empty containers'),
  post(DEPLOYS, broken(deployment('bi-r3'), (m) => delete m.spec.selector), { ...INVALID, causes: ['spec.selector'] }, 'required: deployment without selector'),
  post(
    DEPLOYS,
    broken(deployment('bi-r4'), (m) => delete m.spec.template.spec.containers[0].image),
    { ...INVALID, causes: ['spec.template.spec.containers[0].image'], message: 'Deployment.apps "bi-r4" is invalid' },
    'required: deployment container without image',
  ),
  post(
    DEPLOYS,
    broken(deployment('bi-r5'), (m) => (m.spec.template.metadata.labels = { app: 'other' })),
    { ...INVALID, causes: ['spec.template.metadata.labels'] },
    'required: selector does not match template labels',
  ),
  post(PODS, broken(pod('bi-r6'), (m) => delete m.spec.containers[0].name), { ...INVALID, causes: ['spec.containers[0].name'] }, 'required: container without name'),
  post(SVCS, broken(service('bi-r7'), (m) => delete m.spec.ports), { ...INVALID, causes: ['spec.ports'] }, 'required: ClusterIP service without ports'),
  post(
    PODS,
    broken(pod('bi-r8'), (m) => (m.spec.containers[0].ports[0].containerPort = 70000)),
    { ...INVALID, causes: ['spec.containers[0].ports[0].containerPort'] },
    'invalid: containerPort 70000',
  ),
  post(DEPLOYS, broken(deployment('bi-r9'), (m) => (m.spec.replicas = -1)), { ...INVALID, causes: ['spec.replicas'] }, 'invalid: negative replicas'),
  post(SVCS, broken(service('bi-r10'), (m) => (m.spec.ports[0].port = 0)), { ...INVALID, causes: ['spec.ports[0].port'] }, 'invalid: service port 0'),
  post(
    SECRETS,
    broken(secret('bi-r11'), (m) => {
      m.type = 'kubernetes.io/tls';
      m.data = { 'tls.key': 'a2V5' };
      delete m.stringData;
    }),
    { ...INVALID, causes: ['data[tls.crt]'] },
    'required: TLS secret without tls.crt',
  ),
  post(CM, broken(configMap('bi-r12'), (m) => (m.data['bad key'] = 'x')), { ...INVALID, causes: ['data[bad key]'] }, 'invalid: configmap data key with space'),
  post(PODS, broken(pod('bi-r13'), (m) => (m.spec.restartPolicy = 'Sometimes')), { ...INVALID, causes: ['spec.restartPolicy'] }, 'invalid: restartPolicy Sometimes'),
    // Upstream ValidateDeploymentStrategy reports NotSupported on spec.strategy itself (value: the whole strategy).
  post(DEPLOYS, broken(deployment('bi-r14'), (m) => (m.spec.strategy.type = 'Sideways')), { ...INVALID, causes: ['spec.strategy'] }, 'invalid: strategy type'),
  post(
    PODS,
    broken(pod('bi-r15'), (m) => m.spec.containers.push({ name: 'nginx', image: 'busybox:1.36' })),
    { ...INVALID, causes: ['spec.containers[1].name'] },
    'invalid: duplicate container names',
  ),
  {
    ...post(CM, broken(configMap('bi-r16'), (m) => (m.metadata.resourceVersion = '5')), { ...BAD, message: 'resourceVersion should not be set on objects to be created' }, 'invalid: resourceVersion set on create'),
    note: 'registry Store.Create: BeforeCreate rejects a set resourceVersion with 400',
  },

  // ── fieldValidation
  post(`${DEPLOYS}${STRICT}`, broken(deployment('bi-f1'), (m) => (m.spec.foo = 'bar')), { ...BAD, message: 'unknown field "spec.foo"' }, 'strict: unknown spec.foo'),
  post(`${CM}${STRICT}`, broken(configMap('bi-f2'), (m) => (m.dataa = { a: 'b' })), { ...BAD, message: 'unknown field "dataa"' }, 'strict: unknown top-level field'),
  post(
    `${CM}${STRICT}`,
    broken(configMap('bi-f3'), (m) => (m.metadata.labelz = { a: 'b' })),
    { ...BAD, message: 'unknown field "metadata.labelz"' },
    'strict: unknown metadata field',
  ),
  post(
    `${PODS}${STRICT}`,
    broken(pod('bi-f4'), (m) => (m.spec.containers[0].imagePullPolicyy = 'Always')),
    { ...BAD, message: 'unknown field "spec.containers[0].imagePullPolicyy"' },
    'strict: unknown container field',
  ),
  {
    ...post(`${CM}?fieldValidation=Bogus`, configMap('bi-f5'), { ...INVALID, message: 'fieldValidation' }, 'strict: bad fieldValidation value'),
    note: 'handlers/create.go: ValidateCreateOptions → NewInvalid(CreateOptions.meta.k8s.io) → 422, not 400',
  },
  {
    ...post(`${CM}?fieldValidation=strict`, configMap('bi-f6'), { ...INVALID, message: 'fieldValidation' }, 'strict: fieldValidation is case-sensitive'),
    note: 'allowedFieldValidationValues is an exact-match set: "", Ignore, Warn, Strict',
  },
  {
    name: 'strict: bad fieldValidation on PUT',
    method: 'PUT',
    path: `${CM}/${SEED}?fieldValidation=Bogus`,
    body: configMap(SEED),
    ...INVALID,
    message: 'fieldValidation',
    note: 'handlers/update.go: ValidateUpdateOptions → 422',
  },
  {
    ...post(`${CM}?dryRun=Bogus`, configMap('bi-f8'), { ...INVALID, message: 'dryRun' }, 'options: bad dryRun value'),
    note: 'ValidateCreateOptions → ValidateDryRun NotSupported → 422',
  },
  {
    ...post(`${CM}?fieldManager=${'m'.repeat(129)}`, configMap('bi-f9'), { ...INVALID, message: 'fieldManager' }, 'options: fieldManager longer than 128'),
    note: 'ValidateCreateOptions → ValidateFieldManager "Too long: may not be more than 128 bytes" → 422',
  },

];
