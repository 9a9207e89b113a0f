// Request limits shared with the local stack's front (local/front), which enforces the body limit
// before a byte reaches workerd.

/** Upstream's request body limit (kube-apiserver's MaxRequestBodyBytes, 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
