import { documentWords } from './document-words';
import { MM, type PdfCanvas } from './pdf-canvas';
import type { DocumentBasics } from './statement-data';

/** Where things go on a page, in points from the top left. */
export interface Geometry {
  left: number;
  right: number;
  /** The lowest baseline body text may use before the footer. */
  bottom: number;
  /** First baseline of the body on the first page, below the address window. */
  bodyTop: number;
  /** First baseline on later pages, below their short header. */
  continuedTop: number;
}

const GREY = '#555555';

/**
 * Page 1 of a statement or letter: logo and company top left and right, and the addressee placed for
 * a window envelope (A4: DIN 5008 form B, window 20 mm from the left and 45 mm from the top, 85 × 45 mm,
 * the return line in its top 17.7 mm; US Letter: a #10 window, the address 2.1 in from the top and
 * 1 in from the left), with a block of facts (date, customer number) to its right.
 */
export function drawLetterhead(canvas: PdfCanvas, basics: DocumentBasics, facts: [string, string][]): Geometry {
  const a4 = canvas.width < 600;
  const left = a4 ? 25 * MM : 72;
  const right = canvas.width - (a4 ? 20 * MM : 54);
  const { company, customer } = basics;
  if (company.logo) {
    try {
      canvas.image(company.logo, left, 12 * MM, [60 * MM, 20 * MM]);
    } catch {
      // A logo pdfkit cannot read (not PNG or JPEG) is left out rather than failing the document.
    }
  }
  let y = 16 * MM;
  const blockWidth = 85 * MM;
  const companyLines = [...company.addressLines, company.phone, company.email].filter(Boolean);
  if (company.name) {
    canvas.text(canvas.fit(company.name, blockWidth, { size: 11, bold: true }), right - blockWidth, y, {
      size: 11,
      bold: true,
      align: 'right',
      width: blockWidth,
    });
    y += 13;
  }
  for (const line of companyLines) {
    canvas.text(canvas.fit(line, blockWidth, { size: 8 }), right - blockWidth, y, { size: 8, align: 'right', width: blockWidth, color: GREY });
    y += 10;
  }

  const windowX = a4 ? 25 * MM : 72;
  const windowWidth = (a4 ? 80 : 96) * MM;
  const returnY = a4 ? 57 * MM : 133;
  const returnLine = [company.name, ...company.addressLines].filter(Boolean).join(' · ');
  if (returnLine) {
    canvas.text(canvas.fit(returnLine, windowWidth, { size: 6.5 }), windowX, returnY, { size: 6.5, color: GREY });
    canvas.rule(windowX, returnY + 2, windowX + windowWidth, { width: 0.3 });
  }
  let addressY = a4 ? 67 * MM : 151;
  const addressLines = [
    ...canvas.wrap(customer.name, windowWidth, { size: 10, bold: true }).map((text) => ({ text, bold: true })),
    ...customer.addressLines.map((text) => ({ text: canvas.fit(text, windowWidth, { size: 10 }), bold: false })),
  ].slice(0, 7);
  for (const line of addressLines) {
    canvas.text(line.text, windowX, addressY, { size: 10, bold: line.bold });
    addressY += 11.5;
  }

  const factsX = a4 ? 125 * MM : 400;
  let factY = a4 ? 67 * MM : 151;
  for (const [label, value] of facts) {
    canvas.text(label, factsX, factY, { size: 8, color: GREY });
    canvas.text(canvas.fit(value, right - factsX - 70, { size: 8.5 }), factsX + 70, factY, { size: 8.5 });
    factY += 11;
  }
  return { left, right, bottom: canvas.height - 22 * MM, bodyTop: a4 ? 105 * MM : 270, continuedTop: 30 * MM };
}

/** Later pages: one line naming the document, so a loose page is still known. */
export function drawContinuation(canvas: PdfCanvas, geometry: Geometry, title: string): number {
  canvas.text(canvas.fit(title, geometry.right - geometry.left, { size: 8 }), geometry.left, 15 * MM, { size: 8, color: GREY });
  canvas.rule(geometry.left, 17 * MM, geometry.right, { width: 0.3 });
  return geometry.continuedTop;
}

/** Every page: who sent it (with its registration and tax ids) and "Page n of m". */
export function drawFooters(canvas: PdfCanvas, geometry: Geometry, basics: DocumentBasics, firstPage: number): void {
  const { company } = basics;
  const w = documentWords(basics.locale);
  const ids = [company.name, company.registrationId && `${w.regNo} ${company.registrationId}`, company.taxId && `${w.taxId} ${company.taxId}`]
    .filter(Boolean)
    .join(' · ');
  canvas.eachPage(firstPage, (index, count) => {
    const y = canvas.height - 12 * MM;
    canvas.rule(geometry.left, y - 9, geometry.right, { width: 0.3 });
    if (ids) canvas.text(canvas.fit(ids, geometry.right - geometry.left - 80, { size: 7 }), geometry.left, y, { size: 7, color: GREY });
    canvas.text(w.page(index + 1, count), geometry.right - 80, y, { size: 7, color: GREY, align: 'right', width: 80 });
  });
}
