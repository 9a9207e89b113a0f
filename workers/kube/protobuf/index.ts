// Decoding of Kubernetes protobuf request bodies (kubectl >= 1.31 typed commands) into JSON objects.
export { decodeKubernetesProtobuf, protobufTypeFor, PROTOBUF_MEDIA_TYPE, type DecodedProtobuf } from './envelope';
