/**
 * Ecuador's political-administrative division (División Político Administrativa, DPA): the 24 provinces and
 * their 222 cantons, with INEC codes and accented Spanish names. Feeds "Provincia" and "Ciudad"
 * (docs/instructivo.md §4.3).
 *
 * Written as data from public facts, not copied from any file:
 * - Codes: INEC's DPA, as also listed in OCA/l10n-ecuador (branch 10.0, l10n_ec_ote/data/l10n_ec_ote.canton.csv,
 *   221 cantons, upper-case names without accents).
 * - Accented names: GAumala/geografia.ec (provincias.json); where it and the codes list disagree, its spelling
 *   is kept ("Chaguarpamba", "Puebloviejo", "Rioverde", "Limón Indanza", "Carlos Julio Arosemena Tola"). Where a
 *   canton is known by a short name plus an alias, the common official name is used: "Playas" (General
 *   Villamil), "Nobol" (Vicente Piedrahita), "Alfredo Baquerizo Moreno (Juján)".
 * - 2024 addition: Sevilla Don Bosco, split from Morona (1401) and approved by the Asamblea Nacional in 2024 as
 *   the country's 222nd canton. Its code 1413 is the next free number in Morona Santiago; INEC's published DPA
 *   was not at hand to confirm it, but ECU 911 open data (as analysed in a public GitHub project) shows the
 *   canton as 1413 (cabecera parish 141350) from January 2025.
 *
 * Gaps in the numbering (e.g. 0915, 0917, 0926, 1502, 1706) are codes of cantons that moved to provinces created
 * later (Santa Elena, Orellana, Sucumbíos, Santo Domingo de los Tsáchilas); they are not reused.
 * "Chongón" is an urban parish of Guayaquil, not a canton.
 */

export interface Province {
  readonly code: string;
  readonly name: string;
}

export interface Canton {
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
}

type Row = readonly [code: string, name: string, cantons: readonly (readonly [code: string, name: string])[]];

