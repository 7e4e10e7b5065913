import { setTimeout as sleep } from 'node:timers/promises';
import { base32Decode } from '../../src/core/auth/base32.js';
import { hotp, totpStepAt, totpStepSeconds } from '../../src/core/auth/totp.js';
import type { Sql } from '../../src/db/database.js';

/**
 * The next code an authenticator app would give that the server has not accepted yet, as a
 * person's phone would: a step the server still accepts (±1 step of drift) and after the last
 * one it accepted (read from the store), waiting for the clock when all of those are used.
 * A step about to fall out of the window is skipped so the code is still good on arrival.
 */
export async function nextTotpCode(db: Sql, email: string, secretBase32: string): Promise<string> {
  const secret = base32Decode(secretBase32);
  for (;;) {
    const [row] = await db.query<{ last: number | null }>(
      'SELECT totp_last_step AS last FROM app_user WHERE email = $1',
      [email],
    );
    const now = Date.now();
    const step = totpStepAt(now);
    const msLeft = (step + 1) * totpStepSeconds * 1000 - now;
    const candidates = [step - 1, step, step + 1].filter(
      (s) => (row?.last ?? -1) < s && (s >= step || msLeft > 3000),
    );
    if (candidates.length > 0) return hotp(secret, candidates[0]!);
    await sleep(msLeft + 50);
  }
}

/** A code the server refuses: not the code of any step in the window. */
export function wrongTotpCode(secretBase32: string): string {
  const secret = base32Decode(secretBase32);
  const step = totpStepAt(Date.now());
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => hotp(secret, step + d)));
  for (let n = 0; ; n++) {
    const code = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
