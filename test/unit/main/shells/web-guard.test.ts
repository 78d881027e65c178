/**
 * What the web shell lets through (main/shells/web-guard.ts), as tables: which requests and
 * upgrades get past the Host, method, path and Origin checks, how a WebSocket message is read,
 * and the headers a renderer file is served with.
 */
import { describe, expect, it } from 'vitest';
import {
  HOST,
  allowedHosts,
  errorSummary,
  fileHeaders,
  readWireMessage,
  requestAllowed,
  upgradeAllowed,
  withBridge,
} from '../../../../main/shells/web-guard';

const PORT = 4747;

describe('HTTP requests', () => {
  it('the server is 127.0.0.1, named by address or as localhost', () => {
    expect(HOST).toBe('127.0.0.1');
    expect(allowedHosts(PORT)).toStrictEqual(['127.0.0.1:4747', 'localhost:4747']);
  });

  it.each<[string, { host?: string; method?: string }, boolean]>([
    ['GET by address', { host: '127.0.0.1:4747', method: 'GET' }, true],
    ['GET as localhost', { host: 'localhost:4747', method: 'GET' }, true],
    ['HEAD', { host: '127.0.0.1:4747', method: 'HEAD' }, true],
    ['POST', { host: '127.0.0.1:4747', method: 'POST' }, false],
    ['PUT', { host: '127.0.0.1:4747', method: 'PUT' }, false],
    ['OPTIONS', { host: '127.0.0.1:4747', method: 'OPTIONS' }, false],
    ['a lower-case method', { host: '127.0.0.1:4747', method: 'get' }, false],
    ['no method', { host: '127.0.0.1:4747' }, false],
    ['a rebound name (DNS rebinding)', { host: 'evil.example:4747', method: 'GET' }, false],
    ['another port', { host: '127.0.0.1:4748', method: 'GET' }, false],
    ['no port', { host: '127.0.0.1', method: 'GET' }, false],
    ['no Host', { method: 'GET' }, false],
    ['an empty Host', { host: '', method: 'GET' }, false],
  ])('%s: %s', (_why, req, allowed) => {
    expect(requestAllowed(req, PORT)).toBe(allowed);
  });
});

describe('WebSocket upgrades', () => {
  const ok = { url: '/ws', host: '127.0.0.1:4747', origin: 'http://127.0.0.1:4747' };
  it.each<[string, { url?: string; host?: string; origin?: string }, boolean]>([
    ['the app’s own', ok, true],
    ['as localhost', { url: '/ws', host: 'localhost:4747', origin: 'http://localhost:4747' }, true],
    ['with a query', { ...ok, url: '/ws?x=1' }, true],
    ['another path', { ...ok, url: '/socket' }, false],
    ['a path under /ws', { ...ok, url: '/ws/x' }, false],
    ['no path', { ...ok, url: undefined }, false],
    ['a foreign Origin (cross-site hijacking)', { ...ok, origin: 'http://evil.example' }, false],
    ['no Origin', { ...ok, origin: undefined }, false],
    ['an https Origin', { ...ok, origin: 'https://127.0.0.1:4747' }, false],
    ['an Origin naming the other name of the server', { ...ok, origin: 'http://localhost:4747' }, false],
    [
      'a foreign Host with a matching Origin',
      { url: '/ws', host: 'evil.example', origin: 'http://evil.example' },
      false,
    ],
    ['another port', { url: '/ws', host: '127.0.0.1:1', origin: 'http://127.0.0.1:1' }, false],
    ['no Host', { url: '/ws', origin: 'http://' }, false],
  ])('%s: %s', (_why, req, allowed) => {
    expect(upgradeAllowed(req, PORT)).toBe(allowed);
  });
});

