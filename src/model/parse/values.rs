//! The value forms of a line (docs/format.md, "Value forms"): `amounts`, `annual`, `hours`, `annual_hours` and `volume` with its saving per case and adoption.

use super::*;

impl Walker {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn value_source(
        &mut self,
        t: &DeTable,
        path: &dyn Display,
        span: &Span,
        horizon: Option<Horizon>,
        assumptions: Option<&Assumptions>,
        line: &mut Line,
    ) {
        let keys = ValueKeys::of(t);
        let forms: Vec<&str> = VALUE_FORMS.iter().copied().filter(|k| keys.has(k)).collect();
        match forms.as_slice() {
            [] if t.iter().any(|(k, _)| {
                let key = k.get_ref().as_ref();
                !VALUE_FORMS.contains(&key) && did_you_mean(key, VALUE_FORMS.iter().copied()).is_some()
            }) =>
            {
                // A misspelt value form (`ammounts`) is already reported as an unknown key.
                return;
            }
            [] => {
                self.push(
                    Code::E006,
                    {
                        let (w, forms) = (describe_path(&path.to_string()), VALUE_FORMS.join(", "));
                        text!(
                            sv: "{} saknar värde: ange exakt ett av {forms}", w.sv;
                            en: "{} has no value: give exactly one of {forms}", w.en
                        )
                    },
                    Text::new(
                        "lägg till till exempel `annual = 150000` eller `amounts = { 2025 = 1200000 }`",
                        "add e.g. `annual = 150000` or `amounts = { 2025 = 1200000 }`",
                    ),
                    header_span(span),
                    path,
                );
                return;
            }
            [_] => {}
            [first, second, ..] => {
                self.push(
                    Code::E006,
                    {
                        let w = describe_path(&path.to_string());
                        text!(
                            sv: "{} har två värdeformer, `{first}` och `{second}`", w.sv;
                            en: "{} has two value forms, `{first}` and `{second}`", w.en
                        )
                    },
                    Text::new(
                        "behåll exakt en värdeform per rad; dela upp den i två rader om båda avses",
                        "keep exactly one value form per line; split it into two lines if both are meant",
                    ),
                    t[*second].span(),
                    &Key(path, second),
                );
                return;
            }
        }
        let form = forms[0];
        let periodic = matches!(form, "annual" | "annual_hours" | "volume");
        let stray = |k: &&str| -> bool {
            keys.has(k)
                && match *k {
                    "from" | "to" | "growth" => !periodic,
                    // Only lines valued in hours: `hours`, `annual_hours`, or volume × minutes.
                    "hourly_cost" => match form {
                        "hours" | "annual_hours" => false,
                        "volume" => keys.has("unit_saving"),
                        _ => true,
                    },
                    _ => form != "volume",
                }
        };
        let strays: Vec<&str> = PERIOD_KEYS
            .iter()
            .chain(VOLUME_KEYS)
            .chain(&["hourly_cost"])
            .copied()
            .filter(stray)
            .collect();
        for key in &strays {
            self.push(
                Code::E006,
                text!(
                    sv: "`{key}` hör inte till en rad som värderas med `{form}`";
                    en: "`{key}` does not belong to a line valued by `{form}`"
                ),
                match *key {
                    "from" | "to" | "growth" => Text::new(
                        "`from`, `to` och `growth` gäller `annual`, `annual_hours` och `volume`; ta bort nyckeln",
                        "`from`, `to` and `growth` apply to `annual`, `annual_hours` and `volume`; remove the key",
                    ),
                    "hourly_cost" => Text::new(
                        "`hourly_cost` gäller rader i timmar; ta bort den",
                        "`hourly_cost` applies to lines in hours; remove it",
                    ),
                    _ => text!(
                        sv: "`{key}` hör till `volume`; ta bort den eller värdera raden med volym";
                        en: "`{key}` goes with `volume`; remove it or value the line by volume"
                    ),
                },
                t[*key].span(),
                &Key(path, key),
            );
        }
        if !strays.is_empty() {
            return;
        }
        let fpath = Key(path, form);
        let fval = &t[form];
        let value = match form {
            "amounts" => self
                .period_map(fval, &fpath, horizon, true, Self::any_number)
                .map(ValueSource::Amounts),
            "hours" => self
                .period_map(fval, &fpath, horizon, true, Self::non_negative)
                .map(ValueSource::Hours),
            "annual" => self.non_negative(fval, &fpath).map(ValueSource::Annual),
            "annual_hours" => self.non_negative(fval, &fpath).map(ValueSource::AnnualHours),
            _ => self.volume(t, path, fval, horizon),
        };
        let Some(value) = value else { return };

        // Hourly cost.
        if value.needs_hourly_cost() {
            let own = get(t, "hourly_cost").and_then(|v| self.non_negative(v, &Key(path, "hourly_cost")));
            let hourly = own.or(assumptions.and_then(|a| a.hourly_cost));
            match (hourly, assumptions) {
                (Some(h), Some(a)) => match h.checked_mul(Decimal::ONE + a.overhead) {
                    Some(rate) => line.hourly_rate = Some(rate),
                    None => self.push(
                        Code::E011,
                        text!(sv: "timkostnaden för {path} blir för stor"; en: "hourly cost of {path} overflows"),
                        Text::new("kontrollera storleksordningen", "check the magnitude"),
                        fval.span(),
                        path,
                    ),
                },
                (None, Some(_)) if !keys.has("hourly_cost") => self.push(
                    Code::E003,
                    {
                        let w = describe_path(&path.to_string());
                        text!(
                            sv: "{} värderas i timmar men ingen timkostnad är angiven", w.sv;
                            en: "{} is valued in hours but no hourly cost is given", w.en
                        )
                    },
                    Text::new(
                        "lägg till `hourly_cost = 450` under [assumptions] (eller `monthly_salary`), eller på raden",
                        "add `hourly_cost = 450` under [assumptions] (or `monthly_salary`), or on the line",
                    ),
                    fval.span(),
                    path,
                ),
                _ => {}
            }
        }

        // Active period and growth.
        if let Some(h) = horizon {
            let default_from = match line.kind {
                LineKind::Cost {
                    category: Category::Investment | Category::Other,
                } => Month::new(h.start_year, 1),
                _ => h.go_live,
            };
            let first = Month::new(h.start_year, 1);
            let last = Month::new(h.end_year(), 12);
            let from = get(t, "from").map_or(Some(default_from), |v| {
                self.month_in(v, &Key(path, "from"), false, first, last, h)
            });
            let to = get(t, "to").map_or(Some(last), |v| self.month_in(v, &Key(path, "to"), true, first, last, h));
            if let (Some(from), Some(to)) = (from, to) {
                if from > to {
                    self.push(
                        Code::E005,
                        {
                            let w = describe_path(&path.to_string());
                            text!(
                                sv: "{} slutar ({to}) innan den börjar ({from})", w.sv;
                                en: "{} ends ({to}) before it starts ({from})", w.en
                            )
                        },
                        Text::new(
                            "låt `to` vara samma som eller senare än `from`",
                            "make `to` the same as or later than `from`",
                        ),
                        get(t, "to").map_or_else(|| header_span(span), |v| v.span()),
                        &Key(path, "to"),
                    );
                }
                line.from = from;
                line.to = to;
            }
        } else {
            // No horizon to place them in (start_year or years is wrong), but their
            // own mistakes are reported all the same: every problem at once.
            for (key, end) in [("from", false), ("to", true)] {
                if let Some(v) = get(t, key) {
                    self.month(v, &Key(path, key), end);
                }
            }
        }
        if let Some(v) = get(t, "growth")
            && let Some(g) = self.bounded(
                v,
                &Key(path, "growth"),
                Some(Decimal::NEGATIVE_ONE),
                Some(Decimal::TEN),
                Text::new(
                    "en årlig takt över −100 % och högst 1000 %",
                    "a yearly rate above −100 % and at most 1000 %",
                ),
            )
        {
            if g == Decimal::NEGATIVE_ONE {
                self.push(
                    Code::E005,
                    text!(
                        sv: "`{path}.growth` = −100 % utplånar raden";
                        en: "`{path}.growth` = −100 % wipes the line out"
                    ),
                    Text::new("använd en takt över −100 %", "use a rate above −100 %"),
                    v.span(),
                    &Key(path, "growth"),
                );
            }
            line.growth = g;
        }
        line.value = Some(value);
    }

