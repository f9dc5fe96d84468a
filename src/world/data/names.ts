/**
 * Names and streets where faker's locale has none of its own: faker 10's `en_GB`, `en_CA` and `fr_CA`
 * define no first names or surnames (they inherit `en`, the US lists), so British and Canadian people
 * draw from these lists instead. Sources (frequencies, not invented):
 * - GB surnames: the most frequent surnames of England, Wales and Scotland (ONS, "Most common surnames",
 *   2002 analysis of the NHS Central Register; National Records of Scotland surname tables).
 * - GB first names: ONS "Baby names in England and Wales" top names, 1974-2014 cohorts (today's adults).
 * - Québec: Institut de la statistique du Québec, "Les noms de famille les plus fréquents au Québec", and
 *   Retraite Québec, "Banque de prénoms" (most given names, 1970-2010).
 * - English Canada: Statistics Canada surname frequencies as reported for the 2011 census (the British,
 *   Irish, Scottish, Chinese and South Asian names that lead them) and provincial vital statistics
 *   (British Columbia, Ontario) for first names.
 * - Streets: Royal Mail's most common street names (GB, through faker's en_GB `street_name`); for Canada,
 *   the main streets of the table's cities (Canada Post addressing guide: civic number first, then the
 *   street; in Québec `1234, rue Saint-Denis`).
 */
export const GB_FIRST_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Thomas', 'James', 'William', 'Charlie', 'Daniel', 'Joshua', 'Samuel', 'Matthew', 'Luke', 'Adam', 'Ryan',
  'Liam', 'Jamie', 'Callum', 'Ben', 'David', 'Paul', 'Andrew', 'Mark', 'John', 'Michael', 'Stephen', 'Ian', 'Robert', 'Richard', 'Christopher',
  'Peter', 'Simon', 'Gareth', 'Craig', 'Lewis', 'Owen', 'Rhys', 'Alfie', 'Ethan', 'Mohammed', 'Olivia', 'Amelia', 'Isla', 'Emily', 'Grace',
  'Poppy', 'Ella', 'Sophie', 'Charlotte', 'Jessica', 'Lucy', 'Hannah', 'Katie', 'Emma', 'Laura', 'Rebecca', 'Gemma', 'Sarah', 'Claire', 'Nicola',
  'Helen', 'Rachel', 'Susan', 'Karen', 'Joanne', 'Lisa', 'Amy', 'Chloe', 'Megan', 'Bethany', 'Holly', 'Eleanor', 'Zoe', 'Fiona', 'Kirsty',
  'Siobhan', 'Aisha', 'Priya', 'Harriet', 'Imogen',
];

export const GB_SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright',
  'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper',
  'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson',
  'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell',
  'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson',
  'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes',
  'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham',
  'Stewart', 'MacDonald', 'Reid', 'Ross', 'Paterson', 'Fraser',
];

export const QC_FIRST_NAMES = [
  'Mathieu', 'Alexandre', 'Maxime', 'Simon', 'Jonathan', 'François', 'Martin', 'Éric', 'Patrick', 'Sébastien', 'Guillaume', 'Olivier', 'Félix',
  'William', 'Samuel', 'Gabriel', 'Louis', 'Étienne', 'Philippe', 'Jean-François', 'Marc-André', 'Vincent', 'Nicolas', 'Antoine', 'Charles',
  'Mathis', 'Thomas', 'Benoît', 'Yannick', 'Frédéric', 'Julie', 'Isabelle', 'Geneviève', 'Mélanie', 'Catherine', 'Stéphanie', 'Marie-Ève',
  'Véronique', 'Nathalie', 'Sylvie', 'Émilie', 'Camille', 'Chloé', 'Sarah', 'Audrey', 'Annie', 'Karine', 'Josée', 'Valérie', 'Caroline',
  'Marie-Pier', 'Andréanne', 'Roxanne', 'Laurence', 'Léa', 'Rosalie', 'Noémie', 'Florence', 'Maude', 'Joannie',
];

