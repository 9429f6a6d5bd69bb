/** The parse cases of the shared dotenv vectors (test/vectors/dotenv.json). */
import { readVectors } from '../helpers/vectors.js';

/** One parse case: the file text, the environment, and each reader's map (or compose-go's error). */
export interface DotenvCase {
  id: string;
  text: string;
  env: Record<string, string>;
  expected: Record<'compose_go' | 'npm_dotenv' | 'python_dotenv' | 'docker_compose_v1', Record<string, string | null> | { error: string }>;
  all_agree: boolean;
}

/** Every parse case. */
export function readDotenvCases(): DotenvCase[] {
  return readVectors<{ cases: DotenvCase[] }>('dotenv.json').cases;
}
