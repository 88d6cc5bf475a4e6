/**
 * PLACEHOLDER written by the lead so other components compile; the entities helper replaces it
 * with the real picker (search the registry, alias suggestions, create new). Keep the props.
 */
import type { EntityKind } from '../../core/domain';

export interface EntityPickerProps {
  /** The linked entity's id, or null. */
  value: string | null;
  onChange(entityId: string | null): void;
  /** Accessible name of the field, e.g. "Attributed to". */
  label: string;
  /** Text to suggest matches for (the span's quote), if any. */
  suggestFor?: string;
  /** The kind a newly created entity gets by default. */
  kind?: EntityKind;
}

export function EntityPicker({ value, label }: EntityPickerProps) {
  return <span aria-label={label}>{value ?? ''}</span>;
}
