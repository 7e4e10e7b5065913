import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * TOTP secrets at rest. Without a key they are stored as base32 text, as safe as the store itself
 * (and its backups). With SIJIL_TOTP_KEY set they are sealed with AES-256-GCM, bound to their
 * user, so a copy of the store alone does not give anyone the codes. Secrets stored before the
 * key was set keep working; sealed ones need the key.
 */
export const totpKeyVariable = 'SIJIL_TOTP_KEY';
const sealedPrefix = 'sealed-v1:';

function keyFromEnvironment(): Buffer | null {
  const value = process.env[totpKeyVariable];
  if (!value) return null;
  if (value.length < 32) {
    throw new Error(
      `${totpKeyVariable} is too short: use at least 32 random characters (openssl rand -base64 32)`,
    );
  }
  return createHash('sha256').update(value).digest();
}

/** What the store keeps of a user's base32 secret. */
export function sealTotpSecret(userId: number, base32: string): string {
  const key = keyFromEnvironment();
  if (!key) return base32;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(`user:${userId}`));
  const sealed = Buffer.concat([cipher.update(base32, 'utf8'), cipher.final()]);
  return (
    sealedPrefix +
    [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.')
  );
}

/** The base32 secret behind what the store keeps. */
export function unsealTotpSecret(userId: number, stored: string): string {
  if (!stored.startsWith(sealedPrefix)) return stored;
  const key = keyFromEnvironment();
  if (!key) {
    throw new Error(
      `two-step sign-in secrets in this store are sealed: set ${totpKeyVariable} to the key they were sealed with`,
    );
  }
  const [iv, tag, sealed] = stored
    .slice(sealedPrefix.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv!)
      .setAAD(Buffer.from(`user:${userId}`))
      .setAuthTag(tag!);
    return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `a two-step sign-in secret could not be unsealed: ${totpKeyVariable} is not the key it was sealed with`,
    );
  }
}
