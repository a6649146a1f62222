import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors/describe';
import { registerSecret } from '../../src/errors/known-secrets';
import { redactSecrets } from '../../src/index';
import { azure, generateError, openaiErrorBody, respond } from './provider-errors';

// The registry is process-wide and only grows: each test registers values of its own.
describe('redactSecrets by value (the keys this process knows)', () => {
  it('redacts a known key of no known shape wherever it appears, every time', () => {
    const key = '9b1e4c7a2d5f8e0b3c6a9d2f5e8b1c4a';
    const text = `key ${key} refused; retry with ${key}?x=1 or "k":"${key}"`;
    expect(redactSecrets(text)).toBe(text);

    registerSecret(key);

    expect(redactSecrets(text)).toBe('key [redacted] refused; retry with [redacted]?x=1 or "k":"[redacted]"');
  });

  it('keeps the patterns it had: sk- keys, Bearer tokens and credential fields', () => {
    registerSecret('unrelated-known-key-1234');
    expect(redactSecrets('Authorization: Bearer sk-proj-abcdefghijklmnop; api-key: 0123456789abcdef')).toBe(
      'Authorization: [redacted]; api-key: [redacted]',
    );
  });

  it('ignores values under 8 characters, so common words are not hidden', () => {
    registerSecret('hello12');
    registerSecret('   ');
    expect(redactSecrets('hello12 world')).toBe('hello12 world');
  });

  it('registers the trimmed value, which is what a header carries', () => {
    registerSecret('  padded-key-4f2a9c81  \n');
    expect(redactSecrets('presented padded-key-4f2a9c81.')).toBe('presented [redacted].');
  });

  it('redacts a key that contains another known key whole', () => {
    registerSecret('prefix-7a3c91d2');
    registerSecret('prefix-7a3c91d2-and-more-e5f6');
    expect(redactSecrets('got prefix-7a3c91d2-and-more-e5f6 and prefix-7a3c91d2')).toBe(
      'got [redacted] and [redacted]',
    );
  });

  it('applies to describeError of a real provider error that echoes the key', async () => {
    const key = 'c0ffee00d15ea5e0ba5eba11deadbeef';
    registerSecret(key);
    const error = await generateError(
      azure(respond(401, openaiErrorBody(`Access denied: key ${key} is not valid for this resource.`, null, '401')))(
        'deployment',
      ),
    );
    expect(describeError(error)).toBe(
      'APICallError 401: Access denied: key [redacted] is not valid for this resource.',
    );
  });
});
