/**
 * Small real files a unit might upload as its presentation: a Word document, a PDF and a PowerPoint file. Tests
 * use them, and so can the demo. The .pptx is the smallest package a presentation program recognises (its content
 * types and the presentation part), typed as PowerPoint by content like any other.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A one-page .docx: the title in bold, then the paragraphs. */
export async function sampleDocx(title: string, paragraphs: string[] = []): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun({ text: title, bold: true })] }), ...paragraphs.map((p) => new Paragraph(p))] }],
  });
  return Packer.toBuffer(doc);
}

/** A one-page PDF with a line of ASCII text (the standard fonts carry no Vietnamese letters). */
export async function samplePdf(line: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText(line, { x: 60, y: 760, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await pdf.save());
}

/** A minimal .pptx package (content types and the presentation part, no slides). */
export async function samplePptx(): Promise<Buffer> {
  const z = new JSZip();
  z.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
  );
  z.file('ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>');
  return z.generateAsync({ type: 'nodebuffer' });
}
