export * from './types.js';
export * from './local.js';
export { EntraTokenSource, naaSupported } from './entra.js';
