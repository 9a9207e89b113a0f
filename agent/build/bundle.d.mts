export declare const BUNDLE: string;
export declare function bundleIsFresh(): boolean;
export declare function ensureAgentBundle(opts?: { force?: boolean }): Promise<string>;
