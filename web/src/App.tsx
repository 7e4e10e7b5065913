import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSession, signOut, type Session } from './api';
import { NumeralsContext } from './format';
import { setLanguage, type Numerals } from './i18n';
import { SearchScreen } from './screens/Search';
import { SignInScreen } from './screens/SignIn';
import { SourcesScreen } from './screens/Sources';

type Screen = 'search' | 'sources';

/** Screens live in the URL's fragment (#/search, #/sources): no server-side routes needed. */
function screenFromHash(): Screen {
  return window.location.hash === '#/sources' ? 'sources' : 'search';
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
  const { numerals, setNumerals } = useContext(NumeralsContext);
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
          <a href="#/search" aria-current={screen === 'search' ? 'page' : undefined}>
            {t('nav.search')}
          </a>
          <a href="#/sources" aria-current={screen === 'sources' ? 'page' : undefined}>
            {t('nav.sources')}
          </a>
        </nav>
        <Preferences />
        <div className="account">
          <span className="muted small" dir="auto">
            {t('signOut.signedInAs', {
              email: session.user.email,
              role: t(`role.${session.user.role}`),
            })}
          </span>
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
      <main>{screen === 'sources' ? <SourcesScreen /> : <SearchScreen />}</main>
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
