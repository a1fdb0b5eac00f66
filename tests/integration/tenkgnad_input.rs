//! The 10kGNAD test split (`corpus/10kgnad-test/test.csv`: no header,
//! `;` and `'`) read through the public API, checked against figures from
//! Python's `csv.reader(f, delimiter=';', quotechar="'")`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use corpus::{Entry, InputOptions};

fn test_csv() -> PathBuf {
    rahmen_tests::workspace_root().join("corpus/10kgnad-test/test.csv")
}

fn options() -> InputOptions {
    InputOptions {
        delimiter: Some(b';'),
        quote: b'\'',
        has_header: false,
        columns: Some(vec!["label".into(), "text".into()]),
        group_by: Some("label".into()),
        ..InputOptions::default()
    }
}

#[test]
fn all_articles_with_their_categories() {
    let corpus = corpus::open(&test_csv(), &options())
        .unwrap()
        .read_all()
        .unwrap();
    assert_eq!(corpus.name, "test");
    assert_eq!(corpus.articles.len(), 1028);
    assert!(corpus.skipped.is_empty() && corpus.warnings.is_empty());
    let first = &corpus.articles[0];
    let last = &corpus.articles[1027];
    assert_eq!(
        (first.id.as_str(), first.origin.to_string().as_str()),
        ("row-1", "test.csv:1")
    );
    assert_eq!(
        (last.id.as_str(), last.origin.to_string().as_str()),
        ("row-1028", "test.csv:1028")
    );
    let start = |text: &str| text.chars().take(60).collect::<String>();
    assert_eq!(
        start(&first.text),
        "Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\" und f"
    );
    assert_eq!(
        start(&last.text),
        "Wohl keine Einschränkungen bei Google-Services – gebogene Rä"
    );
    assert_eq!(
        (first.group.as_str(), last.group.as_str()),
        ("Wirtschaft", "Web")
    );
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for article in &corpus.articles {
        assert_eq!(article.fields["label"], article.group);
        assert_eq!(article.encoding, "UTF-8");
        *counts.entry(article.group.as_str()).or_default() += 1;
    }
    let expected = [
        ("Etat", 67),
        ("Inland", 102),
        ("International", 151),
        ("Kultur", 54),
        ("Panorama", 168),
        ("Sport", 120),
        ("Web", 168),
        ("Wirtschaft", 141),
        ("Wissenschaft", 57),
    ];
    assert_eq!(counts.into_iter().collect::<Vec<_>>(), expected);
    // Doubled quotes inside a quoted field are one quote (row 691).
    assert!(corpus.articles[690].text.contains("Rock 'n' Roll"));
}

#[test]
fn a_batch_reads_only_what_it_needs() {
    let mut reader = corpus::open(&test_csv(), &options()).unwrap();
    let total = reader.total_bytes().unwrap();
    assert_eq!(total, 2_755_020);
    let batch = reader.next_batch(1).unwrap();
    assert!(matches!(&batch[..], [Entry::Article(a)] if a.id == "row-1"));
    assert!(reader.bytes_read() < 64 * 1024, "{}", reader.bytes_read());
    let mut ids = vec!["row-1".to_owned()];
    while let Some(batch) = reader.next_batch(100) {
        for entry in batch {
            let Entry::Article(article) = entry else {
                panic!("{entry:?}")
            };
            ids.push(article.id);
        }
    }
    assert_eq!(reader.bytes_read(), total);
    let expected: Vec<String> = (1..=1028).map(|n| format!("row-{n}")).collect();
    assert_eq!(ids, expected);
}
