import { KIND_OPTIONS } from './entity-labels';

/** The `<option>`s of every entity-kind select, in the registry's order. */
export function KindOptions() {
  return (
    <>
      {KIND_OPTIONS.map((o) => (
        <option key={o.kind} value={o.kind}>
          {o.label}
        </option>
      ))}
    </>
  );
}
