/**
 * The Electron checklist, read from the sources of electron/ with the TypeScript parser (the
 * main process cannot start here: no Electron binary). Each test names the item it guards, and
 * would fail if that line were removed or weakened.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../electron',
);

function parse(name: string): ts.SourceFile {
  const file = path.join(ELECTRON_DIR, name);
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

const SOURCES = readdirSync(ELECTRON_DIR)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, source: parse(name) }));

function nodesOf<T extends ts.Node>(root: ts.Node, match: (node: ts.Node) => node is T): T[] {
  const found: T[] = [];
  const visit = (node: ts.Node): void => {
    if (match(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** Calls written `object.method(...)`, e.g. ipcMain.handle, in every electron/ file. */
function callsOf(object: string, method: string): { file: string; call: ts.CallExpression }[] {
  return SOURCES.flatMap(({ name, source }) =>
    nodesOf(source, ts.isCallExpression)
      .filter((call) => {
        const callee = call.expression;
        return (
          ts.isPropertyAccessExpression(callee) &&
          callee.name.text === method &&
          callee.expression.getText() === object
        );
      })
      .map((call) => ({ file: name, call })),
  );
}

function literalValue(node: ts.Expression): unknown {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node)) return node.text;
  return `<${node.getText()}>`;
}

function properties(object: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
  const map = new Map<string, ts.Expression>();
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property)) map.set(property.name.getText(), property.initializer);
    else map.set(`...${property.getText()}`, property as unknown as ts.Expression);
  }
  return map;
}

describe('windows', () => {
  const windows = SOURCES.flatMap(({ name, source }) =>
    nodesOf(source, ts.isNewExpression)
      .filter((node) => node.expression.getText() === 'BrowserWindow')
      .map((node) => ({ name, node })),
  );

  it('are all created with context isolation, the sandbox and no Node integration', () => {
    expect(windows.length).toBeGreaterThan(0);
    for (const { name, node } of windows) {
      const options = node.arguments?.[0];
      expect(options && ts.isObjectLiteralExpression(options), `${name}: options literal`).toBe(
        true,
      );
      const prefs = properties(options as ts.ObjectLiteralExpression).get('webPreferences');
      expect(prefs && ts.isObjectLiteralExpression(prefs), `${name}: webPreferences literal`).toBe(
        true,
      );
      const values = new Map(
        [...properties(prefs as ts.ObjectLiteralExpression)].map(([key, value]) => [
          key,
          literalValue(value),
        ]),
      );
      expect(
        [...values.keys()].filter((key) => key.startsWith('...')),
        'no spread',
      ).toEqual([]);
      expect(Object.fromEntries(values)).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
      });
      expect(values.has('preload')).toBe(true);
      expect(values.has('enableBlinkFeatures')).toBe(false);
    }
  });

  it('load our UI from app://, never from file:// or the network', () => {
    const loads = [...callsOf('window', 'loadURL'), ...callsOf('mainWindow', 'loadURL')];
    expect(loads.map(({ call }) => call.arguments[0]!.getText())).toEqual(['APP_INDEX_URL']);
    expect(callsOf('window', 'loadFile')).toEqual([]);
    for (const { name, source } of SOURCES) expect(source.text, name).not.toMatch(/['"`]file:\/\//);
  });

  it('the app turns the sandbox on for every renderer, before any window exists', () => {
    expect(callsOf('app', 'enableSandbox').map(({ file }) => file)).toEqual(['main.ts']);
  });
});

describe('the app:// scheme', () => {
  it('is privileged as standard and secure, but never bypasses the CSP', () => {
    const [registration] = callsOf('protocol', 'registerSchemesAsPrivileged');
    expect(registration).toBeDefined();
    const text = registration!.call.getText();
    expect(text).toMatch(/standard: true/);
    expect(text).toMatch(/secure: true/);
    expect(text).not.toMatch(/bypassCSP|allowServiceWorkers|corsEnabled/);
  });

  it('answers with the security headers of core/security.ts', () => {
    const source = SOURCES.find((s) => s.name === 'app-protocol.ts')!.source.text;
    expect(source.match(/\.\.\.SECURITY_HEADERS/g)?.length).toBeGreaterThanOrEqual(2);
  });
});

