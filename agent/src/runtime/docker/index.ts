export { DockerRuntime, type DockerRuntimeOptions } from './runtime';
export { demux, passRaw, type Demuxed } from './demux';
