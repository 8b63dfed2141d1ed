import { PaneBuildError, parsePaneBuild, type PaneBuildEnv, type PaneConfig } from './buildVariables.js';

export type { EntraConfig, PaneConfig } from './buildVariables.js';

/**
 * The pane's settings, fixed at build time from the VITE_* variables of buildVariables.ts (the
 * one list). Without an Entra client id the pane signs in locally: demo users with tokens from
 * the local stack. A production build with wrong variables never gets here: vite.config.ts
 * refuses it with the same check.
 */
export function paneConfig(env: PaneBuildEnv = import.meta.env ?? {}): PaneConfig {
  const parsed = parsePaneBuild(env);
  if (!parsed.ok) throw new PaneBuildError(parsed.problems);
  return parsed.config;
}
