// Reads fault rules posted to /_forge/faults, with 400s that say what is wrong.
import { Fields, isObject } from './api/fields';
import type { FaultEffect, FaultRule } from './faults';
import { badRequest } from './http/errors';

const EFFECT_KINDS = new Set(['respond', 'rateLimit', 'quota', 'close', 'reset', 'pass', 'dropWebSocket']);

export function parseFaultRule(value: unknown): FaultRule {
  const fields = Fields.of(value, 'rule');
  const effectFields = fields.object('effect');
  const effectValue: unknown = isObject(value) ? value['effect'] : undefined;
  if (effectFields === undefined || !isObject(effectValue) || !EFFECT_KINDS.has(String(effectValue['kind']))) {
    throw badRequest(`rule.effect.kind must be one of ${[...EFFECT_KINDS].join(', ')}`);
  }
  const kind = String(effectValue['kind']);
  if (kind === 'respond') {
    const status = effectFields.integer('status', 100);
    if (status === undefined || status > 599) {
      throw badRequest('rule.effect.status must be an HTTP status code');
    }
    effectFields.stringRecord('headers');
  }
  effectFields.integer('retryAfterSeconds');
  effectFields.string('message');
  effectFields.integer('afterBytes');
  effectFields.integer('afterMs');
  const times = isObject(value) && value['times'] === 'always' ? 'always' : fields.integer('times', 1);
  const method = fields.string('method');
  const delayMs = fields.integer('delayMs');
  return {
    path: fields.requiredString('path'),
    ...(method === undefined ? {} : { method }),
    ...(times === undefined ? {} : { times }),
    ...(delayMs === undefined ? {} : { delayMs }),
    effect: effectValue as unknown as FaultEffect,
  };
}
