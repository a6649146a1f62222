import { describe, expect, it } from 'vitest';
import { nestedMatch } from '../../src/errors/did-you-mean';

const groups = [
  { name: 'backoff', keys: ['initialDelayMs', 'maxDelayMs'] },
  { name: 'timeouts', keys: ['requestMs', 'totalMs'] },
];

describe('nestedMatch: where an option written one level up belongs', () => {
  it.each([
    ['the same name in a group', 'totalMs', 'timeouts.totalMs'],
    ['a near name', 'requestMS', 'timeouts.requestMs'],
    ['a prefix', 'maxDelay', 'backoff.maxDelayMs'],
    ['nothing close', 'colour', undefined],
  ])('%s: %s → %s', (_, input, expected) => {
    expect(nestedMatch(input, groups)).toBe(expected);
  });

  it('prefers the same name in a later group to a near one in an earlier group', () => {
    const near = [{ name: 'a', keys: ['totalMx'] }, ...groups];
    expect(nestedMatch('totalMs', near)).toBe('timeouts.totalMs');
  });
});