    pub(super) fn month_in(
        &mut self,
        v: &Val,
        path: &dyn Display,
        end: bool,
        first: Month,
        last: Month,
        h: Horizon,
    ) -> Option<Month> {
        let m = self.month(v, path, end)?;
        if m < first || m > last {
            self.push(
                Code::E010,
                {
                    let horizon = h.describe();
                    text!(
                        sv: "`{path}` = {m} ligger utanför kalkylperioden {horizon}";
                        en: "`{path}` = {m} is outside the horizon {horizon}"
                    )
                },
                Text::new(
                    "använd en månad inom kalkylperioden, eller ändra `start_year`/`years` under [project]",
                    "use a month within the horizon, or change `start_year`/`years` in [project]",
                ),
                v.span(),
                path,
            );
            return None;
        }
        Some(m)
    }

    pub(super) fn volume(
        &mut self,
        t: &DeTable,
        path: &dyn Display,
        v: &Val,
        horizon: Option<Horizon>,
    ) -> Option<ValueSource> {
        let volume = self.non_negative(v, &Key(path, "volume"));
        let keys = ValueKeys::of(t);
        let has = |k: &str| keys.has(k);
        let per_case = match (
            has("minutes_saved"),
            has("minutes_before") || has("minutes_after"),
            has("unit_saving"),
        ) {
            (true, false, false) => self
                .non_negative(&t["minutes_saved"], &Key(path, "minutes_saved"))
                .map(PerCase::Minutes),
            (false, true, false) => {
                let before = self
                    .required(t, "minutes_before", path, &v.span(), "25")
                    .and_then(|x| self.non_negative(x, &Key(path, "minutes_before")));
                let after = self
                    .required(t, "minutes_after", path, &v.span(), "10")
                    .and_then(|x| self.non_negative(x, &Key(path, "minutes_after")));
                match (before, after) {
                    (Some(b), Some(a)) if a > b => {
                        self.push(
                            Code::E005,
                            text!(
                                sv: "`{path}`: minutes_after ({a}) är större än minutes_before ({b})";
                                en: "`{path}`: minutes_after ({a}) is more than minutes_before ({b})"
                            ),
                            Text::new(
                                "det nya arbetssättet måste ta kortare tid; annars lägg in den extra tiden som en kostnad",
                                "the new way must take less time; otherwise model the extra time as a cost",
                            ),
                            t["minutes_after"].span(),
                            &Key(path, "minutes_after"),
                        );
                        None
                    }
                    (Some(b), Some(a)) => Some(PerCase::Minutes(b - a)),
                    _ => None,
                }
            }
            (false, false, true) => self
                .non_negative(&t["unit_saving"], &Key(path, "unit_saving"))
                .map(PerCase::Money),
            (false, false, false) => {
                self.push(
                    Code::E006,
                    {
                        let w = describe_path(&path.to_string());
                        text!(
                            sv: "{} har `volume` men ingen besparing per ärende", w.sv;
                            en: "{} has `volume` but no saving per case", w.en
                        )
                    },
                    Text::new(
                        "lägg till `minutes_saved = 15`, `minutes_before` + `minutes_after`, eller `unit_saving = 35`",
                        "add `minutes_saved = 15`, `minutes_before` + `minutes_after`, or `unit_saving = 35`",
                    ),
                    v.span(),
                    path,
                );
                None
            }
            _ => {
                self.push(
                    Code::E006,
                    {
                        let w = describe_path(&path.to_string());
                        text!(
                            sv: "{} anger besparingen per ärende på mer än ett sätt", w.sv;
                            en: "{} gives the saving per case in more than one way", w.en
                        )
                    },
                    Text::new(
                        "behåll en av `minutes_saved`, `minutes_before` + `minutes_after`, `unit_saving`",
                        "keep one of `minutes_saved`, `minutes_before` + `minutes_after`, `unit_saving`",
                    ),
                    v.span(),
                    path,
                );
                None
            }
        };
        let adoption = match get(t, "adoption") {
            Some(a) => Some(self.year_map(a, &Key(path, "adoption"), horizon, Self::fraction)?),
            None => None,
        };
        Some(ValueSource::Volume {
            volume: volume?,
            per_case: per_case?,
            adoption,
        })
    }
}

