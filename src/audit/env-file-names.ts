/** Pure: which file names are env files, and which of those are templates meant to be committed. */

/** `.env`, `.env.production`, `foundation.env`, `.env.foundation`. */
export function isEnvFileName(name: string): boolean {
  return /^\.env(?:\..+)?$/.test(name) || /^[^.].*\.env$/.test(name);
}

/** `.env.example`, `.env.sample`, `.env.template`, `prod.env.dist`, `.env.foundation.example`… */
export function isEnvTemplateName(name: string): boolean {
  return /[.-](?:example|examples|sample|samples|template|templates|tmpl|tpl|dist|default|defaults|skel|schema)(?:\.|$)/i.test(name);
}
