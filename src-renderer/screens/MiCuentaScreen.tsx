import { useState } from 'react';
import { useAppStore } from '../state/app-store';
import { SessionsSection } from './mi-cuenta/SessionsSection';
import { ActivitySection } from './mi-cuenta/ActivitySection';

/** "Mi cuenta" (issue 28), from the user's name in the top bar: Sesiones activas and Actividad de la cuenta. */
export function MiCuentaScreen() {
  const session = useAppStore((s) => s.session);
  // Closing sessions writes events: the activity is read again after each.
  const [closings, setClosings] = useState(0);
  return (
    <main className="screen screen-wide" aria-labelledby="mc-title">
      <h1 id="mc-title">Mi cuenta</h1>
      {session && (
        <p>
          {session.user.name} ({session.user.userId})
        </p>
      )}
      <SessionsSection onClosed={() => setClosings((n) => n + 1)} />
      <ActivitySection refresh={closings} />
    </main>
  );
}
