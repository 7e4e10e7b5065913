import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addAccount, roles, type Role, type SetupLink } from './admin-api';

/** Adds an account: an email and a role; the answer is a one-time link, never a password. */
export function AddAccountForm({ onAdded }: { onAdded: (link: SetupLink) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const add = useMutation({
    mutationFn: addAccount,
    onSuccess: (link) => {
      setEmail('');
      setRole('viewer');
      onAdded(link);
      void queryClient.invalidateQueries({ queryKey: ['admin-accounts'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ email: email.trim(), role });
  };
  return (
    <section aria-labelledby="admin-add-title" className="admin-card">
      <h2 id="admin-add-title">{t('admin.accounts.addTitle')}</h2>
      <p className="muted small">{t('admin.accounts.addIntro')}</p>
      <form className="admin-add" onSubmit={submit}>
        <label className="admin-grow">
          {t('admin.accounts.email')}
          <input
            name="newEmail"
            type="email"
            dir="ltr"
            required
            maxLength={254}
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('admin.accounts.role')}
          <select name="newRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? t('admin.accounts.adding') : t('admin.accounts.add')}
        </button>
      </form>
      {add.isError && (
        <p className="problem" role="alert">
          {t('admin.failed', { message: add.error.message })}
        </p>
      )}
    </section>
  );
}
