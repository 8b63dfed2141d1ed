export * from './schema.js';
export * from './lookup.js';
export { demoSettings } from './demo.js';
export { shanghaiDate } from './businessDate.js';
