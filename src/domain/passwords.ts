/** The password rules: long enough, and not made of the account's own name or email. */

export const passwordLengthMin = 12;
/** Longer passwords add nothing and cost hashing time (and would let a client make us hash megabytes). */
export const passwordLengthMax = 256;

/** What is wrong with the password, in words; empty when it is acceptable. */
export const passwordProblems = (password: string, account: { email: string; name: string }): string[] => {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < passwordLengthMin) problems.push(`must be at least ${passwordLengthMin} characters`);
  if (length > passwordLengthMax) problems.push(`must be at most ${passwordLengthMax} characters`);
  const lower = password.toLowerCase();
  const email = account.email.toLowerCase();
  const local = email.split('@')[0] ?? '';
  const parts = [email, local, account.name.toLowerCase(), ...account.name.toLowerCase().split(/\s+/)].filter((p) => p.length >= 4);
  if (parts.some((part) => lower.includes(part))) problems.push("must not contain the user's email or name");
  if (length >= passwordLengthMin && new Set(password).size < 4) problems.push('must use more than three different characters');
  return problems;
};
