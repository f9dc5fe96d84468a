import { describe, expect, it } from 'vitest';
import { createGenerator } from '../../src/generate/generator.js';
import { accountFor, type Account } from '../../src/world/account.js';
import { WORDS, type Language } from '../../src/world/vocabulary.js';

const SEEDS = Array.from({ length: 300 }, (_, i) => String(i));
const accounts = SEEDS.map((seed) => accountFor(seed));

function allNames(account: Account): string[] {
  return [
    ...account.pricePlans.map((plan) => plan.name),
    ...account.steps.map((step) => step.funnel.name),
    ...account.courses.map((course) => course.name),
    ...account.courses.map((course) => course.description ?? ''),
    ...account.bundles.map((bundle) => bundle.name),
    ...account.campaigns.map((campaign) => campaign.name),
    ...account.tags.map((tag) => tag.name),
    ...account.subjects,
    ...account.pricePlans.flatMap((plan) => plan.resources.map((resource) => resource.physicalProduct?.name ?? '')),
  ];
}

describe('accounts of a real size', () => {
  it('hold tens of offers and tags, several courses, webinars, physical products, campaigns and subjects', () => {
    for (const account of accounts) {
      const products = new Set(
        account.pricePlans.flatMap((plan) =>
          plan.resources.flatMap((resource) => (resource.physicalProduct ? [resource.physicalProduct.id] : [])),
        ),
      );
      expect(account.pricePlans.length).toBeGreaterThanOrEqual(15);
      expect(account.tags.length).toBeGreaterThanOrEqual(20);
      expect(account.courses.length).toBeGreaterThanOrEqual(5);
      expect(account.webinars.length).toBeGreaterThanOrEqual(1);
      expect(products.size).toBeGreaterThanOrEqual(1);
      expect(account.campaigns.length).toBeGreaterThanOrEqual(8);
      expect(account.subjects.length).toBeGreaterThanOrEqual(15);
      expect(new Set(account.tags.map((tag) => tag.id)).size).toBe(account.tags.length);
      expect(new Set(account.pricePlans.map((plan) => plan.id)).size).toBe(account.pricePlans.length);
    }
    const mean = (pick: (account: Account) => number) => accounts.reduce((sum, account) => sum + pick(account), 0) / accounts.length;
    expect(mean((account) => account.pricePlans.length)).toBeGreaterThan(20);
    expect(mean((account) => account.webinars.length)).toBeGreaterThan(2);
  });

  it('sells in a funnel the offers of that funnel’s topic, in every sale', () => {
    let sales = 0;
    for (const seed of SEEDS.slice(0, 100)) {
      const account = accountFor(seed);
      const topics = WORDS[account.language].topics;
      const generator = createGenerator({ seed });
      for (let index = 0; index < 20; index++) {
        const sale = generator.event('SALE_NEW', index).payload;
        const funnel = sale.funnelStep.funnel.name.toLowerCase();
        const offer = sale.pricePlan.name.toLowerCase();
        const topic = topics.find(
          (candidate) => funnel.includes(candidate.name.toLowerCase()) || funnel.includes(candidate.stem.toLowerCase().replace(/-$/, '')),
        );
        expect(topic, funnel).toBeDefined();
        expect(
          offer.includes(topic!.name.toLowerCase()) || offer.includes(topic!.stem.toLowerCase().replace(/-$/, '')),
          `${offer} sold in ${funnel}`,
        ).toBe(true);
        sales++;
      }
    }
    expect(sales).toBe(2000);
  });
});

describe('names in the account’s language, with its grammar', () => {
  it('writes French with gender and elision: de la nutrition, du yoga, de l’aquarelle, d’Instagram', () => {
    const french = accounts.filter((account) => account.language === 'fr');
    expect(french.length).toBeGreaterThan(50);
    const names = french.flatMap(allNames);
    for (const name of names) {
      expect(name, name).not.toMatch(
        /\b(du|le) (nutrition|photographie|méditation|pâtisserie|couture|aquarelle|course à pied|investissement|entrepreneuriat|Instagram)\b/,
      );
      expect(name, name).not.toMatch(/\b(de|la) (yoga|marketing|développement|copywriting)\b/);
      expect(name, name).not.toMatch(/\b(de la|du|de|le|la) [aeiouéèêh]/i);
      expect(name, name).not.toMatch(/\bde (le|les)\b/);
    }
    expect(names).toContain('Les bases de la nutrition');
    expect(names).toContain('Les bases du yoga');
    expect(names.some((name) => name.includes('d’Instagram') || name.includes('de l’'))).toBe(true);
  });

  it('writes German compounds as one word or hyphenated, with the linking s', () => {
    const names = accounts.filter((account) => account.language === 'de').flatMap(allNames);
    expect(names.length).toBeGreaterThan(200);
    for (const name of names) {
      expect(name, name).not.toMatch(/(Ernährung|Meditation|Persönlichkeitsentwicklung|Selbstständigkeit)(kurs|programm|paket|angebot)/);
      // Lower case after a hyphen only in a loanword's own spelling (Duden: Follow-up).
      expect(name.replace('Follow-up', ''), name).not.toMatch(/ (kurs|programm|paket)\b|--|-[a-zäöü]/);
      expect(name, name).not.toMatch(/Backenkurs|Nähenkurs|Laufenkurs/);
    }
    expect(
      names.some((name) => /^(Yogakurs|Ernährungskurs|Meditationskurs|Fotografiekurs|Backkurs|Nähkurs|Laufkurs|Immobilienkurs)/.test(name)),
    ).toBe(true);
  });

  it('names tags in the account’s language only', () => {
    const frenchOnly = ['Acheteur', 'Panier abandonné', 'Abonné·e', 'Affilié', 'Désabonné', 'Remboursé', 'Webinaire – inscrit'];
    const byLanguage = new Map<Language, Set<string>>();
    for (const account of accounts) {
      const set = byLanguage.get(account.language) ?? new Set<string>();
      for (const tag of account.tags) set.add(tag.name);
      byLanguage.set(account.language, set);
    }
    expect(byLanguage.size).toBe(6);
    for (const [language, names] of byLanguage) {
      if (language === 'fr') continue;
      for (const french of frenchOnly) expect(names.has(french), `${french} in a ${language} account`).toBe(false);
      expect([...names].some((name) => name.startsWith('Intérêt'))).toBe(false);
    }
    // Every tag event of a non-French account names a tag of its language.
    let events = 0;
    for (const seed of SEEDS.slice(0, 200)) {
      const account = accountFor(seed);
      if (account.language === 'fr') continue;
      const generator = createGenerator({ seed });
      for (let index = 0; index < 20; index++) {
        const tag = generator.event('CONTACT_TAG_ADDED', index).payload.tag;
        expect(frenchOnly.includes(tag.name) || tag.name.startsWith('Intérêt'), `${tag.name} in ${account.language}`).toBe(false);
        events++;
      }
    }
    expect(events).toBeGreaterThan(1000);
  });
});
