//! ISO 3166-1 alpha-2 countries with their French and English names.
//!
//! Generated from the npm package `i18n-iso-countries` 7.14.0 (MIT licence; see
//! `app/data/README.md`), with the everyday names of CI, CN, GM, TW and US.

use super::Country;

/// Every country, by code.
pub const COUNTRIES: [Country; 250] = [
    Country {
        code: "AD",
        fr: "Andorre",
        en: "Andorra",
    },
    Country {
        code: "AE",
        fr: "Émirats Arabes Unis",
        en: "United Arab Emirates",
    },
    Country {
        code: "AF",
        fr: "Afghanistan",
        en: "Afghanistan",
    },
    Country {
        code: "AG",
        fr: "Antigua-et-Barbuda",
        en: "Antigua and Barbuda",
    },
    Country {
        code: "AI",
        fr: "Anguilla",
        en: "Anguilla",
    },
    Country {
        code: "AL",
        fr: "Albanie",
        en: "Albania",
    },
    Country {
        code: "AM",
        fr: "Arménie",
        en: "Armenia",
    },
    Country {
        code: "AO",
        fr: "Angola",
        en: "Angola",
    },
    Country {
        code: "AQ",
        fr: "Antarctique",
        en: "Antarctica",
    },
    Country {
        code: "AR",
        fr: "Argentine",
        en: "Argentina",
    },
    Country {
        code: "AS",
        fr: "Samoa américaines",
        en: "American Samoa",
    },
    Country {
        code: "AT",
        fr: "Autriche",
        en: "Austria",
    },
    Country {
        code: "AU",
        fr: "Australie",
        en: "Australia",
    },
    Country {
        code: "AW",
        fr: "Aruba",
        en: "Aruba",
    },
    Country {
        code: "AX",
        fr: "Åland",
        en: "Åland Islands",
    },
    Country {
        code: "AZ",
        fr: "Azerbaïdjan",
        en: "Azerbaijan",
    },
    Country {
        code: "BA",
        fr: "Bosnie-Herzégovine",
        en: "Bosnia and Herzegovina",
    },
    Country {
        code: "BB",
        fr: "Barbade",
        en: "Barbados",
    },
    Country {
        code: "BD",
        fr: "Bangladesh",
        en: "Bangladesh",
    },
    Country {
        code: "BE",
        fr: "Belgique",
        en: "Belgium",
    },
    Country {
        code: "BF",
        fr: "Burkina Faso",
        en: "Burkina Faso",
    },
    Country {
        code: "BG",
        fr: "Bulgarie",
        en: "Bulgaria",
    },
    Country {
        code: "BH",
        fr: "Bahreïn",
        en: "Bahrain",
    },
    Country {
        code: "BI",
        fr: "Burundi",
        en: "Burundi",
    },
    Country {
        code: "BJ",
        fr: "Bénin",
        en: "Benin",
    },
    Country {
        code: "BL",
        fr: "Saint-Barthélemy",
        en: "Saint Barthélemy",
    },
    Country {
        code: "BM",
        fr: "Bermudes",
        en: "Bermuda",
    },
    Country {
        code: "BN",
        fr: "Brunei Darussalam",
        en: "Brunei Darussalam",
    },
    Country {
        code: "BO",
        fr: "Bolivie",
        en: "Bolivia",
    },
    Country {
        code: "BQ",
        fr: "Bonaire, Saint-Eustache et Saba",
        en: "Bonaire, Sint Eustatius and Saba",
    },
    Country {
        code: "BR",
        fr: "Brésil",
        en: "Brazil",
    },
    Country {
        code: "BS",
        fr: "Bahamas",
        en: "Bahamas",
    },
    Country {
        code: "BT",
        fr: "Bhoutan",
        en: "Bhutan",
    },
    Country {
        code: "BV",
        fr: "Île Bouvet",
        en: "Bouvet Island",
    },
    Country {
        code: "BW",
        fr: "Botswana",
        en: "Botswana",
    },
    Country {
        code: "BY",
        fr: "Biélorussie",
        en: "Belarus",
    },
    Country {
        code: "BZ",
        fr: "Belize",
        en: "Belize",
    },
    Country {
        code: "CA",
        fr: "Canada",
        en: "Canada",
    },
    Country {
        code: "CC",
        fr: "Îles Cocos",
        en: "Cocos (Keeling) Islands",
    },
    Country {
        code: "CD",
        fr: "République démocratique du Congo",
        en: "Democratic Republic of the Congo",
    },
    Country {
        code: "CF",
        fr: "République Centrafricaine",
        en: "Central African Republic",
    },
    Country {
        code: "CG",
        fr: "République du Congo",
        en: "Republic of the Congo",
    },
    Country {
        code: "CH",
        fr: "Suisse",
        en: "Switzerland",
    },
    Country {
        code: "CI",
        fr: "Côte d’Ivoire",
        en: "Côte d'Ivoire",
    },
    Country {
        code: "CK",
        fr: "Îles Cook",
        en: "Cook Islands",
    },
    Country {
        code: "CL",
        fr: "Chili",
        en: "Chile",
    },
    Country {
        code: "CM",
        fr: "Cameroun",
        en: "Cameroon",
    },
    Country {
        code: "CN",
        fr: "Chine",
        en: "China",
    },
    Country {
        code: "CO",
        fr: "Colombie",
        en: "Colombia",
    },
    Country {
        code: "CR",
        fr: "Costa Rica",
        en: "Costa Rica",
    },
    Country {
        code: "CU",
        fr: "Cuba",
        en: "Cuba",
    },
    Country {
        code: "CV",
        fr: "Cap-Vert",
        en: "Cape Verde",
    },
    Country {
        code: "CW",
        fr: "Curaçao",
        en: "Curaçao",
    },
    Country {
        code: "CX",
        fr: "Île Christmas",
        en: "Christmas Island",
    },
    Country {
        code: "CY",
        fr: "Chypre",
        en: "Cyprus",
    },
    Country {
        code: "CZ",
        fr: "République Tchèque",
        en: "Czech Republic",
    },
    Country {
        code: "DE",
        fr: "Allemagne",
        en: "Germany",
    },
    Country {
        code: "DJ",
        fr: "Djibouti",
        en: "Djibouti",
    },
    Country {
        code: "DK",
        fr: "Danemark",
        en: "Denmark",
    },
    Country {
        code: "DM",
        fr: "Dominique",
        en: "Dominica",
    },
    Country {
        code: "DO",
        fr: "République Dominicaine",
        en: "Dominican Republic",
    },
    Country {
        code: "DZ",
        fr: "Algérie",
        en: "Algeria",
    },
    Country {
        code: "EC",
        fr: "Équateur",
        en: "Ecuador",
    },
    Country {
        code: "EE",
        fr: "Estonie",
        en: "Estonia",
    },
    Country {
        code: "EG",
        fr: "Égypte",
        en: "Egypt",
    },
    Country {
        code: "EH",
        fr: "Sahara occidental",
        en: "Western Sahara",
    },
    Country {
        code: "ER",
        fr: "Érythrée",
        en: "Eritrea",
    },
    Country {
        code: "ES",
        fr: "Espagne",
        en: "Spain",
    },
    Country {
        code: "ET",
        fr: "Éthiopie",
        en: "Ethiopia",
    },
    Country {
        code: "FI",
        fr: "Finlande",
        en: "Finland",
    },
    Country {
        code: "FJ",
        fr: "Fidji",
        en: "Fiji",
    },
    Country {
        code: "FK",
        fr: "Îles Malouines",
        en: "Falkland Islands (Malvinas)",
    },
    Country {
        code: "FM",
        fr: "Micronésie",
        en: "Micronesia, Federated States of",
    },
    Country {
        code: "FO",
        fr: "Îles Féroé",
        en: "Faroe Islands",
    },
    Country {
        code: "FR",
        fr: "France",
        en: "France",
    },
    Country {
        code: "GA",
        fr: "Gabon",
        en: "Gabon",
    },
    Country {
        code: "GB",
        fr: "Royaume-Uni",
        en: "United Kingdom",
    },
    Country {
        code: "GD",
        fr: "Grenade",
        en: "Grenada",
    },
    Country {
        code: "GE",
        fr: "Géorgie",
        en: "Georgia",
    },
    Country {
        code: "GF",
        fr: "Guyane française",
        en: "French Guiana",
    },
    Country {
        code: "GG",
        fr: "Guernesey",
        en: "Guernsey",
    },
    Country {
        code: "GH",
        fr: "Ghana",
        en: "Ghana",
    },
    Country {
        code: "GI",
        fr: "Gibraltar",
        en: "Gibraltar",
    },
    Country {
        code: "GL",
        fr: "Groenland",
        en: "Greenland",
    },
    Country {
        code: "GM",
        fr: "Gambie",
        en: "Gambia",
    },
    Country {
        code: "GN",
        fr: "Guinée",
        en: "Guinea",
    },
    Country {
        code: "GP",
        fr: "Guadeloupe",
        en: "Guadeloupe",
    },
    Country {
        code: "GQ",
        fr: "Guinée équatoriale",
        en: "Equatorial Guinea",
    },
    Country {
        code: "GR",
        fr: "Grèce",
        en: "Greece",
    },
    Country {
        code: "GS",
        fr: "Géorgie du Sud-et-les Îles Sandwich du Sud",
        en: "South Georgia and the South Sandwich Islands",
    },
    Country {
        code: "GT",
        fr: "Guatemala",
        en: "Guatemala",
    },
    Country {
        code: "GU",
        fr: "Guam",
        en: "Guam",
    },
    Country {
        code: "GW",
        fr: "Guinée-Bissau",
        en: "Guinea-Bissau",
    },
    Country {
        code: "GY",
        fr: "Guyana",
        en: "Guyana",
    },
    Country {
        code: "HK",
        fr: "Hong Kong",
        en: "Hong Kong",
    },
    Country {
        code: "HM",
        fr: "Îles Heard-et-MacDonald",
        en: "Heard Island and McDonald Islands",
    },
    Country {
        code: "HN",
        fr: "Honduras",
        en: "Honduras",
    },
    Country {
        code: "HR",
        fr: "Croatie",
        en: "Croatia",
    },
    Country {
        code: "HT",
        fr: "Haïti",
        en: "Haiti",
    },
    Country {
        code: "HU",
        fr: "Hongrie",
        en: "Hungary",
    },
    Country {
        code: "ID",
        fr: "Indonésie",
        en: "Indonesia",
    },
    Country {
        code: "IE",
        fr: "Irlande",
        en: "Ireland",
    },
    Country {
        code: "IL",
        fr: "Israël",
        en: "Israel",
    },
    Country {
        code: "IM",
        fr: "Île de Man",
        en: "Isle of Man",
    },
    Country {
        code: "IN",
        fr: "Inde",
        en: "India",
    },
    Country {
        code: "IO",
        fr: "Océan Indien Britannique",
        en: "British Indian Ocean Territory",
    },
    Country {
        code: "IQ",
        fr: "Irak",
        en: "Iraq",
    },
    Country {
        code: "IR",
        fr: "Iran",
        en: "Islamic Republic of Iran",
    },
    Country {
        code: "IS",
        fr: "Islande",
        en: "Iceland",
    },
    Country {
        code: "IT",
        fr: "Italie",
        en: "Italy",
    },
    Country {
        code: "JE",
        fr: "Jersey",
        en: "Jersey",
    },
    Country {
        code: "JM",
        fr: "Jamaïque",
        en: "Jamaica",
    },
    Country {
        code: "JO",
        fr: "Jordanie",
        en: "Jordan",
    },
    Country {
        code: "JP",
        fr: "Japon",
        en: "Japan",
    },
    Country {
        code: "KE",
        fr: "Kenya",
        en: "Kenya",
    },
    Country {
        code: "KG",
        fr: "Kirghizistan",
        en: "Kyrgyzstan",
    },
    Country {
        code: "KH",
        fr: "Cambodge",
        en: "Cambodia",
    },
    Country {
        code: "KI",
        fr: "Kiribati",
        en: "Kiribati",
    },
    Country {
        code: "KM",
        fr: "Comores",
        en: "Comoros",
    },
    Country {
        code: "KN",
        fr: "Saint-Christophe-et-Niévès",
        en: "Saint Kitts and Nevis",
    },
    Country {
        code: "KP",
        fr: "Corée du Nord",
        en: "North Korea",
    },
    Country {
        code: "KR",
        fr: "Corée du Sud",
        en: "South Korea",
    },
    Country {
        code: "KW",
        fr: "Koweït",
        en: "Kuwait",
    },
    Country {
        code: "KY",
        fr: "Îles Caïmans",
        en: "Cayman Islands",
    },
    Country {
        code: "KZ",
        fr: "Kazakhstan",
        en: "Kazakhstan",
    },
    Country {
        code: "LA",
        fr: "Laos",
        en: "Lao People's Democratic Republic",
    },
    Country {
        code: "LB",
        fr: "Liban",
        en: "Lebanon",
    },
    Country {
        code: "LC",
        fr: "Sainte-Lucie",
        en: "Saint Lucia",
    },
    Country {
        code: "LI",
        fr: "Liechtenstein",
        en: "Liechtenstein",
    },
    Country {
        code: "LK",
        fr: "Sri Lanka",
        en: "Sri Lanka",
    },
    Country {
        code: "LR",
        fr: "Libéria",
        en: "Liberia",
    },
    Country {
        code: "LS",
        fr: "Lesotho",
        en: "Lesotho",
    },
    Country {
        code: "LT",
        fr: "Lituanie",
        en: "Lithuania",
    },
    Country {
        code: "LU",
        fr: "Luxembourg",
        en: "Luxembourg",
    },
    Country {
        code: "LV",
        fr: "Lettonie",
        en: "Latvia",
    },
    Country {
        code: "LY",
        fr: "Libye",
        en: "Libya",
    },
    Country {
        code: "MA",
        fr: "Maroc",
        en: "Morocco",
    },
    Country {
        code: "MC",
        fr: "Monaco",
        en: "Monaco",
    },
    Country {
        code: "MD",
        fr: "Moldavie",
        en: "Moldova, Republic of",
    },
    Country {
        code: "ME",
        fr: "Monténégro",
        en: "Montenegro",
    },
    Country {
        code: "MF",
        fr: "Saint-Martin (partie française)",
        en: "Saint Martin (French part)",
    },
    Country {
        code: "MG",
        fr: "Madagascar",
        en: "Madagascar",
    },
    Country {
        code: "MH",
        fr: "Îles Marshall",
        en: "Marshall Islands",
    },
    Country {
        code: "MK",
        fr: "Macédoine du Nord",
        en: "The Republic of North Macedonia",
    },
    Country {
        code: "ML",
        fr: "Mali",
        en: "Mali",
    },
    Country {
        code: "MM",
        fr: "Myanmar",
        en: "Myanmar",
    },
    Country {
        code: "MN",
        fr: "Mongolie",
        en: "Mongolia",
    },
    Country {
        code: "MO",
        fr: "Macao",
        en: "Macao",
    },
    Country {
        code: "MP",
        fr: "Îles Mariannes du Nord",
        en: "Northern Mariana Islands",
    },
    Country {
        code: "MQ",
        fr: "Martinique",
        en: "Martinique",
    },
    Country {
        code: "MR",
        fr: "Mauritanie",
        en: "Mauritania",
    },
    Country {
        code: "MS",
        fr: "Montserrat",
        en: "Montserrat",
    },
    Country {
        code: "MT",
        fr: "Malte",
        en: "Malta",
    },
    Country {
        code: "MU",
        fr: "Maurice",
        en: "Mauritius",
    },
    Country {
        code: "MV",
        fr: "Maldives",
        en: "Maldives",
    },
    Country {
        code: "MW",
        fr: "Malawi",
        en: "Malawi",
    },
    Country {
        code: "MX",
        fr: "Mexique",
        en: "Mexico",
    },
    Country {
        code: "MY",
        fr: "Malaisie",
        en: "Malaysia",
    },
    Country {
        code: "MZ",
        fr: "Mozambique",
        en: "Mozambique",
    },
    Country {
        code: "NA",
        fr: "Namibie",
        en: "Namibia",
    },
    Country {
        code: "NC",
        fr: "Nouvelle-Calédonie",
        en: "New Caledonia",
    },
    Country {
        code: "NE",
        fr: "Niger",
        en: "Niger",
    },
    Country {
        code: "NF",
        fr: "Île Norfolk",
        en: "Norfolk Island",
    },
    Country {
        code: "NG",
        fr: "Nigéria",
        en: "Nigeria",
    },
    Country {
        code: "NI",
        fr: "Nicaragua",
        en: "Nicaragua",
    },
    Country {
        code: "NL",
        fr: "Pays-Bas",
        en: "Netherlands",
    },
    Country {
        code: "NO",
        fr: "Norvège",
        en: "Norway",
    },
    Country {
        code: "NP",
        fr: "Népal",
        en: "Nepal",
    },
    Country {
        code: "NR",
        fr: "Nauru",
        en: "Nauru",
    },
    Country {
        code: "NU",
        fr: "Niué",
        en: "Niue",
    },
    Country {
        code: "NZ",
        fr: "Nouvelle-Zélande",
        en: "New Zealand",
    },
    Country {
        code: "OM",
        fr: "Oman",
        en: "Oman",
    },
    Country {
        code: "PA",
        fr: "Panama",
        en: "Panama",
    },
    Country {
        code: "PE",
        fr: "Pérou",
        en: "Peru",
    },
    Country {
        code: "PF",
        fr: "Polynésie française",
        en: "French Polynesia",
    },
    Country {
        code: "PG",
        fr: "Papouasie-Nouvelle-Guinée",
        en: "Papua New Guinea",
    },
    Country {
        code: "PH",
        fr: "Philippines",
        en: "Philippines",
    },
    Country {
        code: "PK",
        fr: "Pakistan",
        en: "Pakistan",
    },
    Country {
        code: "PL",
        fr: "Pologne",
        en: "Poland",
    },
    Country {
        code: "PM",
        fr: "Saint-Pierre-et-Miquelon",
        en: "Saint Pierre and Miquelon",
    },
    Country {
        code: "PN",
        fr: "Îles Pitcairn",
        en: "Pitcairn",
    },
    Country {
        code: "PR",
        fr: "Porto Rico",
        en: "Puerto Rico",
    },
    Country {
        code: "PS",
        fr: "Palestine",
        en: "State of Palestine",
    },
    Country {
        code: "PT",
        fr: "Portugal",
        en: "Portugal",
    },
    Country {
        code: "PW",
        fr: "Palaos",
        en: "Palau",
    },
    Country {
        code: "PY",
        fr: "Paraguay",
        en: "Paraguay",
    },
    Country {
        code: "QA",
        fr: "Qatar",
        en: "Qatar",
    },
    Country {
        code: "RE",
        fr: "Réunion",
        en: "Reunion",
    },
    Country {
        code: "RO",
        fr: "Roumanie",
        en: "Romania",
    },
    Country {
        code: "RS",
        fr: "Serbie",
        en: "Serbia",
    },
    Country {
        code: "RU",
        fr: "Russie",
        en: "Russian Federation",
    },
    Country {
        code: "RW",
        fr: "Rwanda",
        en: "Rwanda",
    },
    Country {
        code: "SA",
        fr: "Arabie Saoudite",
        en: "Saudi Arabia",
    },
    Country {
        code: "SB",
        fr: "Îles Salomon",
        en: "Solomon Islands",
    },
    Country {
        code: "SC",
        fr: "Seychelles",
        en: "Seychelles",
    },
    Country {
        code: "SD",
        fr: "Soudan",
        en: "Sudan",
    },
    Country {
        code: "SE",
        fr: "Suède",
        en: "Sweden",
    },
    Country {
        code: "SG",
        fr: "Singapour",
        en: "Singapore",
    },
    Country {
        code: "SH",
        fr: "Sainte-Hélène",
        en: "Saint Helena",
    },
    Country {
        code: "SI",
        fr: "Slovénie",
        en: "Slovenia",
    },
    Country {
        code: "SJ",
        fr: "Svalbard et Île Jan Mayen",
        en: "Svalbard and Jan Mayen",
    },
    Country {
        code: "SK",
        fr: "Slovaquie",
        en: "Slovakia",
    },
    Country {
        code: "SL",
        fr: "Sierra Leone",
        en: "Sierra Leone",
    },
    Country {
        code: "SM",
        fr: "Saint-Marin",
        en: "San Marino",
    },
    Country {
        code: "SN",
        fr: "Sénégal",
        en: "Senegal",
    },
    Country {
        code: "SO",
        fr: "Somalie",
        en: "Somalia",
    },
    Country {
        code: "SR",
        fr: "Suriname",
        en: "Suriname",
    },
    Country {
        code: "SS",
        fr: "Soudan du Sud",
        en: "South Sudan",
    },
    Country {
        code: "ST",
        fr: "São Tomé-et-Principe",
        en: "Sao Tome and Principe",
    },
    Country {
        code: "SV",
        fr: "El Salvador",
        en: "El Salvador",
    },
    Country {
        code: "SX",
        fr: "Saint-Martin (partie néerlandaise)",
        en: "Sint Maarten (Dutch part)",
    },
    Country {
        code: "SY",
        fr: "Syrie",
        en: "Syrian Arab Republic",
    },
    Country {
        code: "SZ",
        fr: "Royaume d'Eswatini",
        en: "Eswatini",
    },
    Country {
        code: "TC",
        fr: "Îles Turques-et-Caïques",
        en: "Turks and Caicos Islands",
    },
    Country {
        code: "TD",
        fr: "Tchad",
        en: "Chad",
    },
    Country {
        code: "TF",
        fr: "Terres australes françaises",
        en: "French Southern Territories",
    },
    Country {
        code: "TG",
        fr: "Togo",
        en: "Togo",
    },
    Country {
        code: "TH",
        fr: "Thaïlande",
        en: "Thailand",
    },
    Country {
        code: "TJ",
        fr: "Tadjikistan",
        en: "Tajikistan",
    },
    Country {
        code: "TK",
        fr: "Tokelau",
        en: "Tokelau",
    },
    Country {
        code: "TL",
        fr: "Timor-Leste",
        en: "Timor-Leste",
    },
    Country {
        code: "TM",
        fr: "Turkménistan",
        en: "Turkmenistan",
    },
    Country {
        code: "TN",
        fr: "Tunisie",
        en: "Tunisia",
    },
    Country {
        code: "TO",
        fr: "Tonga",
        en: "Tonga",
    },
    Country {
        code: "TR",
        fr: "Turquie",
        en: "Türkiye",
    },
    Country {
        code: "TT",
        fr: "Trinité-et-Tobago",
        en: "Trinidad and Tobago",
    },
    Country {
        code: "TV",
        fr: "Tuvalu",
        en: "Tuvalu",
    },
    Country {
        code: "TW",
        fr: "Taïwan",
        en: "Taiwan",
    },
    Country {
        code: "TZ",
        fr: "République unie de Tanzanie",
        en: "United Republic of Tanzania",
    },
    Country {
        code: "UA",
        fr: "Ukraine",
        en: "Ukraine",
    },
    Country {
        code: "UG",
        fr: "Ouganda",
        en: "Uganda",
    },
    Country {
        code: "UM",
        fr: "Îles mineures éloignées des États-Unis",
        en: "United States Minor Outlying Islands",
    },
    Country {
        code: "US",
        fr: "États-Unis",
        en: "United States",
    },
    Country {
        code: "UY",
        fr: "Uruguay",
        en: "Uruguay",
    },
    Country {
        code: "UZ",
        fr: "Ouzbékistan",
        en: "Uzbekistan",
    },
    Country {
        code: "VA",
        fr: "Saint-Siège (Vatican)",
        en: "Holy See (Vatican City State)",
    },
    Country {
        code: "VC",
        fr: "Saint-Vincent-et-les-Grenadines",
        en: "Saint Vincent and the Grenadines",
    },
    Country {
        code: "VE",
        fr: "Venezuela",
        en: "Venezuela",
    },
    Country {
        code: "VG",
        fr: "Îles vierges britanniques",
        en: "Virgin Islands, British",
    },
    Country {
        code: "VI",
        fr: "Îles vierges américaines",
        en: "Virgin Islands, U.S.",
    },
    Country {
        code: "VN",
        fr: "Vietnam",
        en: "Vietnam",
    },
    Country {
        code: "VU",
        fr: "Vanuatu",
        en: "Vanuatu",
    },
    Country {
        code: "WF",
        fr: "Wallis-et-Futuna",
        en: "Wallis and Futuna",
    },
    Country {
        code: "WS",
        fr: "Samoa",
        en: "Samoa",
    },
    Country {
        code: "XK",
        fr: "Kosovo",
        en: "Kosovo",
    },
    Country {
        code: "YE",
        fr: "Yémen",
        en: "Yemen",
    },
    Country {
        code: "YT",
        fr: "Mayotte",
        en: "Mayotte",
    },
    Country {
        code: "ZA",
        fr: "Afrique du Sud",
        en: "South Africa",
    },
    Country {
        code: "ZM",
        fr: "Zambie",
        en: "Zambia",
    },
    Country {
        code: "ZW",
        fr: "Zimbabwe",
        en: "Zimbabwe",
    },
];
