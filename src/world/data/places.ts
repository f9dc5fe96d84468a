/**
 * Facts about the countries systeme.io's customers live in: real places (city, the postcodes of that city,
 * the fixed-line numbers of its area), real mobile prefixes, IPv4 blocks allocated to the country, and
 * the standard VAT rate. Facts, not inventions; where a fact comes from:
 *
 * - Phone numbers: each country's national numbering plan as published by its regulator, and summarised
 *   in ITU-T E.164 national numbering plan notifications: ARCEP (FR, "plan national de numérotation"),
 *   BIPT (BE), OFCOM CH / BAKOM (CH), NANPA (US, CA: area codes per city; exchange codes never N11 and
 *   never 555), Ofcom UK (GB: mobile ranges 074-079; the drama ranges 07700 900xxx, 020 7946 0xxx and
 *   0161/0121/0131/0113/0117/0141/0151/0114 496 0xxx and 029 2018 0xxx are never drawn), CNMC (ES),
 *   Bundesnetzagentur (DE: 015x/016x/017x mobile, Ortsnetzkennzahlen), RTR (AT), ANACOM (PT), Anatel
 *   (BR: DDD area codes, mobiles 9xxxx-xxxx), AGCOM (IT: 3xx mobile, the 0 of fixed lines is part of the
 *   number). Checked with libphonenumber-js (test/world/country-values.test.ts).
 * - Postcodes: the postal authority's format and the city's real range: La Poste (FR), bpost (BE), Swiss
 *   Post (CH), Canada Post (CA: forward sortation areas per city; D F I O Q U never used, W Z never first),
 *   USPS (US ZIP codes per city), Royal Mail (GB: postcode areas and districts per post town), Correos
 *   (ES: the first two digits are the province code, 01-52), Deutsche Post (DE), Österreichische Post
 *   (AT), CTT (PT), Correios (BR: CEP ranges per city), Poste Italiane (IT: CAP per city). Checked with
 *   postcode-validator.
 * - IPv4 blocks: allocations to each country's access providers in the Regional Internet Registries'
 *   delegation statistics (RIPE NCC, ARIN, LACNIC), each block checked address by address against the
 *   MaxMind GeoLite country database (Debian's geoip-database, 2019) when this table was written.
 * - VAT: the standard rates of the EU member states (European Commission, "VAT rates applied in the
 *   Member States", 2025). Non-EU countries carry `null`: an EU seller charges them no VAT (see
 *   docs/world.md for what is assumed).
 *
 * Pattern language (phones and postcodes): `#` is a digit, `[2-7]` or `[0135]` one character of a class,
 * `@` a letter from the country's `postcodeLetters`; anything else is written as is. Phone patterns are
 * the national significant number as it is grouped when written (no trunk `0`, no country code).
 */
export interface PlaceFacts {
  readonly city: string;
  readonly postcodes: readonly string[];
  /** Fixed-line numbers of the city's area. */
  readonly landlines: readonly string[];
  /** Mobiles that carry the area code too (NANP, Brazil); otherwise the country's mobiles are used. */
  readonly mobiles?: readonly string[];
}

export interface CountryFacts {
  readonly code: string;
  readonly callingCode: string;
  /** Written before a national number: `0` in most of Europe, none where the number starts without it. */
  readonly trunk: string;
  /** How national numbers are written: `trunk` = trunk + number, `area-parens` = `(514) 555-0199`. */
  readonly nationalStyle: 'trunk' | 'area-parens';
  readonly mobiles: readonly string[];
  readonly postcodeLetters?: string;
  readonly ipv4: readonly string[];
  /** The standard VAT rate, or null outside the EU. */
  readonly vatRate: number | null;
  readonly timeZone: string;
}

const NANP_LOCAL = '[2-46-9][02-9]#-####';
const nanp = (...areas: string[]): string[] => areas.map((area) => `${area} ${NANP_LOCAL}`);

