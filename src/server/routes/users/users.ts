import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../../db/database.js';
import { signedInActor } from '../../../services/users/account-actor.js';
import { AccountChangeError } from '../../../services/users/account-change-error.js';
import { addAccount } from '../../../services/users/add-account.js';
import { changeUserRole } from '../../../services/users/change-user-role.js';
import { issueSetPasswordLink } from '../../../services/users/issue-set-password-link.js';
import { findAccount, listAccounts } from '../../../services/users/list-accounts.js';
import { setAccountDisabled } from '../../../services/users/set-account-disabled.js';
import { newUserBody, roleChangeBody, userParams } from './user-schemas.js';

/** The path of a set-password link: the token rides in the fragment, which no server logs. */
const setupPath = (token: string) => `/setup#${token}`;

/** Accounts and roles, for administrators: every change audited by the services. */
export const userRoutes: FastifyPluginAsync<{ db: Database }> = (app, { db }) => {
  const actorOf = (request: FastifyRequest) => signedInActor(request.user!.id);
  const accountAfterChange = async (id: number, changed: boolean) => {
    const user = await findAccount(db, id);
    if (!user) throw new AccountChangeError(`there is no account ${id}`, 404);
    return { changed, user };
  };
  // Answers that carry a one-time link must not stay in any cache.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(
    '/api/users',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary:
            'Every account with its role, state (active, waiting, locked, disabled) and last sign-in',
        },
      },
    },
    async () => ({ users: await listAccounts(db) }),
  );

  app.post(
    '/api/users',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary:
            'Creates an account and returns its one-time set-password link (never a password)',
          description: '409 when the email already has an account.',
          body: newUserBody,
        },
      },
    },
    async (request, reply) => {
      const body = newUserBody.parse(request.body);
      const { user, setupToken } = await addAccount(db, body, actorOf(request));
      // The link goes to the admin who hands it over; it is never logged or stored in clear.
      return noStore(reply)
        .code(201)
        .send({ user, setupPath: setupPath(setupToken) });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary: "Changes an account's role (audited, with the role before and after)",
          description:
            'Refused (409) for your own account and for the last administrator who can sign in.',
          params: userParams,
          body: roleChangeBody,
        },
      },
    },
    async (request) => {
      const { id } = userParams.parse(request.params);
      const { role } = roleChangeBody.parse(request.body);
      const { changed } = await changeUserRole(db, id, role, actorOf(request));
      return accountAfterChange(id, changed);
    },
  );

  app.post(
    '/api/users/:id/disable',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary: 'Disables an account: it cannot sign in, and its sessions end at once (audited)',
          description:
            'Refused (409) for your own account and for the last administrator who can sign in.',
          params: userParams,
        },
      },
    },
    async (request) => {
      const { id } = userParams.parse(request.params);
      const { changed } = await setAccountDisabled(db, id, true, actorOf(request));
      return accountAfterChange(id, changed);
    },
  );

  app.post(
    '/api/users/:id/enable',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary: 'Enables a disabled account again (audited)',
          params: userParams,
        },
      },
    },
    async (request) => {
      const { id } = userParams.parse(request.params);
      const { changed } = await setAccountDisabled(db, id, false, actorOf(request));
      return accountAfterChange(id, changed);
    },
  );

  app.post(
    '/api/users/:id/reset-link',
    {
      config: {
        permission: 'users:manage',
        docs: {
          tag: 'accounts',
          summary:
            'Issues a new one-time set-password link, replacing any earlier one, and signs the account out everywhere',
          description: 'Refused (409) for a disabled account: enable it first.',
          params: userParams,
        },
      },
    },
    async (request, reply) => {
      const { id } = userParams.parse(request.params);
      const { setupToken, expiresAt } = await issueSetPasswordLink(db, id, actorOf(request));
      return noStore(reply).send({
        setupPath: setupPath(setupToken),
        expiresAt: expiresAt.toISOString(),
      });
    },
  );
  return Promise.resolve();
};
