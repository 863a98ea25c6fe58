import * as assert from 'node:assert/strict';
import { diagnose } from '../../../src/core/pipeline/diagnose';

describe('diagnose', () => {
  const cases: [string, string[], RegExp][] = [
    ['port in use', ['Error: listen EADDRINUSE: address already in use 0.0.0.0:3000'], /Port 3000 is already taken/],
    ['out of memory', ['FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'], /ran out of memory/],
    ['missing script', ['npm error Missing script: "dev"'], /no such script/],
    ['missing env var', ['Error: DATABASE_URL environment variable is required'], /environment variable/],
    ['bound to localhost', ['  ➜  Local:   http://localhost:5173/'], /localhost only/],
  ];
  for (const [name, tail, expected] of cases) {
    it(`recognises ${name}`, () => {
      assert.match(diagnose(tail, 3000) ?? '', expected);
    });
  }

  it('does not call a server on 0.0.0.0 "localhost only"', () => {
    assert.equal(diagnose(['  ➜  Local:   http://localhost:5173/', '  ➜  Network: http://10.0.0.2:5173/'], 5173), undefined);
  });

  it('says nothing when it does not know', () => {
    assert.equal(diagnose(['something odd happened'], 3000), undefined);
  });
});
