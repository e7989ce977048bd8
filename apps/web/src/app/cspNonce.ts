/**
 * The page's Content-Security-Policy, seen from the browser side.
 *
 * The server writes a fresh nonce into index.html for every response (`<meta property="csp-nonce" nonce>`),
 * and only <style> elements carrying it may apply. antd gets it through ConfigProvider csp. Two libraries
 * write styles without asking for a nonce: rc-component's scroll locker and scrollbar measure create bare
 * <style> elements, and rc-textarea's auto-size sets a `style` attribute on its measuring textarea. Both
 * are scripts of this origin, so `trustScriptStyles` lets styles made by script through: a <style> element
 * created by script gets the nonce, and setAttribute('style', …) becomes the CSSOM write it stands for.
 * Styles in markup — a <style> element or a style attribute parsed from HTML — are still refused.
 */
const PLACEHOLDER = 'NHIP_CSP_NONCE';

function readNonce(): string | undefined {
  // `.nonce`, not getAttribute: browsers hide the attribute's value once the policy applies.
  const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce;
  return nonce && nonce !== PLACEHOLDER ? nonce : undefined;
}

/** Undefined under the Vite dev server, which sends no policy. */
export const CSP_NONCE = readNonce();

let trusted = false;

/** Lets styles created by script (not by markup) through the policy; see above. Idempotent. */
export function trustScriptStyles(nonce = CSP_NONCE) {
  if (!nonce || trusted) return;
  trusted = true;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const el = createElement.call(this, tagName, options);
    if (el instanceof HTMLStyleElement) el.nonce = nonce;
    return el;
  } as typeof Document.prototype.createElement;
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
}