const TABLE: readonly Row[] = [
  ['01', 'Azuay', [
    ['0101', 'Cuenca'], ['0102', 'Girón'], ['0103', 'Gualaceo'], ['0104', 'Nabón'], ['0105', 'Paute'],
    ['0106', 'Pucará'], ['0107', 'San Fernando'], ['0108', 'Santa Isabel'], ['0109', 'Sígsig'], ['0110', 'Oña'],
    ['0111', 'Chordeleg'], ['0112', 'El Pan'], ['0113', 'Sevilla de Oro'], ['0114', 'Guachapala'],
    ['0115', 'Camilo Ponce Enríquez'],
  ]],
  ['02', 'Bolívar', [
    ['0201', 'Guaranda'], ['0202', 'Chillanes'], ['0203', 'Chimbo'], ['0204', 'Echeandía'], ['0205', 'San Miguel'],
    ['0206', 'Caluma'], ['0207', 'Las Naves'],
  ]],
  ['03', 'Cañar', [
    ['0301', 'Azogues'], ['0302', 'Biblián'], ['0303', 'Cañar'], ['0304', 'La Troncal'], ['0305', 'El Tambo'],
    ['0306', 'Déleg'], ['0307', 'Suscal'],
  ]],
  ['04', 'Carchi', [
    ['0401', 'Tulcán'], ['0402', 'Bolívar'], ['0403', 'Espejo'], ['0404', 'Mira'], ['0405', 'Montúfar'],
    ['0406', 'San Pedro de Huaca'],
  ]],
  ['05', 'Cotopaxi', [
    ['0501', 'Latacunga'], ['0502', 'La Maná'], ['0503', 'Pangua'], ['0504', 'Pujilí'], ['0505', 'Salcedo'],
    ['0506', 'Saquisilí'], ['0507', 'Sigchos'],
  ]],
  ['06', 'Chimborazo', [
    ['0601', 'Riobamba'], ['0602', 'Alausí'], ['0603', 'Colta'], ['0604', 'Chambo'], ['0605', 'Chunchi'],
    ['0606', 'Guamote'], ['0607', 'Guano'], ['0608', 'Pallatanga'], ['0609', 'Penipe'], ['0610', 'Cumandá'],
  ]],
  ['07', 'El Oro', [
    ['0701', 'Machala'], ['0702', 'Arenillas'], ['0703', 'Atahualpa'], ['0704', 'Balsas'], ['0705', 'Chilla'],
    ['0706', 'El Guabo'], ['0707', 'Huaquillas'], ['0708', 'Marcabelí'], ['0709', 'Pasaje'], ['0710', 'Piñas'],
    ['0711', 'Portovelo'], ['0712', 'Santa Rosa'], ['0713', 'Zaruma'], ['0714', 'Las Lajas'],
  ]],
  ['08', 'Esmeraldas', [
    ['0801', 'Esmeraldas'], ['0802', 'Eloy Alfaro'], ['0803', 'Muisne'], ['0804', 'Quinindé'],
    ['0805', 'San Lorenzo'], ['0806', 'Atacames'], ['0807', 'Rioverde'],
  ]],
  ['09', 'Guayas', [
    ['0901', 'Guayaquil'], ['0902', 'Alfredo Baquerizo Moreno (Juján)'], ['0903', 'Balao'], ['0904', 'Balzar'],
    ['0905', 'Colimes'], ['0906', 'Daule'], ['0907', 'Durán'], ['0908', 'El Empalme'], ['0909', 'El Triunfo'],
    ['0910', 'Milagro'], ['0911', 'Naranjal'], ['0912', 'Naranjito'], ['0913', 'Palestina'], ['0914', 'Pedro Carbo'],
    ['0916', 'Samborondón'], ['0918', 'Santa Lucía'], ['0919', 'Salitre'], ['0920', 'San Jacinto de Yaguachi'],
    ['0921', 'Playas'], ['0922', 'Simón Bolívar'], ['0923', 'Coronel Marcelino Maridueña'],
    ['0924', 'Lomas de Sargentillo'], ['0925', 'Nobol'], ['0927', 'General Antonio Elizalde'],
    ['0928', 'Isidro Ayora'],
  ]],
  ['10', 'Imbabura', [
    ['1001', 'Ibarra'], ['1002', 'Antonio Ante'], ['1003', 'Cotacachi'], ['1004', 'Otavalo'], ['1005', 'Pimampiro'],
    ['1006', 'San Miguel de Urcuquí'],
  ]],
  ['11', 'Loja', [
    ['1101', 'Loja'], ['1102', 'Calvas'], ['1103', 'Catamayo'], ['1104', 'Celica'], ['1105', 'Chaguarpamba'],
    ['1106', 'Espíndola'], ['1107', 'Gonzanamá'], ['1108', 'Macará'], ['1109', 'Paltas'], ['1110', 'Puyango'],
    ['1111', 'Saraguro'], ['1112', 'Sozoranga'], ['1113', 'Zapotillo'], ['1114', 'Pindal'], ['1115', 'Quilanga'],
    ['1116', 'Olmedo'],
  ]],
  ['12', 'Los Ríos', [
    ['1201', 'Babahoyo'], ['1202', 'Baba'], ['1203', 'Montalvo'], ['1204', 'Puebloviejo'], ['1205', 'Quevedo'],
    ['1206', 'Urdaneta'], ['1207', 'Ventanas'], ['1208', 'Vinces'], ['1209', 'Palenque'], ['1210', 'Buena Fe'],
    ['1211', 'Valencia'], ['1212', 'Mocache'], ['1213', 'Quinsaloma'],
  ]],
  ['13', 'Manabí', [
    ['1301', 'Portoviejo'], ['1302', 'Bolívar'], ['1303', 'Chone'], ['1304', 'El Carmen'], ['1305', 'Flavio Alfaro'],
    ['1306', 'Jipijapa'], ['1307', 'Junín'], ['1308', 'Manta'], ['1309', 'Montecristi'], ['1310', 'Paján'],
    ['1311', 'Pichincha'], ['1312', 'Rocafuerte'], ['1313', 'Santa Ana'], ['1314', 'Sucre'], ['1315', 'Tosagua'],
    ['1316', '24 de Mayo'], ['1317', 'Pedernales'], ['1318', 'Olmedo'], ['1319', 'Puerto López'], ['1320', 'Jama'],
    ['1321', 'Jaramijó'], ['1322', 'San Vicente'],
  ]],
  ['14', 'Morona Santiago', [
    ['1401', 'Morona'], ['1402', 'Gualaquiza'], ['1403', 'Limón Indanza'], ['1404', 'Palora'], ['1405', 'Santiago'],
    ['1406', 'Sucúa'], ['1407', 'Huamboya'], ['1408', 'San Juan Bosco'], ['1409', 'Taisha'], ['1410', 'Logroño'],
    ['1411', 'Pablo Sexto'], ['1412', 'Tiwintza'], ['1413', 'Sevilla Don Bosco'],
  ]],
  ['15', 'Napo', [
    ['1501', 'Tena'], ['1503', 'Archidona'], ['1504', 'El Chaco'], ['1507', 'Quijos'],
    ['1509', 'Carlos Julio Arosemena Tola'],
  ]],
  ['16', 'Pastaza', [
    ['1601', 'Pastaza'], ['1602', 'Mera'], ['1603', 'Santa Clara'], ['1604', 'Arajuno'],
  ]],
  ['17', 'Pichincha', [
    ['1701', 'Quito'], ['1702', 'Cayambe'], ['1703', 'Mejía'], ['1704', 'Pedro Moncayo'], ['1705', 'Rumiñahui'],
    ['1707', 'San Miguel de los Bancos'], ['1708', 'Pedro Vicente Maldonado'], ['1709', 'Puerto Quito'],
  ]],
  ['18', 'Tungurahua', [
    ['1801', 'Ambato'], ['1802', 'Baños de Agua Santa'], ['1803', 'Cevallos'], ['1804', 'Mocha'], ['1805', 'Patate'],
    ['1806', 'Quero'], ['1807', 'San Pedro de Pelileo'], ['1808', 'Santiago de Píllaro'], ['1809', 'Tisaleo'],
  ]],
  ['19', 'Zamora Chinchipe', [
    ['1901', 'Zamora'], ['1902', 'Chinchipe'], ['1903', 'Nangaritza'], ['1904', 'Yacuambi'], ['1905', 'Yantzaza'],
    ['1906', 'El Pangui'], ['1907', 'Centinela del Cóndor'], ['1908', 'Palanda'], ['1909', 'Paquisha'],
  ]],
  ['20', 'Galápagos', [
    ['2001', 'San Cristóbal'], ['2002', 'Isabela'], ['2003', 'Santa Cruz'],
  ]],
  ['21', 'Sucumbíos', [
    ['2101', 'Lago Agrio'], ['2102', 'Gonzalo Pizarro'], ['2103', 'Putumayo'], ['2104', 'Shushufindi'],
    ['2105', 'Sucumbíos'], ['2106', 'Cascales'], ['2107', 'Cuyabeno'],
  ]],
  ['22', 'Orellana', [
    ['2201', 'Francisco de Orellana'], ['2202', 'Aguarico'], ['2203', 'La Joya de los Sachas'], ['2204', 'Loreto'],
  ]],
  ['23', 'Santo Domingo de los Tsáchilas', [
    ['2301', 'Santo Domingo'], ['2302', 'La Concordia'],
  ]],
  ['24', 'Santa Elena', [
    ['2401', 'Santa Elena'], ['2402', 'La Libertad'], ['2403', 'Salinas'],
  ]],
];

