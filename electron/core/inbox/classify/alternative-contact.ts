import { addressesIn } from '../mime/addresses-in-text';

/** Someone an out-of-office answer sends you to instead: a name, an address, or both. */
export interface AlternativeContact {
  name: string | null;
  email: string | null;
}

/** "please contact", "wenden Sie sich an", "veuillez contacter", "póngase en contacto con" … */
const REFERRAL =
  /(?:contact op met|contact opnemen met|wendt u (?:zich )?tot|wenden sie sich (?:bitte )?an|kontaktieren sie|meine vertretung|contacter|contactez|adresser à|contacto con|contactar (?:a|con)|dirigirse a|contattare|rivolgersi a|contatto con|contatar|entre em contato com|falar com|get in touch with|write to|refer to|direct (?:your|any) [\w ]{0,30}to|\bcontact\b|\breach\b)\s*:?\s*/i;
const NAME = /^\s*((?:\p{Lu}[\p{L}'’-]+)(?:\s+(?:\p{Lu}[\p{L}'’-]+|van|von|de|der|den|da|di|du|la|le)){0,3})/u;

/**
 * The person an out-of-office answer names for urgent matters: the first address after a referral
 * ("please contact Jane Doe (jane.doe@acme.example)"), else the first name after one, else any
 * address in the answer that is not the sender's own.
 */
export function findAlternativeContact(words: string, senderAddress: string | null): AlternativeContact | null {
  const text = words.slice(0, 6000);
  const own = (senderAddress ?? '').toLowerCase();
  const others = addressesIn(text).filter((found) => found.address !== own);
  for (const referral of text.matchAll(new RegExp(REFERRAL.source, 'gi'))) {
    const after = text.slice(referral.index + referral[0].length, referral.index + referral[0].length + 160);
    const email = others.find((found) => found.index >= referral.index && found.index <= referral.index + referral[0].length + 160);
    const name = NAME.exec(
      after.replace(
        /^(?:my colleague|meine[nr]? kolleg(?:in|en)|mon collègue|ma collègue|mi compañer[oa]|mijn collega|il mio collega|la mia collega|meu colega|minha colega)\s*,?\s*/i,
        '',
      ),
    );
    if (email || name) return { name: name && !name[1]!.includes('@') ? name[1]!.trim() : null, email: email?.address ?? null };
  }
  const first = others[0];
  return first ? { name: null, email: first.address } : null;
}
