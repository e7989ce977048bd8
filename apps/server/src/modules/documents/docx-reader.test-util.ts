/** Reading back a generated .docx in tests: it is a ZIP of WordprocessingML parts. */
import JSZip from 'jszip';

export interface DocxParts {
  readonly document: string;
  readonly styles: string;
  readonly rels: string;
  /** Header part by relationship id. */
  readonly headers: ReadonlyMap<string, string>;
}

export async function openDocx(buf: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buf);
  const read = async (name: string): Promise<string> => {
    const f = zip.file(name);
    if (!f) throw new Error(`missing part ${name}`);
    return f.async('string');
  };
  const rels = await read('word/_rels/document.xml.rels');
  const headers = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*?Id="(rId\d+)"[^>]*?Target="(header\d+\.xml)"/g)) {
    headers.set(m[1] as string, await read(`word/${m[2]}`));
  }
  return { document: await read('word/document.xml'), styles: await read('word/styles.xml'), rels, headers };
}

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each paragraph (<w:p>), in document order. */
export function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    decodeXml([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
}

/** The raw XML of the paragraph whose text is exactly `text`. */
export function paragraphXml(xml: string, text: string): string | undefined {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => p[0])
    .find((p) => decodeXml([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')) === text);
}

/** Every <w:sectPr> of the body, in order (one per section). */
export function sections(xml: string): string[] {
  return [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
}

export function attr(xml: string, element: string, name: string): number | null {
  const el = new RegExp(`<${element}\\b[^>]*>`).exec(xml)?.[0];
  const v = el ? new RegExp(`${name}="(-?\\d+)"`).exec(el)?.[1] : undefined;
  return v === undefined ? null : Number(v);
}
