import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, signIn, signInWithCode, type Session } from '../api';

/** Signing in: the password, then, for accounts with two-step sign-in on, a code. */
export function SignInScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Set once the password was right and the account asks for a second step.
  const [challenge, setChallenge] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  const signedIn = (session: Session) => {
    setPassword('');
    queryClient.setQueryData(['session'], session);
  };
  const mutation = useMutation({
    mutationFn: () => signIn(email, password),
    onSuccess: (answer) => {
      setExpired(false);
      if ('secondFactor' in answer) {
        setPassword('');
        setChallenge(answer.challenge);
      } else signedIn(answer);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };

  if (challenge) {
    return (
      <SecondStep
        challenge={challenge}
        onSession={signedIn}
        onRestart={(becauseExpired) => {
          setChallenge(null);
          setExpired(becauseExpired);
          mutation.reset();
        }}
      />
    );
  }

  let problem: string | null = expired ? t('signInCode.expired') : null;
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

/** The second step: a code from the authenticator app, or one of the recovery codes. */
function SecondStep({
  challenge,
  onSession,
  onRestart,
}: {
  challenge: string;
  onSession: (session: Session) => void;
  onRestart: (becauseExpired: boolean) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const mutation = useMutation({
    mutationFn: () => signInWithCode(challenge, code),
    onSuccess: onSession,
    onError: (error) => {
      // The challenge lasts five minutes and opens one session: past that, the password again.
      if (error instanceof ApiError && error.status === 410) onRestart(true);
      else setCode('');
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
        ? t('signInCode.wrong')
        : status === 423
          ? t('signIn.locked')
          : status === 429
            ? t('signIn.tooMany')
            : t('signIn.failed', { message: mutation.error.message });
  }

  return (
    <main className="sign-in">
      <h1>{t('signInCode.title')}</h1>
      <p className="muted">{recovery ? t('signInCode.recoveryIntro') : t('signInCode.intro')}</p>
      <form onSubmit={onSubmit} aria-describedby={problem ? 'sign-in-problem' : undefined}>
        <label>
          {recovery ? t('signInCode.recoveryCode') : t('signInCode.code')}
          <input
            key={recovery ? 'recovery' : 'app'}
            name="code"
            dir="ltr"
            className="code-input"
            autoComplete="one-time-code"
            inputMode={recovery ? 'text' : 'numeric'}
            autoCapitalize={recovery ? 'characters' : 'off'}
            spellCheck={false}
            placeholder={recovery ? 'ABCD-EFGH-IJKL-MNOP' : '123456'}
            pattern={recovery ? undefined : '\\s*[0-9]{3}\\s?[0-9]{3}\\s*'}
            maxLength={recovery ? 24 : 7}
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        {problem && (
          <p id="sign-in-problem" className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.busy') : t('signInCode.submit')}
        </button>
      </form>
      <div className="sign-in-alternatives">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            mutation.reset();
          }}
        >
          {recovery ? t('signInCode.useApp') : t('signInCode.useRecovery')}
        </button>
        <button type="button" className="link-button" onClick={() => onRestart(false)}>
          {t('signInCode.startOver')}
        </button>
      </div>
    </main>
  );
}
