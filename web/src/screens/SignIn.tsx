import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, signIn } from '../api';

export function SignInScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const mutation = useMutation({
    mutationFn: () => signIn(email, password),
    onSuccess: (session) => {
      setPassword('');
      queryClient.setQueryData(['session'], session);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  let problem: string | null = null;
  if (mutation.error) {
    const status = mutation.error instanceof ApiError ? mutation.error.status : 0;
    problem =
      status === 401
        ? t('signIn.wrong')
        : status === 423
          ? t('signIn.locked')
          : status === 429
            ? t('signIn.tooMany')
            : t('signIn.failed', { message: mutation.error.message });
  }

  return (
    <main className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p className="muted">{t('signIn.intro')}</p>
      <form onSubmit={onSubmit} aria-describedby={problem ? 'sign-in-problem' : undefined}>
        <label>
          {t('signIn.email')}
          <input
            name="email"
            type="email"
            dir="ltr"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            name="password"
            type="password"
            dir="ltr"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p id="sign-in-problem" className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <p>
        <a href="/about">{t('nav.about')}</a>
      </p>
    </main>
  );
}
