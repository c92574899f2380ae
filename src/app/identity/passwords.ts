/** Password hashing: argon2id with the OWASP-recommended cost (19 MiB, 2 passes), in libuv's thread pool. */
import { hash, verify } from '@node-rs/argon2';

/** `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

/** False for a wrong password and for a malformed hash (never throws). */
export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

let dummy: Promise<string> | undefined;

/**
 * Spends the time of a real verification, for sign-ins of unknown accounts, so that response time
 * does not tell whether an email has an account.
 */
export const verifyNothing = async (password: string): Promise<false> => {
  dummy ??= hashPassword('stockroom-timing-equaliser');
  await verifyPassword(await dummy, password);
  return false;
};
