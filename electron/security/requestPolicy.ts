import { isAppUrl } from './appProtocol';

/**
 * The app never talks to a network. Only the bundled files (app://bundle/…), inline data/blob URLs
 * (chart images) and the devtools' own scheme are let through; everything else is cancelled.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('blob:app://bundle/') || url.startsWith('devtools://');
}

/** Navigation away from the app is never allowed: a link in data must not open a page in the window. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

type WindowOpenDecision = { action: 'deny' };

export function decideWindowOpen(): WindowOpenDecision {
  return { action: 'deny' };
}

/** No camera, microphone, notifications, geolocation, clipboard-read or anything else. */
export function decidePermission(_permission: string): false {
  return false;
}

/** IPC is only answered for the app's own top frame; a frame from anywhere else gets nothing. */
export function isTrustedIpcSender(senderUrl: string | undefined | null): boolean {
  return typeof senderUrl === 'string' && isAppUrl(senderUrl);
}
