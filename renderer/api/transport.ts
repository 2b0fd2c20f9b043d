import type { CallResult } from '../../shared/api/defineCall';
import type { CallName } from '../../shared/api/contract';
import type { DroppedFiles, PreloadApi } from '../../shared/api/preloadApi';
import type { ChosenFile, FilePurpose } from '../../shared/api/chosenFile';

/** How calls reach the main process: the preload in the app, loopback HTTP in the browser preview. */
export interface Transport {
  readonly kind: 'preload' | 'bridge';
  invoke(name: CallName, input: unknown): Promise<CallResult<unknown>>;
  /** The preview's stand-in for a file dialog: a typed path registered for a token (the app has its dialogs instead). */
  registerTypedPath?(path: string, purpose: FilePurpose): Promise<CallResult<ChosenFile>>;
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
  async function post<T>(url: string, body: unknown): Promise<CallResult<T>> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-iom-bridge-token': token },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok && response.status !== 400) {
      return { ok: false, error: { code: 'internal', message: `The preview server refused the request (HTTP ${response.status}). Restart the preview and open the new link it prints.` } };
    }
    return (await response.json()) as CallResult<T>;
  }
  return {
    kind: 'bridge',
    invoke: (name, input) => post(`/api/${encodeURIComponent(name)}`, input),
    registerTypedPath: (path, purpose) => post<ChosenFile>('/files/typed', { path, purpose }),
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
