//! Countries (ISO 3166-1 alpha-2) and regions (UN M49), as codes. Names are UI strings and live
//! in the Fluent files (`region-<code>`), so they follow the user's language.

/// Every officially assigned ISO 3166-1 alpha-2 code.
const COUNTRIES: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ \
VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// UN M49 regions and sub-regions that Agora offers, world first.
pub const REGIONS: [&str; 29] = [
    "001", "002", "015", "202", "011", "014", "017", "018", "019", "419", "029", "013", "005",
    "021", "142", "143", "030", "035", "034", "145", "150", "151", "154", "039", "155", "009",
    "053", "054", "057",
];

/// True for an assigned ISO 3166-1 alpha-2 code, upper case.
pub fn is_country(code: &str) -> bool {
    code.len() == 2 && COUNTRIES.split(' ').any(|c| c == code)
}

/// True for a UN M49 region code that Agora knows.
pub fn is_region(code: &str) -> bool {
    REGIONS.contains(&code)
}

/// All country codes, sorted, for select lists.
pub fn countries() -> impl Iterator<Item = &'static str> {
    COUNTRIES.split(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_and_sorted() {
        let codes: Vec<_> = countries().collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn lookups() {
        assert!(is_country("HU"));
        assert!(is_country("CN"));
        assert!(!is_country("hu"));
        assert!(!is_country("XX"));
        assert!(is_region("150"));
        assert!(!is_region("999"));
    }
}