export const QC_SURNAMES = [
  'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Gagné', 'Ouellet', 'Pelletier', 'Bélanger',
  'Lévesque', 'Bergeron', 'Leblanc', 'Paquette', 'Girard', 'Simard', 'Boucher', 'Caron', 'Beaulieu', 'Cloutier', 'Dubé', 'Poirier', 'Fournier',
  'Lapointe', 'Leclerc', 'Lefebvre', 'Poulin', 'Thibault', 'St-Pierre', 'Nadeau', 'Martin', 'Landry', 'Martel', 'Bédard', 'Grenier', 'Lessard',
  'Bernier', 'Richard', 'Michaud', 'Hébert', 'Desjardins', 'Couture', 'Turcotte', 'Lachance', 'Parent', 'Blais', 'Gosselin', 'Savard',
  'Proulx', 'Beaudoin', 'Demers', 'Perreault', 'Boudreau', 'Lemieux', 'Cyr', 'Perron', 'Dufour',
];

export const CA_EN_FIRST_NAMES = [
  'Liam', 'Ethan', 'Noah', 'Lucas', 'Benjamin', 'Owen', 'Jacob', 'Logan', 'Nathan', 'Ryan', 'Tyler', 'Kyle', 'Brandon', 'Justin', 'Matthew',
  'Michael', 'David', 'Kevin', 'Jason', 'Scott', 'Andrew', 'Daniel', 'Cameron', 'Connor', 'Evan', 'Wei', 'Arjun', 'Harpreet', 'Emma', 'Olivia',
  'Ava', 'Charlotte', 'Sophia', 'Abigail', 'Emily', 'Hannah', 'Madison', 'Ashley', 'Jessica', 'Jennifer', 'Amanda', 'Stephanie', 'Megan',
  'Brittany', 'Lauren', 'Kayla', 'Samantha', 'Nicole', 'Rachel', 'Heather', 'Kelsey', 'Alyssa', 'Mei', 'Priya', 'Simran',
];

export const CA_EN_SURNAMES = [
  'Smith', 'Brown', 'Tremblay', 'Martin', 'Roy', 'Wilson', 'MacDonald', 'Gagnon', 'Johnson', 'Taylor', 'Campbell', 'Anderson', 'Lee', 'Jones',
  'White', 'Williams', 'Leblanc', 'Thompson', 'Scott', 'Young', 'Miller', 'Stewart', 'Wong', 'Chen', 'Singh', 'Patel', 'Li', 'Nguyen', 'Kim',
  'Clark', 'Walker', 'Robinson', 'Ross', 'Murray', 'Reid', 'Fraser', 'Mitchell', 'Graham', 'Morrison', 'Hamilton', 'Kelly', 'Moore', 'Wright',
  'Thomas', 'King', 'Hall', 'Cameron', 'Ferguson', 'McLean', 'Bell', 'MacLeod', 'Sinclair', 'Gill', 'Tran', 'Wang',
];

export const QC_STREETS = [
  'rue Saint-Denis', 'rue Sherbrooke', 'boulevard René-Lévesque', 'rue Notre-Dame', 'avenue du Parc', 'rue Saint-Jean', 'chemin Sainte-Foy',
  'boulevard Saint-Laurent', 'rue Wellington', 'rue Ontario', 'avenue Papineau', 'rue Jean-Talon', 'boulevard Laurier', 'rue Principale',
  'rue King Ouest', 'boulevard des Forges', 'avenue Cartier', 'rue Saint-Hubert', 'boulevard de Maisonneuve', 'rue Beaubien',
];

export const CA_EN_STREETS = [
  'Yonge Street', 'King Street West', 'Queen Street East', 'Bloor Street West', 'Dundas Street', 'Granville Street', 'Robson Street',
  'Jasper Avenue', 'Portage Avenue', 'Bank Street', 'Elgin Street', 'Spring Garden Road', 'Barrington Street', '17 Avenue SW',
  'Whyte Avenue', 'Commercial Drive', 'Main Street', 'Hurontario Street', 'Broadway', 'College Street',
];
