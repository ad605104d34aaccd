import { saveBlob } from './save-file';

/** Style properties a chart's look depends on; copied inline because a serialized SVG loses the page's CSS and theme. */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'color',
] as const;

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = (target as SVGElement).style;
  for (const property of PAINT) style.setProperty(property, computed.getPropertyValue(property));
  for (let i = 0; i < source.children.length; i += 1) inlineStyles(source.children[i]!, target.children[i]!);
}

/**
 * The chart's SVG drawn onto a canvas at twice its size on the theme's surface colour, saved as PNG.
 * The SVG travels as a data: URL (the CSP allows data: images), so nothing leaves the window.
 */
export async function saveChartPng(container: HTMLElement, fileName: string): Promise<void> {
  const svg = container.querySelector('svg');
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d')!;
  context.fillStyle = getComputedStyle(container).getPropertyValue('--surface') || '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob) saveBlob(blob, fileName);
}
