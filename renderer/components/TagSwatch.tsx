import type { CSSProperties } from 'react';

/** A small square of a tag's colour, decorative (the tag's name is always written next to it). */
export function TagSwatch({ color }: { color: string }) {
  return (
    <span
      className="tag-swatch"
      style={{ '--tag-color': color } as CSSProperties}
      aria-hidden="true"
    />
  );
}
