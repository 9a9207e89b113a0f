// The web console's routes with the assets local/console-build.ts generated.
import { CONSOLE_ASSETS } from './assets.generated';
import { consoleRoutes } from './routes';

export const consoleAssetRoutes = consoleRoutes(CONSOLE_ASSETS);
