import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSession, signOut, type Session } from './api';
import { NumeralsContext } from './format';
import type { Calendars } from './dates';
import { setLanguage, type Numerals } from './i18n';
import { AccountScreen } from './screens/Account';
import { AdminScreen } from './screens/Admin';
import { ClaimsScreen } from './screens/Claims';
import { DashboardScreen } from './screens/Dashboard';
import { ImportScreen } from './screens/Import';
import { PersonScreen } from './screens/Person';
import { ReviewScreen } from './screens/Review';
import { SearchScreen } from './screens/Search';
import { SignInScreen } from './screens/SignIn';
import { SourcesScreen } from './screens/Sources';

type Screen =
  | 'search'
  | 'sources'
  | 'claims'
  | 'person'
  | 'review'
  | 'dashboard'
  | 'import'
  | 'account'
  | 'admin';

/** Screens live in the URL's fragment (#/search, #/sources): no server-side routes needed. */
function screenFromHash(): Screen {
  const hash = window.location.hash;
  if (hash.startsWith('#/person/')) return 'person';
  if (hash === '#/review') return 'review';
  if (hash === '#/import' || hash.startsWith('#/import/')) return 'import';
  if (hash === '#/dashboard') return 'dashboard';
  if (hash === '#/claims') return 'claims';
  if (hash === '#/account') return 'account';
  if (hash === '#/admin' || hash.startsWith('#/admin/')) return 'admin';
  return hash === '#/sources' ? 'sources' : 'search';
}

function useScreen(): Screen {
  const [screen, setScreen] = useState(screenFromHash);
  useEffect(() => {
    const onChange = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}

function Preferences() {
  const { t, i18n } = useTranslation();
  const { numerals, setNumerals, calendars, setCalendars } = useContext(NumeralsContext);
  const other = i18n.language === 'en' ? 'ar' : 'en';
  return (
    <div className="prefs">
      <button
        type="button"
        className="secondary"
        lang={other}
        data-testid="language-switch"
        onClick={() => void setLanguage(other)}
      >
        {t('prefs.switchTo')}
      </button>
      <label className="inline">
        {t('prefs.numerals')}
        <select
          name="numerals"
          value={numerals}
          onChange={(e) => setNumerals(e.target.value as Numerals)}
        >
          <option value="auto">{t('prefs.numeralsAuto')}</option>
          <option value="latn">{t('prefs.numeralsLatn')}</option>
          <option value="arab">{t('prefs.numeralsArab')}</option>
        </select>
      </label>
      <label className="inline">
        {t('prefs.calendars')}
        <select
          name="calendars"
          value={calendars}
          onChange={(e) => setCalendars(e.target.value as Calendars)}
        >
          <option value="auto">{t('prefs.calendarsAuto')}</option>
          <option value="gregory">{t('prefs.calendarsGregory')}</option>
          <option value="both">{t('prefs.calendarsBoth')}</option>
        </select>
      </label>
    </div>
  );
}

function Workspace({ session }: { session: Session }) {
  const { t } = useTranslation();
  const screen = useScreen();
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: signOut,
    onSettled: () => {
      // Forget everything fetched under this session, then show the sign-in screen.
      queryClient.setQueryData(['session'], null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      window.location.hash = '';
    },
  });
  return (
    <>
      <header className="bar">
        <div className="brand" title={t('app.tagline')}>
          <strong>{t('app.name')}</strong>
        </div>
        <nav aria-label={t('app.name')}>
          <a href="#/dashboard" aria-current={screen === 'dashboard' ? 'page' : undefined}>
            {t('dashboard.nav')}
          </a>
          <a href="#/search" aria-current={screen === 'search' ? 'page' : undefined}>
            {t('nav.search')}
          </a>
          <a href="#/sources" aria-current={screen === 'sources' ? 'page' : undefined}>
            {t('nav.sources')}
          </a>
          <a href="#/claims" aria-current={screen === 'claims' ? 'page' : undefined}>
            {t('claims.nav')}
          </a>
          {/* Viewers may not decide matches (permissions.ts): no queue for them. */}
          {session.user.role !== 'viewer' && (
            <a href="#/review" aria-current={screen === 'review' ? 'page' : undefined}>
              {t('review.nav')}
            </a>
          )}
          {/* Importing is for editors and administrators (permissions.ts: records:import). */}
          {(session.user.role === 'editor' || session.user.role === 'admin') && (
            <a href="#/import" aria-current={screen === 'import' ? 'page' : undefined}>
              {t('import.nav')}
            </a>
          )}
          {/* Accounts, the audit log and backups are for administrators (permissions.ts). */}
          {session.user.role === 'admin' && (
            <a href="#/admin" aria-current={screen === 'admin' ? 'page' : undefined}>
              {t('admin.nav')}
            </a>
          )}
        </nav>
        <Preferences />
        <div className="account">
          <span className="muted small" dir="auto">
            {t('signOut.signedInAs', {
              email: session.user.email,
              role: t(`role.${session.user.role}`),
            })}
          </span>
          <a href="#/account" aria-current={screen === 'account' ? 'page' : undefined}>
            {t('account.nav')}
          </a>
          <button
            type="button"
            className="secondary"
            disabled={logout.isPending}
            onClick={() => logout.mutate()}
          >
            {t('signOut.action')}
          </button>
        </div>
      </header>
      <main>
        {screen === 'sources' ? (
          <SourcesScreen />
        ) : screen === 'claims' ? (
          // Confirming and rejecting claims is editing (permissions.ts: records:edit).
          <ClaimsScreen
            canReview={session.user.role === 'editor' || session.user.role === 'admin'}
          />
        ) : screen === 'person' ? (
          <PersonScreen />
        ) : screen === 'review' ? (
          <ReviewScreen />
        ) : screen === 'import' ? (
          <ImportScreen />
        ) : screen === 'account' ? (
          <AccountScreen session={session} />
        ) : screen === 'admin' ? (
          <AdminScreen />
        ) : screen === 'dashboard' ? (
          <DashboardScreen />
        ) : (
          <SearchScreen />
        )}
      </main>
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const session = useQuery({ queryKey: ['session'], queryFn: fetchSession, staleTime: Infinity });
  if (session.isPending) return <p className="muted pad">{t('common.loading')}</p>;
  if (session.isError)
    return (
      <p className="problem pad" role="alert">
        {session.error.message}
      </p>
    );
  if (!session.data)
    return (
      <>
        <header className="bar">
          <div className="brand">
            <strong>{t('app.name')}</strong>
            <span className="muted">{t('app.tagline')}</span>
          </div>
          <Preferences />
        </header>
        <SignInScreen />
      </>
    );
  return <Workspace session={session.data} />;
}
