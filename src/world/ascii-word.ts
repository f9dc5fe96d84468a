/**
 * A name reduced to lowercase ASCII letters and digits (`Élodie-Anne` -> `elodieanne`): what e-mail
 * local parts and account subdomains are made of.
 */
export function toAsciiWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
