import { expect, it } from 'vitest';
import { teamError } from '../../electron/core/team/team-connection';

/** A server reached over the network without TLS, or with a certificate this computer does not trust, is refused in words. */
it('says what to do about a server without TLS or with an untrusted certificate', () => {
  expect(teamError(new Error('The server does not support SSL connections'))).toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/does not offer TLS.*turn on ssl/),
  });
  expect(teamError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toMatchObject({
    code: 'CONFLICT',
    message: expect.stringMatching(/certificate is not trusted by this computer \(DEPTH_ZERO_SELF_SIGNED_CERT\)/),
  });
  expect(teamError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'OFFLINE' });
});
