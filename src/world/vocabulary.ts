/**
 * Words for what systeme.io users sell and send, in their customers' languages. Accents, an en dash, a
 * slash and an emoji appear on purpose: they exercise the `\u00e9`, `\/` and surrogate-pair escapes.
 */
export type Language = 'fr' | 'en' | 'es' | 'de' | 'pt' | 'it';

interface LanguageWords {
  topics: readonly string[];
  products: readonly string[]; // `{topic}` is replaced
  funnels: readonly string[];
  courses: readonly string[];
  bundles: readonly string[];
  campaigns: readonly string[];
  subjects: readonly string[];
  blogs: readonly string[];
  blogPages: readonly string[];
  descriptions: readonly string[];
  steps: Readonly<Record<StepType, readonly string[]>>;
  physical: readonly string[];
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

export const WORDS: Readonly<Record<Language, LanguageWords>> = {
  fr: {
    topics: ['marketing digital', 'yoga', 'photographie', 'développement personnel', 'copywriting', 'nutrition', 'investissement immobilier', 'méditation', 'tunnel de vente', 'Instagram', 'pâtisserie', 'entrepreneuriat'],
    products: ['Formation {topic}', 'Masterclass {topic}', 'Coaching {topic} – 3 mois', 'Programme {topic} en 30 jours', 'Guide complet : {topic}', 'Atelier {topic} / niveau 1'],
    funnels: ['Tunnel {topic}', 'Lancement {topic}', 'Webinaire {topic}', 'Lead magnet {topic}', 'Offre de bienvenue'],
    courses: ['Les bases du {topic}', 'Réussir en {topic}', 'Formation {topic} avancée', '{topic} : de zéro à pro'],
    bundles: ['Pack {topic} intégral', 'Académie {topic}', 'Le grand pack {topic}'],
    campaigns: ['Séquence de bienvenue', 'Relance panier abandonné', 'Nurturing {topic}', 'Lancement {topic} – J-7'],
    subjects: ['Bienvenue ! Votre accès est prêt 🎉', 'Dernière chance : -50 % sur {topic}', 'Votre guide {topic} est arrivé', 'Ça commence demain à 19h', 'Une question sur {topic} ?', '🔥 Les inscriptions ferment ce soir'],
    blogs: ['Le blog {topic}', 'Carnet de {topic}', 'Astuces {topic}'],
    blogPages: ['Accueil', 'Page d\u2019accueil', 'À propos', 'Ressources gratuites'],
    descriptions: ['Apprenez pas à pas, à votre rythme.', 'Tout ce qu\u2019il faut savoir pour démarrer en {topic}.', 'Des vidéos, des fiches et une communauté privée.'],
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
    physical: ['Livre « {topic} »', 'Carnet de suivi {topic}', 'Kit de démarrage {topic}'],
  },
  en: {
    topics: ['digital marketing', 'yoga', 'photography', 'personal growth', 'copywriting', 'nutrition', 'real estate investing', 'meditation', 'sales funnels', 'Instagram', 'baking', 'freelancing'],
    products: ['{topic} Masterclass', 'The {topic} Blueprint', '{topic} Coaching – 12 weeks', '30-Day {topic} Challenge', '{topic} / Starter Course'],
    funnels: ['{topic} funnel', '{topic} launch', '{topic} webinar', 'Free {topic} guide'],
    courses: ['{topic} Fundamentals', 'Mastering {topic}', '{topic} from scratch'],
    bundles: ['{topic} All-Access Bundle', 'The {topic} Academy'],
    campaigns: ['Welcome sequence', 'Cart recovery', '{topic} nurture', 'Launch week'],
    subjects: ['Welcome aboard 🎉', 'Last chance: 50% off {topic}', 'Your {topic} guide is here', 'We start tomorrow at 7pm', '🔥 Doors close tonight'],
    blogs: ['The {topic} Blog', '{topic} Notes'],
    blogPages: ['Home page', 'About', 'Free resources'],
    descriptions: ['Learn step by step, at your own pace.', 'Everything you need to get started with {topic}.'],
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
    physical: ['{topic} Workbook', '{topic} Starter Kit'],
  },
  es: {
    topics: ['marketing digital', 'yoga', 'fotografía', 'desarrollo personal', 'nutrición', 'inversión inmobiliaria', 'meditación', 'emprendimiento'],
    products: ['Curso de {topic}', 'Masterclass de {topic}', 'Programa {topic} en 30 días', 'Mentoría {topic} – 3 meses'],
    funnels: ['Embudo {topic}', 'Lanzamiento {topic}', 'Webinar {topic}'],
    courses: ['Fundamentos de {topic}', '{topic} desde cero', 'Domina el {topic}'],
    bundles: ['Pack completo de {topic}', 'Academia {topic}'],
    campaigns: ['Secuencia de bienvenida', 'Recuperación de carrito', 'Lanzamiento {topic}'],
    subjects: ['¡Bienvenido/a! Tu acceso está listo 🎉', 'Última oportunidad: -50 % en {topic}', 'Empezamos mañana'],
    blogs: ['Blog de {topic}'],
    blogPages: ['Página de inicio', 'Recursos gratuitos'],
    descriptions: ['Aprende paso a paso, a tu ritmo.', 'Todo lo que necesitas para empezar con {topic}.'],
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
    physical: ['Libro «{topic}»', 'Kit de inicio {topic}'],
  },
  de: {
    topics: ['Online-Marketing', 'Yoga', 'Fotografie', 'Persönlichkeitsentwicklung', 'Ernährung', 'Immobilien', 'Meditation', 'Selbstständigkeit'],
    products: ['{topic}-Masterclass', '{topic} Onlinekurs', '30-Tage-{topic}-Programm', '{topic}-Coaching – 3 Monate'],
    funnels: ['{topic} Funnel', '{topic} Launch', '{topic} Webinar'],
    courses: ['{topic} für Einsteiger', '{topic} meistern', 'Grundlagen: {topic}'],
    bundles: ['{topic} Komplettpaket', '{topic} Akademie'],
    campaigns: ['Willkommensserie', 'Warenkorb-Erinnerung', 'Launch {topic}'],
    subjects: ['Willkommen! Dein Zugang ist bereit 🎉', 'Letzte Chance: 50 % auf {topic}', 'Morgen geht’s los'],
    blogs: ['{topic} Blog'],
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
    physical: ['{topic} Arbeitsbuch', '{topic} Starter-Set'],
  },
  pt: {
    topics: ['marketing digital', 'ioga', 'fotografia', 'desenvolvimento pessoal', 'nutrição', 'investimento imobiliário', 'meditação', 'empreendedorismo'],
    products: ['Curso de {topic}', 'Masterclass de {topic}', 'Programa {topic} em 30 dias', 'Mentoria {topic} – 3 meses'],
    funnels: ['Funil {topic}', 'Lançamento {topic}', 'Webinar {topic}'],
    courses: ['Fundamentos de {topic}', '{topic} do zero', 'Domine {topic}'],
    bundles: ['Pacote completo de {topic}', 'Academia {topic}'],
    campaigns: ['Sequência de boas-vindas', 'Recuperação de carrinho', 'Lançamento {topic}'],
    subjects: ['Bem-vindo(a)! O seu acesso está pronto 🎉', 'Última chance: -50 % em {topic}', 'Começamos amanhã'],
    blogs: ['Blog de {topic}'],
    blogPages: ['Página inicial', 'Recursos gratuitos'],
    descriptions: ['Aprenda passo a passo, no seu ritmo.', 'Tudo o que precisa para começar com {topic}.'],
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
    physical: ['Livro «{topic}»', 'Kit inicial {topic}'],
  },
  it: {
    topics: ['marketing digitale', 'yoga', 'fotografia', 'crescita personale', 'nutrizione', 'investimenti immobiliari', 'meditazione', 'imprenditoria'],
    products: ['Corso di {topic}', 'Masterclass di {topic}', 'Programma {topic} in 30 giorni', 'Coaching {topic} – 3 mesi'],
    funnels: ['Funnel {topic}', 'Lancio {topic}', 'Webinar {topic}'],
    courses: ['Le basi di {topic}', '{topic} da zero', 'Padroneggia {topic}'],
    bundles: ['Pacchetto completo {topic}', 'Accademia {topic}'],
    campaigns: ['Sequenza di benvenuto', 'Recupero carrello', 'Lancio {topic}'],
    subjects: ['Benvenuto/a! Il tuo accesso è pronto 🎉', 'Ultima occasione: -50 % su {topic}', 'Si parte domani'],
    blogs: ['Il blog di {topic}'],
    blogPages: ['Home page', 'Risorse gratuite'],
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
    physical: ['Libro «{topic}»', 'Kit di partenza {topic}'],
  },
};

/** Capitalises the first letter, as titles built from `{topic}` need. */
export function fillTopic(pattern: string, topic: string): string {
  const filled = pattern.replace('{topic}', topic);
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}
