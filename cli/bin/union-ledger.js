#!/usr/bin/env node
// The CLI runs from TypeScript source through tsx, so `npx union-ledger` works from a fresh
// clone without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
