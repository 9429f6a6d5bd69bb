/** Which variable names hold secrets when no template says so (SPEC section 1). */

/** Names that hold secrets without a template. */
export const SECRET_NAME_PATTERN = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|_KEY$|PASSPHRASE/i;

/** True when a name looks like a secret by the SPEC's naming rule. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name);
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for a name Compose can reference (letters, digits and _, not starting with a digit). */
export function isVariableName(text: string): boolean {
  return VARIABLE_NAME.test(text);
}

/** A command-line argument as messages show it: a name as is; anything else may be a value typed by mistake, so it is not repeated. */
export function formatNameArgument(text: string): string {
  return isVariableName(text) ? text : 'an argument that is not a variable name (not repeated here)';
}