export const PROVINCES: readonly Province[] = Object.freeze(
  TABLE.map(([code, name]) => Object.freeze({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
);

export const CANTONS: readonly Canton[] = Object.freeze(
  TABLE.flatMap(([provinceCode, , cantons]) =>
    cantons.map(([code, name]) => Object.freeze({ code, name, provinceCode })),
  ).sort((a, b) => a.code.localeCompare(b.code)),
);

const collator = new Intl.Collator('es');
const NONE: readonly Canton[] = Object.freeze([]);

const provinceByCode = new Map(PROVINCES.map((p) => [p.code, p]));
const cantonByCode = new Map(CANTONS.map((c) => [c.code, c]));
const cantonsByProvince = new Map(
  PROVINCES.map((p) => [
    p.code,
    Object.freeze(
      CANTONS.filter((c) => c.provinceCode === p.code).sort((a, b) => collator.compare(a.name, b.name)),
    ) as readonly Canton[],
  ]),
);

/** The cantons of a province, in Spanish collation order of their names; empty for an unknown province. */
export function cantonsOf(provinceCode: string): readonly Canton[] {
  return cantonsByProvince.get(provinceCode) ?? NONE;
}

export function findProvince(code: string): Province | undefined {
  return provinceByCode.get(code);
}

export function findCanton(code: string): Canton | undefined {
  return cantonByCode.get(code);
}

export function cantonBelongsTo(cantonCode: string, provinceCode: string): boolean {
  return findCanton(cantonCode)?.provinceCode === provinceCode;
}
