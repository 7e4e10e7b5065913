import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  activateTotp,
  ApiError,
  disableTotp,
  fetchTotpStatus,
  startTotpEnrolment,
  type Session,
  type TotpEnrolment,
} from '../api';
import { useFormat } from '../format';

/**
 * The signed-in user's own account: two-step sign-in (TOTP). No QR code library is bundled, so
 * the secret is shown as text grouped for typing, with the otpauth:// link for apps that take one.
 */
export function AccountScreen({ session }: { session: Session }) {
  const { t } = useTranslation();
  const status = useQuery({ queryKey: ['account', 'totp'], queryFn: fetchTotpStatus });
  // Shown once, right after turning it on; gone when the screen is left.
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <div className="account-screen">
      <h1>{t('account.title')}</h1>
      <p className="muted" dir="auto">
        {t('account.signedInAs', {
          email: session.user.email,
          role: t(`role.${session.user.role}`),
        })}
      </p>
      <section className="account-section" aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t('account.totpTitle')}</h2>
        <p>{t('account.totpWhy')}</p>
        {status.isPending ? (
          <p className="muted">{t('common.loading')}</p>
        ) : status.isError ? (
          <p className="problem" role="alert">
            {t('account.failed', { message: status.error.message })}
          </p>
        ) : recoveryCodes ? (
          <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
        ) : status.data.enabled ? (
          <TotpOn
            enabledAt={status.data.enabledAt}
            recoveryCodesLeft={status.data.recoveryCodesLeft}
          />
        ) : (
          <TotpSetUp onActivated={setRecoveryCodes} />
        )}
      </section>
    </div>
  );
}

/** What to tell the user about a refused request, by its status. */
function useProblemText(): (error: Error) => string {
  const { t } = useTranslation();
  return (error) => {
    const status = error instanceof ApiError ? error.status : 0;
    if (status === 400) return t('account.wrongCode');
    if (status === 401) return t('account.wrongPasswordOrCode');
    if (status === 423) return t('signIn.locked');
    if (status === 429) return t('signIn.tooMany');
    return t('account.failed', { message: error.message });
  };
}

/** Off: start, show the secret, and turn on with the first code the app gives. */
function TotpSetUp({ onActivated }: { onActivated: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: startTotpEnrolment, onSuccess: setEnrolment });
  const activate = useMutation({
    mutationFn: () => activateTotp(code),
    onSuccess: ({ recoveryCodes }) => {
      setEnrolment(null);
      setCode('');
      onActivated(recoveryCodes);
      void queryClient.invalidateQueries({ queryKey: ['account', 'totp'] });
    },
  });

  if (!enrolment) {
    return (
      <>
        <p className="muted">{t('account.totpOff')}</p>
        {start.error && (
          <p className="problem" role="alert">
            {problemText(start.error)}
          </p>
        )}
        <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>
          {t('account.setUp')}
        </button>
      </>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    activate.mutate();
  };
  return (
    <ol className="totp-steps">
      <li>
        <p>{t('account.step1')}</p>
        {/* The key reads left to right, but sits at the start of the line in either language. */}
        <p className="totp-secret">
          <code dir="ltr" data-testid="totp-secret">
            {enrolment.secretForTyping}
          </code>
        </p>
        <p className="muted small">{t('account.secretDetails')}</p>
        <details>
          <summary>{t('account.uriSummary')}</summary>
          <p className="totp-uri">
            <code dir="ltr">{enrolment.otpauthUri}</code>
          </p>
        </details>
      </li>
      <li>
        <form onSubmit={onSubmit} className="totp-form">
          <label>
            {t('account.step2')}
            <input
              name="totp-code"
              dir="ltr"
              className="code-input"
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="\s*[0-9]{3}\s?[0-9]{3}\s*"
              maxLength={7}
              placeholder="123456"
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          {activate.error && (
            <p className="problem" role="alert">
              {problemText(activate.error)}
            </p>
          )}
          <div className="totp-actions">
            <button type="submit" disabled={activate.isPending}>
              {t('account.turnOn')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEnrolment(null);
                setCode('');
                activate.reset();
              }}
            >
              {t('account.cancel')}
            </button>
          </div>
        </form>
      </li>
    </ol>
  );
}

/** The recovery codes, once: the store keeps only their hashes. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="recovery-codes" role="status">
      <p className="import-done">{t('account.nowOn')}</p>
      <p>{t('account.recoveryIntro')}</p>
      <ul data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code dir="ltr">{c}</code>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('account.recoveryOnce')}</p>
      <button type="button" onClick={onDone}>
        {t('account.savedThem')}
      </button>
    </div>
  );
}

/** On: when, how many recovery codes are left, and turning it off (password and a code). */
function TotpOn({
  enabledAt,
  recoveryCodesLeft,
}: {
  enabledAt: string | null;
  recoveryCodesLeft: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useMutation({
    mutationFn: () => disableTotp(password, code),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['account', 'totp'] }),
    onSettled: () => {
      setPassword('');
      setCode('');
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    disable.mutate();
  };
  return (
    <>
      <p className="import-done" data-testid="totp-on">
        {t('account.totpOn', { date: format.date(enabledAt) })}
      </p>
      <p>
        {t('account.recoveryLeft', {
          count: recoveryCodesLeft,
          formatted: format.number(recoveryCodesLeft),
        })}
      </p>
      <form onSubmit={onSubmit} className="totp-form totp-off">
        <h3>{t('account.turnOffTitle')}</h3>
        <p className="muted small">{t('account.turnOffWhy')}</p>
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
        <label>
          {t('account.codeOrRecovery')}
          <input
            name="totp-code"
            dir="ltr"
            className="code-input"
            autoComplete="one-time-code"
            spellCheck={false}
            maxLength={24}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        {disable.error && (
          <p className="problem" role="alert">
            {problemText(disable.error)}
          </p>
        )}
        <div className="totp-actions">
          <button type="submit" className="danger" disabled={disable.isPending}>
            {t('account.turnOff')}
          </button>
        </div>
      </form>
    </>
  );
}
