import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { addUser } from '../../src/services/users/users-service.js';
import {
  apiCaller,
  sessionCookieOf,
  signedInUser,
  type ApiClient,
  type Call,
} from '../helpers/api-client.js';
import { openTestDatabase, testStores, type TestDatabase } from '../helpers/test-database.js';
import { nextTotpCode, wrongTotpCode } from '../helpers/totp-codes.js';

interface Enrolment {
  secret: string;
  secretForTyping: string;
  otpauthUri: string;
}
interface Challenge {
  secondFactor: true;
  challenge: string;
  expiresAt: string;
}

/** The TOTP second factor through a real server on loopback and a real store. */
describe.each(testStores)('two-step sign-in (TOTP) on %s', (kind) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  const password = 'olive trees by the old sea wall';
  const layla = 'layla@example.org';
  let laylaClient: ApiClient;
  let enrolment: Enrolment;
  let recoveryCodes: string[];
  const acceptedCodes: string[] = [];

  // Every answer after the secret was shown, to check that none of them repeats it.
  const answersAfterEnrolment: Promise<string>[] = [];
  let recording = false;
  const plainCall = apiCaller(() => base);
  const call: Call = async (path, init) => {
    const res = await plainCall(path, init);
    if (recording) answersAfterEnrolment.push(res.clone().text());
    return res;
  };

  const post = (path: string, body: unknown, init: Parameters<Call>[1] = {}) =>
    call(path, { method: 'POST', body: JSON.stringify(body), ...init });
  const passwordStep = (email: string, pass = password) =>
    post('/api/auth/login', { email, password: pass });
  const codeStep = (challenge: string, code: string) =>
    post('/api/auth/login/totp', { challenge, code });

  async function challengeFor(email: string): Promise<string> {
    const res = await passwordStep(email);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Challenge;
    expect(body.secondFactor).toBe(true);
    return body.challenge;
  }

  /** Sets up and turns on TOTP for a signed-in client, as the Account screen does. */
  async function enrol(client: ApiClient, email: string) {
    const start = await post('/api/account/totp/enrolment', {}, { client });
    expect(start.status).toBe(200);
    const e = (await start.json()) as Enrolment;
    const code = await nextTotpCode(t.db, email, e.secret);
    const on = await post('/api/account/totp/activation', { code }, { client });
    expect(on.status).toBe(200);
    return { enrolment: e, ...((await on.json()) as { recoveryCodes: string[] }) };
  }

  beforeAll(async () => {
    t = await openTestDatabase(kind);
    app = await buildServer({ db: t.db, authAttemptsPerMinute: 1000 });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    laylaClient = await signedInUser(t.db, call, layla, 'editor', password);
  });
  afterAll(async () => {
    await app.close();
    await t.dispose();
  });

  it('enrols: a new secret, a wrong code refused, a right one turns it on, recovery codes once', async () => {
    const client = laylaClient;
    const status = async () =>
      (await (await call('/api/account/totp', { client })).json()) as {
        enabled: boolean;
        recoveryCodesLeft: number;
      };
    expect(await status()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });

    const start = await post('/api/account/totp/enrolment', {}, { client });
    expect(start.status).toBe(200);
    expect(start.headers.get('cache-control')).toBe('no-store');
    enrolment = (await start.json()) as Enrolment;
    recording = true;
    // 20 random bytes are 32 base32 characters; grouped in fours for typing.
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.secretForTyping.replace(/ /g, '')).toBe(enrolment.secret);
    expect(enrolment.secretForTyping).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(enrolment.otpauthUri).toBe(
      `otpauth://totp/Sijil:layla%40example.org?secret=${enrolment.secret}&issuer=Sijil&algorithm=SHA1&digits=6&period=30`,
    );

    // Pending until proved: the password alone still signs in.
    expect(await status()).toMatchObject({ enabled: false });
    const stillPlain = await passwordStep(layla);
    expect(stillPlain.status).toBe(200);
    expect(((await stillPlain.json()) as { csrfToken?: string }).csrfToken).toBeTruthy();

    const wrong = await post(
      '/api/account/totp/activation',
      { code: wrongTotpCode(enrolment.secret) },
      { client },
    );
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/does not match/);
    expect(await status()).toMatchObject({ enabled: false });

    const code = await nextTotpCode(t.db, layla, enrolment.secret);
    const on = await post('/api/account/totp/activation', { code }, { client });
    expect(on.status).toBe(200);
    expect(on.headers.get('cache-control')).toBe('no-store');
    acceptedCodes.push(code);
    recoveryCodes = ((await on.json()) as { recoveryCodes: string[] }).recoveryCodes;
    expect(recoveryCodes).toHaveLength(8);
    expect(new Set(recoveryCodes).size).toBe(8);
    for (const c of recoveryCodes) expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);

    // Shown once: never again, not by the status, nor by a second activation or enrolment.
    expect(await status()).toMatchObject({ enabled: true, recoveryCodesLeft: 8 });
    const again = await post(
      '/api/account/totp/activation',
      { code: await nextTotpCode(t.db, layla, enrolment.secret) },
      { client },
    );
    expect(again.status).toBe(409);
    expect((await post('/api/account/totp/enrolment', {}, { client })).status).toBe(409);
    // The store keeps hashes of the recovery codes, not the codes.
    const stored = await t.db.query<{ code_hash: string }>(
      'SELECT code_hash FROM totp_recovery_code',
    );
    expect(stored).toHaveLength(8);
    for (const row of stored) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.some((c) => row.code_hash.includes(c.replace(/-/g, '')))).toBe(false);
    }
  });

  it('asks for a second step after a right password and opens the session only with a code', async () => {
    const res = await passwordStep(layla);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('sijil_session='))).toBe(false);
    const body = (await res.json()) as Challenge & { csrfToken?: string; user?: unknown };
    expect(body.secondFactor).toBe(true);
    expect(body.csrfToken).toBeUndefined();
    expect(body.user).toBeUndefined();
    const expiresIn = new Date(body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);
    // The store keeps the challenge's hash, not the challenge.
    expect(
      await t.db.query('SELECT 1 FROM sign_in_challenge WHERE id = $1', [body.challenge]),
    ).toHaveLength(0);

    const code = await nextTotpCode(t.db, layla, enrolment.secret);
    const done = await codeStep(body.challenge, code);
    expect(done.status).toBe(200);
    acceptedCodes.push(code);
    const session = (await done.json()) as { csrfToken: string; user: { email: string } };
    expect(session.user.email).toBe(layla);
    const cookie = sessionCookieOf(done);
    const who = await call('/api/auth/session', { headers: { cookie } });
    expect(((await who.json()) as { user: { email: string } }).user.email).toBe(layla);

    // The challenge is spent: a second code cannot open a second session with it.
    const reuse = await codeStep(body.challenge, await nextTotpCode(t.db, layla, enrolment.secret));
    expect(reuse.status).toBe(410);
    expect(((await reuse.json()) as { error: string }).error).toMatch(/start again/);
  });

  it('refuses a code that was already accepted (replay), then takes the next one', async () => {
    const challenge = await challengeFor(layla);
    const replay = await codeStep(challenge, acceptedCodes.at(-1)!);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('wrong code');
    // A wrong code leaves the challenge usable: a typo does not mean the password again.
    const code = await nextTotpCode(t.db, layla, enrolment.secret);
    const next = await codeStep(challenge, code);
    expect(next.status).toBe(200);
    acceptedCodes.push(code);
  });

  it('refuses an expired challenge and an unknown one', async () => {
    const challenge = await challengeFor(layla);
    await t.db.query(
      "UPDATE sign_in_challenge SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM app_user WHERE email = $1)",
      [layla],
    );
    const code = await nextTotpCode(t.db, layla, enrolment.secret);
    expect((await codeStep(challenge, code)).status).toBe(410);
    expect((await codeStep('x'.repeat(43), code)).status).toBe(410);
  });

  it('takes a recovery code once, however it is typed, and audits its use', async () => {
    const recovery = recoveryCodes[0]!;
    const typed = recovery.toLowerCase().replace(/-/g, ' ');
    const first = await codeStep(await challengeFor(layla), typed);
    expect(first.status).toBe(200);
    const again = await codeStep(await challengeFor(layla), recovery);
    expect(again.status).toBe(401);
    const status = (await (await call('/api/account/totp', { client: laylaClient })).json()) as {
      recoveryCodesLeft: number;
    };
    expect(status.recoveryCodesLeft).toBe(7);
    const used = await t.db.query<{ after: unknown }>(
      "SELECT after FROM audit_event WHERE action = 'user.recovery-code-used'",
    );
    expect(used).toHaveLength(1);
    expect(JSON.stringify(used[0]!.after)).toContain('"remaining":7');
  });

  it('counts wrong codes towards the lock-out wrong passwords start', async () => {
    const omar = 'omar@example.org';
    const client = await signedInUser(t.db, call, omar, 'viewer', password);
    const { enrolment: his } = await enrol(client, omar);
    expect((await passwordStep(omar, 'not the password')).status).toBe(401);
    expect((await passwordStep(omar, 'not the password either')).status).toBe(401);
    // A right password does not wipe the count: it must not buy more guesses at the code.
    const challenge = await challengeFor(omar);
    for (let i = 0; i < 3; i++) {
      expect((await codeStep(challenge, wrongTotpCode(his.secret))).status).toBe(401);
    }
    const right = await nextTotpCode(t.db, omar, his.secret);
    const locked = await codeStep(challenge, right);
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { error: string }).error).toMatch(/locked until/);
    expect((await passwordStep(omar)).status).toBe(423);
    const failures = await t.db.query<{ action: string }>(
      "SELECT action FROM audit_event WHERE action = 'auth.second-factor-failed'",
    );
    expect(failures.length).toBeGreaterThanOrEqual(3);
  });

  it('needs the CSRF token to set up, turn on or turn off', async () => {
    const zahra = 'zahra@example.org';
    const client = await signedInUser(t.db, call, zahra, 'reviewer', password);
    const noCsrf = { client, csrf: null };
    expect((await post('/api/account/totp/enrolment', {}, noCsrf)).status).toBe(403);
    const start = await post('/api/account/totp/enrolment', {}, { client });
    const { secret } = (await start.json()) as Enrolment;
    const code = await nextTotpCode(t.db, zahra, secret);
    expect((await post('/api/account/totp/activation', { code }, noCsrf)).status).toBe(403);
    expect((await post('/api/account/totp/activation', { code }, { client })).status).toBe(200);
    const off = { password, code: await nextTotpCode(t.db, zahra, secret) };
    expect((await post('/api/account/totp/disable', off, noCsrf)).status).toBe(403);
    expect((await post('/api/account/totp/disable', off, { client, csrf: 'wrong' })).status).toBe(
      403,
    );
    // Nor can anyone without a session.
    expect((await post('/api/account/totp/enrolment', {})).status).toBe(401);
    expect((await call('/api/account/totp')).status).toBe(401);
  });

  it('turns off only with the password and a current code', async () => {
    const client = laylaClient;
    const code = await nextTotpCode(t.db, layla, enrolment.secret);
    const wrongPassword = await post(
      '/api/account/totp/disable',
      { password: 'not the password', code },
      { client },
    );
    expect(wrongPassword.status).toBe(401);
    const wrongCode = await post(
      '/api/account/totp/disable',
      { password, code: wrongTotpCode(enrolment.secret) },
      { client },
    );
    expect(wrongCode.status).toBe(401);
    // The code was not spent by the refusal for the wrong password.
    const off = await post('/api/account/totp/disable', { password, code }, { client });
    expect(off.status).toBe(200);
    acceptedCodes.push(code);
    const status = await (await call('/api/account/totp', { client })).json();
    expect(status).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    expect(
      await t.db.query(
        'SELECT 1 FROM totp_recovery_code WHERE used_at IS NULL AND user_id = (SELECT id FROM app_user WHERE email = $1)',
        [layla],
      ),
    ).toHaveLength(0);
    // The password alone signs in again.
    const plain = await passwordStep(layla);
    expect(plain.status).toBe(200);
    expect(sessionCookieOf(plain)).toMatch(/^sijil_session=/);
    expect((await post('/api/account/totp/disable', { password, code }, { client })).status).toBe(
      409,
    );
  });

  it('never shows the secret after enrolment, and keeps secrets and codes out of the audit trail', async () => {
    recording = false;
    const answers = await Promise.all(answersAfterEnrolment);
    expect(answers.length).toBeGreaterThan(20);
    for (const text of answers) {
      expect(text).not.toContain(enrolment.secret);
      expect(text).not.toContain(enrolment.secretForTyping);
    }
    const events = await t.db.query<{ action: string; text: string }>(
      "SELECT action, concat_ws(' ', actor, entity_id, before::text, after::text) AS text FROM audit_event",
    );
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'user.totp-enrolment-started',
      'user.totp-enabled',
      'auth.second-factor-asked',
      'auth.second-factor-failed',
      'user.recovery-code-used',
      'user.totp-disable-refused',
      'user.totp-disabled',
    ]) {
      expect(actions, action).toContain(action);
    }
    const secrets = [
      enrolment.secret,
      ...recoveryCodes,
      ...recoveryCodes.map((c) => c.replace(/-/g, '')),
      ...acceptedCodes,
    ];
    for (const event of events) {
      for (const secret of secrets) expect(event.text, event.action).not.toContain(secret);
    }
  });

  it('rate-limits the second step like the password', async () => {
    const strict = await buildServer({ db: t.db, authAttemptsPerMinute: 2 });
    const strictBase = await strict.listen({ port: 0, host: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${strictBase}/api/auth/login/totp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ challenge: 'y'.repeat(43), code: '123456' }),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([410, 410, 429]);
    } finally {
      await strict.close();
    }
  });

  it('lets a new account with no TOTP sign in with its password alone', async () => {
    const { setupToken } = await addUser(
      t.db,
      { email: 'new@example.org', role: 'viewer' },
      'test',
    );
    expect((await post('/api/auth/setup', { token: setupToken, password })).status).toBe(200);
    const res = await passwordStep('new@example.org');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { secondFactor?: boolean }).secondFactor).toBeUndefined();
  });
});
