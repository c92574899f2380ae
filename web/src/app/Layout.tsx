/** The frame around every signed-in screen: top bar, sections (sidebar on desks, bottom bar on phones). */
import { LogOut } from 'lucide-react';
import { type ReactNode, Suspense } from 'react';
import { NavLink } from 'react-router';
import { Button, Loading } from '../components/ui';
import { useSession, useSessionApi } from '../lib/session';
import { moreIcon as More, sections } from './nav';

export const useVisibleSections = () => {
  const session = useSession();
  return sections.filter((s) => s.anyOf.some((p) => session.permissions.includes(p)));
};

export const NavList = () => (
  <ul className="nav-list">
    {useVisibleSections().map(({ to, label, icon: Icon }) => (
      <li key={to}>
        <NavLink to={to} end={to === '/'}>
          <Icon size={20} aria-hidden="true" /> {label}
        </NavLink>
      </li>
    ))}
  </ul>
);

export const Layout = ({ children, live }: { children: ReactNode; live: boolean }) => {
  const session = useSession();
  const { signOut } = useSessionApi();
  const primary = useVisibleSections().filter((s) => s.primary);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Stockroom
        </NavLink>
        <span className={`live${live ? ' live-on' : ''}`} title={live ? 'Live updates on' : 'Live updates reconnecting'}>
          <span className="live-dot" aria-hidden="true" />
          <span className="sr-only">{live ? 'Live updates on' : 'Live updates off'}</span>
          <span aria-hidden="true">{live ? 'Live' : 'Offline'}</span>
        </span>
        <span className="spacer" />
        <span className="who" data-testid="who">
          {session.user.name} · {session.user.role}
        </span>
        <Button variant="ghost" onClick={() => void signOut()} aria-label="Sign out">
          <LogOut size={18} aria-hidden="true" />
        </Button>
      </header>
      <nav className="sidenav" aria-label="Sections">
        <NavList />
      </nav>
      <main className="main" id="main">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      <nav className="bottomnav" aria-label="Sections (phone)">
        {primary.slice(0, 4).map(({ to, label, icon: Icon }) => (
          <NavLink key={to} to={to} end={to === '/'}>
            <Icon size={22} aria-hidden="true" />
            {label}
          </NavLink>
        ))}
        <NavLink to="/more">
          <More size={22} aria-hidden="true" />
          More
        </NavLink>
      </nav>
    </div>
  );
};
