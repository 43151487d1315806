//! The generic walker: typed reads of spanned TOML values (strings, numbers in every notation, bounded ranges, months, per-year and per-month maps) that record a located diagnostic for each problem and carry on.

use super::*;

impl Walker {
    pub(super) fn push(&mut self, code: Code, message: Text, hint: Text, span: Span, at: &dyn Display) {
        let d = Diagnostic::new(code, message).hint(hint).span(span).at(at.to_string());
        keep(&mut self.diags, &mut self.omitted, d);
    }

    /// E002 for every key of `table` not in `known`, with a did-you-mean.
    pub(super) fn unknown_keys(&mut self, table: &DeTable, known: &[&str], path: &dyn Display) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if known.iter().any(|k| same_key(k, name)) {
                continue;
            }
            let hint = match did_you_mean(name, known.iter().copied()) {
                Some(near) => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                None => {
                    let keys = known.join(", ");
                    text!(sv: "kända nycklar här: {keys}"; en: "known keys here: {keys}")
                }
            };
            let w = describe_path(&path.to_string());
            self.push(
                Code::E002,
                text!(sv: "okänd nyckel `{name}` i {}", w.sv; en: "unknown key `{name}` in {}", w.en),
                hint,
                key.span(),
                &Key(path, name),
            );
        }
    }

    pub(super) fn required<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        key: &str,
        path: &dyn Display,
        span: &Span,
        example: &str,
    ) -> Option<&'t Val<'i>> {
        let value = get(table, key);
        if value.is_none() {
            let w = describe_path(&path.to_string());
            self.push(
                Code::E003,
                text!(sv: "nyckeln `{key}` saknas i {}", w.sv; en: "missing required key `{key}` in {}", w.en),
                text!(sv: "lägg till `{key} = {example}`"; en: "add `{key} = {example}`"),
                header_span(span),
                &Key(path, key),
            );
        }
        value
    }

    pub(super) fn wrong_type(&mut self, v: &Val, expected: Text, path: &dyn Display, hint: Text) {
        let found = type_name(v.get_ref());
        self.push(
            Code::E004,
            text!(
                sv: "`{path}` ska vara {}, inte {}", expected.sv, found.sv;
                en: "`{path}` must be {}, not {}", expected.en, found.en
            ),
            hint,
            v.span(),
            path,
        );
    }

    pub(super) fn table<'t, 'i>(&mut self, v: &'t Val<'i>, path: &dyn Display) -> Option<&'t DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => {
                self.wrong_type(
                    v,
                    Text::new("en tabell", "a table"),
                    path,
                    Text::new(
                        "skriv den som `[avsnitt]` eller `{ nyckel = värde }`",
                        "write it as `[section]` or `{ key = value }`",
                    ),
                );
                None
            }
        }
    }

    pub(super) fn string(&mut self, v: &Val, path: &dyn Display) -> Option<String> {
        self.str_ref(v, path).map(str::to_string)
    }

    /// [`Self::string`] without copying it.
    pub(super) fn str_ref<'v>(&mut self, v: &'v Val, path: &dyn Display) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s),
            _ => {
                self.wrong_type(
                    v,
                    Text::new("en text", "a string"),
                    path,
                    Text::new("skriv texten inom dubbla citattecken", "put the text in double quotes"),
                );
                None
            }
        }
    }

    pub(super) fn non_empty_string(&mut self, v: &Val, path: &dyn Display) -> Option<String> {
        let s = self.string(v, path)?;
        if s.trim().is_empty() {
            self.push(
                Code::E005,
                text!(sv: "`{path}` är tom"; en: "`{path}` is empty"),
                Text::new("skriv ett namn", "write a name"),
                v.span(),
                path,
            );
            return None;
        }
        Some(s)
    }

    pub(super) fn opt_string(&mut self, t: &DeTable, key: &str, path: &dyn Display) -> Option<String> {
        get(t, key).and_then(|v| self.string(v, &Key(path, key)))
    }

    pub(super) fn number(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let result = match v.get_ref() {
            DeValue::Integer(i) => parse_integer_literal(i.as_str(), i.radix()),
            DeValue::Float(f) => parse_float_literal(f.as_str()),
            DeValue::String(s) => parse_number_str(s),
            _ => {
                self.wrong_type(
                    v,
                    Text::new("ett tal", "a number"),
                    path,
                    Text::new(
                        "skriv till exempel `1200000`, `\"1 200 000,50\"` eller `\"3,5 %\"`",
                        "write e.g. `1200000`, `\"1 200 000,50\"` or `\"3,5 %\"`",
                    ),
                );
                return None;
            }
        };
        match result {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if matches!(e, NumberError::TooLarge(_)) {
                    Code::E011
                } else {
                    Code::E005
                };
                let (message, hint) = (e.text(), e.hint_text());
                self.push(code, message.map(|m, _| format!("`{path}`: {m}")), hint, v.span(), path);
                None
            }
        }
    }

    /// A number in `[min, max]` (bounds inclusive when `None` is not given).
    pub(super) fn bounded(
        &mut self,
        v: &Val,
        path: &dyn Display,
        min: Option<Decimal>,
        max: Option<Decimal>,
        what: Text,
    ) -> Option<Decimal> {
        let d = self.number(v, path)?;
        let low = min.is_some_and(|m| d < m);
        let high = max.is_some_and(|m| d > m);
        if low || high {
            self.push(
                Code::E005,
                text!(
                    sv: "`{path}` = {d} ligger utanför det tillåtna: {}", what.sv;
                    en: "`{path}` = {d} is out of range: {}", what.en
                ),
                text!(sv: "använd {}", what.sv; en: "use {}", what.en),
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    pub(super) fn non_negative(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let d = self.number(v, path)?;
        if d.is_sign_negative() && !d.is_zero() {
            self.push(
                Code::E005,
                text!(sv: "`{path}` = {d} är negativt"; en: "`{path}` = {d} is negative"),
                Text::new(
                    "bara `amounts` får vara negativa (en återbetalning); skriv värdet som ett positivt tal",
                    "only `amounts` may be negative (a refund); write the value as a positive number",
                ),
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    pub(super) fn fraction(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        self.bounded(
            v,
            path,
            Some(Decimal::ZERO),
            Some(Decimal::ONE),
            Text::new(
                "en andel från 0 till 1 (eller \"0 %\" till \"100 %\")",
                "a fraction from 0 to 1 (or \"0 %\" to \"100 %\")",
            ),
        )
    }

    pub(super) fn integer(&mut self, v: &Val, path: &dyn Display, min: i64, max: i64) -> Option<i64> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            _ => {
                self.wrong_type(
                    v,
                    Text::new("ett heltal", "an integer"),
                    path,
                    Text::new(
                        "skriv ett heltal utan citattecken",
                        "write a whole number without quotes",
                    ),
                );
                return None;
            }
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.push(
                    Code::E005,
                    text!(sv: "`{path}` ligger utanför det tillåtna"; en: "`{path}` is out of range"),
                    text!(sv: "använd ett heltal från {min} till {max}"; en: "use a whole number from {min} to {max}"),
                    v.span(),
                    path,
                );
                None
            }
        }
    }

    /// A month: `"YYYY-MM"`, a TOML date (its month), or a bare year (January, or
    /// December when it ends a period).
    pub(super) fn month(&mut self, v: &Val, path: &dyn Display, end: bool) -> Option<Month> {
        let month = match v.get_ref() {
            // A bare year, also as a string: January, or December when it ends a period.
            DeValue::String(s) if s.trim().len() == 4 => s
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(|y| Month::new(y, if end { 12 } else { 1 })),
            DeValue::String(s) => Month::parse(s),
            DeValue::Integer(i) => i
                .as_str()
                .parse::<i32>()
                .ok()
                .filter(|y| (1000..=9999).contains(y))
                .map(|y| Month::new(y, if end { 12 } else { 1 })),
            DeValue::Datetime(d) => d.date.map(|d| Month::new(i32::from(d.year), u32::from(d.month))),
            _ => None,
        };
        if month.is_none() {
            self.push(
                Code::E004,
                text!(
                    sv: "`{path}` ska vara en månad `\"ÅÅÅÅ-MM\"` eller ett år";
                    en: "`{path}` must be a month `\"YYYY-MM\"` or a year"
                ),
                Text::new(
                    "skriv till exempel `\"2010-03\"` eller `2010`",
                    "write e.g. `\"2010-03\"` or `2010`",
                ),
                v.span(),
                path,
            );
        }
        month
    }

    /// A table keyed by year only: `{ 2010 = 0.2, 2011 = 0.5 }` (adoption).
    pub(super) fn year_map(
        &mut self,
        v: &Val,
        path: &dyn Display,
        horizon: Option<Horizon>,
        value: impl FnMut(&mut Self, &Val, &dyn Display) -> Option<Decimal>,
    ) -> Option<BTreeMap<i32, Decimal>> {
        self.period_map(v, path, horizon, false, value).map(|p| p.years)
    }

    /// A table keyed by year, or (with `months`) also by month:
    /// `{ 2009 = 1200000, "2010-10" = 300000 }`. A year and a month of the same year in
    /// one table is E007.
    pub(super) fn period_map(
        &mut self,
        v: &Val,
        path: &dyn Display,
        horizon: Option<Horizon>,
        months: bool,
        mut value: impl FnMut(&mut Self, &Val, &dyn Display) -> Option<Decimal>,
    ) -> Option<Periods> {
        let table = match v.get_ref() {
            DeValue::Table(t) => t,
            _ => {
                self.wrong_type(
                    v,
                    if months {
                        Text::new("en tabell med år eller månader", "a table of years or months")
                    } else {
                        Text::new("en tabell med år", "a table of years")
                    },
                    path,
                    Text::new(
                        "skriv till exempel `{ 2009 = 1200000, 2010 = 300000 }`",
                        "write e.g. `{ 2009 = 1200000, 2010 = 300000 }`",
                    ),
                );
                return None;
            }
        };
        let mut map = Periods::default();
        let mut ok = true;
        for (key, item) in table.iter() {
            let name = key.get_ref().as_ref();
            let item_path = Key(path, name);
            let year = name.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
            let month = if months && year.is_none() {
                Month::parse(name).filter(|m| (1000..=9999).contains(&m.year()))
            } else {
                None
            };
            if year.is_none() && month.is_none() {
                self.push(
                    Code::E005,
                    if months {
                        text!(
                            sv: "`{name}` i `{path}` är varken ett år eller en månad";
                            en: "`{name}` in `{path}` is neither a year nor a month"
                        )
                    } else {
                        text!(sv: "`{name}` i `{path}` är inte ett år"; en: "`{name}` in `{path}` is not a year")
                    },
                    if months {
                        Text::new(
                            "använd fyrsiffriga år eller månader som nycklar, till exempel `{ 2010 = 400, \"2011-10\" = 100 }`",
                            "key the table by four-digit years or by months, e.g. `{ 2010 = 400, \"2011-10\" = 100 }`",
                        )
                    } else {
                        Text::new(
                            "använd fyrsiffriga år som nycklar, till exempel `{ 2010 = 400 }`",
                            "key the table by four-digit years, e.g. `{ 2010 = 400 }`",
                        )
                    },
                    key.span(),
                    &item_path,
                );
                ok = false;
                continue;
            }
            let key_year = year.or(month.map(Month::year)).unwrap_or_default();
            if let Some(h) = horizon
                && !h.contains_year(key_year)
            {
                let what = match month {
                    Some(m) => text!(sv: "månaden {m}"; en: "month {m}"),
                    None => text!(sv: "året {key_year}"; en: "year {key_year}"),
                };
                let horizon = h.describe();
                self.push(
                    Code::E010,
                    text!(
                        sv: "{} i `{path}` ligger utanför kalkylperioden {horizon}", what.sv;
                        en: "{} in `{path}` is outside the horizon {horizon}", what.en
                    ),
                    Text::new(
                        "använd ett år inom kalkylperioden, eller ändra `start_year`/`years` under [project]",
                        "use a year within the horizon, or change `start_year`/`years` in [project]",
                    ),
                    key.span(),
                    &item_path,
                );
                ok = false;
                continue;
            }
            let Some(d) = value(self, item, &item_path) else {
                ok = false;
                continue;
            };
            let clash = match month {
                Some(m) => {
                    if map.months.insert(m, d).is_some() {
                        Some((
                            text!(sv: "månaden {m} anges två gånger i `{path}`"; en: "month {m} is given twice in `{path}`"),
                            Text::new("ange varje månad en gång", "give each month once"),
                        ))
                    } else if map.years.contains_key(&m.year()) {
                        Some((
                            text!(
                                sv: "`{path}` anger både året {} och dess månad {m}", m.year();
                                en: "`{path}` gives both the year {} and its month {m}", m.year()
                            ),
                            both_year_and_months(),
                        ))
                    } else {
                        None
                    }
                }
                None => {
                    let y = key_year;
                    if map.years.insert(y, d).is_some() {
                        Some((
                            text!(sv: "året {y} anges två gånger i `{path}`"; en: "year {y} is given twice in `{path}`"),
                            Text::new("ange varje år en gång", "give each year once"),
                        ))
                    } else if map.months.range(Month::new(y, 1)..=Month::new(y, 12)).next().is_some() {
                        Some((
                            text!(
                                sv: "`{path}` anger både året {y} och månader i det";
                                en: "`{path}` gives both the year {y} and months of it"
                            ),
                            both_year_and_months(),
                        ))
                    } else {
                        None
                    }
                }
            };
            if let Some((message, hint)) = clash {
                self.push(Code::E007, message, hint, key.span(), &item_path);
                ok = false;
            }
        }
        ok.then_some(map)
    }

    /// Actuals per year; month keys are added into their year (follow-up is yearly).
    pub(super) fn actuals_map(
        &mut self,
        v: &Val,
        path: &dyn Display,
        horizon: Option<Horizon>,
    ) -> Option<BTreeMap<i32, Decimal>> {
        let periods = self.period_map(v, path, horizon, true, Self::any_number)?;
        periods.by_year()
    }

    /// Any number, positive or negative, of at most 10^20 (a money amount).
    pub(super) fn any_number(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        let d = self.number(v, path)?;
        if d.abs() > MAX_YEARLY_MONEY {
            self.push(
                Code::E011,
                text!(sv: "`{path}` = {d} är för stort"; en: "`{path}` = {d} is too large"),
                Text::new(
                    "belopp anges i kronor; kontrollera storleksordningen",
                    "amounts are in kronor; check the magnitude",
                ),
                v.span(),
                path,
            );
            return None;
        }
        Some(d)
    }

    pub(super) fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count() + self.omitted.errors
    }

    /// A string that must be one of `choices`, with a did-you-mean.
    pub(super) fn choice<'c>(&mut self, v: &Val, path: &dyn Display, choices: &[&'c str]) -> Option<&'c str> {
        let s = self.str_ref(v, path)?;
        if let Some(c) = choices.iter().find(|c| **c == s) {
            return Some(c);
        }
        let hint = match did_you_mean(s, choices.iter().copied()) {
            Some(near) => text!(sv: "menade du `\"{near}\"`?"; en: "did you mean `\"{near}\"`?"),
            None => {
                let all = choices
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                text!(sv: "använd något av: {all}"; en: "use one of: {all}")
            }
        };
        self.push(
            Code::E005,
            text!(
                sv: "`{path}` = \"{s}\" är inte något av {}", choices.join(", ");
                en: "`{path}` = \"{s}\" is not one of {}", choices.join(", ")
            ),
            hint,
            v.span(),
            path,
        );
        None
    }
}

/// The hint for a year given both as a year amount and as month amounts.
fn both_year_and_months() -> Text {
    Text::new(
        "ange ett år antingen som ett årsbelopp eller som månadsbelopp, inte båda",
        "give a year either as one year amount or as month amounts, not both",
    )
}
