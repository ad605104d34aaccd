import { describe, expect, it } from 'vitest';
import { classifyRaw } from '../../electron/core/inbox/classify-file';
import { classifyMessage } from '../../electron/core/inbox/classify/classify-message';
import { previewPage } from '../../electron/core/inbox/message-view';
import { readMessage } from '../../electron/core/inbox/mime/inbound-message';
import { MIME_LIMITS } from '../../electron/core/inbox/mime/mime-tree';
import { MAX_MESSAGE_BYTES } from '../../electron/core/inbox/read-limits';

/** Mail written to hurt: each is read safely (bounded, never throwing) or refused with a reason. */
const crlf = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('hostile mail', () => {
  it('refuses a message larger than the limit without reading it', () => {
    const result = classifyRaw('huge.eml', Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x41), '2026-11-22');
    expect(result).toMatchObject({ kind: 'other', refused: expect.stringContaining('larger than') });
  });

  it('shows HTML without script, handlers, javascript: links, frames, forms or remote images', () => {
    const page = previewPage(
      [
        '<p onclick="steal()" style="color:red">Hello <b>there</b></p><script>alert(1)</script><base href="https://evil.example/">',
        '<a href="javascript:alert(2)">pay</a><a href="https://pay.example/1">real</a>',
        '<img src="https://tracker.example/pixel.gif"><img src="cid:logo@x"><iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input name="card"></form><svg onload="x()"></svg><style>body{background:url(https://t.example)}</style>',
      ].join(''),
      new Map([['logo@x', 'data:image/png;base64,AAAA']]),
    );
    expect(page).not.toMatch(/<script|onclick|onload|javascript:|<iframe|<form|<input|tracker\.example|<svg|t\.example/i);
    expect(page).toContain('<b>there</b>');
    expect(page).toContain('href="https://pay.example/1"');
    expect(page).toContain('src="data:image/png;base64,AAAA"');
    expect(page).toContain("default-src 'none'; img-src data:");
    expect(page).not.toMatch(/<style|<base|<p style/i);
  });

  it('reads a multipart nested past the limit, an unclosed boundary and broken base64 without throwing', () => {
    let nested = 'Content-Type: text/plain\r\n\r\nbottom';
    for (let i = 0; i < 200; i++) nested = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${nested}\r\n--b${i}--`;
    const deep = readMessage(Buffer.from(`From: a@b.example\r\nSubject: deep\r\n${nested}`));
    let depth = 0;
    for (let part = deep.tree; part.parts[0]; part = part.parts[0]) depth += 1;
    expect(depth).toBeLessThanOrEqual(MIME_LIMITS.maxDepth);
    const unclosed = readMessage(
      crlf('From: a@b.example', 'Content-Type: multipart/mixed; boundary=x', '', '--x', 'Content-Type: text/plain', '', 'never closed'),
    );
    expect(unclosed.text).toBe('never closed');
    const broken = readMessage(crlf('From: a@b.example', 'Content-Transfer-Encoding: base64', '', '%%%not base64!!!'));
    expect(typeof broken.text).toBe('string');
    const many = readMessage(
      Buffer.from(`From: a@b.example\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n${'--z\r\nContent-Type: text/plain\r\n\r\nx\r\n'.repeat(5000)}--z--`),
    );
    expect(many.tree.parts.length).toBeLessThanOrEqual(MIME_LIMITS.maxParts);
  });

  it('reads wrong and unknown charsets as text instead of failing', () => {
    const latin1AsUtf8 = Buffer.concat([
      Buffer.from('From: a@b.example\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'),
      Buffer.from('Zahlung erhalten: 1.000 EUR, Grüße aus Köln', 'latin1'),
    ]);
    expect(readMessage(latin1AsUtf8).text).toBe('Zahlung erhalten: 1.000 EUR, Grüße aus Köln');
    const unknown = crlf('From: a@b.example', 'Content-Type: text/plain; charset=x-no-such-charset', '', 'Grüße');
    expect(readMessage(unknown).text).toBe('Grüße');
    const japanese = Buffer.concat([
      Buffer.from('From: a@b.example\r\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n'),
      Buffer.from([0x1b, 0x24, 0x42, 0x25, 0x46, 0x25, 0x39, 0x25, 0x48, 0x1b, 0x28, 0x42]),
    ]);
    const read = readMessage(japanese);
    expect(read.subject).toBe('テスト');
    expect(read.text).toBe('テスト');
  });

  it("never lets a bounce's words pass as a customer reply, nor a reply quoting a bounce as a bounce", () => {
    const quoting = crlf(
      'From: Jane <jane@acme.example>',
      'Subject: Re: invoice',
      'In-Reply-To: <m1@inflow.example>',
      '',
      'We paid already.',
      '',
      '> Delivery has failed to these recipients: user unknown',
    );
    expect(classifyMessage(readMessage(quoting), '2026-11-22').kind).toBe('reply');
  });
});
