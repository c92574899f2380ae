/** Shown when the server does not offer the identity routes yet (they answer 404 or 401 for API keys). */
import { ApiError } from '../../../lib/api';

export const identityMissing = (error: unknown) => error instanceof ApiError && (error.code === 'not_found' || (error.code === 'unauthorized' && error.status === 401));

export const NotYet = ({ what }: { what: string }) => <p className="empty">This server does not manage {what} yet (it predates users and roles).</p>;
