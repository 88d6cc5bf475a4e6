export declare const ROOT: string;
export declare function bundleCrashHarness(): Promise<{ dir: string; child: string; main: string }>;
