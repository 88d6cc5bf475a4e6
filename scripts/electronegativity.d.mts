export interface Finding {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  column: number;
  sample: string;
  description: string;
  /** For a finding in a bundle: the source line it came from. */
  source?: string;
}
export interface Annotation {
  file: string;
  line: number;
  ids: string[];
  reason: string;
}
export interface Scan {
  checks: { global: number; atomic: number };
  parseErrors: { file: string; message: string }[];
  findings: Finding[];
  suppressed: (Finding & { reason: string })[];
  bySeverity: Record<string, number>;
  annotations: Annotation[];
  unexplained: Annotation[];
}
export declare const EXCLUDED_CHECKS: Record<string, string>;
export declare const EXCLUDED_CHECK_CLASSES: Record<string, string>;
export declare function originalPosition(
  mapFile: string,
  line: number,
  column: number,
): { file: string; line: number } | null;
export declare function listAnnotations(root?: string): {
  annotations: Annotation[];
  unexplained: Annotation[];
};
export declare function scanElectronApp(root?: string): Promise<Scan>;
export declare function formatScan(scan: Scan): string;
export declare function scanPasses(scan: Scan): boolean;
