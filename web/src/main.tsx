import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { ApiError } from './api';
import { NumeralsContext } from './format';
import type { Calendars } from './dates';
import {
  initI18n,
  saveCalendars,
  saveNumerals,
  storedCalendars,
  storedNumerals,
  type Numerals,
} from './i18n';
import css from './styles.css?inline';

// The CSP allows inline styles but no stylesheet files, so the styles go in a <style> element.
const style = document.createElement('style');
style.textContent = css;
document.head.append(style);

const queryClient: QueryClient = new QueryClient({
  // A session that ended elsewhere (expired, signed out in another tab): back to the sign-in screen.
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        queryClient.setQueryData(['session'], null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // Slow connections: do not refetch on every focus; retry network failures, not refusals.
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

function Root() {
  const [numerals, setNumeralsState] = useState<Numerals>(storedNumerals);
  const setNumerals = (value: Numerals) => {
    saveNumerals(value);
    setNumeralsState(value);
  };
  const [calendars, setCalendarsState] = useState<Calendars>(storedCalendars);
  const setCalendars = (value: Calendars) => {
    saveCalendars(value);
    setCalendarsState(value);
  };
  return (
    <NumeralsContext.Provider value={{ numerals, setNumerals, calendars, setCalendars }}>
      <App />
    </NumeralsContext.Provider>
  );
}

const i18n = await initI18n();
const container = document.getElementById('root');
if (!container) throw new Error('no #root element');
createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
