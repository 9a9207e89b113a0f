export { agentConfigSchema, type AgentConfig, type AgentConfigInput, CONFIG_API_VERSION, CONFIG_KIND, DEFAULT_CONFIG_PATH, DEFAULT_STATE_DIR, DEFAULT_METRICS_ADDRESS } from './schema';
export { ConfigError, loadConfig, parseConfig, writeConfig, type LoadOptions } from './file';
