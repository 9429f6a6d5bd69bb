/** Which variable names hold secrets when no template says so (SPEC section 1). */

/** Names that hold secrets without a template. */
export const SECRET_NAME_PATTERN = /PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|ENCRYPTION_KEY|_KEY$|PASSPHRASE/i;

/** True when a name looks like a secret by the SPEC's naming rule. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME_PATTERN.test(name);
}
