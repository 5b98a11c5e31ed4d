import type { DraftOffer } from './use-durable-draft';

function when(iso: string): string {
  return new Date(iso).toLocaleString('es-EC', { dateStyle: 'long', timeStyle: 'short' });
}

/** The restore offer at the top of the form, and what followed it. */
export function DraftNotice(props: { offer: DraftOffer; onRestore: () => void; onDiscard: () => void; onDismiss: () => void }) {
  const { offer } = props;
  if (offer.kind === 'none') return null;
  if (offer.kind === 'setAside') {
    return (
      <div className="notice draft-notice" role="alert">
        <p>Se encontraron cambios sin guardar que no se pudieron leer; se apartaron y el formulario muestra los datos guardados.</p>
        <button type="button" className="btn btn-secondary" onClick={props.onDismiss}>
          Aceptar
        </button>
      </div>
    );
  }
  if (offer.kind === 'merged') {
    return (
      <div className="notice draft-notice" role="status">
        <p>
          Los datos de registro cambiaron en otra sesión después de sus cambios: {offer.labels.join(', ')}. Se
          muestran los datos actuales con sus cambios encima.
        </p>
        <button type="button" className="btn btn-secondary" onClick={props.onDismiss}>
          Aceptar
        </button>
      </div>
    );
  }
  return (
    <section className="notice draft-notice" aria-label="Cambios sin guardar recuperados">
      <p role="status">Se recuperaron cambios sin guardar del {when(offer.draft.savedAt)}</p>
      <div className="draft-actions">
        <button type="button" className="btn btn-primary" onClick={props.onRestore}>
          Restaurar
        </button>
        <button type="button" className="btn btn-secondary" onClick={props.onDiscard}>
          Descartar
        </button>
      </div>
    </section>
  );
}
