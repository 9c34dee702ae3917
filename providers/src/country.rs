//! Country names and codes to ISO 3166-1 alpha-2 codes.
//!
//! Providers name countries every which way: Bandsintown sends English names ("Czech Republic" one
//! day, "Czechia" the next), Ticketmaster and Eventbrite alpha-2 codes, DICE alpha-3 codes, Songkick
//! names or codes ("US"). Matching is case- and diacritic-insensitive and ignores punctuation, so
//! "COTE D'IVOIRE", "Côte d’Ivoire" and "cote divoire" are one country.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Every ISO 3166-1 country: alpha-2, alpha-3, short English name.
const COUNTRIES: &[(&str, &str, &str)] = &[
    ("AF", "AFG", "Afghanistan"),
    ("AX", "ALA", "Åland Islands"),
    ("AL", "ALB", "Albania"),
    ("DZ", "DZA", "Algeria"),
    ("AS", "ASM", "American Samoa"),
    ("AD", "AND", "Andorra"),
    ("AO", "AGO", "Angola"),
    ("AI", "AIA", "Anguilla"),
    ("AQ", "ATA", "Antarctica"),
    ("AG", "ATG", "Antigua and Barbuda"),
    ("AR", "ARG", "Argentina"),
    ("AM", "ARM", "Armenia"),
    ("AW", "ABW", "Aruba"),
    ("AU", "AUS", "Australia"),
    ("AT", "AUT", "Austria"),
    ("AZ", "AZE", "Azerbaijan"),
    ("BS", "BHS", "Bahamas"),
    ("BH", "BHR", "Bahrain"),
    ("BD", "BGD", "Bangladesh"),
    ("BB", "BRB", "Barbados"),
    ("BY", "BLR", "Belarus"),
    ("BE", "BEL", "Belgium"),
    ("BZ", "BLZ", "Belize"),
    ("BJ", "BEN", "Benin"),
    ("BM", "BMU", "Bermuda"),
    ("BT", "BTN", "Bhutan"),
    ("BO", "BOL", "Bolivia"),
    ("BQ", "BES", "Bonaire, Sint Eustatius and Saba"),
    ("BA", "BIH", "Bosnia and Herzegovina"),
    ("BW", "BWA", "Botswana"),
    ("BV", "BVT", "Bouvet Island"),
    ("BR", "BRA", "Brazil"),
    ("IO", "IOT", "British Indian Ocean Territory"),
    ("BN", "BRN", "Brunei Darussalam"),
    ("BG", "BGR", "Bulgaria"),
    ("BF", "BFA", "Burkina Faso"),
    ("BI", "BDI", "Burundi"),
    ("CV", "CPV", "Cabo Verde"),
    ("KH", "KHM", "Cambodia"),
    ("CM", "CMR", "Cameroon"),
    ("CA", "CAN", "Canada"),
    ("KY", "CYM", "Cayman Islands"),
    ("CF", "CAF", "Central African Republic"),
    ("TD", "TCD", "Chad"),
    ("CL", "CHL", "Chile"),
    ("CN", "CHN", "China"),
    ("CX", "CXR", "Christmas Island"),
    ("CC", "CCK", "Cocos (Keeling) Islands"),
    ("CO", "COL", "Colombia"),
    ("KM", "COM", "Comoros"),
    ("CG", "COG", "Congo"),
    ("CD", "COD", "Democratic Republic of the Congo"),
    ("CK", "COK", "Cook Islands"),
    ("CR", "CRI", "Costa Rica"),
    ("CI", "CIV", "Côte d'Ivoire"),
    ("HR", "HRV", "Croatia"),
    ("CU", "CUB", "Cuba"),
    ("CW", "CUW", "Curaçao"),
    ("CY", "CYP", "Cyprus"),
    ("CZ", "CZE", "Czechia"),
    ("DK", "DNK", "Denmark"),
    ("DJ", "DJI", "Djibouti"),
    ("DM", "DMA", "Dominica"),
    ("DO", "DOM", "Dominican Republic"),
    ("EC", "ECU", "Ecuador"),
    ("EG", "EGY", "Egypt"),
    ("SV", "SLV", "El Salvador"),
    ("GQ", "GNQ", "Equatorial Guinea"),
    ("ER", "ERI", "Eritrea"),
    ("EE", "EST", "Estonia"),
    ("SZ", "SWZ", "Eswatini"),
    ("ET", "ETH", "Ethiopia"),
    ("FK", "FLK", "Falkland Islands"),
    ("FO", "FRO", "Faroe Islands"),
    ("FJ", "FJI", "Fiji"),
    ("FI", "FIN", "Finland"),
    ("FR", "FRA", "France"),
    ("GF", "GUF", "French Guiana"),
    ("PF", "PYF", "French Polynesia"),
    ("TF", "ATF", "French Southern Territories"),
    ("GA", "GAB", "Gabon"),
    ("GM", "GMB", "Gambia"),
    ("GE", "GEO", "Georgia"),
    ("DE", "DEU", "Germany"),
    ("GH", "GHA", "Ghana"),
    ("GI", "GIB", "Gibraltar"),
    ("GR", "GRC", "Greece"),
    ("GL", "GRL", "Greenland"),
    ("GD", "GRD", "Grenada"),
    ("GP", "GLP", "Guadeloupe"),
    ("GU", "GUM", "Guam"),
    ("GT", "GTM", "Guatemala"),
    ("GG", "GGY", "Guernsey"),
    ("GN", "GIN", "Guinea"),
    ("GW", "GNB", "Guinea-Bissau"),
    ("GY", "GUY", "Guyana"),
    ("HT", "HTI", "Haiti"),
    ("HM", "HMD", "Heard Island and McDonald Islands"),
    ("VA", "VAT", "Holy See"),
    ("HN", "HND", "Honduras"),
    ("HK", "HKG", "Hong Kong"),
    ("HU", "HUN", "Hungary"),
    ("IS", "ISL", "Iceland"),
    ("IN", "IND", "India"),
    ("ID", "IDN", "Indonesia"),
    ("IR", "IRN", "Iran"),
    ("IQ", "IRQ", "Iraq"),
    ("IE", "IRL", "Ireland"),
    ("IM", "IMN", "Isle of Man"),
    ("IL", "ISR", "Israel"),
    ("IT", "ITA", "Italy"),
    ("JM", "JAM", "Jamaica"),
    ("JP", "JPN", "Japan"),
    ("JE", "JEY", "Jersey"),
    ("JO", "JOR", "Jordan"),
    ("KZ", "KAZ", "Kazakhstan"),
    ("KE", "KEN", "Kenya"),
    ("KI", "KIR", "Kiribati"),
    ("KP", "PRK", "North Korea"),
    ("KR", "KOR", "South Korea"),
    ("KW", "KWT", "Kuwait"),
    ("KG", "KGZ", "Kyrgyzstan"),
    ("LA", "LAO", "Laos"),
    ("LV", "LVA", "Latvia"),
    ("LB", "LBN", "Lebanon"),
    ("LS", "LSO", "Lesotho"),
    ("LR", "LBR", "Liberia"),
    ("LY", "LBY", "Libya"),
    ("LI", "LIE", "Liechtenstein"),
    ("LT", "LTU", "Lithuania"),
    ("LU", "LUX", "Luxembourg"),
    ("MO", "MAC", "Macao"),
    ("MG", "MDG", "Madagascar"),
    ("MW", "MWI", "Malawi"),
    ("MY", "MYS", "Malaysia"),
    ("MV", "MDV", "Maldives"),
    ("ML", "MLI", "Mali"),
    ("MT", "MLT", "Malta"),
    ("MH", "MHL", "Marshall Islands"),
    ("MQ", "MTQ", "Martinique"),
    ("MR", "MRT", "Mauritania"),
    ("MU", "MUS", "Mauritius"),
    ("YT", "MYT", "Mayotte"),
    ("MX", "MEX", "Mexico"),
    ("FM", "FSM", "Micronesia"),
    ("MD", "MDA", "Moldova"),
    ("MC", "MCO", "Monaco"),
    ("MN", "MNG", "Mongolia"),
    ("ME", "MNE", "Montenegro"),
    ("MS", "MSR", "Montserrat"),
    ("MA", "MAR", "Morocco"),
    ("MZ", "MOZ", "Mozambique"),
    ("MM", "MMR", "Myanmar"),
    ("NA", "NAM", "Namibia"),
    ("NR", "NRU", "Nauru"),
    ("NP", "NPL", "Nepal"),
    ("NL", "NLD", "Netherlands"),
    ("NC", "NCL", "New Caledonia"),
    ("NZ", "NZL", "New Zealand"),
    ("NI", "NIC", "Nicaragua"),
    ("NE", "NER", "Niger"),
    ("NG", "NGA", "Nigeria"),
    ("NU", "NIU", "Niue"),
    ("NF", "NFK", "Norfolk Island"),
    ("MK", "MKD", "North Macedonia"),
    ("MP", "MNP", "Northern Mariana Islands"),
    ("NO", "NOR", "Norway"),
    ("OM", "OMN", "Oman"),
    ("PK", "PAK", "Pakistan"),
    ("PW", "PLW", "Palau"),
    ("PS", "PSE", "Palestine"),
    ("PA", "PAN", "Panama"),
    ("PG", "PNG", "Papua New Guinea"),
    ("PY", "PRY", "Paraguay"),
    ("PE", "PER", "Peru"),
    ("PH", "PHL", "Philippines"),
    ("PN", "PCN", "Pitcairn"),
    ("PL", "POL", "Poland"),
    ("PT", "PRT", "Portugal"),
    ("PR", "PRI", "Puerto Rico"),
    ("QA", "QAT", "Qatar"),
    ("RE", "REU", "Réunion"),
    ("RO", "ROU", "Romania"),
    ("RU", "RUS", "Russia"),
    ("RW", "RWA", "Rwanda"),
    ("BL", "BLM", "Saint Barthélemy"),
    ("SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha"),
    ("KN", "KNA", "Saint Kitts and Nevis"),
    ("LC", "LCA", "Saint Lucia"),
    ("MF", "MAF", "Saint Martin"),
    ("PM", "SPM", "Saint Pierre and Miquelon"),
    ("VC", "VCT", "Saint Vincent and the Grenadines"),
    ("WS", "WSM", "Samoa"),
    ("SM", "SMR", "San Marino"),
    ("ST", "STP", "Sao Tome and Principe"),
    ("SA", "SAU", "Saudi Arabia"),
    ("SN", "SEN", "Senegal"),
    ("RS", "SRB", "Serbia"),
    ("SC", "SYC", "Seychelles"),
    ("SL", "SLE", "Sierra Leone"),
    ("SG", "SGP", "Singapore"),
    ("SX", "SXM", "Sint Maarten"),
    ("SK", "SVK", "Slovakia"),
    ("SI", "SVN", "Slovenia"),
    ("SB", "SLB", "Solomon Islands"),
    ("SO", "SOM", "Somalia"),
    ("ZA", "ZAF", "South Africa"),
    ("GS", "SGS", "South Georgia and the South Sandwich Islands"),
    ("SS", "SSD", "South Sudan"),
    ("ES", "ESP", "Spain"),
    ("LK", "LKA", "Sri Lanka"),
    ("SD", "SDN", "Sudan"),
    ("SR", "SUR", "Suriname"),
    ("SJ", "SJM", "Svalbard and Jan Mayen"),
    ("SE", "SWE", "Sweden"),
    ("CH", "CHE", "Switzerland"),
    ("SY", "SYR", "Syria"),
    ("TW", "TWN", "Taiwan"),
    ("TJ", "TJK", "Tajikistan"),
    ("TZ", "TZA", "Tanzania"),
    ("TH", "THA", "Thailand"),
    ("TL", "TLS", "Timor-Leste"),
    ("TG", "TGO", "Togo"),
    ("TK", "TKL", "Tokelau"),
    ("TO", "TON", "Tonga"),
    ("TT", "TTO", "Trinidad and Tobago"),
    ("TN", "TUN", "Tunisia"),
    ("TR", "TUR", "Türkiye"),
    ("TM", "TKM", "Turkmenistan"),
    ("TC", "TCA", "Turks and Caicos Islands"),
    ("TV", "TUV", "Tuvalu"),
    ("UG", "UGA", "Uganda"),
    ("UA", "UKR", "Ukraine"),
    ("AE", "ARE", "United Arab Emirates"),
    ("GB", "GBR", "United Kingdom"),
    ("US", "USA", "United States"),
    ("UM", "UMI", "United States Minor Outlying Islands"),
    ("UY", "URY", "Uruguay"),
    ("UZ", "UZB", "Uzbekistan"),
    ("VU", "VUT", "Vanuatu"),
    ("VE", "VEN", "Venezuela"),
    ("VN", "VNM", "Vietnam"),
    ("VG", "VGB", "British Virgin Islands"),
    ("VI", "VIR", "United States Virgin Islands"),
    ("WF", "WLF", "Wallis and Futuna"),
    ("EH", "ESH", "Western Sahara"),
    ("YE", "YEM", "Yemen"),
    ("ZM", "ZMB", "Zambia"),
    ("ZW", "ZWE", "Zimbabwe"),
];

