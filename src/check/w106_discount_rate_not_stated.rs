//! W106: the file does not state a discount rate (kalkylränta); the default is used.

use super::Context;
use crate::diagnostic::{Code, Diagnostic, Text};
use crate::fmt::{Lang, message_percent};

pub fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let assumptions = &ctx.project.assumptions;
    if assumptions.discount_rate_stated {
        return;
    }
    out.push(
        Diagnostic::new(
            Code::W106,
            Text::by(|lang| match lang {
                Lang::Sv => format!(
                    "kalkylräntan är inte angiven: {} används",
                    message_percent(assumptions.discount_rate, lang)
                ),
                Lang::En => format!(
                    "discount rate (kalkylränta) not stated: {} used",
                    message_percent(assumptions.discount_rate, lang)
                ),
            }),
        )
        .hint(Text::new(
            "ange räntan under [assumptions], till exempel `discount_rate = \"3 %\"` (Ineras standardvärde, efter TLV), så att valet syns och är medvetet",
            "state the rate under [assumptions], e.g. `discount_rate = \"3 %\"` (Inera's default, after TLV), so the choice is visible and deliberate",
        ))
        .maybe_span(ctx.project.spans.assumptions.clone().or_else(|| ctx.project_span()))
        .at("assumptions.discount_rate"),
    );
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::check::test_support::{HEAD, findings};
    use crate::diagnostic::Code;

    #[test]
    fn fires_when_not_stated() {
        let text = HEAD.replace("discount_rate = \"3.5 %\"\n", "");
        let found = findings(check, Code::W106, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message.en, "discount rate (kalkylränta) not stated: 3 % used");
        assert_eq!(found[0].at.as_deref(), Some("assumptions.discount_rate"));
    }

    #[test]
    fn fires_without_assumptions_table() {
        let text = "format = 1\n[project]\nname = \"P\"\norganisation = \"O\"\nstart_year = 2025\n";
        assert_eq!(findings(check, Code::W106, text).len(), 1);
    }

    #[test]
    fn silent_when_stated() {
        assert!(findings(check, Code::W106, HEAD).is_empty());
        // Stating the default explicitly is fine too.
        let text = HEAD.replace("\"3.5 %\"", "0.03");
        assert!(findings(check, Code::W106, &text).is_empty());
    }
}
