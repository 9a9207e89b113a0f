// The containers.conf this machine kind needs (see ENVIRONMENT.md): crun fails on hybrid cgroups, so runc;
// the default ulimits need CAP_SYS_RESOURCE, so lower ones; the file events logger works without journald.
export const CONTAINERS_CONF = `[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
`;