describe('WebSocket messages', () => {
  const text = (s: string): Buffer => Buffer.from(s, 'utf8');

  it.each<[string, string, unknown]>([
    [
      'a request',
      '{"id":1,"channel":"getAppInfo","payload":{}}',
      { request: { id: 1, channel: 'getAppInfo', payload: {} } },
    ],
    [
      'a request without a payload',
      '{"id":0,"channel":"x"}',
      { request: { id: 0, channel: 'x', payload: undefined } },
    ],
    [
      'extra keys are dropped',
      '{"id":2,"channel":"x","payload":[1],"more":true}',
      { request: { id: 2, channel: 'x', payload: [1] } },
    ],
    ['not JSON', '{"id":', { close: { code: 1007, reason: 'invalid JSON' } }],
    ['null', 'null', { close: { code: 1007, reason: 'invalid message' } }],
    ['a number', '42', { close: { code: 1007, reason: 'invalid message' } }],
    ['a string', '"hello"', { close: { code: 1007, reason: 'invalid message' } }],
    ['a string id', '{"id":"1","channel":"x"}', { close: { code: 1007, reason: 'invalid message' } }],
    ['no id', '{"channel":"x"}', { close: { code: 1007, reason: 'invalid message' } }],
    ['a numeric channel', '{"id":1,"channel":7}', { close: { code: 1007, reason: 'invalid message' } }],
    ['no channel', '{"id":1}', { close: { code: 1007, reason: 'invalid message' } }],
  ])('%s', (_why, data, read) => {
    expect(readWireMessage(text(data), false)).toStrictEqual(read);
  });

  it('a binary frame is refused as such, whatever it holds', () => {
    expect(readWireMessage(text('{"id":1,"channel":"x"}'), true)).toStrictEqual({
      close: { code: 1003, reason: 'text only' },
    });
  });

  it('reads UTF-8', () => {
    expect(readWireMessage(text('{"id":1,"channel":"é","payload":"ü"}'), false)).toStrictEqual({
      request: { id: 1, channel: 'é', payload: 'ü' },
    });
  });
});

describe('serving the renderer', () => {
  it('puts the bridge before the first script only', () => {
    expect(withBridge('<head><script src="a.js"></script><script src="b.js"></script></head>')).toBe(
      '<head><script type="module" src="./web-bridge.js"></script>\n    <script src="a.js"></script><script src="b.js"></script></head>',
    );
    expect(withBridge('<p>no script</p>')).toBe('<p>no script</p>');
  });

  it('a page: its CSP, not sniffed, no referrer, never cached', () => {
    expect(fileHeaders('text/html; charset=utf-8', 'default-src x')).toStrictEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': 'default-src x',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
  });

  it('any other file: revalidated before reuse', () => {
    expect(fileHeaders('text/javascript; charset=utf-8', 'c')['cache-control']).toBe('no-cache');
    expect(fileHeaders('text/css', 'c')['cache-control']).toBe('no-cache');
    expect(fileHeaders('image/png', 'c')).toMatchObject({
      'content-type': 'image/png',
      'content-security-policy': 'c',
    });
  });
});

describe('what is logged of a connection error', () => {
  it.each<[string, unknown, unknown]>([
    [
      'a Node error: its code and message',
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      { code: 'ECONNRESET', message: 'read ECONNRESET' },
    ],
    ['an error without a code', new Error('boom'), { message: 'boom' }],
    ['a numeric code is left out', { code: 1006, message: 'closed' }, { message: 'closed' }],
    ['a string thrown', 'just text', { message: 'just text' }],
    ['null', null, { message: 'null' }],
    ['a message that is not a string', { message: 42 }, { message: '[object Object]' }],
  ])('%s', (_why, err, summary) => {
    expect(errorSummary(err)).toStrictEqual(summary);
  });

  it('at most 200 characters of the message, never the data around it', () => {
    const long = 'x'.repeat(500);
    expect(errorSummary(new Error(long)).message).toBe('x'.repeat(200));
    expect(errorSummary(long).message).toBe('x'.repeat(200));
    expect(errorSummary({ message: 'm', data: 'secret', code: 'E' })).toStrictEqual({
      code: 'E',
      message: 'm',
    });
  });
});
