export * from './port.js';
export { gridOf, type Grid } from './grid.js';
export * from './headers.js';
export * from './detect.js';
export * from './rows.js';
export * from './hash.js';
export * from './plan.js';
export * from './writeback.js';
export * from './state.js';
