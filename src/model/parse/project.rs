//! The file's top-level parts: `[project]`, `[assumptions]`, `[[stakeholders]]` and `[scenarios.NAME]`.

use super::*;

impl Walker {
    pub(super) fn project(&mut self, root: &DeTable, root_span: Span) -> Option<Project> {
        self.unknown_keys(root, ROOT_KEYS, &"");
        match get(root, "format") {
            None => self.push(
                Code::E003,
                Text::new("nyckeln `format` saknas", "missing required key `format`"),
                Text::new(
                    "skriv `format = 1` som första rad",
                    "add `format = 1` as the first line",
                ),
                0..0,
                &"format",
            ),
            Some(v) => match v.get_ref() {
                DeValue::Integer(i) if i.as_str() == "1" => {}
                _ => self.push(
                    Code::E012,
                    Text::new(
                        "formatet stöds inte: den här versionen av nytta läser `format = 1`",
                        "unsupported format: this nytta reads `format = 1`",
                    ),
                    Text::new("skriv `format = 1`", "write `format = 1`"),
                    v.span(),
                    &"format",
                ),
            },
        }

        let mut spans = ProjectSpans::default();
        let project_table = match get(root, "project") {
            Some(v) => {
                spans.project = Some(v.span());
                self.table(v, &"project")
            }
            None => {
                self.push(
                    Code::E003,
                    Text::new("tabellen `[project]` saknas", "missing required table `[project]`"),
                    Text::new(
                        "lägg till `[project]` med `name`, `organisation` och `start_year`",
                        "add `[project]` with `name`, `organisation` and `start_year`",
                    ),
                    0..0,
                    &"project",
                );
                None
            }
        };
        let empty = DeTable::default();
        let pt = project_table.unwrap_or(&empty);
        let pspan = spans.project.clone().unwrap_or(root_span.start..root_span.start);
        if project_table.is_some() {
            self.unknown_keys(pt, PROJECT_KEYS, &"project");
        }
        let name = if project_table.is_some() {
            self.required(pt, "name", &"project", &pspan, "\"Boendeparkering som e-tjänst\"")
                .and_then(|v| self.non_empty_string(v, &"project.name"))
        } else {
            None
        };
        let organisation = if project_table.is_some() {
            self.required(pt, "organisation", &"project", &pspan, "\"Trafikkontoret\"")
                .and_then(|v| self.non_empty_string(v, &"project.organisation"))
        } else {
            None
        };
        let start_year = if project_table.is_some() {
            self.required(pt, "start_year", &"project", &pspan, "2025")
                .and_then(|v| self.integer(v, &"project.start_year", 1900, 2200))
                .map(|y| y as i32)
        } else {
            None
        };
        let years = match get(pt, "years") {
            Some(v) => {
                spans.years = Some(v.span());
                self.integer(v, &"project.years", 1, 50).map(|y| y as u32)
            }
            None => Some(5),
        };
        let id = self.opt_string(pt, "id", &"project");
        let portfolio = self.opt_string(pt, "portfolio", &"project");
        self.header = Header {
            id: id.clone().unwrap_or_default(),
            name: name.clone().unwrap_or_default(),
            organisation: organisation.clone().unwrap_or_default(),
            portfolio: portfolio.clone().unwrap_or_default(),
        };
        let description = self.opt_string(pt, "description", &"project");
        let currency = self
            .opt_string(pt, "currency", &"project")
            .unwrap_or_else(|| "SEK".into());
        let horizon = match (start_year, years) {
            (Some(start_year), Some(years)) => {
                let mut go_live = Month::new(start_year, 1);
                if let Some(v) = get(pt, "go_live") {
                    spans.go_live = Some(v.span());
                    if let Some(m) = self.month(v, &"project.go_live", false) {
                        if m.year() < start_year || m.year() >= start_year + years as i32 {
                            self.push(
                                Code::E010,
                                text!(
                                    sv: "go_live {m} ligger utanför kalkylperioden {}–{}",
                                    start_year,
                                    start_year + years as i32 - 1;
                                    en: "go_live {m} is outside the horizon {}–{}",
                                    start_year,
                                    start_year + years as i32 - 1
                                ),
                                Text::new(
                                    "flytta go_live in i kalkylperioden, eller ändra `start_year`/`years`",
                                    "move go_live into the horizon, or change `start_year`/`years`",
                                ),
                                v.span(),
                                &"project.go_live",
                            );
                        }
                        go_live = m;
                    }
                }
                Some(Horizon {
                    start_year,
                    years,
                    go_live,
                })
            }
            _ => {
                // Without a horizon go_live cannot be placed, but can still be wrong.
                if let Some(v) = get(pt, "go_live") {
                    spans.go_live = Some(v.span());
                    self.month(v, &"project.go_live", false);
                }
                None
            }
        };

        let assumptions = self.assumptions(get(root, "assumptions"), &mut spans);
        let stakeholders = self.stakeholders(get(root, "stakeholders"), organisation.as_deref());
        let costs = self.lines(
            get(root, "costs"),
            "costs",
            horizon,
            &stakeholders,
            assumptions.as_ref(),
        );
        let benefits = self.lines(
            get(root, "benefits"),
            "benefits",
            horizon,
            &stakeholders,
            assumptions.as_ref(),
        );
        self.duplicate_lines(&costs, &benefits);
        let scenarios = self.scenarios(get(root, "scenarios"), horizon);
        if let Some(DeValue::Table(t)) = get(root, "scenarios").map(|v| v.get_ref()) {
            spans.scenarios = t
                .iter()
                .map(|(k, v)| (k.get_ref().to_string(), header_span(&v.span())))
                .collect();
        }

        Some(Project {
            name: name?,
            id,
            organisation: organisation?,
            portfolio,
            description,
            start_year: horizon?.start_year,
            years: horizon?.years,
            go_live: horizon?.go_live,
            currency,
            assumptions: assumptions?,
            stakeholders: stakeholders.into_iter().map(|(s, _)| s).collect(),
            costs: costs.into_iter().flatten().collect(),
            benefits: benefits.into_iter().flatten().collect(),
            scenarios: scenarios?,
            spans,
            overrides: Vec::new(),
        })
    }

