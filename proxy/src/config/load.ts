import { configSchema, type AisleConfig } from './schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validate an environment; one readable line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): AisleConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = value === undefined || /KEY|SECRET|TOKEN|PASSWORD/i.test(name) ? '' : ` (got "${String(value).slice(0, 80)}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new ConfigError(problems);
}
