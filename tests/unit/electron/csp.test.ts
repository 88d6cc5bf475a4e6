/**
 * The Content-Security-Policy every page gets (core/security.ts), in Electron (app:// handler)
 * and in browser mode: no inline or evaluated script, nothing from elsewhere, no frames, no
 * plugins. Also evaluated with Google's CSP Evaluator (Doyensec's fork, the one Electronegativity
 * uses), since that global check cannot see a policy sent as a header.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../core/security';

interface CspFinding {
  severity: number;
  directive: string;
  description: string;
}
interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}
const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('the content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('lets only our own files run as script: no inline, no eval, no other origin', () => {
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    // 'unsafe-inline' is allowed for styles only (ProseMirror and React set style attributes).
    for (const [name, values] of policy) {
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    }
    for (const values of policy.values()) {
      for (const value of values)
        expect(value, 'no wildcard or remote source').not.toMatch(/^\*|^https?:|^http:|^ws/);
    }
  });

  it('closes frames, plugins, base and form targets, and being framed', () => {
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('child-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });

  it('passes the CSP evaluator without a high or medium finding', () => {
    const parsed = new csp.CspParser(CONTENT_SECURITY_POLICY);
    const findings = new csp.CspEvaluator(parsed.csp, csp.Version.CSP3).evaluate();
    const serious = [
      csp.severities.HIGH,
      csp.severities.SYNTAX,
      csp.severities.MEDIUM,
      csp.severities.HIGH_MAYBE,
    ];
    const bad = findings.filter((finding) => serious.includes(finding.severity));
    expect(bad.map((f) => `${f.directive}: ${f.description}`)).toEqual([]);
  });

  it('goes out with every response, with nosniff, no referrer and no framing', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
  });
});
