//! W302: the same project twice in one batch — two submissions with the same project
//! id, or with the same content (comments and layout aside) — docs/check-rules.md,
//! "W302". The batch streams, so the warning goes on the later of the two, naming both;
//! `nytta batch --dedupe` keeps only the newest by modification time instead.

use crate::diagnostic::{Code, Diagnostic};
use std::collections::HashMap;

/// A fingerprint of a project file's content: its lines trimmed, blank lines and
/// whole-line comments left out (so a reindented or recommented copy is the same).
/// 64 bits of foldhash with a fixed seed (fast: a batch fingerprints every file): the
/// same text gives the same fingerprint, and two different files share one with odds
/// of about 1 in 10^19.
pub fn fingerprint(text: &str) -> u64 {
    use std::hash::BuildHasher;
    // The kept lines, each followed by 0xff (a byte UTF-8 never has, so the joining is
    // unambiguous), hashed in one call: foldhash is fastest on one long input, and
    // `memchr` finds line ends many bytes at a time. A batch fingerprints every file.
    let bytes = text.as_bytes();
    let mut kept = Vec::with_capacity(bytes.len() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line = bytes[start..end].trim_ascii();
        start = end + 1;
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        kept.extend_from_slice(line);
        kept.push(0xff);
    }
    foldhash::fast::FixedState::with_seed(0x006e_7974_7461).hash_one(kept.as_slice())
}

/// The submissions seen so far in a batch, by project id and by content (hashed with
/// foldhash: the writer looks up every row of a batch here).
#[derive(Debug, Default)]
pub struct Duplicates {
    by_id: HashMap<String, String, foldhash::fast::RandomState>,
    by_content: HashMap<u64, String, foldhash::fast::RandomState>,
}

impl Duplicates {
    /// W302 for a submission (its source, project id and [`fingerprint`]) when an
    /// earlier one has its project id or its content; it is remembered either way.
    pub fn check(&mut self, source: &str, id: &str, content: Option<u64>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let same_content = content.and_then(|c| self.by_content.get(&c)).cloned();
        if let Some(first) = &same_content {
            out.push(
                Diagnostic::new(
                    Code::W302,
                    crate::text!(sv: "{source} har samma innehåll som {first}"; en: "{source} has the same content as {first}"),
                )
                .hint(crate::diagnostic::Text::new(
                    "samma ansökan två gånger: ta bort den ena, eller behåll den nyaste med --dedupe",
                    "the same submission twice: remove one, or keep the newest with --dedupe",
                )),
            );
        }
        if !id.is_empty()
            && let Some(first) = self.by_id.get(id)
            && same_content.as_ref() != Some(first)
        {
            out.push(
                Diagnostic::new(
                    Code::W302,
                    crate::text!(sv: "{source} har samma projekt-id `{id}` som {first}"; en: "{source} has the same project id `{id}` as {first}"),
                )
                .hint(crate::diagnostic::Text::new(
                    "två versioner av samma projekt: behåll den nyaste (--dedupe), eller ge varje projekt ett eget id",
                    "two versions of one project: keep the newest (--dedupe), or give each project its own id",
                )),
            );
        }
        if !id.is_empty() {
            self.by_id.entry(id.to_string()).or_insert_with(|| source.to_string());
        }
        if let Some(c) = content {
            self.by_content.entry(c).or_insert_with(|| source.to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_id_or_same_content_names_both() {
        let mut d = Duplicates::default();
        assert!(d.check("a.toml", "P-1", Some(1)).is_empty());
        let w = d.check("b.toml", "P-1", Some(2));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].message.en, "b.toml has the same project id `P-1` as a.toml");
        let w = d.check("c.toml", "", Some(1));
        assert_eq!(w[0].message.en, "c.toml has the same content as a.toml");
        // Same id and content as a.toml: one warning, not two.
        assert_eq!(d.check("d.toml", "P-1", Some(1)).len(), 1);
        assert!(d.check("e.toml", "P-2", Some(3)).is_empty());
    }

    #[test]
    fn fingerprint_ignores_comments_and_layout() {
        assert_eq!(fingerprint("a = 1\n# x\n\n  b = 2\n"), fingerprint("a = 1\nb = 2"));
        assert_ne!(fingerprint("a = 1\n"), fingerprint("a = 2\n"));
        // Windows line ends and tabs are layout; where a line ends is not.
        assert_eq!(fingerprint("a = 1\r\n\tb = 2\r\n"), fingerprint("a = 1\nb = 2\n"));
        assert_ne!(fingerprint("a = 1\nb = 2\n"), fingerprint("a = 1b = 2\n"));
    }
}
