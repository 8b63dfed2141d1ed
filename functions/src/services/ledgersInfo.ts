import type { LedgersResponse } from '../../../shared/api/index.js';
import { canWriteLedger } from '../../../shared/ledgers/access.js';
import { LEDGER_KINDS } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import type { Principal } from './principal.js';

/** `GET /api/ledgers`: every ledger's fields, headers and aliases, which drive templates and header detection. */
export function ledgersInfo(principal: Principal): LedgersResponse {
  return {
    ledgers: LEDGER_KINDS.map((kind) => {
      const ledger = ledgers[kind];
      return {
        kind,
        title: ledger.title,
        scope: ledger.scope,
        canWrite: canWriteLedger(principal.actor, ledger.scope),
        headers: [...ledger.headers],
        fields: Object.entries(ledger.fields).map(([key, f]) => ({
          key,
          type: f.type,
          header: f.header,
          aliases: [...f.aliases],
          required: f.required,
          ...(f.options ? { options: [...f.options] } : {}),
        })),
      };
    }),
  };
}
