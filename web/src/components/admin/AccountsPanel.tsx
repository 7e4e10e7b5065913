import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountRow, type RowOutcome } from './AccountRow';
import { AddAccountForm } from './AddAccountForm';
import { SetupLinkNotice } from './SetupLinkNotice';
import { fetchAccounts, type SetupLink } from './admin-api';

/** Accounts and roles: add an account, change roles, disable and enable, issue new links. */
export function AccountsPanel({ selfId }: { selfId: number }) {
  const { t } = useTranslation();
  const accounts = useQuery({ queryKey: ['admin-accounts'], queryFn: fetchAccounts });
  const [link, setLink] = useState<{ link: SetupLink; kind: 'added' | 'reset' } | null>(null);
  const [message, setMessage] = useState<{ problem: boolean; text: string } | null>(null);

  const onOutcome = (outcome: RowOutcome) => {
    if (outcome.kind === 'link') {
      setMessage(null);
      setLink({ link: outcome.link, kind: 'reset' });
    } else {
      setMessage({ problem: outcome.kind === 'problem', text: outcome.text });
    }
  };

  return (
    <>
      <AddAccountForm
        onAdded={(added) => {
          setMessage(null);
          setLink({ link: added, kind: 'added' });
        }}
      />
      {link && <SetupLinkNotice link={link.link} kind={link.kind} onDone={() => setLink(null)} />}
      <section aria-labelledby="admin-accounts-title">
        <h2 id="admin-accounts-title">{t('admin.accounts.listTitle')}</h2>
        {message && (
          <p
            className={message.problem ? 'problem' : 'admin-notice'}
            role={message.problem ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
        {accounts.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : accounts.isError ? (
          <p className="problem" role="alert">
            {t('admin.loadFailed', { message: accounts.error.message })}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="admin-accounts">
              <thead>
                <tr>
                  <th scope="col">{t('admin.accounts.account')}</th>
                  <th scope="col">{t('admin.accounts.role')}</th>
                  <th scope="col">{t('admin.accounts.state')}</th>
                  <th scope="col">{t('admin.accounts.lastSignIn')}</th>
                  <th scope="col">{t('admin.accounts.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.data.map((account) => (
                  // Keyed by role too: a changed role resets the row's pending choice.
                  <AccountRow
                    key={`${account.id}-${account.role}`}
                    account={account}
                    isSelf={account.id === selfId}
                    onOutcome={onOutcome}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
