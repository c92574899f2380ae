import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../../../test/render';
import { SessionProvider, useSessionApi } from '../../../lib/session';
import { SignInPage } from './SignInPage';

const Probe = () => {
  const { state } = useSessionApi();
  return state.status === 'signed_in' ? <p>Hello {state.session.user.name}</p> : <SignInPage />;
};

const mount = () =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider initial={{ status: 'signed_out' }}>
        <Probe />
      </SessionProvider>
    </QueryClientProvider>,
  );

describe('SignInPage', () => {
  it('signs in with email and password and keeps only the CSRF token for writes', async () => {
    const calls = fakeServer(({ path }) =>
      path === '/v1/auth/login'
        ? { body: { token: 'secret', csrfToken: 'csrf-1', expiresAt: '2030-01-01T00:00:00.000Z', user: { id: 'u', email: 'a@b.c', name: 'Ada', role: 'admin', warehouses: [], status: 'active' }, permissions: [] } }
        : undefined,
    );
    mount();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'a@b.c');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Hello Ada')).toBeTruthy();
    expect(calls[0]?.body).toEqual({ email: 'a@b.c', password: 'correct horse battery' });
    expect(JSON.stringify(localStorage)).not.toContain('secret');
    expect(JSON.stringify(sessionStorage)).not.toContain('secret');
  });

  it('explains wrong credentials', async () => {
    fakeServer(() => ({ status: 401, body: { error: { code: 'invalid_credentials', message: 'no' } } }));
    mount();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'a@b.c');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That email and password do not match. Check them and try again.');
  });
});
