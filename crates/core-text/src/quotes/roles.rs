//! Role nouns (`Kremlsprecher`, `stellvertretender Außenminister`): how to
//! recognise them, their stored form, and which roles name the same job.
//!
//! Equivalence table used to resolve `der Kremlsprecher`, `der Diplomat`...:
//!
//! | canonical          | also written as                                             |
//! |--------------------|-------------------------------------------------------------|
//! | `kremlsprecher`    | `Präsidentensprecher`, `Sprecher des (russischen) Präsidenten`, `Sprecher des Kremls` |
//! | `vizeaußenminister`| `stellvertretender Außenminister`, `Vize-Außenminister`     |
//! | `präsident`        | `Staatschef`, `Staatspräsident`, `Staatsoberhaupt`          |
//! | `premierminister`  | `Ministerpräsident`, `Regierungschef`, `Premier`            |
//! | `kanzler`          | `Bundeskanzler`                                             |
//!
//! Feminine forms match their masculine ones (`Sprecherin` = `Sprecher`), a
//! bare head matches compounds ending in it (`der Minister` finds an
//! `Außenminister`, but never a `Vizeaußenminister`), and `Diplomat` matches
//! the diplomatic jobs (Außenminister, Vizeaußenminister, Botschafter,
//! Unterhändler, Staatssekretär, Gesandter).

use crate::word_set::{StaticSuffixList, SuffixList};

/// Heads of role nouns, lowercase; compounds ending in one are roles too.
#[rustfmt::skip]
const ROLE_HEADS: &[&str] = &[
    "sprecher", "sprecherin", "minister", "ministerin", "präsident", "präsidentin", "sekretär",
    "sekretärin", "botschafter", "botschafterin", "diplomat", "diplomatin", "kanzler",
    "kanzlerin", "chef", "chefin", "unterhändler", "unterhändlerin", "berater", "beraterin",
    "vertreter", "vertreterin", "senator", "senatorin", "abgeordnete", "abgeordneter", "kollege",
    "kollegin", "vorsitzende", "vorsitzender", "direktor", "direktorin", "leiter", "leiterin",
    "kommissar", "kommissarin", "beauftragte", "beauftragter", "politiker", "politikerin",
    "premier", "gesandte", "gesandter", "general", "staatsoberhaupt", "bürgermeister",
    "gouverneur", "gouverneurin", "analyst", "analystin", "experte", "expertin",
];

const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// Inflection endings tried, in order, to get from a token to its role lemma.
const ENDINGS: &[&str] = &["", "en", "n", "s", "es", "nen"];

/// Every role head with every ending: what a role noun ends with.
static ROLE_FORMS: StaticSuffixList = StaticSuffixList::new(|| {
    SuffixList::new(
        ROLE_HEADS
            .iter()
            .flat_map(|head| ENDINGS.iter().map(move |ending| format!("{head}{ending}"))),
    )
});

const EQUIVALENT: &[(&str, &str)] = &[
    ("präsidentensprecher", "kremlsprecher"),
    ("vize-außenminister", "vizeaußenminister"),
    ("staatschef", "präsident"),
    ("staatspräsident", "präsident"),
    ("staatsoberhaupt", "präsident"),
    ("ministerpräsident", "premierminister"),
    ("regierungschef", "premierminister"),
    ("premier", "premierminister"),
    ("bundeskanzler", "kanzler"),
];

#[rustfmt::skip]
const DIPLOMATIC: &[&str] = &[
    "diplomat", "außenminister", "botschafter", "unterhändler", "staatssekretär", "gesandte",
    "gesandter",
];

/// The role lemma of a token, in the token's own spelling: `Präsidenten` →
/// `Präsident`, `US-Außenminister` → `Außenminister`, `Vize-Außenminister` →
/// `Vizeaußenminister`. `None` for a word that is not a role noun.
pub(super) fn role_lemma(surface: &str) -> Option<String> {
    if !surface.starts_with(char::is_uppercase) {
        return None;
    }
    // Most capitalized words are no role: tell without allocating.
    let last = last_part(surface);
    if last.is_ascii() && !ROLE_FORMS.get().matches_ascii_lowercase(last) {
        return None;
    }
    let mut parts: Vec<&str> = surface.split(HYPHENS).collect();
    let last = parts.pop().unwrap_or(surface);
    let lower = last.to_lowercase();
    for ending in ENDINGS {
        let Some(stem) = lower.strip_suffix(ending) else {
            continue;
        };
        if ROLE_HEADS.iter().any(|head| stem.ends_with(head)) {
            let keep = last.chars().count() - ending.chars().count();
            let lemma: String = last.chars().take(keep).collect();
            let vize = parts.iter().any(|p| p.eq_ignore_ascii_case("vize"));
            return Some(if vize {
                format!("Vize{}", lemma.to_lowercase())
            } else {
                lemma
            });
        }
    }
    None
}

