/** Sign in with email and password (the session cookie), or with an API key where that is all the server offers. */
import { type FormEvent, useState } from 'react';
import { Button, ErrorNote, TextField } from '../../../components/ui';
import { describeError } from '../../../lib/errors';
import { useSessionApi } from '../../../lib/session';

export const SignInPage = ({ reason }: { reason?: unknown }) => {
  const { signIn, signInWithApiKey } = useSessionApi();
  const [mode, setMode] = useState<'password' | 'api_key'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(reason);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The browser suite measures the dashboard's load from here.
    performance.mark?.('sign-in');
    setBusy(true);
    setError(undefined);
    try {
      if (mode === 'password') await signIn(email.trim(), password);
      else await signInWithApiKey(key);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <h1>Sign in to Stockroom</h1>
      <p className="hint">Stock levels, operations and reservations.</p>
      <div className="tabs" role="group" aria-label="How to sign in">
        <Button aria-pressed={mode === 'password'} onClick={() => setMode('password')}>
          Email and password
        </Button>
        <Button aria-pressed={mode === 'api_key'} onClick={() => setMode('api_key')}>
          API key
        </Button>
      </div>
      <form onSubmit={(e) => void submit(e)} className="card" noValidate={false}>
        {mode === 'password' ? (
          <>
            <TextField label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
            <TextField label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </>
        ) : (
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            hint="Kept only in this tab: reloading the page signs you out."
          />
        )}
        <ErrorNote>{error ? describeError(error) : null}</ErrorNote>
        <Button type="submit" variant="primary" big busy={busy}>
          Sign in
        </Button>
      </form>
    </main>
  );
};
