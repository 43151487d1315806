//! The TOML parser's error messages in Swedish. The `toml` crate words them in English
//! as a description and, often, what it expected: `key with no value, expected `=``.
//! Both parts come from a fixed list in the parser, translated here; a message not in
//! the list (a newer parser) keeps its English words.

/// The Swedish for a TOML parser message, or `None` when a part of it is not known.
pub(super) fn swedish(message: &str) -> Option<String> {
    let (description, expected) = match message.split_once(", expected ") {
        Some((d, e)) => (d, Some(e)),
        None => (message, None),
    };
    let mut out = describe(description)?;
    match expected {
        // What the description says already ("text måste stå inom citattecken").
        Some("literal string" | "basic string") if description == "string values must be quoted" => {}
        Some("nothing") => out.push_str("; här ska inget mer stå"),
        Some(expected) => {
            out.push_str(", väntade ");
            out.push_str(&expectation(expected)?);
        }
        None => {}
    }
    Some(out)
}

fn describe(description: &str) -> Option<String> {
    if let Some(kind) = description
        .strip_prefix("cannot extend value of type ")
        .and_then(|r| r.strip_suffix(" with a dotted key"))
    {
        return Some(format!(
            "kan inte bygga ut ett värde av typen {} med en punktad nyckel",
            kind_sv(kind)?
        ));
    }
    DESCRIPTIONS
        .iter()
        .find(|(en, _)| *en == description)
        .map(|(_, sv)| (*sv).to_string())
}

fn kind_sv(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "string" => "text",
        "integer" => "heltal",
        "float" => "decimaltal",
        "boolean" => "sanningsvärde",
        "datetime" | "date-time" => "datum",
        "array" => "lista",
        "inline table" => "`{ … }`-tabell",
        "table" => "tabell",
        _ => return None,
    })
}

/// `nothing`, or items joined by `, `: literals in backquotes (kept), `newline`, or
/// words describing what may come.
fn expectation(expected: &str) -> Option<String> {
    if expected == "nothing" {
        return Some("inget mer".to_string());
    }
    // A date or time's parts (toml_datetime), some with commas of their own.
    if let Some((_, sv)) = DATETIME_EXPECTED.iter().find(|(en, _)| *en == expected) {
        return Some((*sv).to_string());
    }
    if let Some(last) = expected.strip_prefix("day between 01 and ") {
        return Some(format!("dag mellan 01 och {last}"));
    }
    let items: Vec<String> = expected
        .split(", ")
        .map(|item| {
            if item.starts_with('`') || item.starts_with('\'') {
                Some(item.to_string())
            } else if item == "newline" {
                Some("radslut".to_string())
            } else {
                EXPECTED
                    .iter()
                    .find(|(en, _)| *en == item)
                    .map(|(_, sv)| (*sv).to_string())
            }
        })
        .collect::<Option<_>>()?;
    Some(match items.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [rest @ .., last] => format!("{} eller {last}", rest.join(", ")),
    })
}