export const COUNTRY_FACTS: Readonly<Record<string, CountryFacts>> = {
  FR: {
    code: 'FR',
    callingCode: '33',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Paris',
    vatRate: 0.2,
    // 06 39 and 06 90-06 97 are the overseas departments' ranges (Mayotte, Antilles, Guyane, Réunion).
    mobiles: ['6 [0-24-8]# ## ## ##', '6 [0-24-8]# ## ## ##', '6 3[0-8] ## ## ##', '7 [5-8]# ## ## ##'],
    // Orange (86.192/11, 2.0/12, 109.208/12), Free (78.192/11, 88.160/11, 82.64/14), Bouygues (176.128/11).
    ipv4: ['86.192.0.0/11', '2.0.0.0/12', '109.208.0.0/12', '78.192.0.0/11', '88.160.0.0/11', '82.64.0.0/14', '176.128.0.0/11'],
  },
  BE: {
    code: 'BE',
    callingCode: '32',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Brussels',
    vatRate: 0.21,
    mobiles: ['47# ## ## ##', '48[3-9] ## ## ##', '49# ## ## ##', '46[0135-8] ## ## ##'],
    // Proximus (109.128/12, 91.176/13), Telenet (78.20/14, 178.116/14).
    ipv4: ['109.128.0.0/12', '91.176.0.0/13', '78.20.0.0/14', '178.116.0.0/14'],
  },
  CH: {
    code: 'CH',
    callingCode: '41',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Zurich',
    vatRate: null,
    mobiles: ['7[5-9] [2-9]## ## ##'],
    // Swisscom (85.0/13, 83.76/14, 62.202/15, 213.55.128/17), Sunrise UPC (188.60/14, 77.56/14).
    ipv4: ['85.0.0.0/13', '83.76.0.0/14', '62.202.0.0/15', '213.55.128.0/17', '188.60.0.0/14', '77.56.0.0/14'],
  },
  CA: {
    code: 'CA',
    callingCode: '1',
    trunk: '',
    nationalStyle: 'area-parens',
    timeZone: 'America/Toronto',
    vatRate: null,
    mobiles: [],
    postcodeLetters: 'ABCEGHJKLMNPRSTVWXYZ',
    // Rogers (99.224/11), Bell Canada (70.24/13, 142.112/12, 76.64/13, 69.156/14), Vidéotron (96.20/14).
    ipv4: ['99.224.0.0/11', '70.24.0.0/13', '142.112.0.0/12', '76.64.0.0/13', '69.156.0.0/14', '96.20.0.0/14'],
  },
  US: {
    code: 'US',
    callingCode: '1',
    trunk: '',
    nationalStyle: 'area-parens',
    timeZone: 'America/New_York',
    vatRate: null,
    mobiles: [],
    // Comcast (73/8, 98.192/10, 71.192/12, 24.0/12, 76.96/11, 68.32/11), AT&T (99.0/11, 108.0/11, 107.0/11), T-Mobile (172.56/13).
    ipv4: [
      '73.0.0.0/8',
      '98.192.0.0/10',
      '71.192.0.0/12',
      '24.0.0.0/12',
      '76.96.0.0/11',
      '68.32.0.0/11',
      '99.0.0.0/11',
      '108.0.0.0/11',
      '107.0.0.0/11',
      '172.56.0.0/13',
    ],
  },
  GB: {
    code: 'GB',
    callingCode: '44',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/London',
    vatRate: null,
    mobiles: ['74[0-46-9]# ######', '75[013-9]# ######', '77[1-7]# ######', '78[014-9]# ######', '79[024-9]# ######'],
    postcodeLetters: 'ABDEFGHJLNPQRSTUWXYZ',
    // BT (86.128/10, 81.128/11, 31.48/13, 109.144/12), Sky (2.24/13, 5.64/13, 90.192/11, 2.96/13), Virgin Media (82.0/14, 86.0/11), TalkTalk (92.0/14, 94.0/13).
    ipv4: [
      '86.128.0.0/10',
      '81.128.0.0/11',
      '31.48.0.0/13',
      '109.144.0.0/12',
      '2.24.0.0/13',
      '5.64.0.0/13',
      '90.192.0.0/11',
      '2.96.0.0/13',
      '82.0.0.0/14',
      '86.0.0.0/11',
      '92.0.0.0/14',
      '94.0.0.0/13',
    ],
  },
  ES: {
    code: 'ES',
    callingCode: '34',
    trunk: '',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Madrid',
    vatRate: 0.21,
    mobiles: ['6## ## ## ##', '6## ## ## ##', '7[1-4]# ## ## ##'],
    // Telefónica de España (83.32/11, 88.0/11, 79.144/12, 80.24/13, 81.32/12, 83.56/13), Orange Espagne (95.16/13), Vodafone ONO (84.120/13).
    ipv4: ['83.32.0.0/11', '88.0.0.0/11', '79.144.0.0/12', '80.24.0.0/13', '81.32.0.0/12', '83.56.0.0/13', '95.16.0.0/13', '84.120.0.0/13'],
  },
  DE: {
    code: 'DE',
    callingCode: '49',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Berlin',
    vatRate: 0.19,
    mobiles: ['15[1279] ########', '16[023] #######', '17[0-5] #######', '17[6-9] ########'],
    // Deutsche Telekom (79.192/10, 84.128/10, 87.128/10, 91.0/10, 93.192/10, 217.224/11, 80.128/11), Vodafone (178.0/13, 77.0/14).
    ipv4: [
      '79.192.0.0/10',
      '84.128.0.0/10',
      '87.128.0.0/10',
      '91.0.0.0/10',
      '93.192.0.0/10',
      '217.224.0.0/11',
      '80.128.0.0/11',
      '178.0.0.0/13',
      '77.0.0.0/14',
    ],
  },
  AT: {
    code: 'AT',
    callingCode: '43',
    trunk: '0',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Vienna',
    vatRate: 0.2,
    mobiles: ['664 #######', '676 #######', '650 #######', '660 #######', '699 ########', '681 ########'],
    // A1 Telekom Austria (62.46/15, 80.120/14, 77.116/14), Magenta (188.20/14).
    ipv4: ['62.46.0.0/15', '80.120.0.0/14', '77.116.0.0/14', '188.20.0.0/14'],
  },
  PT: {
    code: 'PT',
    callingCode: '351',
    trunk: '',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Lisbon',
    vatRate: 0.23,
    mobiles: ['9[1236]# ### ###'],
    // MEO (85.240/13, 148.63/16), NOS (89.152/14, 94.60/14), Vodafone Portugal (95.92/14).
    ipv4: ['85.240.0.0/13', '148.63.0.0/16', '89.152.0.0/14', '94.60.0.0/14', '95.92.0.0/14'],
  },
  BR: {
    code: 'BR',
    callingCode: '55',
    trunk: '',
    nationalStyle: 'area-parens',
    timeZone: 'America/Sao_Paulo',
    vatRate: null,
    mobiles: [],
    // LACNIC allocations to Brazilian providers (Vivo, Claro, Oi, TIM and regional ISPs).
    ipv4: [
      '177.0.0.0/11',
      '177.64.0.0/11',
      '179.96.0.0/11',
      '187.0.0.0/10',
      '189.0.0.0/11',
      '201.0.0.0/12',
      '200.128.0.0/11',
      '191.176.0.0/12',
      '186.192.0.0/11',
    ],
  },
  IT: {
    code: 'IT',
    callingCode: '39',
    trunk: '',
    nationalStyle: 'trunk',
    timeZone: 'Europe/Rome',
    vatRate: 0.22,
    mobiles: ['3[2-4]# ### ####', '3[89]# ### ####'],
    // TIM (79.0/12, 79.16/12, 87.0/12, 87.16/12, 2.32/12, 95.224/11, 82.48/12), Fastweb (93.32/12), Wind Tre (151.64/12).
    ipv4: [
      '79.0.0.0/12',
      '79.16.0.0/12',
      '87.0.0.0/12',
      '87.16.0.0/12',
      '2.32.0.0/12',
      '95.224.0.0/11',
      '82.48.0.0/12',
      '93.32.0.0/12',
      '151.64.0.0/12',
    ],
  },
};

