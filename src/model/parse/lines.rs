//! `[[costs]]` and `[[benefits]]` lines: common keys, categories and classes, stakeholder shares, ranges, unique names.

use super::*;

impl Walker {
    pub(super) fn lines(
        &mut self,
        value: Option<&Val>,
        section: &str,
        horizon: Option<Horizon>,
        stakeholders: &[(Stakeholder, Span)],
        assumptions: Option<&Assumptions>,
    ) -> Vec<Option<Line>> {
        let Some(value) = value else { return Vec::new() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                value,
                Text::new("en lista med tabeller", "an array of tables"),
                &section,
                text!(sv: "skriv varje post som `[[{section}]]`"; en: "write each entry as `[[{section}]]`"),
            );
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = entry_path(section, i);
                let t = self.table(item, &path)?;
                self.line(
                    t,
                    item.span(),
                    path,
                    section == "costs",
                    horizon,
                    stakeholders,
                    assumptions,
                )
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn line(
        &mut self,
        t: &DeTable,
        span: Span,
        path: String,
        is_cost: bool,
        horizon: Option<Horizon>,
        stakeholders: &[(Stakeholder, Span)],
        assumptions: Option<&Assumptions>,
    ) -> Option<Line> {
        let errors_before = self.error_count();
        // The keys a line may have, listed once per kind of line (not per line).
        static KNOWN: std::sync::LazyLock<[Vec<&'static str>; 2]> = std::sync::LazyLock::new(|| {
            [true, false].map(|is_cost| {
                let kind_keys: &[&str] = if is_cost {
                    &["category"]
                } else {
                    &["class", "confidence", "realisation"]
                };
                COMMON_LINE_KEYS
                    .iter()
                    .chain(kind_keys)
                    .chain(VALUE_FORMS)
                    .chain(VOLUME_KEYS)
                    .chain(if is_cost { &[][..] } else { QUALITATIVE_KEYS })
                    .copied()
                    .collect()
            })
        });
        let known = &KNOWN[usize::from(!is_cost)];
        self.unknown_keys(t, known, &path);

        let name = self
            .required(t, "name", &path, &span, "\"…\"")
            .and_then(|v| self.non_empty_string(v, &Key(&path, "name")));
        let id = get(t, "id").and_then(|v| {
            let id = self.string(v, &Key(&path, "id"))?;
            if is_valid_id(&id) {
                Some(id)
            } else {
                self.push(
                    Code::E005,
                    text!(
                        sv: "radens id `{id}` får bara innehålla a–z, 0–9, `_` och `-`";
                        en: "line id `{id}` may hold only a–z, 0–9, `_` and `-`"
                    ),
                    Text::new(
                        "använd ett kort id med gemener, till exempel `handlaggning`",
                        "use a short lowercase id such as `handlaggning`",
                    ),
                    v.span(),
                    &Key(&path, "id"),
                );
                None
            }
        });

        let kind = if is_cost {
            let category = self
                .required(t, "category", &path, &span, "\"investment\"")
                .and_then(|v| self.choice(v, &Key(&path, "category"), CATEGORIES))
                .map(|c| match c {
                    "investment" => Category::Investment,
                    "operations" => Category::Operations,
                    _ => Category::Other,
                });
            LineKind::Cost {
                category: category.unwrap_or(Category::Other),
            }
        } else {
            let class = self
                .required(t, "class", &path, &span, "\"financial\"")
                .and_then(|v| self.choice(v, &Key(&path, "class"), CLASSES))
                .map(|c| match c {
                    "financial" => Class::Financial,
                    "reallocation" => Class::Reallocation,
                    _ => Class::Qualitative,
                });
            let confidence = match get(t, "confidence") {
                Some(v) => self.choice(v, &Key(&path, "confidence"), CONFIDENCES).map(|c| match c {
                    "high" => Confidence::High,
                    "low" => Confidence::Low,
                    _ => Confidence::Medium,
                }),
                None => Some(Confidence::Medium),
            };
            LineKind::Benefit(Box::new(BenefitInfo {
                class: class.unwrap_or(Class::Financial),
                confidence: confidence.unwrap_or(Confidence::Medium),
                realisation: None,
                indicator: self.opt_string(t, "indicator", &path),
                baseline: self.opt_string(t, "baseline", &path),
                target: self.opt_string(t, "target", &path),
                target_date: self.opt_string(t, "target_date", &path),
                measured_by: self.opt_string(t, "measured_by", &path),
            }))
        };
        let qualitative = matches!(&kind, LineKind::Benefit(b) if b.class == Class::Qualitative);

        let line_stakeholders = self.line_stakeholders(get(t, "stakeholder"), &Key(&path, "stakeholder"), stakeholders);
        let actuals = get(t, "actuals").and_then(|v| self.actuals_map(v, &Key(&path, "actuals"), horizon));
        let source = self.opt_string(t, "source", &path);
        let note = self.opt_string(t, "note", &path);
        let range = get(t, "range").and_then(|v| self.range(v, &Key(&path, "range")));

        let mut line = Line {
            kind,
            id,
            name: name.unwrap_or_default(),
            stakeholders: line_stakeholders.unwrap_or_default(),
            value: None,
            from: Month(0),
            to: Month(0),
            growth: Decimal::ZERO,
            hourly_rate: None,
            range,
            source,
            note,
            actuals: actuals.unwrap_or_default(),
            at: path.clone(),
            span: span.clone(),
        };

        if qualitative {
            let forbidden: Vec<&str> = VALUE_FORMS
                .iter()
                .chain(VOLUME_KEYS)
                .chain(PERIOD_KEYS)
                .chain(&["realisation", "hourly_cost", "range", "actuals"])
                .copied()
                .filter(|k| has(t, k))
                .collect();
            for key in forbidden {
                let v = &t[key];
                self.push(
                    Code::E006,
                    text!(
                        sv: "`{key}` hör inte till en kvalitativ nytta";
                        en: "`{key}` does not belong to a qualitative benefit"
                    ),
                    Text::new(
                        "en kvalitativ nytta värderas inte i kronor: ta bort nyckeln, eller gör klassen `financial` eller `reallocation`",
                        "a qualitative benefit is not valued in kronor: remove the key, or make the class `financial` or `reallocation`",
                    ),
                    v.span(),
                    &Key(&path, key),
                );
            }
            if let Some(b) = match &line.kind {
                LineKind::Benefit(b) => Some(b),
                _ => None,
            } && b.indicator.is_none()
                && !has(t, "indicator")
            {
                self.push(
                    Code::E003,
                    {
                        let w = describe_path(&path);
                        text!(
                            sv: "nyckeln `indicator` saknas i {}", w.sv;
                            en: "missing required key `indicator` in {}", w.en
                        )
                    },
                    Text::new(
                        "lägg till `indicator = \"…\"`: det som mäts för att visa nyttan",
                        "add `indicator = \"…\"`: what is measured to show the benefit",
                    ),
                    header_span(&span),
                    &Key(&path, "indicator"),
                );
            }
        } else {
            if !is_cost {
                for key in QUALITATIVE_KEYS {
                    if let Some(v) = get(t, key) {
                        self.push(
                            Code::E006,
                            text!(sv: "`{key}` hör till en kvalitativ nytta"; en: "`{key}` belongs to a qualitative benefit"),
                            Text::new(
                                "för en nytta i kronor: lägg uppföljningsfälten under `[benefits.realisation]`",
                                "for a monetised benefit, put follow-up fields under `[benefits.realisation]`",
                            ),
                            v.span(),
                            &Key(&path, key),
                        );
                    }
                }
            }
            self.value_source(t, &path, &span, horizon, assumptions, &mut line);
            if let LineKind::Benefit(b) = &mut line.kind
                && let Some(v) = get(t, "realisation")
            {
                b.realisation = self.realisation(v, &Key(&path, "realisation"), horizon);
            }
        }
        (self.error_count() == errors_before).then_some(line)
    }

