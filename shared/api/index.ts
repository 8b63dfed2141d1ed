export * from './errors.js';
export * from './sync.js';
export * from './wire.js';
export * from './backend.js';
export * from './summaryRows.js';
