/** The instructivo's red asterisk (§4.2.2); hidden from screen readers, which get aria-required. */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true">
      *
    </span>
  );
}
