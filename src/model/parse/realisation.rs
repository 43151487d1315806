//! `[benefits.realisation]`: owner, method, share, lag or schedule, follow-up months (docs/format.md, `[benefits.realisation]`); W113 for keys a `schedule` makes void.

use super::*;

impl Walker {
    pub(super) fn realisation(&mut self, v: &Val, path: &dyn Display, horizon: Option<Horizon>) -> Option<Realisation> {
        let t = self.table(v, path)?;
        self.unknown_keys(t, REALISATION_KEYS, path);
        let errors_before = self.error_count();
        let mut r = Realisation {
            share: Decimal::ONE,
            span: v.span(),
            ..Realisation::default()
        };
        r.owner = self.opt_string(t, "owner", path);
        r.method = get(t, "method")
            .and_then(|m| self.choice(m, &Key(path, "method"), METHODS))
            .map(|m| {
                Method::ALL
                    .into_iter()
                    .find(|x| x.as_str() == m)
                    .unwrap_or(Method::Quality)
            });
        if let Some(s) = get(t, "share") {
            r.share = self.fraction(s, &Key(path, "share")).unwrap_or(Decimal::ONE);
        }
        if let Some(l) = get(t, "lag_months") {
            r.lag_months = self.integer(l, &Key(path, "lag_months"), 0, 600).unwrap_or(0) as u32;
        }
        if let Some(s) = get(t, "schedule") {
            for key in ["share", "lag_months"] {
                if let Some(k) = get(t, key) {
                    // The spec: `schedule` replaces `share`/`lag_months`. Not an error,
                    // but the ignored key is worth a warning.
                    self.push(
                        Code::W113,
                        text!(
                            sv: "`{key}` används inte i `{path}`: `schedule` ersätter den";
                            en: "`{key}` is ignored in `{path}`: `schedule` replaces it"
                        ),
                        Text::new(
                            "ta bort nyckeln, eller ta bort `schedule` för att räkna hemtagningen från andel och fördröjning",
                            "remove the key, or remove `schedule` to derive the harvest from share and lag",
                        ),
                        k.span(),
                        &Key(path, key),
                    );
                }
            }
            r.schedule = self.period_map(s, &Key(path, "schedule"), horizon, true, Self::non_negative);
        }
        if let Some(a) = get(t, "actuals") {
            r.actuals = self.actuals_map(a, &Key(path, "actuals"), horizon).unwrap_or_default();
        }
        r.measured_by = self.opt_string(t, "measured_by", path);
        r.baseline = self.opt_string(t, "baseline", path);
        r.baseline_date = self.opt_string(t, "baseline_date", path);
        r.target = self.opt_string(t, "target", path);
        r.target_date = self.opt_string(t, "target_date", path);
        if let Some(f) = get(t, "follow_up") {
            let fpath = Key(path, "follow_up");
            match f.get_ref() {
                DeValue::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if let Some(m) = self.month(item, &format!("{fpath}[{i}]"), false) {
                            r.follow_up.push(m);
                        }
                    }
                }
                _ => self.wrong_type(
                    f,
                    Text::new("en lista med månader", "an array of months"),
                    &fpath,
                    Text::new(
                        "skriv till exempel `follow_up = [\"2011-06\", \"2012-06\"]`",
                        "write e.g. `follow_up = [\"2011-06\", \"2012-06\"]`",
                    ),
                ),
            }
        }
        (self.error_count() == errors_before).then_some(r)
    }
}
