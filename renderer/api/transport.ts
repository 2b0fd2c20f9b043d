import type { CallResult } from '../../shared/api/defineCall';
import type { CallName } from '../../shared/api/contract';
import type { DroppedFiles, PreloadApi } from '../../shared/api/preloadApi';

/** How calls reach the main process: the preload in the app, loopback HTTP in the browser preview. */
export interface Transport {
  readonly kind: 'preload' | 'bridge';
  invoke(name: CallName, input: unknown): Promise<CallResult<unknown>>;
}

declare global {
  interface Window {
    iomApi?: PreloadApi;
    iomFiles?: DroppedFiles;
  }
}

function preloadTransport(api: PreloadApi): Transport {
  return { kind: 'preload', invoke: (name, input) => api[name](input) };
}

const BRIDGE_TOKEN_KEY = 'iom-bridge-token';

function bridgeTransport(token: string): Transport {
  return {
    kind: 'bridge',
    async invoke(name, input) {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-iom-bridge-token': token },
        body: JSON.stringify(input ?? {}),
      });
      if (!response.ok && response.status !== 400) {
        return { ok: false, error: { code: 'internal', message: `The preview server refused the request (${response.status}).` } };
      }
      return (await response.json()) as CallResult<unknown>;
    },
  };
}

export function detectTransport(): Transport {
  if (window.iomApi) return preloadTransport(window.iomApi);
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem(BRIDGE_TOKEN_KEY, fromUrl);
  const token = fromUrl ?? sessionStorage.getItem(BRIDGE_TOKEN_KEY);
  if (!token) throw new Error('This page must be opened from the app or from the preview link printed by "npm run preview".');
  return bridgeTransport(token);
}
