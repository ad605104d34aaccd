/** The part of html-to-text's API Inflow uses (the package ships no types). */
declare module 'html-to-text' {
  interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export function convert(html: string, options?: { wordwrap?: number | false; selectors?: SelectorDefinition[] }): string;
}
