import type { Container } from '@azure/cosmos';
import { statusOf, StorePreconditionError } from './errors.js';
import { withThrottleRetry, DEFAULT_THROTTLE, type ThrottlePolicy } from './throttle.js';
import type { SettingsDoc, SettingsStore } from './types.js';

/** The `settings` container (/orgId): one document per organisation. The service validates the content. */
const DOC_ID = 'settings';

interface Doc {
  id: string;
  orgId: string;
  settings: unknown;
  _etag?: string;
}

export class CosmosSettingsStore implements SettingsStore {
  constructor(
    private readonly container: Container,
    private readonly throttle: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  async get(orgId: string): Promise<SettingsDoc | null> {
    const { resource, statusCode } = await withThrottleRetry(
      () => this.container.item(DOC_ID, orgId).read<Doc>(),
      this.throttle,
    );
    if (statusCode === 404 || !resource) return null;
    return { settings: resource.settings, rev: resource._etag ?? '' };
  }

  async put(orgId: string, settings: unknown, ifMatch?: string): Promise<SettingsDoc> {
    const doc: Doc = { id: DOC_ID, orgId, settings };
    try {
      const write = async (): Promise<string | undefined> =>
        ifMatch
          ? (
              await this.container
                .item(DOC_ID, orgId)
                .replace(doc, { accessCondition: { type: 'IfMatch', condition: ifMatch } })
            ).etag
          : (await this.container.items.upsert(doc)).etag;
      const etag = await withThrottleRetry(write, this.throttle);
      return { settings, rev: etag ?? '' };
    } catch (e) {
      // A replace with IfMatch on a missing document is 404: the caller's revision is stale all the same.
      if (statusOf(e) === 412 || (ifMatch && statusOf(e) === 404)) throw new StorePreconditionError();
      throw e;
    }
  }
}