    pub(super) fn line_stakeholders(
        &mut self,
        value: Option<&Val>,
        path: &dyn Display,
        all: &[(Stakeholder, Span)],
    ) -> Option<Vec<(usize, Decimal)>> {
        let Some(value) = value else {
            return Some(vec![(0, Decimal::ONE)]);
        };
        let lookup = |walker: &mut Self, id: &str, span: Span| -> Option<usize> {
            let found = all.iter().position(|(s, _)| s.id == id);
            if found.is_none() {
                let hint = match did_you_mean(id, all.iter().map(|(s, _)| s.id.as_str())) {
                    Some(near) => text!(sv: "menade du `{near}`?"; en: "did you mean `{near}`?"),
                    None => {
                        let ids = all.iter().map(|(s, _)| s.id.as_str()).collect::<Vec<_>>().join(", ");
                        text!(
                            sv: "deklarera den under `[[stakeholders]]`, eller använd något av: {ids}";
                            en: "declare it under `[[stakeholders]]`, or use one of: {ids}"
                        )
                    }
                };
                walker.push(
                    Code::E008,
                    text!(sv: "okänd intressent `{id}`"; en: "unknown stakeholder `{id}`"),
                    hint,
                    span,
                    path,
                );
            }
            found
        };
        match value.get_ref() {
            DeValue::String(id) => lookup(self, id, value.span()).map(|i| vec![(i, Decimal::ONE)]),
            DeValue::Table(t) => {
                let mut shares = Vec::new();
                let mut ok = true;
                for (key, v) in t.iter() {
                    let id = key.get_ref().as_ref();
                    let index = lookup(self, id, key.span());
                    let share = self.fraction(v, &Key(path, id));
                    match (index, share) {
                        (Some(i), Some(s)) => shares.push((i, s)),
                        _ => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                let sum: Decimal = shares.iter().map(|(_, s)| *s).sum();
                if sum != Decimal::ONE || shares.is_empty() {
                    self.push(
                        Code::E009,
                        text!(
                            sv: "intressenternas andelar i `{path}` summerar till {}, inte 1", sum.normalize();
                            en: "stakeholder shares in `{path}` sum to {}, not 1", sum.normalize()
                        ),
                        Text::new(
                            "låt andelarna bli exakt 1 tillsammans, till exempel `{ sdf = 0.6, tk = 0.4 }`",
                            "make the shares add up to exactly 1, e.g. `{ sdf = 0.6, tk = 0.4 }`",
                        ),
                        value.span(),
                        path,
                    );
                    return None;
                }
                Some(shares)
            }
            _ => {
                self.wrong_type(
                    value,
                    Text::new(
                        "ett intressent-id eller en tabell med andelar",
                        "a stakeholder id or a table of shares",
                    ),
                    path,
                    Text::new(
                        "skriv `\"tk\"` eller `{ sdf = 0.6, tk = 0.4 }`",
                        "write `\"tk\"` or `{ sdf = 0.6, tk = 0.4 }`",
                    ),
                );
                None
            }
        }
    }

    pub(super) fn range(&mut self, v: &Val, path: &dyn Display) -> Option<(Decimal, Decimal)> {
        let t = self.table(v, path)?;
        self.unknown_keys(t, &["low", "high"], path);
        let factor = |w: &mut Self, x: &Val, key: &str| {
            w.bounded(
                x,
                &Key(path, key),
                Some(Decimal::ZERO),
                Some(Decimal::ONE_HUNDRED),
                Text::new("en faktor från 0 till 100", "a factor from 0 to 100"),
            )
        };
        let low = self
            .required(t, "low", path, &v.span(), "0.8")
            .and_then(|x| factor(self, x, "low"));
        let high = self
            .required(t, "high", path, &v.span(), "1.3")
            .and_then(|x| factor(self, x, "high"));
        let (low, high) = (low?, high?);
        if low > high {
            self.push(
                Code::E005,
                text!(sv: "`{path}`: low {low} är större än high {high}"; en: "`{path}`: low {low} is above high {high}"),
                Text::new("skriv den mindre faktorn som `low`", "write the smaller factor as `low`"),
                v.span(),
                path,
            );
            return None;
        }
        Some((low, high))
    }

    pub(super) fn duplicate_lines(&mut self, costs: &[Option<Line>], benefits: &[Option<Line>]) {
        let lines: Vec<&Line> = costs.iter().chain(benefits).flatten().collect();
        for (i, line) in lines.iter().enumerate() {
            let earlier = &lines[..i];
            if let Some(id) = &line.id
                && let Some(first) = earlier.iter().find(|l| l.id.as_ref() == Some(id))
            {
                self.push(
                    Code::E007,
                    text!(
                        sv: "radens id `{id}` förekommer två gånger (först på {})", first.at;
                        en: "duplicate line id `{id}` (first used by {})", first.at
                    ),
                    Text::new(
                        "ge varje kostnad och nytta ett eget id",
                        "give every cost and benefit its own id",
                    ),
                    line.span.clone(),
                    &line.at,
                );
            }
            let clashes = |l: &&&Line| l.name == line.name && (l.id.is_none() || line.id.is_none());
            if let Some(first) = earlier.iter().find(clashes) {
                self.push(
                    Code::E007,
                    text!(
                        sv: "radnamnet `{}` förekommer två gånger (först på {})", line.name, first.at;
                        en: "duplicate line name `{}` (first used by {})", line.name, first.at
                    ),
                    Text::new(
                        "en rad utan `id` refereras med sitt namn: ge den ett `id` eller ett unikt namn",
                        "a line without `id` is referred to by its name: give it an `id` or a unique name",
                    ),
                    line.span.clone(),
                    &line.at,
                );
            }
        }
    }
}
