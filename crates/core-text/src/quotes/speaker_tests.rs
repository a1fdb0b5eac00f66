//! Data-driven tests of speaker resolution: roles, surnames, institutions,
//! pronouns and quotations that stand alone.

use super::tests::{D, R, analyze, check};
use super::{Speaker, find_quotes};

#[test]
fn roles_resolve_to_the_last_person_with_that_role() {
    check(
        "Kremlsprecher Dmitri Peskow äußerte sich. „Das ist schlimm“, sagte der Kremlsprecher.",
        &[(D, "Das ist schlimm", Some("Peskow"), Some("sagte"))],
    );
    check(
        "Der Sprecher des russischen Präsidenten, Dmitri Peskow, äußerte sich. „Wir warten ab“, so der russische Präsidentensprecher.",
        &[(D, "Wir warten ab", Some("Peskow"), Some("so"))],
    );
    check(
        "Dem stellvertretenden Außenminister, Sergej Rjabkow, zufolge gibt es keine Einigung. „Wir warten ab“, sagte der Vizeaußenminister.",
        &[
            (
                R,
                "gibt es keine Einigung",
                Some("Rjabkow"),
                Some("zufolge"),
            ),
            (D, "Wir warten ab", Some("Rjabkow"), Some("sagte")),
        ],
    );
    check(
        "Konstantin Muster, russischer Chefunterhändler in Wien, äußerte sich. „Es braucht jetzt Stille“, so der Diplomat.",
        &[(D, "Es braucht jetzt Stille", Some("Muster"), Some("so"))],
    );
    check(
        "US-Außenminister Anna Beispiel äußerte sich. „Wir sind bereit“, sagte der Außenminister.",
        &[(D, "Wir sind bereit", Some("Beispiel"), Some("sagte"))],
    );
    check(
        "Außenminister Anna Beispiel traf Vizeaußenminister Hans Muster. „Wir sind bereit“, sagte der Außenminister.",
        &[(D, "Wir sind bereit", Some("Beispiel"), Some("sagte"))],
    );
    // A role nobody was given: no guess.
    check(
        "„Wir sind jetzt bereit“, sagte der Botschafter.",
        &[(D, "Wir sind jetzt bereit", None, Some("sagte"))],
    );
}

#[test]
fn surnames_and_institutions() {
    check(
        "Außenminister Sergej Lawrow sprach in Moskau. „Wir sind bereit“, so Lawrow.",
        &[(D, "Wir sind bereit", Some("Lawrow"), Some("so"))],
    );
    check(
        "„Putin hat darüber berichtet“, sagte der Kreml.",
        &[(
            D,
            "Putin hat darüber berichtet",
            Some("Kreml"),
            Some("sagte"),
        )],
    );
    check(
        "„Wir sind bereit“, hieß es.",
        &[(D, "Wir sind bereit", None, None)],
    );
    check(
        "„Es gibt keine Alternative“, betonte Merkel. Sie fügte hinzu: „Wir schaffen das schon.“",
        &[
            (
                D,
                "Es gibt keine Alternative",
                Some("Merkel"),
                Some("betonte"),
            ),
            (
                D,
                "Wir schaffen das schon.",
                Some("Merkel"),
                Some("fügte hinzu"),
            ),
        ],
    );
    check(
        "Die Lage ist ernst. Das sagte Merkel.",
        &[(R, "Die Lage ist ernst", Some("Merkel"), Some("sagte"))],
    );
    check(
        "Peter Muster, Sprecher der Polizei, sagte, es habe keine Verletzten gegeben.",
        &[(
            R,
            "es habe keine Verletzten gegeben",
            Some("Muster"),
            Some("sagte"),
        )],
    );
    check(
        "„Das ist völlig inakzeptabel“, sagte ein Sprecher des Außenministeriums.",
        &[(
            D,
            "Das ist völlig inakzeptabel",
            Some("Außenministerium"),
            Some("sagte"),
        )],
    );
    let doc = analyze("Außenminister Sergej Lawrow sprach. „Wir sind bereit“, so Lawrow.");
    let speaker = find_quotes(&doc).remove(0).speaker;
    assert_eq!(
        speaker,
        Some(Speaker {
            name: "Sergej Lawrow".into(),
            key: "Lawrow".into(),
            role: Some("Außenminister".into()),
        })
    );
}

#[test]
fn pronouns_resolve_to_the_last_speaker() {
    check(
        "„Wir sind bereit“, sagte Generalsekretär Jens Muster bei einem Treffen mit Premierminister Nicolae Beispiel. „Wir bleiben stark“, fügte er hinzu.",
        &[
            (D, "Wir sind bereit", Some("Muster"), Some("sagte")),
            (D, "Wir bleiben stark", Some("Muster"), Some("fügte hinzu")),
        ],
    );
    check(
        "Wir verhandeln“, kündigte Staatssekretärin Karen Muster an. Sie erklärte, dass Washington verhandeln werde.",
        &[
            (D, "Wir verhandeln", Some("Muster"), Some("kündigte an")),
            (
                R,
                "Washington verhandeln werde",
                Some("Muster"),
                Some("erklärte"),
            ),
        ],
    );
}

#[test]
fn a_new_subject_takes_over_the_pronoun() {
    check(
        "„Wir sind jetzt bereit“, sagte Kremlsprecher Dmitri Peskow. US-Präsident Hans Muster blieb gelassen. „Wir auch, ganz sicher“, sagte er.",
        &[
            (D, "Wir sind jetzt bereit", Some("Peskow"), Some("sagte")),
            (D, "Wir auch, ganz sicher", Some("Muster"), Some("sagte")),
        ],
    );
}

#[test]
fn quotes_standing_alone_take_a_neighbour_speaker() {
    check(
        "Kremlsprecher Dmitri Peskow sagte, Russland sei enttäuscht.\n\n„Das ist schlimm für alle Seiten.“",
        &[
            (R, "Russland sei enttäuscht", Some("Peskow"), Some("sagte")),
            (D, "Das ist schlimm für alle Seiten.", Some("Peskow"), None),
        ],
    );
    check(
        "Gleichzeitig schloss Kremlsprecher Dmitri Peskow den Dialog aus:\n\n„Es soll ein konkretes Ergebnis geben.“",
        &[(
            D,
            "Es soll ein konkretes Ergebnis geben.",
            Some("Peskow"),
            None,
        )],
    );
    check(
        "„Das ist ein langer Satz ohne Sprecher.“",
        &[(D, "Das ist ein langer Satz ohne Sprecher.", None, None)],
    );
}

#[test]
fn common_nouns_are_not_names() {
    // Neither `Vereinigten Staaten` nor `Woche Entwürfe` is a person, so the
    // pronoun has nobody to point at.
    check(
        "Die Vereinigten Staaten legten in der vergangenen Woche Entwürfe vor. Die Entwürfe liegen vor. „Wir sind jetzt bereit“, sagte er.",
        &[(D, "Wir sind jetzt bereit", None, Some("sagte"))],
    );
}
