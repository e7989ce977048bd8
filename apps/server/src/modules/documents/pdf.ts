/** The kit's PDF conversion (kit/pdf.ts), under the path earlier code imports it from (bench/dashboard.ts). */
export { docxToPdf, type DocxToPdfOptions, findSoffice, PDF_FAILED_MESSAGE, PDF_TIMEOUT_MESSAGE, PDF_UNAVAILABLE_MESSAGE } from './kit/pdf.js';
