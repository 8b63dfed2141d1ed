export * from './rows.js';
export * from './money.js';
export * from './render.js';
export * from './annual.js';
export * from './sentences.js';
export * from './budgetExecution.js';
export * from './crossRules.js';
export * from './checkBatch.js';
