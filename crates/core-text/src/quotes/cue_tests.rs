//! Data-driven tests of the speech cues: each cue form, and sentences that
//! must not count as reported speech.

use super::tests::{D, R, check};

#[test]
fn source_cues() {
    check(
        "Dem russischen Außenminister, Sergej Lawrow, zufolge wird Russland hart bleiben.",
        &[(
            R,
            "wird Russland hart bleiben",
            Some("Lawrow"),
            Some("zufolge"),
        )],
    );
    check(
        "Die Entwürfe wurden russischen Angaben zufolge verschickt.",
        &[(
            R,
            "Die Entwürfe wurden russischen Angaben zufolge verschickt",
            None,
            Some("zufolge"),
        )],
    );
    check(
        "Laut Kreml führten beide ein Telefongespräch.",
        &[(
            R,
            "führten beide ein Telefongespräch",
            Some("Kreml"),
            Some("laut"),
        )],
    );
    check(
        "Wie Außenminister Sergej Lawrow erklärt hat, beginnen die Gespräche im Januar.",
        &[(
            R,
            "beginnen die Gespräche im Januar",
            Some("Lawrow"),
            Some("erklärt hat"),
        )],
    );
    check(
        "Die Gespräche beginnen im Januar, wie Außenminister Sergej Lawrow sagte.",
        &[(
            R,
            "Die Gespräche beginnen im Januar",
            Some("Lawrow"),
            Some("sagte"),
        )],
    );
    check(
        "„Wir sind jetzt bereit“, so Kremlsprecher Dmitri Peskow.",
        &[(D, "Wir sind jetzt bereit", Some("Peskow"), Some("so"))],
    );
    check(
        "Die Lage sei ernst, so Kremlsprecher Dmitri Peskow.",
        &[(R, "Die Lage sei ernst", Some("Peskow"), Some("so"))],
    );
    check(
        "Außenminister Sergej Lawrow sprach. Dies könnte nach seiner Ansicht zu Abenteuern verleiten.",
        &[(
            R,
            "Dies könnte nach seiner Ansicht zu Abenteuern verleiten",
            Some("Lawrow"),
            Some("nach Ansicht"),
        )],
    );
    check(
        "Medien berichteten unter Berufung auf einen Vertreter des Weißen Hauses, dass die Gespräche im Januar stattfinden würden.",
        &[(
            R,
            "die Gespräche im Januar stattfinden würden",
            Some("Weißes Haus"),
            Some("unter Berufung auf"),
        )],
    );
}

#[test]
fn verb_cues() {
    check(
        "Kremlsprecher Dmitri Peskow sagte, dass Russland bereit sei.",
        &[(R, "Russland bereit sei", Some("Peskow"), Some("sagte"))],
    );
    check(
        "Das US-Außenministerium erklärte daraufhin, der Vorstoß habe die Sorgen nicht zerstreut.",
        &[(
            R,
            "der Vorstoß habe die Sorgen nicht zerstreut",
            Some("US-Außenministerium"),
            Some("erklärte"),
        )],
    );
    check(
        "Eine Absage werde zurückgewiesen, erklärte Außenminister Anna Beispiel in Washington.",
        &[(
            R,
            "Eine Absage werde zurückgewiesen",
            Some("Beispiel"),
            Some("erklärte"),
        )],
    );
    check(
        "Botschafter Hans Muster wies darauf hin, dass Russland seine Truppen verlege.",
        &[(
            R,
            "Russland seine Truppen verlege",
            Some("Muster"),
            Some("wies hin"),
        )],
    );
    check(
        "Stunden zuvor hatte Präsident Hans Muster gewarnt, sein Land sei bereit.",
        &[(
            R,
            "sein Land sei bereit",
            Some("Muster"),
            Some("hatte gewarnt"),
        )],
    );
    check(
        "Die Lage sei ernst, fügte Botschafter Hans Muster hinzu.",
        &[(R, "Die Lage sei ernst", Some("Muster"), Some("fügte hinzu"))],
    );
    check(
        "Die Gespräche laufen an. Das teilte Chefunterhändler Konstantin Muster mit.",
        &[(
            R,
            "Die Gespräche laufen an",
            Some("Muster"),
            Some("teilte mit"),
        )],
    );
}

#[test]
fn impersonal_cue() {
    check(
        "Darin hieß es, die Lage sei stabil.",
        &[(R, "die Lage sei stabil", None, Some("hieß es"))],
    );
    check(
        "Es heißt, die Gespräche würden bald beginnen.",
        &[(
            R,
            "die Gespräche würden bald beginnen",
            None,
            Some("heißt es"),
        )],
    );
    check("Das heißt, wir warten.", &[]);
}

#[test]
fn no_cue_no_reported_speech() {
    check("Die Gespräche seien schwierig gewesen.", &[]);
    check("Demzufolge schlägt Moskau vor, Garantien zu geben.", &[]);
    check("Botschafter Hans Muster warnte, dass die NATO wächst.", &[]);
    check("Russland warnt davor, mit Maßnahmen zu reagieren.", &[]);
    check("Er sagte es laut.", &[]);
    check(
        "Die Länder wie Finnland und Schweden, wie die OSZE, sind dabei.",
        &[],
    );
}
