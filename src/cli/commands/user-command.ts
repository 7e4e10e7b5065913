import { Command, Option } from 'commander';
import { roles, type Role } from '../../core/auth/permissions.js';
import { listUsers } from '../../db/repositories/user-repository.js';
import { clearTotpByAdmin } from '../../services/users/totp-reset.js';
import { addUser, resetSetupToken } from '../../services/users/users-service.js';
import { cliActor, say, withDatabase } from '../context.js';

function linkFor(token: string): string {
  const base = process.env.SIJIL_PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`;
  return `${base.replace(/\/$/, '')}/setup#${token}`;
}

export function registerUserCommand(program: Command): void {
  const user = program
    .command('user')
    .description('staff accounts: no password is ever set for someone else');
  user
    .command('add')
    .description('create an account and print its one-time link to set a password')
    .argument('<email>')
    .addOption(new Option('--role <role>').choices(roles).makeOptionMandatory())
    .option('--name <display name>')
    .action(async (email: string, flags: { role: Role; name?: string }) => {
      const { user: created, setupToken } = await withDatabase((db) =>
        addUser(db, { email, role: flags.role, displayName: flags.name ?? null }, cliActor()),
      );
      say(
        `Added ${created.email} (${created.role}). Give them this one-time link (valid 72 hours, shown only now):`,
      );
      say(linkFor(setupToken));
    });
  user
    .command('reset')
    .description('issue a new one-time link (a forgotten password); signs the user out everywhere')
    .argument('<email>')
    .action(async (email: string) => {
      const token = await withDatabase((db) => resetSetupToken(db, email, cliActor()));
      say(`New one-time link for ${email} (valid 72 hours, shown only now):`);
      say(linkFor(token));
    });
  user
    .command('reset-2fa')
    .description(
      'turn off two-step sign-in (TOTP) for a user who lost their phone and recovery codes (audited)',
    )
    .argument('<email>')
    .action(async (email: string) => {
      const { wasEnabled } = await withDatabase((db) => clearTotpByAdmin(db, email, cliActor()));
      say(
        wasEnabled
          ? `Two-step sign-in is off for ${email}: they sign in with their password alone and can set it up again from their Account page.`
          : `${email} had no two-step sign-in; nothing was on (any unfinished set-up was cleared).`,
      );
    });
  user
    .command('list')
    .description('list accounts')
    .action(async () => {
      const users = await withDatabase((db) => listUsers(db));
      for (const u of users) {
        say(
          `${u.email}  ${u.role}${u.disabled ? '  (disabled)' : ''}${u.hasPassword ? '' : '  (no password yet)'}`,
        );
      }
    });
}