/// Other names providers and people use, by alpha-2 code: formal ISO names, former names,
/// constituent countries, abbreviations and common spellings.
const ALIASES: &[(&str, &str)] = &[
    ("United States of America", "US"),
    ("U.S.A.", "US"),
    ("U.S.", "US"),
    ("America", "US"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("UK", "GB"),
    ("U.K.", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("Czech Republic", "CZ"),
    ("South Korea", "KR"),
    ("Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("Republic of Korea", "KR"),
    ("Korea, Democratic People's Republic of", "KP"),
    ("Democratic People's Republic of Korea", "KP"),
    ("Russian Federation", "RU"),
    ("Viet Nam", "VN"),
    ("The Netherlands", "NL"),
    ("Holland", "NL"),
    ("Netherlands, Kingdom of the", "NL"),
    ("Turkey", "TR"),
    ("Republic of Türkiye", "TR"),
    ("Ivory Coast", "CI"),
    ("Macedonia", "MK"),
    ("Republic of North Macedonia", "MK"),
    ("Former Yugoslav Republic of Macedonia", "MK"),
    ("Macedonia, the Former Yugoslav Republic of", "MK"),
    ("Swaziland", "SZ"),
    ("Cape Verde", "CV"),
    ("Burma", "MM"),
    ("East Timor", "TL"),
    ("Lao People's Democratic Republic", "LA"),
    ("Iran, Islamic Republic of", "IR"),
    ("Islamic Republic of Iran", "IR"),
    ("Syrian Arab Republic", "SY"),
    ("Moldova, Republic of", "MD"),
    ("Republic of Moldova", "MD"),
    ("Tanzania, United Republic of", "TZ"),
    ("United Republic of Tanzania", "TZ"),
    ("Bolivia, Plurinational State of", "BO"),
    ("Venezuela, Bolivarian Republic of", "VE"),
    ("Micronesia, Federated States of", "FM"),
    ("Federated States of Micronesia", "FM"),
    ("Taiwan, Province of China", "TW"),
    ("Republic of China", "TW"),
    ("Hong Kong SAR", "HK"),
    ("Hong Kong SAR China", "HK"),
    ("Macau", "MO"),
    ("Macao SAR China", "MO"),
    ("Palestine, State of", "PS"),
    ("State of Palestine", "PS"),
    ("Palestinian Territories", "PS"),
    ("Brunei", "BN"),
    ("Vatican", "VA"),
    ("Vatican City", "VA"),
    ("Vatican City State", "VA"),
    ("Holy See (Vatican City State)", "VA"),
    ("Republic of the Congo", "CG"),
    ("Congo-Brazzaville", "CG"),
    ("Congo, Republic of the", "CG"),
    ("DR Congo", "CD"),
    ("DRC", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("Congo, The Democratic Republic of the", "CD"),
    ("Congo, Democratic Republic of the", "CD"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("St Kitts and Nevis", "KN"),
    ("St. Lucia", "LC"),
    ("St Lucia", "LC"),
    ("St Vincent and the Grenadines", "VC"),
    ("St Barthelemy", "BL"),
    ("Saint Martin (French part)", "MF"),
    ("Sint Maarten (Dutch part)", "SX"),
    ("São Tomé and Príncipe", "ST"),
    ("Virgin Islands, British", "VG"),
    ("Virgin Islands (British)", "VG"),
    ("Virgin Islands, U.S.", "VI"),
    ("Virgin Islands (U.S.)", "VI"),
    ("US Virgin Islands", "VI"),
    ("Falkland Islands (Malvinas)", "FK"),
    ("Cocos Islands", "CC"),
    ("Keeling Islands", "CC"),
    ("Reunion", "RE"),
    ("Curacao", "CW"),
    ("Aland Islands", "AX"),
    ("Bonaire", "BQ"),
    ("Caribbean Netherlands", "BQ"),
    ("Saint Helena", "SH"),
    ("Pitcairn Islands", "PN"),
    ("Heard and McDonald Islands", "HM"),
    ("Svalbard", "SJ"),
    ("South Georgia", "GS"),
    ("The Bahamas", "BS"),
    ("The Gambia", "GM"),
    ("Gambia, The", "GM"),
    ("Bahamas, The", "BS"),
    ("Kyrgyz Republic", "KG"),
    ("Slovak Republic", "SK"),
    ("Republic of Ireland", "IE"),
    ("Eire", "IE"),
    ("Deutschland", "DE"),
    ("Espana", "ES"),
    ("Italia", "IT"),
    ("Brasil", "BR"),
    ("Mexico", "MX"),
    ("Osterreich", "AT"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Sverige", "SE"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Polska", "PL"),
    ("Cesko", "CZ"),
    ("Ceska republika", "CZ"),
    ("Belgique", "BE"),
    ("Belgie", "BE"),
    ("Nederland", "NL"),
    ("Kosovo", "XK"),
];

/// The alpha-2 code of a country given by alpha-2 code, alpha-3 code, or name (English, or one of
/// the common variants), ignoring case, diacritics and punctuation. `None` when unknown.
///
/// ```
/// use gigradar_providers::country::code;
/// assert_eq!(code("Czechia").as_deref(), Some("CZ"));
/// assert_eq!(code("czech republic").as_deref(), Some("CZ"));
/// assert_eq!(code("CZE").as_deref(), Some("CZ"));
/// assert_eq!(code("UK").as_deref(), Some("GB"));
/// assert_eq!(code("Côte d’Ivoire").as_deref(), Some("CI"));
/// assert_eq!(code("Atlantis"), None);
/// ```
pub fn code(name_or_code: &str) -> Option<String> {
    let key = fold(name_or_code);
    if key.is_empty() {
        return None;
    }
    index().get(key.as_str()).map(|c| (*c).to_owned())
}

/// Folded name or code -> alpha-2, built once.
fn index() -> &'static HashMap<String, &'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::with_capacity(COUNTRIES.len() * 3 + ALIASES.len());
        for &(a2, a3, name) in COUNTRIES {
            map.insert(fold(a2), a2);
            map.insert(fold(a3), a2);
            map.insert(fold(name), a2);
        }
        // Kosovo has no ISO code; XK is the user-assigned code that ticketing systems use.
        map.insert(fold("XKX"), "XK");
        map.insert(fold("XK"), "XK");
        for &(alias, a2) in ALIASES {
            map.entry(fold(alias)).or_insert(a2);
        }
        map
    })
}

/// Lower case, Latin diacritics removed, `&` read as "and", everything that is not a letter or a
/// digit dropped (apostrophes, dots, commas, brackets, hyphens, spaces), and a leading "the" dropped.
/// "The Côte-d'Ivoire" and "cote divoire" fold to the same key.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        if c == '&' {
            out.push_str("and");
            continue;
        }
        for lower in c.to_lowercase() {
            out.push_str(strip_diacritic(lower));
        }
    }
    match out.strip_prefix("the") {
        // Only the article, not "thailand": the original had "the" as its own word.
        Some(rest) if !rest.is_empty() && starts_with_word(s.trim(), "the") => rest.to_owned(),
        _ => out,
    }
}

