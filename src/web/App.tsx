import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router-dom';
import { setUnauthenticatedHandler } from './api/client.ts';
import { ME_KEY } from './hooks/useMe.ts';
import { antdLocales } from './i18n/antdLocales.ts';
import { LanguageProvider, useLang } from './i18n/index.tsx';
import { queryClient } from './queryClient.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

// A session that ends while the app is open (idle timeout, password changed elsewhere): forget
// everything cached for that user and show the login page, coming back here afterwards.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(ME_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  const { pathname, search } = window.location;
  if (!pathname.startsWith('/login')) void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

function LocalisedApp() {
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);
  return (
    <ConfigProvider locale={antdLocales[lang]} theme={theme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <QueryClientProvider client={queryClient}>
        <LocalisedApp />
      </QueryClientProvider>
    </LanguageProvider>
  );
}
