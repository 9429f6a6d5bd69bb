/** The workspace file `lucid-env.yml` (SPEC section 11): the stacks of a repository, and audit policy. */

/** One stack: a compose project with its env files and template. Paths are absolute once loaded. */
export interface WorkspaceStack {
  name: string;
  compose: string[];
  envFiles: string[];
  /** Compose's default (the first compose file's directory) when absent. */
  projectDirectory?: string;
  /** A built-in template name or an absolute path. */
  template?: string;
  /** Where the stack is written in the workspace file. */
  line: number;
}

/** A loaded workspace file. */
export interface Workspace {
  /** Absolute path of lucid-env.yml. */
  file: string;
  /** Its directory: relative paths in the file resolve from here. */
  root: string;
  version: 1;
  stacks: WorkspaceStack[];
  /** The `audit:` mapping as written (the audit command validates its own policy). */
  audit?: Record<string, unknown>;
  /** Where `audit:` starts in the file (for findings about the policy). */
  auditLine?: number;
}
