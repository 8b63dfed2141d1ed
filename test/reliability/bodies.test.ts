import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';

/**
 * Issue 14 — authenticate from the headers before reading a body. A caller without a valid
 * token learns nothing from the body it sent (no `bad_json`) and costs the server no more than
 * a socket buffer of it; body limits are those of the caller's role (the large restore limit
 * is an admin's only).
 */
let stack: LocalStack;
const figures = { unauthenticatedLargeBodies: 0, bytesSent: [] as number[] };
afterAll(async () => {
  await stack?.close();
  recordFigures('bodies', {
    unauthenticatedLargeBodies: figures.unauthenticatedLargeBodies,
    bytesTakenBeforeTheAnswer: figures.bytesSent,
  });
});
beforeAll(async () => {
  stack = await testStack();
});

/**
 * POST `size` bytes, produced only as fast as the server takes them, and answer the status and
 * how many bytes had gone out when the answer came. A server that reads the body before the
 * token takes all of it first.
 */
function postLarge(path: string, size: number, token?: string): Promise<{ status: number; sent: number }> {
  const url = new URL(`${stack.url}/${path}`);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': size,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const answeredAfter = sent;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sent: answeredAfter }));
      },
    );
    // The server may close the connection after answering: the rest of the body has nowhere to go.
    req.on('error', (e) => (sent > 0 ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n)))
          return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('bodies after authentication (issue 14)', () => {
  it('answers a malformed body without a token with 401, not bad_json', async () => {
    for (const path of ['restore', 'ledgers/members/sync', 'settings']) {
      const method = path === 'settings' ? 'put' : 'post';
      const r = await client(stack.url)[method]<{ error: { code: string } }>(path, '{');
      expect(r.status, path).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
      const bad = await client(stack.url, `${stack.tokens.admin}x`)[method]<{ error: { code: string } }>(
        path,
        '{',
      );
      expect(bad.status, path).toBe(401);
    }
  });

  it('answers 48 MB without a token before taking the body', async () => {
    const size = 48 * 1024 * 1024;
    for (const token of [undefined, `${stack.tokens.admin}x`]) {
      figures.unauthenticatedLargeBodies++;
      const r = await postLarge('restore', size, token);
      figures.bytesSent.push(r.sent);
      expect(r.status).toBe(401);
      // What the socket buffers hold, not the body.
      expect(r.sent).toBeLessThan(8 * 1024 * 1024);
    }
  }, 60_000);

  it('keeps the large restore limit for admins: anyone else gets the ordinary limit', async () => {
    const size = 6 * 1024 * 1024; // over the local stack's 4 MB, under restore's limit
    const officer = await postLarge('restore', size, stack.tokens['officer-mech-info']);
    expect(officer.status).toBe(413);
    expect(officer.sent).toBeLessThan(size);
    const admin = await postLarge('restore', size, stack.tokens.admin);
    // Taken whole and read: 48 spaces are no backup.
    expect(admin.status).toBe(400);
    expect(admin.sent).toBe(size);
  }, 60_000);
});
