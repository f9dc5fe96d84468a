/**
 * Words for what systeme.io users sell and send, in their account's language, with the grammar each
 * language needs: a topic carries its own article and its `de` form (French `du yoga`, `de la nutrition`,
 * `de l’investissement`, `d’Instagram`; Italian `dello yoga`, `dell’imprenditoria`; Spanish and
 * Portuguese `del`/`do`), and in German the stem it takes in compounds (`Ernährungskurs`,
 * `Online-Marketing-Kurs`, `Backkurs`). Accents, an en dash, a slash, typographic apostrophes and emoji
 * appear on purpose: they exercise the `\u00e9`, `\/` and surrogate-pair escapes.
 *
 * Placeholders: `{topic}` the topic as is, `{Topic}` in title case (English titles), `{le}` with its
 * article, `{de}` with `de` and the article, `{stem}` its German compound stem.
 */
export type Language = 'fr' | 'en' | 'es' | 'de' | 'pt' | 'it';

export interface Topic {
  readonly name: string;
  /** The article, with its space or apostrophe (`la `, `l’`, or empty for a proper noun). */
  readonly le: string;
  /** `de` and the article, contracted (`du `, `de la `, `de l’`, `d’`). */
  readonly de: string;
  /** German only: the first part of a compound (`Ernährungs`); ends with `-` when the compound is hyphenated. */
  readonly stem: string;
}

export type StepType =
  | 'squeeze'
  | 'opt_in_thank_you_page'
  | 'sales_page'
  | 'offer-form'
  | 'upsell'
  | 'thank_you_page'
  | 'webinar_registration'
  | 'webinar_thank_you';

export interface LanguageWords {
  topics: readonly Topic[];
  products: readonly string[];
  salesFunnels: readonly string[];
  optinFunnels: readonly string[];
  webinarFunnels: readonly string[];
  courses: readonly string[];
  bundles: readonly string[];
  /** Sequences every account has, then sequences about a topic. */
  campaigns: readonly string[];
  topicCampaigns: readonly string[];
  subjects: readonly string[];
  topicSubjects: readonly string[];
  blogs: readonly string[];
  blogPages: readonly string[];
  descriptions: readonly string[];
  steps: Readonly<Record<StepType, readonly string[]>>;
  physical: readonly string[];
  tags: readonly string[];
  topicTags: readonly string[];
  coupons: readonly string[];
  /** What a seller appends to an offer's inner name to tell versions apart. */
  versions: readonly string[];
}

type T = [name: string, le: string, de: string, stem?: string];
const topics = (list: readonly T[]): Topic[] => list.map(([name, le, de, stem]) => ({ name, le, de, stem: stem ?? name }));

