// Types of the module local/console-build.ts generates (assets.generated.js, not committed).
import type { ConsoleAsset } from './routes';

export declare const CONSOLE_ASSETS: ConsoleAsset[];
