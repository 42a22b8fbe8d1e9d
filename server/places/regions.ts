// What the gazetteer covers, and the names GeoNames' town list lacks: the first-level areas
// (states, departments, provinces) in Spanish and English, the other names people type for a few
// towns, and crossing towns the list leaves out. Used by ./generate.ts and ./gazetteer.ts.

/** Mexico and Central America; of the United States, only the border states. */
export const gazetteerCountries = ["MX", "GT", "BZ", "HN", "SV", "NI", "CR", "PA"];
export const usStates = ["CA", "AZ", "NM", "TX"];

/** A first-level area's name, Spanish first; one string when both languages say the same. */
type AreaName = string | readonly [es: string, en: string];

const numbered = (names: readonly AreaName[], first = 1): Record<string, AreaName> =>
  Object.fromEntries(names.map((name, i) => [String(i + first).padStart(2, "0"), name]));

/** GeoNames' admin1 codes, by country. */
export const areaNames: Record<string, Record<string, AreaName>> = {
  US: {
    CA: "California",
    AZ: "Arizona",
    NM: ["Nuevo México", "New Mexico"],
    TX: "Texas",
  },
  MX: numbered([
    "Aguascalientes",
    "Baja California",
    "Baja California Sur",
    "Campeche",
    "Chiapas",
    "Chihuahua",
    "Coahuila",
    "Colima",
    ["Ciudad de México", "Mexico City"],
    "Durango",
    "Guanajuato",
    "Guerrero",
    "Hidalgo",
    "Jalisco",
    ["Estado de México", "State of Mexico"],
    "Michoacán",
    "Morelos",
    "Nayarit",
    "Nuevo León",
    "Oaxaca",
    "Puebla",
    "Querétaro",
    "Quintana Roo",
    "San Luis Potosí",
    "Sinaloa",
    "Sonora",
    "Tabasco",
    "Tamaulipas",
    "Tlaxcala",
    "Veracruz",
    "Yucatán",
    "Zacatecas",
  ]),
  GT: numbered([
    "Alta Verapaz",
    "Baja Verapaz",
    "Chimaltenango",
    "Chiquimula",
    "El Progreso",
    "Escuintla",
    "Guatemala",
    "Huehuetenango",
    "Izabal",
    "Jalapa",
    "Jutiapa",
    "Petén",
    "Quetzaltenango",
    "Quiché",
    "Retalhuleu",
    "Sacatepéquez",
    "San Marcos",
    "Santa Rosa",
    "Sololá",
    "Suchitepéquez",
    "Totonicapán",
    "Zacapa",
  ]),
  BZ: numbered([["Belice", "Belize"], "Cayo", "Corozal", "Orange Walk", "Stann Creek", "Toledo"]),
  HN: numbered([
    "Atlántida",
    "Choluteca",
    "Colón",
    "Comayagua",
    "Copán",
    "Cortés",
    "El Paraíso",
    "Francisco Morazán",
    "Gracias a Dios",
    "Intibucá",
    ["Islas de la Bahía", "Bay Islands"],
    "La Paz",
    "Lempira",
    "Ocotepeque",
    "Olancho",
    "Santa Bárbara",
    "Valle",
    "Yoro",
  ]),
  SV: numbered([
    "Ahuachapán",
    "Cabañas",
    "Chalatenango",
    "Cuscatlán",
    "La Libertad",
    "La Paz",
    "La Unión",
    "Morazán",
    "San Miguel",
    "San Salvador",
    "Santa Ana",
    "San Vicente",
    "Sonsonate",
    "Usulután",
  ]),
  NI: {
    ...numbered([
      "Boaco",
      "Carazo",
      "Chinandega",
      "Chontales",
      "Estelí",
      "Granada",
      "Jinotega",
      "León",
      "Madriz",
      "Managua",
      "Masaya",
      "Matagalpa",
      "Nueva Segovia",
      "Río San Juan",
      "Rivas",
    ]),
    "17": ["Costa Caribe Norte", "North Caribbean Coast"],
    "18": ["Costa Caribe Sur", "South Caribbean Coast"],
  },
  CR: {
    "01": "Alajuela",
    "02": "Cartago",
    "03": "Guanacaste",
    "04": "Heredia",
    "06": "Limón",
    "07": "Puntarenas",
    "08": "San José",
  },
  PA: numbered([
    "Bocas del Toro",
    "Chiriquí",
    "Coclé",
    "Colón",
    "Darién",
    "Herrera",
    "Los Santos",
    "Panamá",
    "Guna Yala",
    "Veraguas",
    "Emberá-Wounaan",
    "Ngäbe-Buglé",
    "Panamá Oeste",
  ]),
};

/** Other names people type, by GeoNames id: the Spanish or English name, or the everyday one. */
export const aliases: Record<string, string[]> = {
  "3530597": ["Ciudad de México", "CDMX", "México"], // Mexico City
  "4013708": ["Ciudad Juárez"], // Juárez, Chihuahua
  "3598132": ["Ciudad de Guatemala", "Guatemala"], // Guatemala City
  "3582677": ["Ciudad de Belice"], // Belize City
  "3703443": ["Panama City", "Ciudad de Panamá"], // Panamá
  "3515001": ["Tuxtla Gutiérrez"], // Tuxtla
  "3523466": ["Matamoros"], // Heroica Matamoros
  "4011743": ["Durango"], // Victoria de Durango
  "3998655": ["León"], // León de los Aldama
  "3522507": ["Oaxaca de Juárez"], // Oaxaca
  "3526617": ["Xalapa", "Jalapa"], // Xalapa de Enríquez
};

/** The names a town goes by in Spanish and in English, where GeoNames' name is one of them. */
export const localNames: Record<string, readonly [es: string, en: string]> = {
  "3530597": ["Ciudad de México", "Mexico City"],
  "4013708": ["Ciudad Juárez", "Ciudad Juárez"],
  "3598132": ["Ciudad de Guatemala", "Guatemala City"],
  "3582677": ["Ciudad de Belice", "Belize City"],
  "3703443": ["Ciudad de Panamá", "Panama City"],
  "3515001": ["Tuxtla Gutiérrez", "Tuxtla Gutiérrez"],
  "3523466": ["Matamoros", "Matamoros"],
};

/** Crossing towns GeoNames counts inside a bigger city, so they are missing from the town list. */
export const extraPlaces = [
  // A district of San Diego, at the busiest crossing.
  { id: "x1", name: "San Ysidro", country: "US", admin: "CA", lat: 3256, lon: -11704, population: 28000 },
];
