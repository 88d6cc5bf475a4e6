import type { ReactElement } from 'react';

/** Small line icons, drawn on a 16×16 grid in the current text colour. Always decorative. */
function Icon({ children }: { children: ReactElement | ReactElement[] }): ReactElement {
  return (
    <svg
      className="icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const BackIcon = () => (
  <Icon>
    <path d="M10 3.5 5.5 8l4.5 4.5" />
  </Icon>
);

export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 3 2.5 6l3 3" />
    <path d="M2.5 6h7a4 4 0 0 1 0 8H7" />
  </Icon>
);

export const RedoIcon = () => (
  <Icon>
    <path d="m10.5 3 3 3-3 3" />
    <path d="M13.5 6h-7a4 4 0 0 0 0 8H9" />
  </Icon>
);

export const ImportIcon = () => (
  <Icon>
    <path d="M8 2v8" />
    <path d="m4.5 6.5 3.5 3.5 3.5-3.5" />
    <path d="M2.5 11v2.5h11V11" />
  </Icon>
);

export const ExportIcon = () => (
  <Icon>
    <path d="M8 10V2" />
    <path d="M4.5 5.5 8 2l3.5 3.5" />
    <path d="M2.5 11v2.5h11V11" />
  </Icon>
);

export const SunIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" />
  </Icon>
);

export const MoonIcon = () => (
  <Icon>
    <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />
  </Icon>
);

export const TrashIcon = () => (
  <Icon>
    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3" />
  </Icon>
);

export const CloseIcon = () => (
  <Icon>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Icon>
);

export const DocumentIcon = () => (
  <Icon>
    <path d="M4 1.5h5l3 3v10H4z" />
    <path d="M9 1.5v3h3M6 8h4M6 10.5h4" />
  </Icon>
);

export const FolderIcon = () => (
  <Icon>
    <path d="M1.5 4V12.5h13V5.5H7.5L6 3.5H2z" />
  </Icon>
);

export const PasteIcon = () => (
  <Icon>
    <path d="M5.5 2.5h-2v11h9v-11h-2" />
    <path d="M5.5 1.5h5v2.5h-5zM6 7.5h4M6 10h4" />
  </Icon>
);

export const InfoIcon = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 7.25V11.5M8 4.75v.01" />
  </Icon>
);

export const ChevronDownIcon = () => (
  <Icon>
    <path d="m4 6 4 4 4-4" />
  </Icon>
);

export const CopyIcon = () => (
  <Icon>
    <path d="M5.5 5.5h8v8h-8z" />
    <path d="M10.5 5.5v-3h-8v8h3" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="m3 8.5 3 3 7-7" />
  </Icon>
);
