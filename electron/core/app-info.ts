// Name and version of the app, from package.json at build time (bundled), shared by CLI, main and bridge.
import pkg from '../../package.json';

export const APP_NAME: string = pkg.productName;
export const APP_VERSION: string = pkg.version;
export const USER_AGENT = `rrx/${APP_VERSION}`;