/** Places per country (and, for Belgium and Canada, per language community). */
export const PLACES: Readonly<Record<string, readonly PlaceFacts[]>> = {
  FR: [
    { city: 'Paris', postcodes: ['7500[1-9]', '7501#', '75020'], landlines: ['1 4# ## ## ##', '1 5# ## ## ##'] },
    { city: 'Lyon', postcodes: ['6900[1-9]'], landlines: ['4 7[28] ## ## ##'] },
    { city: 'Marseille', postcodes: ['1300[1-9]', '1301[0-6]'], landlines: ['4 91 ## ## ##'] },
    { city: 'Toulouse', postcodes: ['31[0-5]00'], landlines: ['5 6[12] ## ## ##'] },
    { city: 'Nice', postcodes: ['06[0-3]00'], landlines: ['4 93 ## ## ##'] },
    { city: 'Nantes', postcodes: ['44[0-3]00'], landlines: ['2 40 ## ## ##'] },
    { city: 'Bordeaux', postcodes: ['33[0-3]00', '33800'], landlines: ['5 5[67] ## ## ##'] },
    { city: 'Lille', postcodes: ['59000', '59160', '59260', '59777', '59800'], landlines: ['3 20 ## ## ##'] },
    { city: 'Strasbourg', postcodes: ['67[0-2]00'], landlines: ['3 88 ## ## ##'] },
    { city: 'Rennes', postcodes: ['35000', '35200', '35700'], landlines: ['2 99 ## ## ##'] },
    { city: 'Montpellier', postcodes: ['34000', '34070', '34080', '34090'], landlines: ['4 67 ## ## ##'] },
    { city: 'Grenoble', postcodes: ['38000', '38100'], landlines: ['4 76 ## ## ##'] },
  ],
  'BE-fr': [
    { city: 'Bruxelles', postcodes: ['10[02-9]0', '11[2-9]0', '12[01]0'], landlines: ['2 [2-7]## ## ##'] },
    { city: 'Liège', postcodes: ['4000', '4020', '4030', '4031', '4032'], landlines: ['4 [23]## ## ##'] },
    { city: 'Namur', postcodes: ['5000', '5001', '5002', '5020', '5100'], landlines: ['81 ## ## ##'] },
    { city: 'Charleroi', postcodes: ['6000', '6001', '6010', '6020', '6030', '6040', '6060'], landlines: ['71 ## ## ##'] },
    { city: 'Mons', postcodes: ['7000', '7011', '7020', '7030'], landlines: ['65 ## ## ##'] },
    { city: 'Tournai', postcodes: ['7500', '7501', '7520', '7540'], landlines: ['69 ## ## ##'] },
    { city: 'Wavre', postcodes: ['1300', '1301'], landlines: ['10 ## ## ##'] },
    { city: 'Ottignies-Louvain-la-Neuve', postcodes: ['1340', '1341', '1348'], landlines: ['10 ## ## ##'] },
  ],
  'BE-nl': [
    {
      city: 'Antwerpen',
      postcodes: ['2000', '2018', '2020', '2030', '2040', '2050', '2060', '2100', '2140'],
      landlines: ['3 [2-8]## ## ##'],
    },
    { city: 'Gent', postcodes: ['9000', '9030', '9040', '9050'], landlines: ['9 [2-4]## ## ##'] },
    { city: 'Brugge', postcodes: ['8000', '8200', '8310'], landlines: ['50 ## ## ##'] },
    { city: 'Leuven', postcodes: ['3000', '3001', '3010', '3012'], landlines: ['16 ## ## ##'] },
    { city: 'Mechelen', postcodes: ['2800', '2801', '2811'], landlines: ['15 ## ## ##'] },
  ],
  'CH-fr': [
    { city: 'Genève', postcodes: ['120[1-9]'], landlines: ['22 [3-8]## ## ##'] },
    { city: 'Lausanne', postcodes: ['100[0-7]', '1010', '1012', '1018'], landlines: ['21 [3-9]## ## ##'] },
    { city: 'Fribourg', postcodes: ['1700'], landlines: ['26 [3-6]## ## ##'] },
    { city: 'Neuchâtel', postcodes: ['2000'], landlines: ['32 [7-9]## ## ##'] },
    { city: 'Sion', postcodes: ['1950', '1951'], landlines: ['27 [3-6]## ## ##'] },
    { city: 'Montreux', postcodes: ['1820'], landlines: ['21 9## ## ##'] },
  ],
  'CH-de': [
    { city: 'Zürich', postcodes: ['800[1-8]', '803[2-8]', '804[5-9]', '805[0-7]'], landlines: ['44 [2-5]## ## ##', '43 [2-5]## ## ##'] },
    { city: 'Bern', postcodes: ['300[0-8]', '301[0-4]'], landlines: ['31 [3-9]## ## ##'] },
    { city: 'Basel', postcodes: ['400[1-9]', '401#', '405[1-9]'], landlines: ['61 [2-7]## ## ##'] },
    { city: 'Luzern', postcodes: ['600[0-6]'], landlines: ['41 [2-4]## ## ##'] },
    { city: 'St. Gallen', postcodes: ['900[0-8]'], landlines: ['71 [2-3]## ## ##'] },
    { city: 'Winterthur', postcodes: ['840#'], landlines: ['52 [2-3]## ## ##'] },
  ],
  'CA-fr': [
    {
      city: 'Montréal',
      postcodes: ['H2X #@#', 'H2J #@#', 'H2T #@#', 'H2L #@#', 'H3A #@#', 'H3H #@#', 'H4A #@#', 'H1V #@#', 'H2S #@#', 'H2R #@#'],
      landlines: [],
      mobiles: nanp('514', '438'),
    },
    {
      city: 'Québec',
      postcodes: ['G1R #@#', 'G1K #@#', 'G1S #@#', 'G1V #@#', 'G1W #@#', 'G1L #@#', 'G1M #@#'],
      landlines: [],
      mobiles: nanp('418', '581'),
    },
    {
      city: 'Laval',
      postcodes: ['H7N #@#', 'H7T #@#', 'H7V #@#', 'H7W #@#', 'H7X #@#', 'H7G #@#'],
      landlines: [],
      mobiles: nanp('450', '579'),
    },
    { city: 'Gatineau', postcodes: ['J8T #@#', 'J8Y #@#', 'J8X #@#', 'J9A #@#', 'J9H #@#'], landlines: [], mobiles: nanp('819', '873') },
    { city: 'Longueuil', postcodes: ['J4H #@#', 'J4K #@#', 'J4J #@#', 'J4L #@#', 'J4M #@#'], landlines: [], mobiles: nanp('450', '579') },
    {
      city: 'Sherbrooke',
      postcodes: ['J1E #@#', 'J1G #@#', 'J1H #@#', 'J1J #@#', 'J1K #@#', 'J1L #@#'],
      landlines: [],
      mobiles: nanp('819', '873'),
    },
    {
      city: 'Trois-Rivières',
      postcodes: ['G8T #@#', 'G8Y #@#', 'G8Z #@#', 'G9A #@#', 'G9B #@#'],
      landlines: [],
      mobiles: nanp('819', '873'),
    },
    {
      city: 'Lévis',
      postcodes: ['G6V #@#', 'G6W #@#', 'G6X #@#', 'G6Z #@#', 'G6J #@#', 'G6K #@#'],
      landlines: [],
      mobiles: nanp('418', '581'),
    },
  ],
  'CA-en': [
    {
      city: 'Toronto',
      postcodes: ['M5V #@#', 'M4Y #@#', 'M6G #@#', 'M5A #@#', 'M4C #@#', 'M6H #@#', 'M5R #@#', 'M4L #@#', 'M6J #@#', 'M5S #@#'],
      landlines: [],
      mobiles: nanp('416', '647', '437'),
    },
    {
      city: 'Vancouver',
      postcodes: ['V6B #@#', 'V6E #@#', 'V5K #@#', 'V5L #@#', 'V6K #@#', 'V5N #@#', 'V6H #@#'],
      landlines: [],
      mobiles: nanp('604', '778', '236'),
    },
    {
      city: 'Calgary',
      postcodes: ['T2P #@#', 'T2R #@#', 'T3H #@#', 'T2E #@#', 'T3A #@#', 'T2N #@#'],
      landlines: [],
      mobiles: nanp('403', '587', '825'),
    },
    {
      city: 'Edmonton',
      postcodes: ['T5J #@#', 'T5K #@#', 'T6E #@#', 'T6G #@#', 'T5H #@#'],
      landlines: [],
      mobiles: nanp('780', '587', '825'),
    },
    {
      city: 'Ottawa',
      postcodes: ['K1P #@#', 'K1N #@#', 'K2P #@#', 'K1S #@#', 'K1Y #@#', 'K2G #@#'],
      landlines: [],
      mobiles: nanp('613', '343'),
    },
    { city: 'Winnipeg', postcodes: ['R3C #@#', 'R3B #@#', 'R2W #@#', 'R3M #@#', 'R3T #@#'], landlines: [], mobiles: nanp('204', '431') },
    { city: 'Halifax', postcodes: ['B3H #@#', 'B3J #@#', 'B3K #@#', 'B3L #@#'], landlines: [], mobiles: nanp('902', '782') },
    { city: 'Mississauga', postcodes: ['L5B #@#', 'L5M #@#', 'L4Z #@#', 'L5N #@#'], landlines: [], mobiles: nanp('905', '289', '365') },
  ],
  US: [
    { city: 'New York', postcodes: ['1000[1-9]', '1001#', '1002#', '1003#'], landlines: [], mobiles: nanp('212', '646', '917', '332') },
    { city: 'Los Angeles', postcodes: ['9000[1-9]', '900[1-8]#'], landlines: [], mobiles: nanp('213', '323', '310', '424') },
    { city: 'Chicago', postcodes: ['6060[1-9]', '606[1-5]#'], landlines: [], mobiles: nanp('312', '773', '872') },
    { city: 'Houston', postcodes: ['7700[1-9]', '770[1-9]#'], landlines: [], mobiles: nanp('713', '281', '832', '346') },
    { city: 'Phoenix', postcodes: ['850[0-5][1-9]'], landlines: [], mobiles: nanp('602', '480', '623') },
    { city: 'Philadelphia', postcodes: ['1910[2-9]', '191[1-4]#', '1915[0-4]'], landlines: [], mobiles: nanp('215', '267', '445') },
    { city: 'San Diego', postcodes: ['9210[1-9]', '921[1-2]#', '9213#'], landlines: [], mobiles: nanp('619', '858') },
    { city: 'Dallas', postcodes: ['7520[1-9]', '752[1-4]#'], landlines: [], mobiles: nanp('214', '469', '972') },
    { city: 'Austin', postcodes: ['7870[1-9]', '787[1-4]#', '7875#'], landlines: [], mobiles: nanp('512', '737') },
    { city: 'Seattle', postcodes: ['9810[1-9]', '981[1-9]#'], landlines: [], mobiles: nanp('206') },
    { city: 'Miami', postcodes: ['3310[1-9]', '331[1-8]#'], landlines: [], mobiles: nanp('305', '786') },
    { city: 'Boston', postcodes: ['0210[89]', '021[12]#', '0213[0-7]'], landlines: [], mobiles: nanp('617', '857') },
    { city: 'Denver', postcodes: ['8020[1-9]', '802[1-4]#'], landlines: [], mobiles: nanp('303', '720') },
    { city: 'Atlanta', postcodes: ['3030[1-9]', '303[1-3]#'], landlines: [], mobiles: nanp('404', '470', '678') },
    { city: 'San Francisco', postcodes: ['9410[2-9]', '941[12]#', '9413[0-4]'], landlines: [], mobiles: nanp('415', '628') },
  ],
  GB: [
    {
      city: 'London',
      postcodes: [
        'SW1A #@@',
        'SW3 #@@',
        'SW11 #@@',
        'SE1 #@@',
        'SE15 #@@',
        'E1 #@@',
        'E2 #@@',
        'E14 #@@',
        'N1 #@@',
        'N7 #@@',
        'NW1 #@@',
        'NW3 #@@',
        'W2 #@@',
        'W11 #@@',
        'WC1N #@@',
        'EC1V #@@',
      ],
      landlines: ['20 [378][0-8]## ####'],
    },
    {
      city: 'Manchester',
      postcodes: ['M1 #@@', 'M2 #@@', 'M3 #@@', 'M4 #@@', 'M13 #@@', 'M14 #@@', 'M15 #@@', 'M16 #@@', 'M20 #@@', 'M21 #@@'],
      landlines: ['161 [2-8][0-8]# ####'],
    },
    {
      city: 'Birmingham',
      postcodes: ['B1 #@@', 'B2 #@@', 'B3 #@@', 'B5 #@@', 'B13 #@@', 'B15 #@@', 'B16 #@@', 'B17 #@@', 'B29 #@@'],
      landlines: ['121 [2-7][0-8]# ####'],
    },
    {
      city: 'Edinburgh',
      postcodes: ['EH1 #@@', 'EH2 #@@', 'EH3 #@@', 'EH6 #@@', 'EH7 #@@', 'EH8 #@@', 'EH9 #@@', 'EH10 #@@', 'EH11 #@@', 'EH12 #@@'],
      landlines: ['131 [2-6][0-8]# ####'],
    },
    {
      city: 'Leeds',
      postcodes: ['LS1 #@@', 'LS2 #@@', 'LS6 #@@', 'LS7 #@@', 'LS8 #@@', 'LS11 #@@', 'LS12 #@@', 'LS17 #@@'],
      landlines: ['113 [23][0-8]# ####'],
    },
    {
      city: 'Bristol',
      postcodes: ['BS1 #@@', 'BS2 #@@', 'BS3 #@@', 'BS5 #@@', 'BS6 #@@', 'BS7 #@@', 'BS8 #@@', 'BS16 #@@'],
      landlines: ['117 [39][0-8]# ####'],
    },
    {
      city: 'Glasgow',
      postcodes: ['G1 #@@', 'G2 #@@', 'G3 #@@', 'G4 #@@', 'G11 #@@', 'G12 #@@', 'G31 #@@', 'G41 #@@'],
      landlines: ['141 [2-5][0-8]# ####'],
    },
    {
      city: 'Liverpool',
      postcodes: ['L1 #@@', 'L2 #@@', 'L3 #@@', 'L8 #@@', 'L15 #@@', 'L17 #@@', 'L18 #@@'],
      landlines: ['151 [2-7][0-8]# ####'],
    },
    { city: 'Brighton', postcodes: ['BN1 #@@', 'BN2 #@@', 'BN3 #@@'], landlines: ['1273 [2-8]#####'] },
    { city: 'Cardiff', postcodes: ['CF10 #@@', 'CF11 #@@', 'CF14 #@@', 'CF23 #@@', 'CF24 #@@'], landlines: ['29 20[2-9]# ####'] },
    { city: 'Sheffield', postcodes: ['S1 #@@', 'S2 #@@', 'S3 #@@', 'S7 #@@', 'S10 #@@', 'S11 #@@'], landlines: ['114 2[2-8]# ####'] },
  ],
  ES: [
    { city: 'Madrid', postcodes: ['2800[1-9]', '280[1-4]#', '2805[0-5]'], landlines: ['91[2-7] ## ## ##'] },
    { city: 'Barcelona', postcodes: ['0800[1-9]', '080[1-3]#', '0804[0-2]'], landlines: ['93[2-4] ## ## ##'] },
    { city: 'Valencia', postcodes: ['4600[1-9]', '460[12]#'], landlines: ['96[1-3] ## ## ##'] },
    { city: 'Sevilla', postcodes: ['4100[1-9]', '410[12]#'], landlines: ['954 ## ## ##', '955 ## ## ##'] },
    { city: 'Zaragoza', postcodes: ['5000[1-9]', '5001[0-8]'], landlines: ['976 ## ## ##'] },
    { city: 'Málaga', postcodes: ['2900[1-9]', '2901[0-8]'], landlines: ['952 ## ## ##'] },
    { city: 'Bilbao', postcodes: ['4800[1-9]', '4801[0-5]'], landlines: ['94[4-6] ## ## ##'] },
    { city: 'Palma', postcodes: ['0700[1-9]', '0701[0-5]'], landlines: ['971 ## ## ##'] },
    { city: 'Murcia', postcodes: ['3000[1-9]', '3001[0-2]'], landlines: ['968 ## ## ##'] },
    { city: 'Valladolid', postcodes: ['4700[1-9]', '4701[0-4]'], landlines: ['983 ## ## ##'] },
    { city: 'A Coruña', postcodes: ['1500[1-9]', '1501[01]'], landlines: ['981 ## ## ##'] },
    { city: 'Granada', postcodes: ['1800[1-9]', '1801#'], landlines: ['958 ## ## ##'] },
  ],
  DE: [
    { city: 'Berlin', postcodes: ['10[1-9]##', '12[0-9]##', '13[0-5]##'], landlines: ['30 [2-9]#######'] },
    { city: 'Hamburg', postcodes: ['20[0-9]##', '22[0-7]##'], landlines: ['40 [2-9]#######'] },
    { city: 'München', postcodes: ['80[3-9]##', '81[2-9]##'], landlines: ['89 [1-9]#######'] },
    { city: 'Köln', postcodes: ['50[6-9]##', '51[01]##'], landlines: ['221 [2-9]######'] },
    { city: 'Frankfurt am Main', postcodes: ['60[3-5]##', '6592#', '6593#'], landlines: ['69 [2-9]#######'] },
    { city: 'Stuttgart', postcodes: ['70[1-6]##'], landlines: ['711 [2-9]######'] },
    { city: 'Düsseldorf', postcodes: ['40[2-6]##'], landlines: ['211 [2-9]######'] },
    { city: 'Leipzig', postcodes: ['04[1-3]##'], landlines: ['341 [2-9]######'] },
    { city: 'Dresden', postcodes: ['01[0-3]##'], landlines: ['351 [2-9]######'] },
    { city: 'Hannover', postcodes: ['30[1-6]##'], landlines: ['511 [2-9]######'] },
    { city: 'Nürnberg', postcodes: ['904##'], landlines: ['911 [2-9]######'] },
    { city: 'Bremen', postcodes: ['28[1-3]##'], landlines: ['421 [2-9]######'] },
  ],
  AT: [
    { city: 'Wien', postcodes: ['10[1-9]0', '11[0-9]0', '12[0-3]0'], landlines: ['1 [2-9]######'] },
    { city: 'Graz', postcodes: ['80[1-6]0', '8020', '8036'], landlines: ['316 [2-9]#####'] },
    { city: 'Linz', postcodes: ['40[1-4]0', '4020'], landlines: ['732 [2-9]#####'] },
    { city: 'Salzburg', postcodes: ['50[2-6]0', '5020'], landlines: ['662 [2-9]#####'] },
    { city: 'Innsbruck', postcodes: ['60[2-8]0', '6020'], landlines: ['512 [2-9]#####'] },
    { city: 'Klagenfurt', postcodes: ['9020'], landlines: ['463 [2-9]#####'] },
  ],
  PT: [
    { city: 'Lisboa', postcodes: ['1[0-9]#0-###'], landlines: ['21 [1-9]## ####'] },
    { city: 'Porto', postcodes: ['40#0-###', '41#0-###', '42#0-###', '43[0-6]0-###'], landlines: ['22 [0-9]## ####'] },
    { city: 'Braga', postcodes: ['470[0-5]-###', '471[0-5]-###'], landlines: ['253 ### ###'] },
    { city: 'Coimbra', postcodes: ['300#-###', '30[1-3]0-###'], landlines: ['239 ### ###'] },
    { city: 'Faro', postcodes: ['800[0-5]-###'], landlines: ['289 ### ###'] },
    { city: 'Aveiro', postcodes: ['38[01]0-###'], landlines: ['234 ### ###'] },
    { city: 'Setúbal', postcodes: ['29[01]0-###'], landlines: ['265 ### ###'] },
  ],
  BR: [
    { city: 'São Paulo', postcodes: ['0[1-5]###-###'], landlines: ['11 [2-5]###-####'], mobiles: ['11 9[6-9]###-####'] },
    { city: 'Rio de Janeiro', postcodes: ['2[0-3]###-###'], landlines: ['21 [2-5]###-####'], mobiles: ['21 9[6-9]###-####'] },
    { city: 'Belo Horizonte', postcodes: ['3[01]###-###'], landlines: ['31 [2-5]###-####'], mobiles: ['31 9[6-9]###-####'] },
    { city: 'Curitiba', postcodes: ['8[0-2]###-###'], landlines: ['41 [2-5]###-####'], mobiles: ['41 9[6-9]###-####'] },
    { city: 'Porto Alegre', postcodes: ['9[01]###-###'], landlines: ['51 [2-5]###-####'], mobiles: ['51 9[6-9]###-####'] },
    { city: 'Florianópolis', postcodes: ['880##-###'], landlines: ['48 [2-5]###-####'], mobiles: ['48 9[6-9]###-####'] },
    { city: 'Salvador', postcodes: ['4[01]###-###'], landlines: ['71 [2-5]###-####'], mobiles: ['71 9[6-9]###-####'] },
    { city: 'Brasília', postcodes: ['7[01]###-###'], landlines: ['61 [2-5]###-####'], mobiles: ['61 9[6-9]###-####'] },
    { city: 'Recife', postcodes: ['5[0-2]###-###'], landlines: ['81 [2-5]###-####'], mobiles: ['81 9[6-9]###-####'] },
    { city: 'Fortaleza', postcodes: ['60###-###'], landlines: ['85 [2-5]###-####'], mobiles: ['85 9[6-9]###-####'] },
  ],
  IT: [
    { city: 'Roma', postcodes: ['001[2-9]#'], landlines: ['06 #### ####'] },
    { city: 'Milano', postcodes: ['201[2-5]#', '2016[0-2]'], landlines: ['02 #### ####'] },
    { city: 'Napoli', postcodes: ['801[23]#', '8014[0-7]'], landlines: ['081 ### ####'] },
    { city: 'Torino', postcodes: ['101[2-5]#'], landlines: ['011 ### ####'] },
    { city: 'Firenze', postcodes: ['501[2-4]#'], landlines: ['055 ### ####'] },
    { city: 'Bologna', postcodes: ['401[2-4]#'], landlines: ['051 ### ####'] },
    { city: 'Palermo', postcodes: ['901[2-4]#'], landlines: ['091 ### ####'] },
    { city: 'Genova', postcodes: ['161[2-6]#'], landlines: ['010 ### ####'] },
    { city: 'Venezia', postcodes: ['301[2-7]#'], landlines: ['041 ### ####'] },
    { city: 'Bari', postcodes: ['701[23]#'], landlines: ['080 ### ####'] },
    { city: 'Verona', postcodes: ['371[23]#'], landlines: ['045 ### ####'] },
  ],
};
