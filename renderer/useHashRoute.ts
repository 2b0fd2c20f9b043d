import { useCallback, useEffect, useState } from 'react';

function currentRoute(fallback: string): string {
  const hash = window.location.hash.replace(/^#\/?/, '');
  return hash || fallback;
}

/** Hash routes (#/person/12) keep navigation inside the one bundled page, with no server or history API. */
export function useHashRoute(fallback: string): [string, (route: string) => void] {
  const [route, setRoute] = useState(() => currentRoute(fallback));
  useEffect(() => {
    const onChange = () => setRoute(currentRoute(fallback));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [fallback]);
  const navigate = useCallback((next: string) => {
    window.location.hash = `#/${next}`;
  }, []);
  return [route, navigate];
}