/// The parser's descriptions of what went wrong (toml_parser and the `toml` crate).
pub(super) const DESCRIPTIONS: &[(&str, &str)] = &[
    ("`_` may only go between digits", "`_` får bara stå mellan siffror"),
    (
        "cannot recurse further; max recursion depth met",
        "för djupt nästlat: största tillåtna djup är nått",
    ),
    (
        "carriage return must be followed by newline",
        "en vagnretur (CR) måste följas av radslut",
    ),
    ("duplicate key", "nyckeln finns redan"),
    ("expected empty array", "väntade en tom lista"),
    ("expected empty table", "väntade en tom tabell"),
    ("extra `=`", "ett `=` för mycket"),
    (
        "extra assignment between key-value pairs",
        "ett `=` för mycket mellan nyckel och värde",
    ),
    ("extra comma in array", "ett kommatecken för mycket i listan"),
    (
        "extra comma in inline table",
        "ett kommatecken för mycket i `{ … }`-tabellen",
    ),
    ("floating-point number overflowed", "decimaltalet är för stort"),
    ("integer number overflowed", "heltalet är för stort"),
    (
        "integers with a radix cannot be signed",
        "ett heltal med talbas (0x, 0o, 0b) kan inte ha + eller −",
    ),
    ("invalid basic string", "ogiltig text"),
    ("invalid binary number", "ogiltigt binärt tal"),
    ("invalid boolean", "ogiltigt sanningsvärde"),
    ("invalid comment character", "otillåtet tecken i kommentaren"),
    ("invalid date", "ogiltigt datum"),
    ("invalid date-time", "ogiltigt datum eller klockslag"),
    ("invalid datetime", "ogiltigt datum eller klockslag"),
    ("invalid offset", "ogiltig tidszon"),
    ("invalid time", "ogiltigt klockslag"),
    ("invalid exponent", "ogiltig exponent"),
    ("invalid float", "ogiltigt decimaltal"),
    ("invalid fraction", "ogiltiga decimaler"),
    ("invalid hexadecimal number", "ogiltigt hexadecimalt tal"),
    ("invalid inline table element", "ogiltigt element i `{ … }`-tabellen"),
    ("invalid integer number", "ogiltigt heltal"),
    ("invalid key", "ogiltig nyckel"),
    ("invalid key-value pair", "ogiltigt par av nyckel och värde"),
    ("invalid literal string", "ogiltig text"),
    ("invalid mantissa", "ogiltig mantissa"),
    ("invalid multi-line basic string", "ogiltig text över flera rader"),
    ("invalid multi-line literal string", "ogiltig text över flera rader"),
    ("invalid octal number", "ogiltigt oktalt tal"),
    ("invalid string", "ogiltig text"),
    ("invalid table", "ogiltig tabell"),
    ("invalid unquoted key", "ogiltig nyckel utan citattecken"),
    ("invalid value", "ogiltigt värde"),
    ("key with no value", "nyckel utan värde"),
    (
        "keys cannot be multi-line basic strings",
        "en nyckel kan inte vara text över flera rader",
    ),
    (
        "keys cannot be multi-line literal strings",
        "en nyckel kan inte vara text över flera rader",
    ),
    ("missing array opening", "`[` saknas i början av listan"),
    (
        "missing assignment between key-value pairs",
        "`=` saknas mellan nyckel och värde",
    ),
    (
        "missing comma between array elements",
        "kommatecken saknas mellan listans element",
    ),
    (
        "missing comma between key-value pairs",
        "kommatecken saknas mellan paren av nyckel och värde",
    ),
    ("missing comment start", "`#` saknas i början av kommentaren"),
    ("missing escaped value", "tecken saknas efter `\\`"),
    ("missing inline table opening", "`{` saknas i början av tabellen"),
    (
        "missing key for inline table element",
        "nyckel saknas för ett element i `{ … }`-tabellen",
    ),
    ("missing opening quote", "inledande citattecken saknas"),
    ("missing table open", "`[` saknas i början av tabellnamnet"),
    ("missing value for key", "värde saknas för nyckeln"),
    ("missing value", "värde saknas"),
    ("radix must be lowercase", "talbasen skrivs med gemen (0x, 0o, 0b)"),
    ("redundant integer number prefix", "onödigt prefix på heltalet"),
    ("redundant numeric sign", "onödigt + eller − på talet"),
    ("string values must be quoted", "text måste stå inom citattecken"),
    ("too few unicode value digits", "för få siffror i unicode-koden"),
    ("unclosed array table", "`[[…]]`-rubriken är inte avslutad"),
    ("unclosed array", "listan är inte avslutad"),
    ("unclosed inline table", "`{ … }`-tabellen är inte avslutad"),
    ("unclosed table", "tabellrubriken är inte avslutad"),
    ("unexpected `=` in array", "oväntat `=` i listan"),
    (
        "unexpected content between comment and newline",
        "oväntat innehåll mellan kommentar och radslut",
    ),
    ("unexpected content", "oväntat innehåll"),
    ("unexpected key or value", "oväntad nyckel eller oväntat värde"),
    ("unexpected leading zero", "en inledande nolla är inte tillåten"),
    ("unexpected sign", "oväntat + eller −"),
    (
        "unquoted keys cannot be empty",
        "en nyckel utan citattecken kan inte vara tom",
    ),
];

/// What a date or a time lacked (toml_datetime), each as a whole.
const DATETIME_EXPECTED: &[(&str, &str)] = &[
    ("`-` (MM-DD)", "`-` (MM-DD)"),
    ("`-` (YYYY-MM) or `:` (HH:MM)", "`-` (ÅÅÅÅ-MM) eller `:` (TT:MM)"),
    ("`:` (HH:MM)", "`:` (TT:MM)"),
    ("`T` between date and time", "`T` mellan datum och klockslag"),
    ("`Z`, +OFFSET, -OFFSET", "`Z`, +TIDSZON eller -TIDSZON"),
    ("a four-digit year (YYYY)", "ett fyrsiffrigt år (ÅÅÅÅ)"),
    ("a two-digit day (DD)", "en tvåsiffrig dag (DD)"),
    ("a two-digit hour (HH)", "en tvåsiffrig timme (TT)"),
    ("a two-digit minute (MM)", "en tvåsiffrig minut (MM)"),
    ("a two-digit month (MM)", "en tvåsiffrig månad (MM)"),
    ("a two-digit second (SS)", "en tvåsiffrig sekund (SS)"),
    ("day", "dag"),
    ("hour between 00 and 23", "timme mellan 00 och 23"),
    ("hours between 00 and 23", "timmar mellan 00 och 23"),
    ("hour", "timme"),
    ("minute between 00 and 59", "minut mellan 00 och 59"),
    ("minutes between 00 and 59", "minuter mellan 00 och 59"),
    ("minute", "minut"),
    ("month between 01 and 12", "månad mellan 01 och 12"),
    ("month", "månad"),
    ("nanosecond", "nanosekund"),
    ("nanoseconds overflowed", "för många nanosekunder"),
    ("second between 00 and 60", "sekund mellan 00 och 60"),
    ("second", "sekund"),
    ("year or hour", "år eller timme"),
];

