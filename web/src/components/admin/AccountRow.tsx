import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  changeRole,
  issueResetLink,
  roles,
  setDisabled,
  type Account,
  type Role,
  type SetupLink,
} from './admin-api';
import { useInstant } from './admin-format';
import { isolate } from './isolate';

export type RowOutcome =
  | { kind: 'notice'; text: string }
  | { kind: 'problem'; text: string }
  | { kind: 'link'; link: SetupLink };

/** What the state of an account means now: when a link expires, until when it is locked. */
function StateDetail({ account }: { account: Account }) {
  const { t } = useTranslation();
  const instant = useInstant();
  if (account.state === 'disabled' && account.disabledAt)
    return <>{t('admin.accounts.disabledSince', { date: instant(account.disabledAt) })}</>;
  if (account.state === 'locked')
    return <>{t('admin.accounts.lockedUntil', { date: instant(account.lockedUntil) })}</>;
  if (account.state === 'waiting') {
    const expires = account.setupLinkExpiresAt;
    return !expires || Date.parse(expires) < Date.now() ? (
      <>{t('admin.accounts.linkExpired')}</>
    ) : (
      <>{t('admin.accounts.linkExpires', { date: instant(expires) })}</>
    );
  }
  return null;
}

/**
 * One account: its role (changed with a second step, Change role), its state, and what an
 * administrator may do with it. One's own account is shown but not changed from here.
 */
export function AccountRow({
  account,
  isSelf,
  onOutcome,
}: {
  account: Account;
  isSelf: boolean;
  onOutcome: (outcome: RowOutcome) => void;
}) {
  const { t } = useTranslation();
  const instant = useInstant();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(account.role);
  const email = isolate(account.email);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
  const onError = (error: Error) =>
    onOutcome({ kind: 'problem', text: t('admin.failed', { message: error.message }) });

  const roleChange = useMutation({
    mutationFn: () => changeRole(account.id, role),
    onSuccess: (result) => {
      onOutcome({
        kind: 'notice',
        text: result.changed
          ? t('admin.accounts.roleChanged', { email, role: t(`role.${result.user.role}`) })
          : t('admin.accounts.unchanged'),
      });
      void refresh();
    },
    onError,
  });
  const access = useMutation({
    mutationFn: (disable: boolean) => setDisabled(account.id, disable),
    onSuccess: (result) => {
      onOutcome({
        kind: 'notice',
        text: !result.changed
          ? t('admin.accounts.unchanged')
          : result.user.disabled
            ? t('admin.accounts.disabledNow', { email })
            : t('admin.accounts.enabledNow', { email }),
      });
      void refresh();
    },
    onError,
  });
  const reset = useMutation({
    mutationFn: () => issueResetLink(account),
    onSuccess: (link) => {
      onOutcome({ kind: 'link', link });
      void refresh();
    },
    onError,
  });
  const busy = roleChange.isPending || access.isPending || reset.isPending;

  return (
    <tr data-email={account.email}>
      <td>
        <bdi dir="ltr">{account.email}</bdi>
        {isSelf && <span className="admin-you"> ({t('admin.accounts.you')})</span>}
        {account.displayName && (
          <div className="muted small">
            <bdi>{account.displayName}</bdi>
          </div>
        )}
      </td>
      <td>
        <div className="admin-role">
          <select
            name={`role-${account.id}`}
            aria-label={t('admin.accounts.roleFor', { email })}
            value={role}
            disabled={isSelf || busy}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
          {role !== account.role && (
            <button type="button" disabled={busy} onClick={() => roleChange.mutate()}>
              {t('admin.accounts.changeRole')}
            </button>
          )}
        </div>
      </td>
      <td>
        <span className={`admin-state admin-state-${account.state}`}>
          {t(`admin.states.${account.state}`)}
        </span>
        <div className="muted small">
          <StateDetail account={account} />
        </div>
      </td>
      <td>{instant(account.lastLoginAt) ?? t('admin.accounts.never')}</td>
      <td>
        {isSelf ? (
          <span className="muted small">{t('admin.accounts.selfNote')}</span>
        ) : (
          <div className="admin-actions">
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => access.mutate(!account.disabled)}
            >
              {account.disabled ? t('admin.accounts.enable') : t('admin.accounts.disable')}
            </button>
            {!account.disabled && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => reset.mutate()}
              >
                {t('admin.accounts.newLink')}
              </button>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}
