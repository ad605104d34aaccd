import { expect, it } from 'vitest';
import { sentence } from '../../shared/text';

it('ends a sentence once, also on a name with its own full stop', () => {
  expect(sentence('Promise recorded for Summit Hardware Inc.')).toBe('Promise recorded for Summit Hardware Inc.');
  expect(sentence('Call logged for Acme Tools Ltd')).toBe('Call logged for Acme Tools Ltd.');
});
