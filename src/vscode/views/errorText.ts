// ForgeErrors thrown inside the lazily loaded engine come from that bundle's copy of the class, so
// `instanceof ForgeError` fails for them here: recognise them by shape.

export interface ForgeErrorShape {
  readonly name: 'ForgeError';
  readonly code: string;
  readonly message: string;
  readonly hint?: string | undefined;
}

export function isForgeErrorShape(error: unknown): error is ForgeErrorShape {
  return error instanceof Error && error.name === 'ForgeError' && typeof (error as { code?: unknown }).code === 'string';
}

/** One line for the user: the message and, for a ForgeError, its hint. */
export function errorText(error: unknown): string {
  if (isForgeErrorShape(error)) return [error.message, error.hint].filter(Boolean).join(' ');
  return error instanceof Error ? error.message : String(error);
}
