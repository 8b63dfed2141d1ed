export * from './transport.js';
export * from './port.js';
export * from './ledgerSheet.js';
export * from './push.js';
export * from './pull.js';
export * from './resolve.js';
export * from './ids.js';
