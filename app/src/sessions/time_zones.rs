//! The time zones a session's venue may be in: a short list of IANA names (West Africa
//! first of all, and the cities of the diaspora), shared by the form's select list and its
//! validation. The server reads them with `chrono-tz`, daylight saving time included.

/// The zone of a new session: Bamako, the usual venue.
pub const DEFAULT_TIME_ZONE: &str = "Africa/Bamako";

/// Every zone offered, sorted by name.
pub const TIME_ZONES: &[&str] = &[
    "Africa/Abidjan",
    "Africa/Accra",
    "Africa/Addis_Ababa",
    "Africa/Algiers",
    "Africa/Bamako",
    "Africa/Bangui",
    "Africa/Banjul",
    "Africa/Bissau",
    "Africa/Brazzaville",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Conakry",
    "Africa/Dakar",
    "Africa/Douala",
    "Africa/Freetown",
    "Africa/Johannesburg",
    "Africa/Kinshasa",
    "Africa/Lagos",
    "Africa/Libreville",
    "Africa/Lome",
    "Africa/Luanda",
    "Africa/Malabo",
    "Africa/Nairobi",
    "Africa/Ndjamena",
    "Africa/Niamey",
    "Africa/Nouakchott",
    "Africa/Ouagadougou",
    "Africa/Porto-Novo",
    "Africa/Tripoli",
    "Africa/Tunis",
    "America/Chicago",
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Toronto",
    "Asia/Dubai",
    "Asia/Riyadh",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Europe/Berlin",
    "Europe/Brussels",
    "Europe/Istanbul",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Madrid",
    "Europe/Moscow",
    "Europe/Paris",
    "Europe/Rome",
    "Europe/Zurich",
    "UTC",
];

/// The listed zone named exactly `name`.
pub fn find(name: &str) -> Option<&'static str> {
    TIME_ZONES
        .binary_search(&name)
        .ok()
        .map(|index| TIME_ZONES[index])
}

/// `(name, name)` of every zone: a select list's choices (IANA names read the same in
/// every language).
pub fn choices() -> Vec<(&'static str, &'static str)> {
    TIME_ZONES.iter().map(|zone| (*zone, *zone)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_without_repeats_and_holds_the_default() {
        assert!(TIME_ZONES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(find(DEFAULT_TIME_ZONE), Some("Africa/Bamako"));
        assert_eq!(find("africa/bamako"), None, "names are exact");
        assert_eq!(find("Mars/Olympus_Mons"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_zone_is_known_to_the_server() {
        for zone in TIME_ZONES {
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{zone}");
        }
    }
}