/// The part of `surface` after its last hyphen, or all of it: most words
/// have no hyphen, which one byte search tells (`-`, or the lead byte of
/// U+2010 and U+2011).
fn last_part(surface: &str) -> &str {
    if !surface.bytes().any(|b| b == b'-' || b == 0xe2) {
        return surface;
    }
    surface.rsplit(HYPHENS).next().unwrap_or(surface)
}

/// The lowercase key a role is compared by (see the module table).
pub(super) fn canonical(role: &str) -> String {
    let mut lower = role.to_lowercase();
    for suffix in ["innen", "in"] {
        if let Some(stem) = lower.strip_suffix(suffix) {
            if ROLE_HEADS.iter().any(|head| stem.ends_with(head)) {
                lower = stem.to_string();
                break;
            }
        }
    }
    EQUIVALENT
        .iter()
        .find(|(from, _)| *from == lower)
        .map_or(lower, |(_, to)| to.to_string())
}

/// A role noun with a genitive complement as one compound, where German has
/// one: `Sprecher des Präsidenten` → `Präsidentensprecher`.
pub(super) fn with_genitive(role: &str, genitive_lemma: &str) -> Option<String> {
    let head = canonical(role);
    if head != "sprecher" {
        return None;
    }
    match genitive_lemma.to_lowercase().as_str() {
        "präsident" | "präsidenten" => Some("Präsidentensprecher".to_string()),
        "kreml" | "kremls" => Some("Kremlsprecher".to_string()),
        "regierung" => Some("Regierungssprecher".to_string()),
        _ => None,
    }
}

/// Whether a role phrase in the text (`der Diplomat`) can refer to a person
/// who was introduced with `person_role`. Both are canonical keys.
pub(super) fn refers_to(phrase: &str, person_role: &str) -> bool {
    if phrase == person_role {
        return true;
    }
    if phrase == "diplomat" {
        let own = person_role.strip_prefix("vize").unwrap_or(person_role);
        return DIPLOMATIC.iter().any(|d| own.ends_with(d));
    }
    let vize_only = person_role.starts_with("vize") && !phrase.starts_with("vize");
    person_role.ends_with(phrase) && !vize_only
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(surface: &str, expected: Option<&str>) {
        assert_eq!(
            role_lemma(surface).as_deref(),
            expected,
            "role of {surface:?}"
        );
    }

    #[test]
    fn lemmas() {
        check("Präsidenten", Some("Präsident"));
        check("US-Außenminister", Some("Außenminister"));
        check("NATO-Generalsekretär", Some("Generalsekretär"));
        check("Vize-Außenminister", Some("Vizeaußenminister"));
        check("Amtskollegen", Some("Amtskollege"));
        check("Staatssekretärin", Some("Staatssekretärin"));
        check("Kremlsprecher", Some("Kremlsprecher"));
        check("Diplomatie", None);
        check("Ministerium", None);
        check("Versprechen", None);
        check("sprecher", None);
        check("", None);
    }

    #[test]
    fn equivalences() {
        assert_eq!(canonical("Präsidentensprecher"), "kremlsprecher");
        assert_eq!(canonical("Sprecherin"), "sprecher");
        assert_eq!(canonical("Staatschef"), "präsident");
        assert!(refers_to("kremlsprecher", "kremlsprecher"));
        assert!(refers_to("diplomat", "chefunterhändler"));
        assert!(refers_to("diplomat", "vizeaußenminister"));
        assert!(refers_to("minister", "außenminister"));
        assert!(refers_to("sprecher", "kremlsprecher"));
        assert!(!refers_to("außenminister", "vizeaußenminister"));
        assert!(!refers_to("diplomat", "generalsekretär"));
        assert_eq!(
            with_genitive("Sprecher", "Präsidenten").as_deref(),
            Some("Präsidentensprecher")
        );
        assert_eq!(with_genitive("Berater", "Präsidenten"), None);
    }
}
