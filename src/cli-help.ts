/** Examples shown after each command's --help. */

const block = (lines: string[]): string => `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;

/** Help examples per command. */
export const EXAMPLES = {
  program: block([
    'lucid-env scan -f configs/docker/docker-compose.foundation.yml',
    'lucid-env check -f compose.yaml -e .env --format github',
    'lucid-env render -f compose.yaml -e .env',
    'lucid-env generate -t foundation -e configs/environment/.env.foundation',
    '',
    'Exit codes: 0 no error findings, 1 error findings (or warnings with --strict), 2 could not run.',
  ]),
  scan: block([
    'lucid-env scan                                   # compose.yaml (or $COMPOSE_FILE) in this directory',
    'lucid-env scan -f base.yml -f prod.yml --format json | jq .variables',
    'lucid-env scan --recursive deploy/ --format sarif > lucid-env.sarif',
    'lucid-env scan -f compose.yaml -e .env            # also references inside .env values',
  ]),
  render: block([
    'lucid-env render -f compose.yaml -e .env          # secrets shown as ********',
    'lucid-env render -e .env.prod --show-secrets > resolved.yml',
    'lucid-env render --stack api                      # a stack of lucid-env.yml',
  ]),
  audit: block([
    'lucid-env audit -f compose.yaml -e .env              # per service: distroless, non-root, hardening; secret hygiene',
    'lucid-env audit --all --format markdown > COMPLIANCE.md   # every workspace stack, as a report to commit',
    'lucid-env audit --recursive . --format sarif --require-digest',
    'Policy (rules per service, allow-lists, labels, waivers with reasons): the audit: key of lucid-env.yml.',
  ]),
  check: block([
    'lucid-env check -f compose.yaml -e .env',
    'lucid-env check -e .env --format github           # annotations in GitHub Actions',
    'lucid-env check -e .env --strict --ignore unused,ambiguous-value',
  ]),
  generate: block([
    "lucid-env generate -t foundation                  # writes the template's envFile",
    'lucid-env generate -t foundation -e .env.prod --dry-run',
    'lucid-env generate -t foundation JWT_SECRET_KEY   # only this key (if it is missing or weak)',
  ]),
  set: block([
    'printf %s "$NEW_PASSWORD" | lucid-env set MONGODB_PASSWORD -e .env',
    'lucid-env set API_GATEWAY_URL -e .env             # hidden prompt on a terminal',
    'lucid-env set TOR_PASSWORD --generate -t foundation',
    "printf '' | lucid-env set OPTIONAL_SUFFIX -e .env --allow-empty   # an empty value only when asked",
  ]),
  init: block([
    'lucid-env init                                    # asks, generates, shows a summary, confirms',
    'lucid-env init -t foundation --yes                # every default, no questions (CI)',
    'lucid-env init -t foundation -e .env.staging --force',
  ]),
  rotate: block([
    'lucid-env rotate -t foundation ENCRYPTION_KEY TOR_PASSWORD',
    'lucid-env rotate -t foundation --group databases --dry-run',
    'lucid-env rotate -t foundation --due               # everything past its maxAge',
    'lucid-env rotate -t foundation --check             # ages; exit 1 when one is overdue',
    "lucid-env rotate -t foundation JWT_SECRET_KEY --propagate 'deploy/*/.env'",
    "lucid-env rotate -t foundation ENCRYPTION_KEY --propagate 'deploy/*/.env' --force   # files disagree",
  ]),
  torHash: block(['printf %s "$TOR_PASSWORD" | lucid-env tor-hash', 'lucid-env tor-hash -e configs/environment/.env.foundation --key TOR_PASSWORD']),
  template: block(['lucid-env template list', 'lucid-env template show foundation', 'lucid-env template infer -f compose.yaml -o lucid-env.template.yml']),
  keys: block([
    'lucid-env keys new alice                         # prints your public key; the private key stays in ~/.config/lucid-env/keys',
    "lucid-env keys add bob lucid-pk1-…               # record a teammate's public key",
    'lucid-env keys list',
  ]),
  seal: block([
    'lucid-env seal -e .env.foundation                # writes .env.foundation.sealed (commit it; ignore the plain file)',
    'lucid-env seal -e .env.foundation --recipient bob --recipient ci',
  ]),
  unseal: block([
    'lucid-env unseal .env.foundation.sealed          # writes .env.foundation (0600) byte for byte',
    'LUCID_ENV_PRIVATE_KEY="$KEY" lucid-env unseal .env.sealed --min-version 12',
  ]),
  run: block(['lucid-env run -e .env.foundation.sealed -- docker compose up -d', 'lucid-env run -e .env -e .env.prod.sealed --override -- npm start']),
  rekey: block([
    'lucid-env rekey .env.sealed --add bob            # bob can open it too',
    'lucid-env rekey .env.sealed --remove alice       # new data key; alice cannot open new versions',
    'lucid-env rekey .env.sealed --new-data-key',
  ]),
  export: block([
    'lucid-env export --to compose-secrets -t foundation          # secrets/ files + secrets.override.yml',
    'lucid-env export --to compose-secrets -t foundation --swarm | sh   # docker secret create NAME - < file',
    'lucid-env export --to kubernetes -t foundation -o - | kubectl apply -f -',
    'lucid-env export --to kubernetes -e .env.sealed -o k8s/secret.yaml --with-env-from',
    'lucid-env export --to kubernetes --stack api -o k8s/api-secret.yaml   # a stack of lucid-env.yml',
  ]),
  templateInfer: block([
    'lucid-env template infer                          # compose.yaml here and the env files beside it; prints YAML',
    'lucid-env template infer --stack foundation -o templates/foundation.yml',
    'lucid-env template infer --recursive . -e configs/environment/.env.secrets -o lucid.template.yml',
    'lucid-env template infer --stack foundation -o templates/foundation.yml --merge   # keeps your edits',
  ]),
  sync: block([
    "lucid-env sync --from configs/environment/.env.foundation 'configs/environment/.env.*'",
    'lucid-env sync --check                            # CI: exit 1 when env files of the workspace drift',
    'lucid-env sync --from .env.prod --key JWT_SECRET_KEY deploy/*/.env --dry-run',
  ]),
  workspace: block([
    'lucid-env workspace init                          # lucid-env.yml for the repository in this directory',
    'lucid-env workspace init --stdout                 # print it instead',
    'lucid-env check --all                             # then: every stack in one report',
  ]),
} as const;