fn starts_with_word(s: &str, word: &str) -> bool {
    match (s.get(..word.len()), s.get(word.len()..)) {
        (Some(head), Some(rest)) => {
            head.eq_ignore_ascii_case(word) && rest.starts_with(|c: char| !c.is_alphanumeric())
        }
        _ => false,
    }
}

/// The base letters of a lower-case Latin letter with a diacritic (`ß` -> "ss", `æ` -> "ae"),
/// the letter itself when it has none, "" for punctuation and spaces.
fn strip_diacritic(c: char) -> &'static str {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'a'..='z' | '0'..='9' => ascii_str(c),
        _ => "",
    }
}

/// A `&'static str` for an ASCII letter or digit.
fn ascii_str(c: char) -> &'static str {
    const ALNUM: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    let i = ALNUM.find(c).expect("caller passes [a-z0-9]");
    &ALNUM[i..i + 1]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn table_is_complete_and_unique() {
        assert_eq!(COUNTRIES.len(), 249);
        let a2: HashSet<_> = COUNTRIES.iter().map(|c| c.0).collect();
        let a3: HashSet<_> = COUNTRIES.iter().map(|c| c.1).collect();
        assert_eq!(a2.len(), 249);
        assert_eq!(a3.len(), 249);
        for &(two, three, name) in COUNTRIES {
            assert!(two.len() == 2 && two.bytes().all(|b| b.is_ascii_uppercase()));
            assert!(three.len() == 3 && three.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(code(name).as_deref(), Some(two), "{name}");
            assert_eq!(code(three).as_deref(), Some(two), "{three}");
        }
        for &(alias, two) in ALIASES {
            assert_eq!(code(alias).as_deref(), Some(two), "{alias}");
        }
    }

    #[test]
    fn names_codes_and_aliases() {
        for (input, want) in [
            ("Czech Republic", "CZ"),
            ("Czechia", "CZ"),
            ("United States", "US"),
            ("United States Of America", "US"),
            ("USA", "US"),
            ("US", "US"),
            ("us", "US"),
            ("United Kingdom", "GB"),
            ("UK", "GB"),
            ("Great Britain", "GB"),
            ("England", "GB"),
            ("Scotland", "GB"),
            ("Wales", "GB"),
            ("Northern Ireland", "GB"),
            ("GBR", "GB"),
            ("South Korea", "KR"),
            ("Korea, Republic of", "KR"),
            ("Russia", "RU"),
            ("Russian Federation", "RU"),
            ("Vietnam", "VN"),
            ("Viet Nam", "VN"),
            ("Netherlands", "NL"),
            ("The Netherlands", "NL"),
            ("Holland", "NL"),
            ("Türkiye", "TR"),
            ("Turkiye", "TR"),
            ("Turkey", "TR"),
            ("Ivory Coast", "CI"),
            ("Côte d'Ivoire", "CI"),
            ("COTE D’IVOIRE", "CI"),
            ("Macedonia", "MK"),
            ("North Macedonia", "MK"),
            ("Åland Islands", "AX"),
            ("Curaçao", "CW"),
            ("Bosnia & Herzegovina", "BA"),
            ("Guinea-Bissau", "GW"),
            ("  germany ", "DE"),
            ("DEU", "DE"),
            ("Thailand", "TH"),
        ] {
            assert_eq!(code(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn unknown_input_is_none() {
        for input in ["", "  ", "Atlantis", "ZZ", "XYZ", "EU", "the", "-", "Thx"] {
            assert_eq!(code(input), None, "{input}");
        }
    }

    #[test]
    fn folding_ignores_case_diacritics_and_punctuation() {
        assert_eq!(fold("Côte d'Ivoire"), fold("cote divoire"));
        assert_eq!(fold("São Tomé & Príncipe"), "saotomeandprincipe");
        assert_eq!(fold("The Gambia"), "gambia");
        assert_eq!(fold("Thailand"), "thailand");
        assert_eq!(fold("Thé"), "the");
    }
}
