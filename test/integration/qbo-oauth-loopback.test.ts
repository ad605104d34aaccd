import { describe, expect, it } from 'vitest';
import { erpConnectionSchema } from '../../shared/sync';
import { startSignIn } from '../../electron/core/sync/qbo-oauth';

/**
 * The sign-in's loopback listener against forged callbacks: any local program can reach its port,
 * so an answer without the state Inflow sent is answered and ignored, never the end of the sign-in.
 */
const connection = erpConnectionSchema.parse({ connector: 'qbo', clientId: 'app' });

async function pending(timeoutMs: number) {
  const signIn = await startSignIn(connection, timeoutMs);
  const params = new URL(signIn.url).searchParams;
  const callback = (query: Record<string, string>) => fetch(`${params.get('redirect_uri')}?${new URLSearchParams(query)}`);
  return { signIn, state: params.get('state')!, callback, redirectUri: params.get('redirect_uri')! };
}

describe('QuickBooks sign-in loopback', () => {
  it('answers forged callbacks with 400 and keeps waiting; the real one then completes the sign-in', async () => {
    const { signIn, state, callback, redirectUri } = await pending(60_000);
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const forgeries: Record<string, string>[] = [
      { state: 'not-the-state', code: 'evil-code', realmId: '666' },
      { code: 'evil-code', realmId: '666' },
      { state: `${state}x`, code: 'evil-code', realmId: '666' },
      { state: state.slice(1), error: 'access_denied' },
      { state: '', error: 'access_denied' },
    ];
    for (const forged of forgeries) {
      const answer = await callback(forged);
      expect(answer.status, JSON.stringify(forged)).toBe(400);
      const text = await answer.text();
      expect(text).toContain('not for Inflow’s request');
      expect(text).not.toContain('evil-code');
    }
    expect((await fetch(redirectUri.replace('/callback', '/other'))).status).toBe(404);
    const real = await callback({ state, code: 'the-real-code', realmId: '4620816365' });
    expect(real.status).toBe(200);
    await expect(signIn.grant).resolves.toMatchObject({ code: 'the-real-code', realmId: '4620816365', redirectUri });
    // One answer only: the port is closed once the sign-in is decided.
    await expect(callback({ state, code: 'again', realmId: '1' })).rejects.toThrow();
  });

  it('with only forged callbacks, ends at the timeout and says how many it refused', async () => {
    const { signIn, callback } = await pending(300);
    const settled = signIn.grant.catch((error: unknown) => error);
    for (let i = 0; i < 3; i++) expect((await callback({ state: 'forged', code: 'x', realmId: '1' })).status).toBe(400);
    expect(await settled).toMatchObject({
      code: 'SYNC_FAILED',
      message: expect.stringMatching(/No answer from QuickBooks’ sign-in .*\(3 answers not carrying Inflow’s state refused\)/),
    });
  });
});