export const WORDS: Readonly<Record<Language, LanguageWords>> = {
  fr: {
    topics: topics([
      ['marketing digital', 'le ', 'du '],
      ['yoga', 'le ', 'du '],
      ['photographie', 'la ', 'de la '],
      ['développement personnel', 'le ', 'du '],
      ['copywriting', 'le ', 'du '],
      ['nutrition', 'la ', 'de la '],
      ['investissement immobilier', 'l’', 'de l’'],
      ['méditation', 'la ', 'de la '],
      ['Instagram', '', 'd’'],
      ['pâtisserie', 'la ', 'de la '],
      ['entrepreneuriat', 'l’', 'de l’'],
      ['couture', 'la ', 'de la '],
      ['aquarelle', 'l’', 'de l’'],
      ['course à pied', 'la ', 'de la '],
    ]),
    products: [
      'Formation {topic}',
      'Masterclass {topic}',
      'Coaching {topic} – 3 mois',
      'Programme {topic} en 30 jours',
      'Guide complet {de}',
      'Atelier {topic} / niveau 1',
      'Les secrets {de}',
      'Accompagnement {topic} VIP',
      'Mini-formation {topic}',
      'Défi {topic} 21 jours',
    ],
    salesFunnels: ['Tunnel {topic}', 'Lancement {topic}', 'Tunnel evergreen {topic}'],
    optinFunnels: ['Lead magnet {topic}', 'Guide gratuit {de}'],
    webinarFunnels: ['Webinaire {topic}', 'Masterclass gratuite {topic}'],
    courses: ['Les bases {de}', 'Formation {topic} avancée', '{le} : de zéro à pro', 'Maîtriser {le}'],
    bundles: ['Pack {topic} intégral', 'Académie {topic}', 'Le grand pack {topic}'],
    campaigns: ['Séquence de bienvenue', 'Relance panier abandonné', 'Réengagement des inactifs', 'Onboarding nouveaux clients'],
    topicCampaigns: ['Nurturing {topic}', 'Lancement {topic} – J-7', 'Relance webinaire {topic}'],
    subjects: [
      'Bienvenue ! Votre accès est prêt 🎉',
      'Ça commence demain à 19h',
      '🔥 Les inscriptions ferment ce soir',
      'Le replay est disponible',
      'Votre facture',
      'Vous avez oublié quelque chose ?',
      'J-3 avant la fermeture',
      'Merci pour votre confiance 🙏',
    ],
    topicSubjects: [
      'Dernière chance : -50 % sur la formation {topic}',
      'Votre guide {de} est arrivé',
      'Une question sur {le} ?',
      'Nouveau module : {le}',
      'Ce que personne ne vous dit sur {le}',
      'Offre spéciale {topic} pour vous',
    ],
    blogs: ['Le blog {de}', 'Carnet {de}', 'Astuces {topic}'],
    blogPages: ['Accueil', 'Page d\u2019accueil', 'À propos', 'Ressources gratuites'],
    descriptions: [
      'Apprenez pas à pas, à votre rythme.',
      'Tout ce qu\u2019il faut savoir sur {le} pour bien démarrer.',
      'Des vidéos, des fiches et une communauté privée.',
    ],
    steps: {
      squeeze: ['Page de capture', 'Inscription gratuite', 'Squeeze page'],
      opt_in_thank_you_page: ['Merci ! / Téléchargement', 'Page de remerciement', 'Thank You / Download Page'],
      sales_page: ['Page de vente', 'Présentation de l\u2019offre'],
      'offer-form': ['Bon de commande', 'Paiement sécurisé', 'Commande'],
      upsell: ['Offre spéciale', 'Upsell – accès VIP'],
      thank_you_page: ['Merci pour votre commande', 'Confirmation'],
      webinar_registration: ['Inscription au webinaire', 'Webinar registration'],
      webinar_thank_you: ['Vous êtes inscrit·e !', 'Merci pour votre inscription'],
    },
    physical: ['Livre « Les bases {de} »', 'Carnet de suivi {topic}', 'Kit de démarrage {topic}', 'Cahier d\u2019exercices {topic}'],
    tags: [
      'Client',
      'Prospect',
      'Lead magnet',
      'VIP',
      'Newsletter',
      'Acheteur',
      'Webinaire – inscrit',
      'Webinaire – présent',
      'Abonné·e',
      '🔥 Lead chaud',
      'Panier abandonné',
      'Affilié',
      'Désabonné',
      'Remboursé',
      'Paiement échoué',
      'Membre',
      'Ancien client',
      'Bêta-testeur',
      'Liste d\u2019attente',
      'Témoignage',
    ],
    topicTags: ['Intérêt : {topic}', 'Client – {topic}', 'Lead – guide {topic}'],
    coupons: ['BIENVENUE10', 'BLACKFRIDAY', 'VIP50', 'LANCEMENT', 'NOEL', 'RENTREE'],
    versions: ['v2', 'promo', 'lancement', 'prévente'],
  },
  en: {
    topics: topics([
      ['digital marketing', '', ''],
      ['yoga', '', ''],
      ['photography', '', ''],
      ['personal growth', '', ''],
      ['copywriting', '', ''],
      ['nutrition', '', ''],
      ['real estate investing', '', ''],
      ['meditation', '', ''],
      ['sales funnels', '', ''],
      ['Instagram', '', ''],
      ['baking', '', ''],
      ['freelancing', '', ''],
      ['sewing', '', ''],
      ['watercolor', '', ''],
    ]),
    products: [
      '{Topic} Masterclass',
      'The {Topic} Blueprint',
      '{Topic} Coaching – 12 Weeks',
      '30-Day {Topic} Challenge',
      '{Topic} / Starter Course',
      '{Topic} Inner Circle',
      'The Complete {Topic} Course',
      '{Topic} Mini-Course',
      '{Topic} VIP Day',
      '{Topic} Toolkit',
    ],
    salesFunnels: ['{Topic} funnel', '{Topic} launch', '{Topic} evergreen funnel'],
    optinFunnels: ['Free {topic} guide', '{Topic} lead magnet'],
    webinarFunnels: ['{Topic} webinar', 'Free {topic} masterclass'],
    courses: ['{Topic} Fundamentals', 'Mastering {Topic}', '{Topic} from Scratch', 'Advanced {Topic}'],
    bundles: ['{Topic} All-Access Bundle', 'The {Topic} Academy', '{Topic} Complete Pack'],
    campaigns: ['Welcome sequence', 'Cart recovery', 'Re-engagement', 'New customer onboarding'],
    topicCampaigns: ['{Topic} nurture', '{Topic} launch week', '{Topic} webinar follow-up'],
    subjects: [
      'Welcome aboard 🎉',
      'We start tomorrow at 7pm',
      '🔥 Doors close tonight',
      'The replay is up',
      'Your receipt',
      'Did you forget something?',
      '3 days left',
      'Thank you 🙏',
    ],
    topicSubjects: [
      'Last chance: 50% off {topic}',
      'Your {topic} guide is here',
      'A quick question about {topic}',
      'New module: {Topic}',
      'What nobody tells you about {topic}',
      'A special {topic} offer for you',
    ],
    blogs: ['The {Topic} Blog', '{Topic} Notes'],
    blogPages: ['Home page', 'About', 'Free resources'],
    descriptions: [
      'Learn step by step, at your own pace.',
      'Everything you need to get started with {topic}.',
      'Videos, worksheets and a private community.',
    ],
    steps: {
      squeeze: ['Squeeze page', 'Free guide sign-up'],
      opt_in_thank_you_page: ['Thank You / Download Page', 'Thanks for signing up'],
      sales_page: ['Sales page'],
      'offer-form': ['Order form', 'Checkout'],
      upsell: ['One-time offer', 'Upsell'],
      thank_you_page: ['Order confirmed'],
      webinar_registration: ['Webinar registration'],
      webinar_thank_you: ['You are registered!'],
    },
    physical: ['{Topic} Workbook', '{Topic} Starter Kit', 'The {Topic} Journal'],
    tags: [
      'Customer',
      'Lead',
      'Lead magnet',
      'VIP',
      'Newsletter',
      'Buyer',
      'Webinar – registered',
      'Webinar – attended',
      'Subscriber',
      '🔥 Hot lead',
      'Abandoned cart',
      'Affiliate',
      'Unsubscribed',
      'Refunded',
      'Payment failed',
      'Member',
      'Past customer',
      'Beta tester',
      'Waitlist',
      'Testimonial',
    ],
    topicTags: ['Interest: {topic}', 'Customer – {Topic}', 'Lead – {topic} guide'],
    coupons: ['WELCOME10', 'BLACKFRIDAY', 'VIP50', 'LAUNCH', 'SUMMER', 'CYBERMONDAY'],
    versions: ['v2', 'promo', 'launch', 'early bird'],
  },
  es: {
    topics: topics([
      ['marketing digital', 'el ', 'del '],
      ['yoga', 'el ', 'del '],
      ['fotografía', 'la ', 'de la '],
      ['desarrollo personal', 'el ', 'del '],
      ['nutrición', 'la ', 'de la '],
      ['inversión inmobiliaria', 'la ', 'de la '],
      ['meditación', 'la ', 'de la '],
      ['emprendimiento', 'el ', 'del '],
      ['Instagram', '', 'de '],
      ['repostería', 'la ', 'de la '],
      ['costura', 'la ', 'de la '],
    ]),
    products: [
      'Curso de {topic}',
      'Masterclass de {topic}',
      'Programa de {topic} en 30 días',
      'Mentoría de {topic} – 3 meses',
      'Guía completa {de}',
      'Taller de {topic} / nivel 1',
      'Los secretos {de}',
      'Reto de {topic} en 21 días',
      'Minicurso de {topic}',
    ],
    salesFunnels: ['Embudo de {topic}', 'Lanzamiento de {topic}', 'Embudo evergreen de {topic}'],
    optinFunnels: ['Guía gratuita de {topic}', 'Lead magnet de {topic}'],
    webinarFunnels: ['Webinar de {topic}', 'Masterclass gratuita de {topic}'],
    courses: ['Fundamentos {de}', '{topic} desde cero', 'Domina {le}', 'Curso avanzado de {topic}'],
    bundles: ['Pack completo de {topic}', 'Academia de {topic}'],
    campaigns: ['Secuencia de bienvenida', 'Recuperación de carrito', 'Reactivación de inactivos', 'Bienvenida a nuevos clientes'],
    topicCampaigns: ['Lanzamiento de {topic}', 'Nurturing de {topic}', 'Seguimiento del webinar de {topic}'],
    subjects: [
      '¡Bienvenido/a! Tu acceso está listo 🎉',
      'Empezamos mañana',
      '🔥 Las inscripciones cierran esta noche',
      'La repetición ya está disponible',
      'Tu factura',
      '¿Olvidaste algo?',
      'Quedan 3 días',
      '¡Gracias por tu confianza! 🙏',
    ],
    topicSubjects: [
      'Última oportunidad: -50 % en {topic}',
      'Tu guía {de} ya está aquí',
      'Nuevo módulo: {le}',
      'Lo que nadie te cuenta sobre {le}',
      'Una oferta especial de {topic} para ti',
    ],
    blogs: ['Blog de {topic}', 'Notas {de}'],
    blogPages: ['Página de inicio', 'Sobre mí', 'Recursos gratuitos'],
    descriptions: ['Aprende paso a paso, a tu ritmo.', 'Todo lo que necesitas para empezar con {le}.'],
    steps: {
      squeeze: ['Página de captura'],
      opt_in_thank_you_page: ['¡Gracias! / Descarga'],
      sales_page: ['Página de ventas'],
      'offer-form': ['Formulario de pedido', 'Pago'],
      upsell: ['Oferta especial'],
      thank_you_page: ['Pedido confirmado'],
      webinar_registration: ['Registro al webinar'],
      webinar_thank_you: ['¡Ya estás inscrito!'],
    },
    physical: ['Libro «Fundamentos {de}»', 'Kit de inicio de {topic}', 'Cuaderno de {topic}'],
    tags: [
      'Cliente',
      'Prospecto',
      'Lead magnet',
      'VIP',
      'Newsletter',
      'Comprador',
      'Webinar – inscrito',
      'Webinar – asistió',
      'Suscriptor',
      '🔥 Lead caliente',
      'Carrito abandonado',
      'Afiliado',
      'Baja',
      'Reembolsado',
      'Pago fallido',
      'Miembro',
      'Antiguo cliente',
      'Lista de espera',
      'Testimonio',
    ],
    topicTags: ['Interés: {topic}', 'Cliente – {topic}', 'Lead – guía de {topic}'],
    coupons: ['BIENVENIDA10', 'BLACKFRIDAY', 'VIP50', 'LANZAMIENTO', 'VERANO'],
    versions: ['v2', 'promo', 'lanzamiento', 'preventa'],
  },
  de: {
    topics: topics([
      ['Online-Marketing', '', '', 'Online-Marketing-'],
      ['Yoga', '', '', 'Yoga'],
      ['Fotografie', '', '', 'Fotografie'],
      ['Persönlichkeitsentwicklung', '', '', 'Persönlichkeitsentwicklungs'],
      ['Ernährung', '', '', 'Ernährungs'],
      ['Immobilien', '', '', 'Immobilien'],
      ['Meditation', '', '', 'Meditations'],
      ['Selbstständigkeit', '', '', 'Selbstständigkeits'],
      ['Instagram', '', '', 'Instagram-'],
      ['Backen', '', '', 'Back'],
      ['Nähen', '', '', 'Näh'],
      ['Laufen', '', '', 'Lauf'],
    ]),
    products: [
      '{stem}-Masterclass',
      '{stem}kurs',
      '{stem}-Coaching – 3 Monate',
      '30-Tage-{stem}-Challenge',
      '{stem}programm',
      '{stem}-Workshop / Stufe 1',
      '{stem}-Mentoring',
      'Minikurs {topic}',
      'Das große {stem}paket',
    ],
    salesFunnels: ['{stem}-Funnel', '{stem}-Launch', 'Evergreen-Funnel {topic}'],
    optinFunnels: ['Gratis-Guide {topic}', '{stem}-Leadmagnet'],
    webinarFunnels: ['{stem}-Webinar', 'Gratis-Masterclass {topic}'],
    courses: ['{stem}-Grundlagen', '{topic} meistern', '{topic} für Einsteiger', '{stem}kurs für Fortgeschrittene'],
    bundles: ['{stem}-Komplettpaket', '{stem}-Akademie'],
    campaigns: ['Willkommensserie', 'Warenkorb-Erinnerung', 'Reaktivierung', 'Onboarding für Neukunden'],
    topicCampaigns: ['{stem}-Launch', '{stem}-Nurturing', 'Webinar-Follow-up {topic}'],
    subjects: [
      'Willkommen! Dein Zugang ist bereit 🎉',
      'Morgen geht’s los',
      '🔥 Nur noch heute Abend',
      'Die Aufzeichnung ist online',
      'Deine Rechnung',
      'Hast du etwas vergessen?',
      'Noch 3 Tage',
      'Danke für dein Vertrauen 🙏',
    ],
    topicSubjects: [
      'Letzte Chance: 50 % auf den {stem}kurs',
      'Dein {stem}-Guide ist da',
      'Neues Modul: {topic}',
      'Was dir niemand über {topic} sagt',
      'Ein {stem}angebot nur für dich',
    ],
    blogs: ['{stem}-Blog', '{stem}-Notizen'],
    blogPages: ['Startseite', 'Über mich', 'Gratis-Ressourcen'],
    descriptions: ['Schritt für Schritt, in deinem Tempo.', 'Alles, was du für den Start mit {topic} brauchst.'],
    steps: {
      squeeze: ['Eintragungsseite'],
      opt_in_thank_you_page: ['Danke! / Download'],
      sales_page: ['Verkaufsseite'],
      'offer-form': ['Bestellformular', 'Kasse'],
      upsell: ['Sonderangebot'],
      thank_you_page: ['Bestellung bestätigt'],
      webinar_registration: ['Webinar-Anmeldung'],
      webinar_thank_you: ['Du bist angemeldet!'],
    },
    physical: ['{stem}-Arbeitsbuch', '{stem}-Starterset', '{stem}-Journal'],
    tags: [
      'Kunde',
      'Interessent',
      'Leadmagnet',
      'VIP',
      'Newsletter',
      'Käufer',
      'Webinar – angemeldet',
      'Webinar – teilgenommen',
      'Abonnent',
      '🔥 Heißer Lead',
      'Warenkorbabbrecher',
      'Affiliate',
      'Abgemeldet',
      'Erstattet',
      'Zahlung fehlgeschlagen',
      'Mitglied',
      'Ehemaliger Kunde',
      'Warteliste',
      'Testimonial',
    ],
    topicTags: ['Interesse: {topic}', 'Kunde – {topic}', 'Lead – {stem}-Guide'],
    coupons: ['WILLKOMMEN10', 'BLACKFRIDAY', 'VIP50', 'START', 'SOMMER'],
    versions: ['v2', 'Aktion', 'Launch', 'Frühbucher'],
  },
  pt: {
    topics: topics([
      ['marketing digital', 'o ', 'do '],
      ['ioga', 'o ', 'do '],
      ['fotografia', 'a ', 'da '],
      ['desenvolvimento pessoal', 'o ', 'do '],
      ['nutrição', 'a ', 'da '],
      ['investimento imobiliário', 'o ', 'do '],
      ['meditação', 'a ', 'da '],
      ['empreendedorismo', 'o ', 'do '],
      ['Instagram', 'o ', 'do '],
      ['confeitaria', 'a ', 'da '],
      ['costura', 'a ', 'da '],
    ]),
    products: [
      'Curso de {topic}',
      'Masterclass de {topic}',
      'Programa de {topic} em 30 dias',
      'Mentoria de {topic} – 3 meses',
      'Guia completo {de}',
      'Workshop de {topic} / nível 1',
      'Os segredos {de}',
      'Desafio de {topic} em 21 dias',
      'Minicurso de {topic}',
    ],
    salesFunnels: ['Funil de {topic}', 'Lançamento de {topic}', 'Funil perpétuo de {topic}'],
    optinFunnels: ['Guia gratuito de {topic}', 'Isca digital de {topic}'],
    webinarFunnels: ['Webinar de {topic}', 'Aula gratuita de {topic}'],
    courses: ['Fundamentos {de}', '{topic} do zero', 'Domine {le}', 'Curso avançado de {topic}'],
    bundles: ['Pacote completo de {topic}', 'Academia de {topic}'],
    campaigns: ['Sequência de boas-vindas', 'Recuperação de carrinho', 'Reativação de inativos', 'Boas-vindas a novos clientes'],
    topicCampaigns: ['Lançamento de {topic}', 'Nutrição de leads: {topic}', 'Follow-up do webinar de {topic}'],
    subjects: [
      'Bem-vindo(a)! O seu acesso está pronto 🎉',
      'Começamos amanhã',
      '🔥 As inscrições fecham hoje à noite',
      'A gravação já está disponível',
      'A sua fatura',
      'Esqueceu-se de algo?',
      'Faltam 3 dias',
      'Obrigado pela sua confiança 🙏',
    ],
    topicSubjects: [
      'Última chance: -50 % em {topic}',
      'O seu guia {de} chegou',
      'Novo módulo: {le}',
      'O que ninguém lhe diz sobre {le}',
      'Uma oferta especial de {topic} para si',
    ],
    blogs: ['Blog de {topic}', 'Notas {de}'],
    blogPages: ['Página inicial', 'Sobre mim', 'Recursos gratuitos'],
    descriptions: ['Aprenda passo a passo, no seu ritmo.', 'Tudo o que precisa para começar com {le}.'],
    steps: {
      squeeze: ['Página de captura'],
      opt_in_thank_you_page: ['Obrigado! / Download'],
      sales_page: ['Página de vendas'],
      'offer-form': ['Formulário de encomenda', 'Pagamento'],
      upsell: ['Oferta especial'],
      thank_you_page: ['Encomenda confirmada'],
      webinar_registration: ['Inscrição no webinar'],
      webinar_thank_you: ['Inscrição confirmada!'],
    },
    physical: ['Livro «Fundamentos {de}»', 'Kit inicial de {topic}', 'Caderno de {topic}'],
    tags: [
      'Cliente',
      'Lead',
      'Isca digital',
      'VIP',
      'Newsletter',
      'Comprador',
      'Webinar – inscrito',
      'Webinar – presente',
      'Assinante',
      '🔥 Lead quente',
      'Carrinho abandonado',
      'Afiliado',
      'Descadastrado',
      'Reembolsado',
      'Pagamento falhou',
      'Membro',
      'Ex-cliente',
      'Lista de espera',
      'Depoimento',
    ],
    topicTags: ['Interesse: {topic}', 'Cliente – {topic}', 'Lead – guia de {topic}'],
    coupons: ['BEMVINDO10', 'BLACKFRIDAY', 'VIP50', 'LANCAMENTO', 'VERAO'],
    versions: ['v2', 'promo', 'lançamento', 'pré-venda'],
  },
  it: {
    topics: topics([
      ['marketing digitale', 'il ', 'del '],
      ['yoga', 'lo ', 'dello '],
      ['fotografia', 'la ', 'della '],
      ['crescita personale', 'la ', 'della '],
      ['nutrizione', 'la ', 'della '],
      ['investimenti immobiliari', 'gli ', 'degli '],
      ['meditazione', 'la ', 'della '],
      ['imprenditoria', 'l’', 'dell’'],
      ['Instagram', '', 'di '],
      ['pasticceria', 'la ', 'della '],
      ['cucito', 'il ', 'del '],
    ]),
    products: [
      'Corso di {topic}',
      'Masterclass di {topic}',
      'Programma di {topic} in 30 giorni',
      'Coaching di {topic} – 3 mesi',
      'I segreti {de}',
      'Workshop di {topic} / livello 1',
      'Sfida di {topic} in 21 giorni',
      'Minicorso di {topic}',
    ],
    salesFunnels: ['Funnel {topic}', 'Lancio {topic}', 'Funnel evergreen {topic}'],
    optinFunnels: ['Guida gratuita di {topic}', 'Lead magnet {topic}'],
    webinarFunnels: ['Webinar {topic}', 'Masterclass gratuita di {topic}'],
    courses: ['Le basi {de}', '{topic} da zero', 'Padroneggia {le}', 'Corso avanzato di {topic}'],
    bundles: ['Pacchetto completo di {topic}', 'Accademia di {topic}'],
    campaigns: ['Sequenza di benvenuto', 'Recupero carrello', 'Riattivazione inattivi', 'Onboarding nuovi clienti'],
    topicCampaigns: ['Lancio {topic}', 'Nurturing {topic}', 'Follow-up webinar {topic}'],
    subjects: [
      'Benvenuto/a! Il tuo accesso è pronto 🎉',
      'Si parte domani',
      '🔥 Le iscrizioni chiudono stasera',
      'La registrazione è disponibile',
      'La tua fattura',
      'Hai dimenticato qualcosa?',
      'Mancano 3 giorni',
      'Grazie per la fiducia 🙏',
    ],
    topicSubjects: [
      'Ultima occasione: -50 % su {topic}',
      'La tua guida di {topic} è arrivata',
      'Nuovo modulo: {le}',
      'Quello che nessuno ti dice: {topic}',
      'Un’offerta speciale di {topic} per te',
    ],
    blogs: ['Il blog {de}', 'Appunti di {topic}'],
    blogPages: ['Home page', 'Chi sono', 'Risorse gratuite'],
    descriptions: ['Impara passo dopo passo, al tuo ritmo.', 'Tutto ciò che serve per iniziare con {topic}.'],
    steps: {
      squeeze: ['Pagina di iscrizione'],
      opt_in_thank_you_page: ['Grazie! / Download'],
      sales_page: ['Pagina di vendita'],
      'offer-form': ['Modulo d\u2019ordine', 'Pagamento'],
      upsell: ['Offerta speciale'],
      thank_you_page: ['Ordine confermato'],
      webinar_registration: ['Iscrizione al webinar'],
      webinar_thank_you: ['Sei iscritto/a!'],
    },
    physical: ['Libro «Le basi {de}»', 'Kit di partenza di {topic}', 'Quaderno di {topic}'],
    tags: [
      'Cliente',
      'Contatto',
      'Lead magnet',
      'VIP',
      'Newsletter',
      'Acquirente',
      'Webinar – iscritto',
      'Webinar – presente',
      'Iscritto',
      '🔥 Lead caldo',
      'Carrello abbandonato',
      'Affiliato',
      'Disiscritto',
      'Rimborsato',
      'Pagamento fallito',
      'Membro',
      'Ex cliente',
      'Lista d\u2019attesa',
      'Testimonianza',
    ],
    topicTags: ['Interesse: {topic}', 'Cliente – {topic}', 'Lead – guida di {topic}'],
    coupons: ['BENVENUTO10', 'BLACKFRIDAY', 'VIP50', 'LANCIO', 'ESTATE'],
    versions: ['v2', 'promo', 'lancio', 'prevendita'],
  },
};

function titleCase(text: string): string {
  return text.replace(/(^|[\s-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/**
 * Fills a pattern with a topic and capitalises the first letter, as titles need.
 * @example fillTopic('Les bases {de}', WORDS.fr.topics[5]) // 'Les bases de la nutrition'
 */
export function fillTopic(pattern: string, topic: Topic): string {
  let filled = pattern
    .replace('{topic}', topic.name)
    .replace('{Topic}', titleCase(topic.name))
    .replace('{le}', topic.le + topic.name)
    .replace('{de}', topic.de + topic.name);
  if (filled.includes('{stem}')) {
    // German compounds: `Yoga` + `kurs` = `Yogakurs`; a hyphenated stem takes a capital (`Online-Marketing-Kurs`).
    filled = filled
      .replace('{stem}', topic.stem)
      .replace(/-{2,}/g, '-')
      .replace(/-(\p{Ll})/gu, (_, letter: string) => '-' + letter.toUpperCase());
  }
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}