    pub(super) fn assumptions(&mut self, value: Option<&Val>, spans: &mut ProjectSpans) -> Option<Assumptions> {
        let mut a = Assumptions {
            discount_rate: Decimal::new(3, 2),
            discount_rate_stated: false,
            hourly_cost: None,
            overhead: Decimal::ZERO,
            salary: None,
            price_year: None,
            real: None,
        };
        let Some(value) = value else { return Some(a) };
        spans.assumptions = Some(value.span());
        let t = self.table(value, &"assumptions")?;
        self.unknown_keys(t, ASSUMPTION_KEYS, &"assumptions");
        let mut ok = true;
        if let Some(v) = get(t, "price_year") {
            match self.integer(v, &"assumptions.price_year", 1900, 2200) {
                Some(y) => a.price_year = i32::try_from(y).ok(),
                None => ok = false,
            }
        }
        if let Some(v) = get(t, "real") {
            match v.get_ref() {
                DeValue::Boolean(b) => a.real = Some(*b),
                _ => {
                    self.wrong_type(
                        v,
                        Text::new("ett sanningsvärde", "a boolean"),
                        &"assumptions.real",
                        Text::new(
                            "skriv `real = true` för en real kalkylränta (fasta priser), `real = false` för en nominell",
                            "write `real = true` for a real discount rate (fixed prices), `real = false` for a nominal one",
                        ),
                    );
                    ok = false;
                }
            }
        }
        if let Some(v) = get(t, "discount_rate") {
            a.discount_rate_stated = true;
            match self.discount_rate(v, &"assumptions.discount_rate") {
                Some(r) => a.discount_rate = r,
                None => ok = false,
            }
        }
        if let Some(v) = get(t, "overhead") {
            match self.bounded(
                v,
                &"assumptions.overhead",
                Some(Decimal::ZERO),
                Some(Decimal::from(5)),
                Text::new(
                    "en andel från 0 till 5 (0 % till 500 %)",
                    "a fraction from 0 to 5 (0 % to 500 %)",
                ),
            ) {
                Some(o) => a.overhead = o,
                None => ok = false,
            }
        }
        match (get(t, "hourly_cost"), get(t, "monthly_salary")) {
            (Some(h), Some(m)) => {
                self.push(
                    Code::E006,
                    Text::new(
                        "både `hourly_cost` och `monthly_salary` är angivna",
                        "both `hourly_cost` and `monthly_salary` are given",
                    ),
                    Text::new(
                        "behåll en: `hourly_cost`, eller `monthly_salary` med `salary_hours`",
                        "keep one: `hourly_cost`, or `monthly_salary` with `salary_hours`",
                    ),
                    m.span(),
                    &"assumptions.monthly_salary",
                );
                let _ = h;
                ok = false;
            }
            (Some(h), None) if get(t, "salary_hours").is_some() => {
                let _ = h;
                self.push(
                    Code::E006,
                    Text::new(
                        "`salary_hours` hör till `monthly_salary`, inte till `hourly_cost`",
                        "`salary_hours` goes with `monthly_salary`, not with `hourly_cost`",
                    ),
                    Text::new(
                        "ta bort `salary_hours`, eller ange `monthly_salary` i stället för `hourly_cost`",
                        "remove `salary_hours`, or give `monthly_salary` instead of `hourly_cost`",
                    ),
                    get(t, "salary_hours").map_or(0..0, |v| v.span()),
                    &"assumptions.salary_hours",
                );
                ok = false;
            }
            (Some(h), None) => match self.non_negative(h, &"assumptions.hourly_cost") {
                Some(d) => a.hourly_cost = Some(d),
                None => ok = false,
            },
            (None, Some(m)) => {
                let salary = self.non_negative(m, &"assumptions.monthly_salary");
                let hours = match get(t, "salary_hours") {
                    Some(v) => self.bounded(
                        v,
                        &"assumptions.salary_hours",
                        Some(Decimal::ONE),
                        Some(Decimal::from(744)),
                        Text::new("timmar per månad från 1 till 744", "hours per month from 1 to 744"),
                    ),
                    None => Some(Decimal::from(142)),
                };
                match (salary, hours) {
                    (Some(s), Some(h)) => {
                        a.hourly_cost = Some(s / h);
                        a.salary = Some((s, h));
                    }
                    _ => ok = false,
                }
            }
            (None, None) => {
                if let Some(v) = get(t, "salary_hours") {
                    self.push(
                        Code::E006,
                        Text::new(
                            "`salary_hours` är angiven utan `monthly_salary`",
                            "`salary_hours` is given without `monthly_salary`",
                        ),
                        Text::new(
                            "lägg till `monthly_salary`, eller ta bort `salary_hours`",
                            "add `monthly_salary`, or remove `salary_hours`",
                        ),
                        v.span(),
                        &"assumptions.salary_hours",
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(a)
    }

    pub(super) fn discount_rate(&mut self, v: &Val, path: &dyn Display) -> Option<Decimal> {
        self.bounded(
            v,
            path,
            Some(Decimal::ZERO),
            Some(Decimal::ONE),
            Text::new(
                "en ränta från 0 till 1 (\"0 %\" till \"100 %\")",
                "a rate from 0 to 1 (\"0 %\" to \"100 %\")",
            ),
        )
    }

    /// Stakeholders with the span of each id; the implicit one when none are declared.
    pub(super) fn stakeholders(&mut self, value: Option<&Val>, organisation: Option<&str>) -> Vec<(Stakeholder, Span)> {
        // Without [[stakeholders]] the organisation is the one stakeholder (docs/format.md),
        // its name serving as its id: `stakeholder = "Trafikkontoret"` refers to it.
        let implicit = || {
            let name = organisation.unwrap_or("Organisation").to_string();
            vec![(Stakeholder { id: name.clone(), name }, 0..0)]
        };
        let Some(value) = value else { return implicit() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                value,
                Text::new("en lista med tabeller", "an array of tables"),
                &"stakeholders",
                Text::new(
                    "skriv var och en som `[[stakeholders]]` med `id` och `name`",
                    "write each as `[[stakeholders]]` with `id` and `name`",
                ),
            );
            return implicit();
        };
        let mut out: Vec<(Stakeholder, Span)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = entry_path("stakeholders", i);
            let Some(t) = self.table(item, &path) else { continue };
            self.unknown_keys(t, STAKEHOLDER_KEYS, &path);
            let span = item.span();
            let id_value = self.required(t, "id", &path, &span, "\"tk\"");
            let id = id_value.and_then(|v| self.string(v, &Key(&path, "id")));
            // Without a name the stakeholder is shown by its id.
            let name = match get(t, "name") {
                Some(v) => self.non_empty_string(v, &Key(&path, "name")),
                None => id.clone(),
            };
            let (Some(id), Some(name), Some(id_value)) = (id, name, id_value) else {
                continue;
            };
            if !is_valid_id(&id) {
                self.push(
                    Code::E005,
                    text!(
                        sv: "intressentens id `{id}` får bara innehålla a–z, 0–9, `_` och `-`";
                        en: "stakeholder id `{id}` may hold only a–z, 0–9, `_` and `-`"
                    ),
                    Text::new(
                        "använd ett kort id med gemener, till exempel `tk` eller `sdf`",
                        "use a short lowercase id such as `tk` or `sdf`",
                    ),
                    id_value.span(),
                    &Key(&path, "id"),
                );
                continue;
            }
            if out.iter().any(|(s, _)| s.id == id) {
                self.push(
                    Code::E007,
                    text!(sv: "intressentens id `{id}` förekommer två gånger"; en: "duplicate stakeholder id `{id}`"),
                    Text::new("ge varje intressent ett eget id", "give every stakeholder its own id"),
                    id_value.span(),
                    &Key(&path, "id"),
                );
                continue;
            }
            out.push((Stakeholder { id, name }, id_value.span()));
        }
        if out.is_empty() { implicit() } else { out }
    }

    pub(super) fn scenarios(&mut self, value: Option<&Val>, horizon: Option<Horizon>) -> Option<Vec<Scenario>> {
        let Some(value) = value else { return Some(Vec::new()) };
        let t = self.table(value, &"scenarios")?;
        let errors_before = self.error_count();
        let implementation_months = horizon.map_or(0, |h| {
            u32::try_from(h.go_live.0 - Month::new(h.start_year, 1).0).unwrap_or(0)
        });
        let mut out = Vec::new();
        for (key, v) in t.iter() {
            let name = key.get_ref().to_string();
            let path = format!("scenarios.{name}");
            if name == "base" {
                self.push(
                    Code::E005,
                    Text::new(
                        "`base` är grundkalkylen i filen och kan inte definieras om",
                        "`base` is the plain file and cannot be redefined",
                    ),
                    Text::new(
                        "ge scenariot ett annat namn, till exempel `pessimistic`",
                        "give the scenario another name, e.g. `pessimistic`",
                    ),
                    key.span(),
                    &path,
                );
                continue;
            }
            let Some(st) = self.table(v, &path) else { continue };
            self.unknown_keys(st, SCENARIO_KEYS, &path);
            let mut s = Scenario::base();
            s.name = name;
            s.spans = ScenarioSpans {
                name: Some(key.span()),
                cost_factor: get(st, "cost_factor").map(|v| v.span()),
                investment_factor: get(st, "investment_factor").map(|v| v.span()),
                operations_factor: get(st, "operations_factor").map(|v| v.span()),
                benefit_factor: get(st, "benefit_factor").map(|v| v.span()),
                discount_rate: get(st, "discount_rate").map(|v| v.span()),
                optimism_bias: get(st, "optimism_bias").map(|v| v.span()),
            };
            // The preset first: explicit keys in the same table win.
            if let Some(x) = get(st, "optimism_bias")
                && let Some(bias) = self.choice(x, &Key(&path, "optimism_bias"), OPTIMISM_BIASES)
            {
                let bias = if bias == "upper" {
                    OptimismBias::Upper
                } else {
                    OptimismBias::Lower
                };
                bias.apply(&mut s, implementation_months);
            }
            let factor = |w: &mut Self, key: &str, slot: &mut Decimal| {
                if let Some(x) = get(st, key) {
                    *slot = w.non_negative(x, &Key(&path, key)).unwrap_or(Decimal::ONE);
                }
            };
            factor(self, "cost_factor", &mut s.cost_factor);
            factor(self, "investment_factor", &mut s.investment_factor);
            factor(self, "operations_factor", &mut s.operations_factor);
            factor(self, "benefit_factor", &mut s.benefit_factor);
            if let Some(x) = get(st, "delay_months") {
                s.delay_months = self.integer(x, &Key(&path, "delay_months"), 0, 600).unwrap_or(0) as u32;
            }
            if let Some(x) = get(st, "discount_rate") {
                s.discount_rate = self.discount_rate(x, &Key(&path, "discount_rate"));
            }
            out.push(s);
        }
        (self.error_count() == errors_before).then_some(out)
    }
}
