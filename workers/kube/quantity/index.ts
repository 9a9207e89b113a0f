// Kubernetes resource quantities ("500m", "1Gi", "1e3"): exact parsing, comparison and canonical text.
export type { Quantity, QuantityFormat } from './types';
export { ERR_FORMAT, ERR_NUMERIC, ERR_SUFFIX } from './types';
export { parseQuantity, isValidQuantity, quantityFromJson } from './parse';
export { formatQuantity } from './format';
export { compareQuantity, quantityToMilli, quantityValue, quantityScaledValue, quantityToNumber } from './compare';
