// Discovery documents built from ResourceDefs: aggregated (apidiscovery.k8s.io/v2) and legacy forms.
export { aggregatedDiscovery, resourceDiscovery, AGGREGATED_DISCOVERY_CONTENT_TYPE } from './aggregated';
export type { APIGroupDiscoveryList, APIGroupDiscovery, APIVersionDiscovery, APIResourceDiscovery, APISubresourceDiscovery } from './aggregated';
export { apiVersions, apiGroupList, apiGroup, apiResourceList } from './legacy';
export type { APIVersions, APIGroupList, APIGroup, APIResourceList, APIResource, GroupVersionForDiscovery } from './legacy';
export { subresourcesOf, gvkOf } from './subresources';
export type { GVK, SubresourceInfo } from './subresources';
export { compareVersions, groupsOf, defsAt } from './versions';
export type { GroupVersions } from './versions';