/// Which of the keys that decide a line's value form its table has, found in one pass
/// over the table instead of a search for each (a batch reads every line of thousands
/// of files).
#[derive(Debug, Clone, Copy)]
struct ValueKeys(u16);

impl ValueKeys {
    /// The keys known here: the value forms, the period keys, the volume keys and
    /// `hourly_cost`.
    fn bit(key: &str) -> u16 {
        match key {
            "amounts" => 1,
            "annual" => 1 << 1,
            "hours" => 1 << 2,
            "annual_hours" => 1 << 3,
            "volume" => 1 << 4,
            "from" => 1 << 5,
            "to" => 1 << 6,
            "growth" => 1 << 7,
            "minutes_saved" => 1 << 8,
            "minutes_before" => 1 << 9,
            "minutes_after" => 1 << 10,
            "unit_saving" => 1 << 11,
            "adoption" => 1 << 12,
            "hourly_cost" => 1 << 13,
            _ => 0,
        }
    }

    fn of(t: &DeTable) -> ValueKeys {
        ValueKeys(t.iter().fold(0, |bits, (k, _)| bits | Self::bit(k.get_ref())))
    }

    /// Whether the table has `key`, one of the keys known here.
    fn has(self, key: &str) -> bool {
        debug_assert!(Self::bit(key) != 0, "{key} is not a value key");
        self.0 & Self::bit(key) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::{PERIOD_KEYS, VALUE_FORMS, VOLUME_KEYS, ValueKeys};

    #[test]
    fn every_value_key_has_its_own_bit() {
        let keys: Vec<&str> = VALUE_FORMS
            .iter()
            .chain(PERIOD_KEYS)
            .chain(VOLUME_KEYS)
            .chain(&["hourly_cost"])
            .copied()
            .collect();
        let bits: Vec<u16> = keys.iter().map(|k| ValueKeys::bit(k)).collect();
        assert!(bits.iter().all(|b| b.count_ones() == 1), "{keys:?} {bits:?}");
        assert_eq!(bits.iter().fold(0, |all, b| all | b).count_ones() as usize, keys.len());
        assert_eq!(ValueKeys::bit("name"), 0);
    }
}
