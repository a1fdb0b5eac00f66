//! Each boilerplate rule on a line from a real page, next to body text
//! that must stay.

use super::*;

fn reasons(text: &str) -> Vec<(String, String)> {
    strip_boilerplate(text)
        .removed
        .iter()
        .map(|r| (r.span.of(text).trim().to_owned(), r.reason.to_string()))
        .collect()
}

fn check_removed(line: &str, reason: &str) {
    let text = format!(
        "{line}\nDie Regierung in Moskau habe schon immer genug politischen Willen dafür aufgewiesen, sagte er.\n"
    );
    assert_eq!(
        reasons(&text),
        [(line.to_owned(), reason.to_owned())],
        "line {line:?}"
    );
}

fn check_kept(line: &str) {
    let text = format!(
        "{line}\nDie Regierung in Moskau habe schon immer genug politischen Willen dafür aufgewiesen, sagte er.\n"
    );
    assert_eq!(reasons(&text), [], "line {line:?}");
}

#[test]
fn interface_lines() {
    check_removed("Abonnieren", "interface");
    check_removed("Registrierung erfolgreich abgeschlossen!", "interface");
    check_removed(
        "Klicken Sie bitte den Link aus der E-Mail, die an geschickt wurde",
        "interface",
    );
    check_removed("- Advertisment -", "interface");
    check_removed("Translate »", "interface");
    check_removed("Empfohlene Artikel", "interface");
    check_removed("Neueste obenÄlteste oben", "interface");
    check_removed("Lesen Sie auch", "interface");
}

#[test]
fn captions_credits_and_dates() {
    check_removed(
        "© SNA / Wladimir TrefilowDialog zwischen Russland und den USA (Symbolbild)",
        "caption",
    );
    check_removed(
        "Dialog zwischen Russland und den USA (Symbolbild) - SNA, 1920, 21.12.2021",
        "caption",
    );
    check_removed(
        "Yves Herman/Pool Reuters/AP/dpa Hand in Hand gegen Russland: US-Außenminister Antony Blinken (Brüssel, 23.3.2021)",
        "caption",
    );
    check_removed("Foto: Michael Kappeler", "caption");
    check_removed("Sonntag, April 28, 2024", "dateline");
    check_removed("13.01.2022, 14:35 Uhr", "dateline");
    check_removed("Quelle: RT DE", "source-credit");
    check_removed("Quelle!:", "source-credit");
    check_removed("0", "no-words");
}

#[test]
fn navigation() {
    check_removed(
        "StartPolitikGesetzgebungLawrow: Für Russland kommen einseitige Zugeständnisse bei Verhandlungen mit USA nicht in...",
        "navigation",
    );
    check_removed("Startseite > Politik > Ausland", "navigation");
}

#[test]
fn other_languages_and_embeds() {
    check_removed("Заголовок открываемого материала", "language:rus");
    check_removed(
        "— DW Español (@dw_espanol) December 21, 2021",
        "social-embed",
    );
    let text = "Er warnte vor einer Eskalation und sagte, Russland sei zu einer Antwort bereit.\n\
                #Putin, “preocupado” ante presencia militar de #EEUU y #OTAN\n\
                — DW Español (@dw_espanol) December 21, 2021\n";
    let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
    assert_eq!(found, ["social-embed", "social-embed"]);
}

#[test]
fn whole_articles_on_one_line_keep_their_credits_and_links() {
    // 10kGNAD stores each article as one line; one photo credit or post link
    // inside it must not remove the article.
    let sentence = "Die Regierung will das Gesetz im Herbst beschließen, sagte die Ministerin am Montag in Wien. ";
    let with_link = format!(
        "{}Ein Video zeigt die Szene pic.twitter.com/abc123 {}",
        sentence.repeat(6),
        sentence.repeat(2)
    );
    check_kept(&with_link);
    let with_credit = format!("Foto: APA/Hochmuth {}", sentence.repeat(7));
    check_kept(&with_credit);
    // The same markers on a short line still mark an embed or a caption.
    check_removed(
        "Ein Video zeigt die Szene pic.twitter.com/abc123",
        "social-embed",
    );
    check_removed("Foto: APA/Hochmuth", "caption");
}

#[test]
fn body_headlines_and_long_lines_stay() {
    check_kept("Künftige Verhandlungen zwischen USA und Russland");
    check_kept(
        "Lawrow: Für Russland kommen einseitige Zugeständnisse bei Verhandlungen mit USA nicht in Frage",
    );
    check_kept(
        "Der Kreml will den Dialog live im Fernsehen übertragen lassen und die Ergebnisse später mit allen Partnern teilen, sagte Peskow.",
    );
    check_kept("Dies berichtet das Magazin \"RT DE\".");
    check_kept("Russland sieht sich durch das Heranrücken der Nato an seine Grenzen bedroht.");
}

#[test]
fn teaser_after_caption_inside_the_article() {
    let text = "Vor dem Hintergrund der Gerüchte hatte Moskau in der vergangenen Woche Garantien verlangt, sagte er.\n\
                Nato-Soldaten bei einer Übung in der Ukraine (Archivfoto) - SNA, 1920, 20.12.2021\n\
                Forderung nach Sicherheitsgarantien: Moskau drängt auf Antwort von USA\n\
                „Ich denke, das war nur die erste Reaktion“, sagte Gawrilow.\n";
    let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
    assert_eq!(found, ["caption", "teaser"]);
}

#[test]
fn fragments_follow_the_line_they_continue() {
    let text = "Die Verhandlungen laufen allmählich an, sagte Gawrilow in einem Interview am Montag.\n\
                Um an der Diskussion teilzunehmen,\nloggen Sie sich ein oder registrieren Sie sich\nloader\nChats\n";
    let found: Vec<String> = reasons(text).into_iter().map(|(_, r)| r).collect();
    assert_eq!(found, ["interface"; 4]);
}

#[test]
fn kept_text_plus_removed_gives_back_the_original() {
    let text = "Abonnieren\r\nDie Nato sieht sich bedroht, sagte der Sprecher in einer langen Erklärung am Montag.\n\nQuelle: RT DE";
    let cleaned = strip_boilerplate(text);
    assert_eq!(
        cleaned.kept_text(text),
        "Die Nato sieht sich bedroht, sagte der Sprecher in einer langen Erklärung am Montag.\n\n"
    );
    let removed: usize = cleaned.removed.iter().map(|r| r.span.len()).sum();
    assert_eq!(removed + cleaned.kept_text(text).len(), text.len());
    assert_eq!(cleaned.paragraphs.len(), 1);
}

#[test]
fn social_prefilter_holds_for_every_case_variant() {
    // The prefilter assumes that only ASCII letters match these letters
    // case-insensitively; check it against the regex engine itself.
    let letters = regex::Regex::new(r"(?i)^[combe./]$").expect("pattern");
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        assert!(!letters.is_match(&c.to_string()) || c.is_ascii(), "{c:?}");
    }
    for line in [
        "pic.twitter.com/abc",
        "Siehe T.CO/xyz",
        "YOUTU.BE/x",
        "- Name (@handle) 2021",
    ] {
        assert!(may_be_social_embed(line), "{line:?}");
        assert!(patterns().social_embed.is_match(line), "{line:?}");
    }
    assert!(!may_be_social_embed("Russland fordert Garantien. Die Nato"));
}

#[test]
fn empty_text() {
    assert_eq!(strip_boilerplate(""), Cleaned::default());
}
