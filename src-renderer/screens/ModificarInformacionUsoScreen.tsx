import { useAppStore } from '../state/app-store';

/** "Modificar información del uso" (instructivo §5.4): the chooser of which registration to edit. */
export function ModificarInformacionUsoScreen() {
  return (
    <main className="screen" aria-labelledby="chooser-title">
      <h1 id="chooser-title">Modificar información del uso</h1>
      <p>Seleccione la opción que desea modificar:</p>
      <ul className="chooser">
        <li>
          <button
            type="button"
            className="btn btn-option"
            onClick={() => useAppStore.getState().goTo('usuarioGeneral')}
          >
            Modificar información de registro para Usuario General
          </button>
        </li>
      </ul>
    </main>
  );
}