/// The parser's words for what it expected (besides literals and `newline`).
const EXPECTED: &[(&str, &str)] = &[
    ("basic string", "text inom citattecken"),
    ("characters", "tecken"),
    ("digits", "siffror"),
    ("key", "en nyckel"),
    ("letters", "bokstäver a–z"),
    ("literal string", "text inom citattecken"),
    ("multi-line basic string", "text över flera rader"),
    ("non-double-quote visible characters", "synliga tecken utom `\"`"),
    ("non-single-quote characters", "tecken utom `'`"),
    ("non-single-quote visible characters", "synliga tecken utom `'`"),
    ("numbers", "siffror"),
    ("printable characters", "skrivbara tecken"),
    ("unicode hexadecimal value", "en hexadecimal unicode-kod"),
    ("value", "ett värde"),
];

#[cfg(test)]
mod tests {
    use super::swedish;

    /// The mistakes people make in a hand-written file all come out in Swedish.
    #[test]
    fn common_mistakes_are_worded_in_swedish() {
        let broken = [
            "name = \"abc",
            "name = abc",
            "a = 1\na = 2",
            "[project\nname = \"x\"",
            "a = [1, 2",
            "a = 1 2",
            "a == 1",
            "a = 01",
            "a = 1\n[a.b]\nc = 1",
            "a = 12.",
            "a = 1e",
            "a = tru",
            "a = \"\\q\"",
            "a = 'x",
            "a.b = 1\na = 2",
            "a = { b = 1 c = 2 }",
            "a = [1 2]",
            "= 1",
            "a = ",
            "[[costs]\nname = \"x\"",
            "a = 1,5",
            "a = 1 000",
            "a = \"x\" # ok\nb = { = 1 }",
            "a = 2025-13-01",
            "a = 2025-02-30",
            "a = 2025-06-01T25:00:00",
            "a = 12:61:00",
            "a = 2025-06-01T10:00:00+25:00",
            "a = +0x1",
            "a = 0X1",
            "a = 1__0",
            "a = [1,,2]",
            "a = { b = 1,, }",
            "a = \"\"\"x",
        ];
        for text in broken {
            let (_, errors) = toml::de::DeTable::parse_recoverable(text);
            assert!(!errors.is_empty(), "{text:?} parses");
            for e in errors {
                let m = e.message().trim_end();
                assert!(swedish(m).is_some(), "{text:?}: {m}");
            }
        }
    }

    #[test]
    fn descriptions_and_expectations_are_translated() {
        assert_eq!(
            swedish("key with no value, expected `=`").as_deref(),
            Some("nyckel utan värde, väntade `=`")
        );
        assert_eq!(
            swedish("unexpected key or value, expected newline, `#`").as_deref(),
            Some("oväntad nyckel eller oväntat värde, väntade radslut eller `#`")
        );
        assert_eq!(
            swedish("extra `=`, expected nothing").as_deref(),
            Some("ett `=` för mycket; här ska inget mer stå")
        );
        assert_eq!(
            swedish("string values must be quoted, expected literal string").as_deref(),
            Some("text måste stå inom citattecken")
        );
        assert_eq!(
            swedish("missing escaped value, expected `b`, `e`, `f`").as_deref(),
            Some("tecken saknas efter `\\`, väntade `b`, `e` eller `f`")
        );
        assert_eq!(
            swedish("cannot extend value of type integer with a dotted key").as_deref(),
            Some("kan inte bygga ut ett värde av typen heltal med en punktad nyckel")
        );
        assert_eq!(swedish("duplicate key").as_deref(), Some("nyckeln finns redan"));
        // Unknown words: none, so that the caller keeps the English.
        assert_eq!(swedish("something new"), None);
        assert_eq!(swedish("duplicate key, expected something new"), None);
    }
}
