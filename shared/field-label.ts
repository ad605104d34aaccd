/**
 * A field of the contract or of a mapping as people read it: "invoiceNumber" → "Invoice number",
 * "customerId" → "Customer ID", "installments.0.dueDate" → "Due date", "paymentUrlPattern" → "Payment URL
 * pattern". Messages name fields this
 * way, never by their internal name.
 */
export function fieldLabel(path: string): string {
  const field =
    path
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .at(-1) ?? path;
  const words = field
    .replace(/([A-Z])/g, ' $1')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim()
    .replace(/\bid\b/, 'ID')
    .replace(/\burl\b/, 'URL');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
