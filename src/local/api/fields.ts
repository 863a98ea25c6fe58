// Typed reads of JSON request bodies. Wrong types become 400s worded like NestJS's validator
// ("cpu must be a number"), so a caller sees which field to fix. Absent and null fields read as undefined.
import { badRequest } from '../http/errors';

type Json = Readonly<Record<string, unknown>>;

export class Fields {
  private constructor(private readonly body: Json, private readonly prefix: string) {}

  /** Wraps a request body; it must be a JSON object (an empty body counts as `{}`). */
  static of(body: unknown, prefix = ''): Fields {
    if (body === undefined) {
      return new Fields({}, prefix);
    }
    if (!isObject(body)) {
      throw badRequest(`${prefix === '' ? 'Request body' : prefix} must be a JSON object`);
    }
    return new Fields(body, prefix);
  }

  has(key: string): boolean {
    return this.raw(key) !== undefined;
  }

  string(key: string): string | undefined {
    return this.typed(key, 'a string', (value): value is string => typeof value === 'string');
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === '') {
      throw badRequest(`${this.name(key)} should not be empty`);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    return this.typed(key, 'a boolean', (value): value is boolean => typeof value === 'boolean');
  }

  number(key: string, min = 0): number | undefined {
    const value = this.typed(key, 'a number', (v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (value !== undefined && value < min) {
      throw badRequest(`${this.name(key)} must not be less than ${min}`);
    }
    return value;
  }

  integer(key: string, min = 0): number | undefined {
    const value = this.typed(key, 'an integer number', (v): v is number => Number.isInteger(v));
    if (value !== undefined && value < min) {
      throw badRequest(`${this.name(key)} must not be less than ${min}`);
    }
    return value;
  }

  stringRecord(key: string): Record<string, string> | undefined {
    const value = this.raw(key);
    if (value === undefined) {
      return undefined;
    }
    if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
      throw badRequest(`${this.name(key)} must be an object of string values`);
    }
    return { ...(value as Record<string, string>) };
  }

  stringArray(key: string): string[] | undefined {
    const value = this.raw(key);
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw badRequest(`${this.name(key)} must be an array of strings`);
    }
    return [...value];
  }

  /** Each element of an array of objects, wrapped. */
  objectArray(key: string): Fields[] | undefined {
    const value = this.raw(key);
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value)) {
      throw badRequest(`${this.name(key)} must be an array`);
    }
    return value.map((item: unknown, index) => Fields.of(item, `${this.name(key)}[${index}]`));
  }

  object(key: string): Fields | undefined {
    const value = this.raw(key);
    return value === undefined ? undefined : Fields.of(value, this.name(key));
  }

  private typed<T>(key: string, what: string, guard: (value: unknown) => value is T): T | undefined {
    const value = this.raw(key);
    if (value === undefined) {
      return undefined;
    }
    if (!guard(value)) {
      throw badRequest(`${this.name(key)} must be ${what}`);
    }
    return value;
  }

  private raw(key: string): unknown {
    const value = this.body[key];
    return value === null ? undefined : value;
  }

  private name(key: string): string {
    return this.prefix === '' ? key : `${this.prefix}.${key}`;
  }
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