describe('IPC', () => {
  it('registers every handler through `guarded`, which checks the sender first', () => {
    const handles = callsOf('ipcMain', 'handle');
    expect(handles.map(({ file }) => file)).toEqual(['ipc.ts']);
    const guardedBody = handles[0]!.call.arguments[1]!.getText();
    expect(guardedBody.indexOf('isTrustedSender(')).toBeGreaterThan(-1);
    expect(guardedBody.indexOf('isTrustedSender(')).toBeLessThan(guardedBody.indexOf('handler('));
    for (const method of ['on', 'once', 'handleOnce', 'addListener']) {
      expect(callsOf('ipcMain', method), `ipcMain.${method}`).toEqual([]);
    }
  });

  it('exposes the API and the desktop shell to the page, never ipcRenderer itself', () => {
    const preload = SOURCES.find((s) => s.name === 'preload.ts')!.source;
    const exposed = callsOf('contextBridge', 'exposeInMainWorld').map(({ call }) =>
      call.arguments.map((argument) => argument.getText()).join(', '),
    );
    expect(exposed).toEqual(["'gloss', api as GlossApi", "'glossShell', desktopShell"]);
    // ipcRenderer is only ever called (invoke, on, off), never passed or stored.
    const uses = nodesOf(preload, ts.isIdentifier).filter(
      (node) => node.text === 'ipcRenderer' && !ts.isImportSpecifier(node.parent),
    );
    for (const use of uses) {
      const parent = use.parent;
      expect(
        ts.isPropertyAccessExpression(parent) && parent.expression === use,
        use.parent.getText(),
      ).toBe(true);
      expect(['invoke', 'on', 'off']).toContain((parent as ts.PropertyAccessExpression).name.text);
    }
    // The menu relay hands the page the command alone, not the event with its sender.
    expect(preload.text).toMatch(/listener\(command as MenuCommand\)/);
  });
});

describe('links, navigation, permissions', () => {
  it('open a link only through external-links.ts, which asks first', () => {
    const opens = callsOf('shell', 'openExternal');
    expect(opens.map(({ file }) => file)).toEqual(['external-links.ts']);
    const source = SOURCES.find((s) => s.name === 'external-links.ts')!.source.text;
    expect(source.indexOf('showMessageBox')).toBeLessThan(source.indexOf('openExternal('));
    expect(source).toMatch(/linkPrompt\(url\)/);
  });

  it('deny every navigation, new window, webview, download and permission', () => {
    const guards = SOURCES.find((s) => s.name === 'guards.ts')!.source.text;
    for (const event of [
      'will-navigate',
      'will-frame-navigate',
      'will-redirect',
      'will-attach-webview',
      'will-download',
    ]) {
      expect(guards, event).toMatch(
        new RegExp(`'${event}', \\(event\\) => event\\.preventDefault\\(\\)`),
      );
    }
    expect(guards).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(guards).toMatch(
      /setPermissionRequestHandler\(\(_contents, _permission, callback\) => callback\(false\)\)/,
    );
    expect(guards).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(guards).toMatch(/setDevicePermissionHandler\(\(\) => false\)/);
  });

  it('never use the remote module, eval in a page, or turn off web security', () => {
    for (const { name, source } of SOURCES) {
      expect(source.text, name).not.toMatch(/@electron\/remote|enableRemoteModule/);
      expect(source.text, name).not.toMatch(/executeJavaScript|insertCSS|setCertificateVerifyProc/);
      expect(source.text, name).not.toMatch(
        /webSecurity: false|contextIsolation: false|sandbox: false/,
      );
      expect(source.text, name).not.toMatch(
        /ignore-certificate-errors|disable-web-security|no-sandbox/,
      );
    }
  });
});
