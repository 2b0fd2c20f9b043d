import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { secureWebPreferences, mainWindowShape } from '../../electron/security/webPreferences';
import { CONTENT_SECURITY_POLICY, withSecurityHeaders } from '../../electron/security/contentSecurityPolicy';
import { decidePermission, decideWindowOpen, isAllowedNavigation, isAllowedRequest, isTrustedIpcSender } from '../../electron/security/requestPolicy';
import { APP_ENTRY_URL, resolveAppFile } from '../../electron/security/appProtocol';

describe('Electron security decisions', () => {
  it('locks the renderer down: isolation, sandbox, no node, no webviews', () => {
    // Each setting by what it does for security, and nothing else set: a new or misspelt key fails.
    const protections = ['contextIsolation', 'sandbox', 'webSecurity', 'safeDialogs'];
    const exposures = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent', 'experimentalFeatures', 'navigateOnDragDrop', 'spellcheck'];
    const lockedDown = { ...Object.fromEntries(protections.map((key) => [key, true])), ...Object.fromEntries(exposures.map((key) => [key, false])) };
    expect(secureWebPreferences('/app/preload.js', { allowDevTools: false })).toEqual({ preload: '/app/preload.js', ...lockedDown, devTools: false });
    expect(secureWebPreferences('/app/preload.js', { allowDevTools: true })).toEqual({ preload: '/app/preload.js', ...lockedDown, devTools: true });
    expect(mainWindowShape()).toMatchObject({ width: 1366, height: 768, show: false });
  });

  it('has a CSP with no remote origin, no inline script and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    const headers = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
  });

  it('lets only the bundled files through and refuses every network request', () => {
    expect(isAllowedRequest(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedRequest('app://bundle/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'ws://localhost/', 'app://other/x', 'ftp://x/']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('blocks navigation away, new windows and every permission', () => {
    expect(isAllowedNavigation('https://example.org')).toBe(false);
    expect(isAllowedNavigation('file:///tmp/x.html')).toBe(false);
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) expect(decidePermission(permission)).toBe(false);
  });

  it('answers IPC only from the app page', () => {
    expect(isTrustedIpcSender('app://bundle/index.html')).toBe(true);
    expect(isTrustedIpcSender('https://evil.example/')).toBe(false);
    expect(isTrustedIpcSender('file:///x')).toBe(false);
    expect(isTrustedIpcSender(undefined)).toBe(false);
  });

  it('serves app:// only from inside the renderer folder', () => {
    const root = resolve('/srv/renderer');
    expect(resolveAppFile(root, 'app://bundle/')).toBe(resolve(root, 'index.html'));
    expect(resolveAppFile(root, 'app://bundle/assets/a.js')).toBe(resolve(root, 'assets/a.js'));
    // URL parsing folds dot segments, so traversal attempts end up inside the folder or are refused.
    for (const attempt of ['app://bundle/../../etc/passwd', 'app://bundle/%2e%2e/%2e%2e/etc/passwd', 'app://bundle/..%2f..%2fetc/passwd', 'app://bundle/assets/..\\..\\..\\etc\\passwd']) {
      const file = resolveAppFile(root, attempt);
      expect(file === null || file.startsWith(`${root}/`), attempt).toBe(true);
    }
    expect(resolveAppFile(root, 'app://bundle/a%00.js')).toBeNull();
    expect(resolveAppFile(root, 'https://bundle/index.html')).toBeNull();
  });
});
