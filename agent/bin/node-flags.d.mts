export declare const AGENT_NODE_FLAGS: string[];
