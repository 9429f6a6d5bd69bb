/** Pure: Dockerfile variable expansion (`$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME:+word}`), as BuildKit does for FROM and USER. */

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/** Expands variables; undefined when one has no value and no default (the result cannot be known). */
export function expandDockerVariables(text: string, lookup: (name: string) => string | undefined): string | undefined {
  let isKnown = true;
  const expanded = text.replace(
    REFERENCE,
    (_match, braced: string | undefined, operator: string | undefined, word: string | undefined, bare: string | undefined) => {
      const value = lookup((braced ?? bare) as string);
      if (operator === ':-') return value === undefined || value === '' ? (word ?? '') : value;
      if (operator === '-') return value ?? word ?? '';
      if (operator === ':+') return value === undefined || value === '' ? '' : (word ?? '');
      if (operator === '+') return value === undefined ? '' : (word ?? '');
      if (value === undefined) isKnown = false;
      return value ?? '';
    },
  );
  return isKnown ? expanded : undefined;
}

/** True when the text holds a variable reference. */
export function hasDockerVariable(text: string): boolean {
  REFERENCE.lastIndex = 0;
  return REFERENCE.test(text);
}
