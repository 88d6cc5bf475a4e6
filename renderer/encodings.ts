/**
 * The character encodings an analyst can force on an import or a re-import, grouped by script
 * for the select. The values are iconv-lite names (what the service decodes with); the list is
 * the encodings that articles in the region actually arrive in, not every one iconv-lite knows.
 */
export interface EncodingChoice {
  value: string;
  label: string;
}

export interface EncodingGroup {
  label: string;
  encodings: readonly EncodingChoice[];
}

export const ENCODING_GROUPS: readonly EncodingGroup[] = [
  {
    label: 'Unicode',
    encodings: [
      { value: 'utf-8', label: 'UTF-8' },
      { value: 'utf-16le', label: 'UTF-16 LE' },
      { value: 'utf-16be', label: 'UTF-16 BE' },
    ],
  },
  {
    label: 'Cyrillic',
    encodings: [
      { value: 'windows-1251', label: 'Cyrillic (Windows-1251)' },
      { value: 'koi8-r', label: 'Cyrillic (KOI8-R)' },
      { value: 'koi8-u', label: 'Ukrainian (KOI8-U)' },
      { value: 'iso-8859-5', label: 'Cyrillic (ISO 8859-5)' },
      { value: 'ibm866', label: 'Cyrillic (DOS, CP866)' },
      { value: 'maccyrillic', label: 'Cyrillic (Mac)' },
    ],
  },
  {
    label: 'European',
    encodings: [
      { value: 'windows-1252', label: 'Western (Windows-1252)' },
      { value: 'iso-8859-1', label: 'Western (ISO 8859-1)' },
      { value: 'iso-8859-15', label: 'Western (ISO 8859-15)' },
      { value: 'windows-1250', label: 'Central European (Windows-1250)' },
      { value: 'iso-8859-2', label: 'Central European (ISO 8859-2)' },
      { value: 'windows-1257', label: 'Baltic (Windows-1257)' },
      { value: 'windows-1253', label: 'Greek (Windows-1253)' },
      { value: 'windows-1254', label: 'Turkish (Windows-1254)' },
    ],
  },
  {
    label: 'Middle East and Asia',
    encodings: [
      { value: 'windows-1256', label: 'Arabic (Windows-1256)' },
      { value: 'windows-1255', label: 'Hebrew (Windows-1255)' },
      { value: 'gb18030', label: 'Chinese Simplified (GB18030)' },
      { value: 'big5', label: 'Chinese Traditional (Big5)' },
      { value: 'shift_jis', label: 'Japanese (Shift_JIS)' },
      { value: 'euc-jp', label: 'Japanese (EUC-JP)' },
      { value: 'euc-kr', label: 'Korean (EUC-KR)' },
    ],
  },
];

/** Every encoding of the groups, in order. */
export const ENCODINGS: readonly EncodingChoice[] = ENCODING_GROUPS.flatMap((g) => g.encodings);

/** The label of an encoding name as the service reports it (any case), or the name itself. */
export function encodingLabel(name: string): string {
  const lower = name.toLowerCase();
  return ENCODINGS.find((e) => e.value === lower)?.label ?? name;
}

/**
 * An encoding as the details show it: the exact name (what iconv and other tools take) and its
 * script, e.g. "windows-1251 · Cyrillic"; an unknown name alone.
 */
export function encodingDescription(name: string): string {
  const lower = name.toLowerCase();
  const group = ENCODING_GROUPS.find((g) => g.encodings.some((e) => e.value === lower));
  if (!group) return name;
  const label = group.encodings.find((e) => e.value === lower)!.label;
  // "Cyrillic (Windows-1251)" says "Cyrillic"; "UTF-8" says only its group, "Unicode".
  const script = label.includes('(') ? label.slice(0, label.indexOf('(')).trim() : group.label;
  return `${name} · ${script}`;
}
