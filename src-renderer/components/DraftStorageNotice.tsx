import { useEffect, useState } from 'react';
import { ecuapass } from '../bridge';

/**
 * Where the OS offers no encryption (Electron's safeStorage), drafts of unsaved changes are kept
 * as plain files readable only by this OS user: Configuración says so, in this one place.
 */
export function DraftStorageNotice() {
  const [encrypted, setEncrypted] = useState(true);
  useEffect(() => {
    void ecuapass.getDraftStorage().then((res) => res.ok && setEncrypted(res.value.encrypted));
  }, []);
  if (encrypted) return null;
  return (
    <p className="notice" role="note">
      Este equipo no ofrece cifrado del sistema: los cambios sin guardar del formulario se conservan en un archivo sin
      cifrar, que solo su usuario del sistema puede leer.
    </p>
  );
}
