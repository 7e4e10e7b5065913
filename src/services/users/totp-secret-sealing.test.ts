import { afterEach, describe, expect, it } from 'vitest';
import { sealTotpSecret, totpKeyVariable, unsealTotpSecret } from './totp-secret-sealing.js';

describe('TOTP secrets at rest', () => {
  const saved = process.env[totpKeyVariable];
  afterEach(() => {
    if (saved === undefined) delete process.env[totpKeyVariable];
    else process.env[totpKeyVariable] = saved;
  });
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('are stored as they are without a key, and read back', () => {
    delete process.env[totpKeyVariable];
    expect(sealTotpSecret(7, secret)).toBe(secret);
    expect(unsealTotpSecret(7, secret)).toBe(secret);
  });

  it('are sealed with the key, bound to their user, and need the key to be read', () => {
    process.env[totpKeyVariable] = 'k'.repeat(16) + 'another 16 chars';
    const sealed = sealTotpSecret(7, secret);
    expect(sealed).toMatch(/^sealed-v1:/);
    expect(sealed).not.toContain(secret);
    expect(sealTotpSecret(7, secret)).not.toBe(sealed);
    expect(unsealTotpSecret(7, sealed)).toBe(secret);
    // Copied onto another account's row, it does not open.
    expect(() => unsealTotpSecret(8, sealed)).toThrow(/not the key it was sealed with/);
    // Secrets stored before the key was set keep working.
    expect(unsealTotpSecret(7, secret)).toBe(secret);
    process.env[totpKeyVariable] = 'a different key of at least 32 chars';
    expect(() => unsealTotpSecret(7, sealed)).toThrow(/not the key it was sealed with/);
    delete process.env[totpKeyVariable];
    expect(() => unsealTotpSecret(7, sealed)).toThrow(/set SIJIL_TOTP_KEY/);
  });

  it('refuses a key too short to be a key', () => {
    process.env[totpKeyVariable] = 'short';
    expect(() => sealTotpSecret(7, secret)).toThrow(/at least 32 random characters/);
  });
});
