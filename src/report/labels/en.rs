//! The labels in English.

use super::{Label, Phrase};

/// The English text of `label`.
pub(super) fn text(label: Label) -> &'static str {
    use Label::*;
    match label {
        BenefitRealisationPlan => "Benefit realisation plan",
        BenefitCalculation => "Benefit calculation",
        OfMonetisedBenefits => "of the monetised benefits",
        MonetisedBenefits => "Monetised benefits",
        PlannedHarvest => "Planned harvest",
        Investment => "investment",
        Operations => "operations",
        Other => "other",
        Financial => "financial",
        Reallocation => "reallocation",
        Qualitative => "qualitative",
        High => "high",
        Medium => "medium",
        Low => "low",
        BudgetReduction => "budget reduction",
        Redeployment => "redeployment",
        Revenue => "revenue",
        CostAvoidance => "cost avoidance",
        Quality => "quality",
        ProjectId => "Project id",
        Organisation => "Organisation",
        Portfolio => "Portfolio",
        Overdue => "Overdue\n(W204)",
        Yes => "yes",
        No => "no",
        PortfolioFollowUpWorstFirst => "Portfolio follow-up, worst first (plan against actuals to date)",
        PortfolioFollowUpPerGroup => "Per group",
        DeviationsPerLineAndYear => "Deviations per line and year (actual − planned; * a comment below)",
        Comments => "Comments",
        Comment => "Comment",
        RealisationSoFar => "Realisation\nso far",
        ForecastTrend => {
            "Forecast: trend. Each line's years after the follow-up year are its plan × its realisation so far (Σ actual / Σ planned over the years with an actual); a line with no actual keeps its plan. The plan is shown beside it."
        }
        ForecastPlan => "Forecast: plan. The years after the follow-up year keep the plan.",
        ForecastPerLine => "Forecast per line",
        DiffOf => "Changes",
        AssumptionsChanged => "Assumptions changed",
        LinesAddedRemovedChanged => "Lines added, removed and changed",
        NpvBridge => "NPV bridge: from the old NPV to the new, one step per change",
        NpvBridgeOrder => {
            "Order: assumptions (horizon, go-live, hourly cost, discount rate), then removed lines, then changed and added lines in the new file's order; each step's effect is the NPV after it minus the NPV before it, so the steps sum to the difference."
        }
        Old => "Old",
        New => "New",
        Change => "Change",
        Added => "added",
        Removed => "removed",
        Changed => "changed",
        KeysChanged => "Keys changed",
        Step => "Step",
        EffectOnNpv => "Effect on\nNPV",
        NpvAfter => "NPV\nafter",
        OtherChanges => "Other changes",
        CombinedWithNextStep => "combined with the next step; alone the file does not validate:",
        HourlyCost => "Hourly cost",
        OldNpv => "Old NPV",
        NewNpv => "New NPV",
        NoDifferences => "The files do not differ (comments and layout aside).",
        NoAssumptionChanged => "No assumption changed.",
        NoLineChanged => "No line added, removed or changed.",
        MatchedByName => "matched by name",
        RenamedFrom => "renamed from",
        Overhead => "overhead",
        Projects2 => "Projects",
        Ids => "Ids",
        Besparingskrav2 => "Savings\ndemand",
        PerStakeholderOverPortfolio => {
            "Per stakeholder, summed over the portfolio (each project split by its stakeholder shares)"
        }
        CostsPerStakeholderAndYear => "Costs per stakeholder and year",
        BesparingskravPerStakeholderAndYear => {
            "Savings demand (besparingskrav: planned harvest by budget reduction) per stakeholder and year"
        }
        Year => "year",
        Years => "years",
        Horizon => "Horizon",
        GoLive => "Go-live",
        Scenario => "Scenario",
        KronorSekWholeKronor => "kronor (SEK), whole kronor",
        WholeUnits => "whole units",
        Amounts => "Amounts",
        OverriddenOnCommandLine => "Overridden on the command line",
        Costs => "costs",
        Operations2 => "operations",
        Benefits => "benefits",
        BenefitsDelayed => "benefits delayed",
        Months => "months",
        DiscountRate => "discount rate",
        Default => "default",
        Item => "Item",
        Amount => "Amount",
        CostsAndBenefitsOverHorizon => "Costs and benefits over the horizon",
        Investment2 => "Investment",
        Operations3 => "Operations",
        OtherCosts => "Other costs",
        TotalCosts => "Total costs",
        FinancialBenefits => "Financial benefits",
        ReallocationBenefits => "Reallocation benefits",
        TotalBenefits => "Total benefits",
        OfWhichHighConfidence => "Of which high confidence",
        OfWhichMediumConfidence => "Of which medium confidence",
        OfWhichLowConfidence => "Of which low confidence",
        NetBenefitsCosts => "Net (benefits − costs)",
        KeyFigure => "Key figure",
        Value => "Value",
        KeyFigures => "Key figures",
        DiscountRate2 => "Discount rate",
        PvCosts => "PV costs",
        PvBenefits => "PV benefits",
        NetPresentValueNpv => "Net present value (NPV)",
        NpvFinancialBenefitsOnly => "NPV, financial benefits only",
        NpvHighConfidenceBenefitsOnly => "NPV, high-confidence benefits only",
        BenefitCostRatioBcr => "Benefit-cost ratio (BCR)",
        InternalRateOfReturnIrr => "Internal rate of return (IRR)",
        Payback => "Payback",
        HarvestShareOfBenefits => "Harvest share (of benefits)",
        Summary => "Summary",
        WorseThanPlanned => "Worse than planned",
        BetterThanPlanned => "Better than planned",
        ChartCostsAndBenefitsPerYear => "Costs and benefits per year",
        ChartCostsAndBenefitsPerYearDesc => {
            "Bars per year: benefits above zero by class, costs below zero by category; the line is the year's net."
        }
        ChartCumulativeNet => "Cumulative net and payback",
        ChartCumulativeNetDesc => {
            "The net added up from the start, month by month (the dots are the year ends); the dashed line marks the month the investment is paid back."
        }
        ChartCumulativeNetNoPaybackDesc => {
            "The net added up from the start, month by month (the dots are the year ends); the investment is not paid back within the horizon."
        }
        ChartHarvestAgainstBenefit => "Planned harvest against benefit per year",
        ChartHarvestAgainstBenefitDesc => {
            "Two bars per year: the monetised benefit and the part of it planned to be taken home."
        }
        ChartSavingsDemandPerStakeholder => "Savings demand (besparingskrav) per stakeholder",
        ChartSavingsDemandPerStakeholderDesc => {
            "One bar per stakeholder: the savings demand, the planned harvest taken out of its budget over the horizon. Redeployed time, revenue and avoided costs are not counted here."
        }
        SavingsDemandTotal => "Savings demand",
        ChartNpvPerStakeholder => "Net present value per stakeholder",
        ChartNpvPerStakeholderDesc => "One bar per stakeholder: above zero the stakeholder gains, below zero it pays.",
        ChartTornadoDesc => {
            "One bar per line with a range, widest first: the NPV with the line at its low and at its high factor, red where worse than planned, green where better; the vertical line is the NPV as planned."
        }
        ChartMonteCarlo => "Distribution of the net present value (simulation)",
        ChartMonteCarloDesc => {
            "Histogram of the simulated NPVs; the dashed lines mark P10, the median and P90, the solid line zero."
        }
        ChartPlannedAgainstActual => "Planned against actual cost and harvest per year",
        ChartPlannedAgainstActualDesc => {
            "Four bars per year: cost planned and actual, harvest planned and actual. The plan is that of the items with an actual (an item without one is not an underspend); a year with no actual shows its whole plan and has no actual bar."
        }
        ChartNpvPerProject => "Net present value per project",
        ChartNpvPerProjectDesc => {
            "One bar per computed project, in the table's order: above zero it pays off, below zero it does not."
        }
        ChartFirstProjects => "The chart shows the first projects of the table:",
        AmountIn => "Amount",
        NumberOfDraws => "Number of draws",
        Draws => "Draws",
        From => "From",
        To => "To",
        PaidBack => "Paid back",
        ScenarioOptimismUpper => "optimism bias, upper",
        ScenarioOptimismLower => "optimism bias, lower",
        StatusOk => "ok",
        StatusWarnings => "warnings",
        StatusError => "error",
        Median => "Median",
        NpvAsPlanned => "NPV as planned",
        CostPlanned => "Costs, planned",
        CostActual => "Costs, actual",
        HarvestPlanned => "Harvest, planned",
        HarvestActual => "Harvest, actual",
        Contents => "Contents",
        Projects => "Projects",
        SumsPerGroup => "Sums per group and year",
        NoGroup => "(none given)",
        Rank => "Rank",
        Status => "Status",
        DataTable => "Figures",
        SheetSummary => "Summary",
        SheetAssumptions => "Assumptions",
        SheetYears => "Years",
        SheetLines => "Lines",
        SheetStakeholders => "Stakeholders",
        SheetRealisation => "Benefit realisation",
        SheetSensitivity => "Sensitivity",
        SheetFindings => "Findings",
        Severity => "Severity",
        TotalCostsPlain => "Total costs",
        TotalBenefitsPlain => "Total benefits",
        NetPlain => "Net",
        CumulativeNetPlain => "Cumulative net",
        DiscountFactorPlain => "Discount factor",
        PresentValuePlain => "Present value",
        LowFactorPlain => "Low factor",
        HighFactorPlain => "High factor",
        NpvAtLowFactorPlain => "NPV at low factor",
        NpvAtHighFactorPlain => "NPV at high factor",
        SwitchingFactorPlain => "Switching factor",
        Figure => "Figure",
        WhatItMeans => "What it means",
        NpvWithoutLowConfidenceBenefits => "NPV without low-confidence benefits",
        BenefitThatMustComeTrue => "Benefit that must come true",
        DelayThatTurnsCase => "Delay that turns the case",
        Simulation => "Simulation",
        NpvP10 => "NPV, P10",
        NpvMedianP50 => "NPV, median (P50)",
        NpvP90 => "NPV, P90",
        ProbabilityOfNegativeNpv => "Probability of a negative NPV",
        NoLineHasRangeRangeSo => "No line has a range (`range`), so no simulation was run.",
        HowRobustIsCase => "How robust is the case?",
        Year2 => "Year",
        Operations4 => "Operations",
        OtherCosts2 => "Other\ncosts",
        TotalCosts2 => "Total\ncosts",
        FinancialBenefits2 => "Financial\nbenefits",
        ReallocationBenefits2 => "Reallocation\nbenefits",
        TotalBenefits2 => "Total\nbenefits",
        Net => "Net",
        CumulativeNet => "Cumulative\nnet",
        DiscountFactor => "Discount\nfactor",
        PlannedHarvest2 => "Planned\nharvest",
        Total => "Total",
        YearByYear => "Year by year",
        Costs2 => "Costs",
        MonetisedBenefits2 => "Monetised benefits",
        NoCosts => "No costs.",
        NoMonetisedBenefits => "No monetised benefits.",
        Line => "Line",
        Category => "Category",
        Class => "Class",
        Confidence => "Confidence",
        PresentValue => "Present\nvalue",
        Lines => "Lines",
        Stakeholder => "Stakeholder",
        Npv => "NPV",
        ByStakeholder => "By stakeholder",
        Npv2 => "NPV",
        RealisationPlan => "Realisation plan",
        NoMonetisedBenefitsToRealise => "No monetised benefits to realise.",
        Benefit => "Benefit",
        Owner => "Owner",
        Method => "Method",
        Share => "Share",
        Lag => "Lag",
        TotalBenefit => "Total\nbenefit",
        BenefitNotHarvested => "Benefit not\nharvested",
        PlanPerBenefit => "Plan per benefit",
        PlannedHarvestPerYear => "Planned harvest per year",
        MeasuredBy => "Measured by",
        Baseline => "Baseline",
        BaselineDate => "Baseline date",
        Target => "Target",
        TargetDate => "Target date",
        FollowUp => "Follow-up",
        FollowingUpRealisation => "Following up the realisation",
        Schedule => "schedule",
        Mo => "mo",
        Missing => "missing",
        FollowUpNoBenefitStatesYet => {
            "Follow-up: no benefit states yet who measures, the baseline, the target or when the realisation is followed up (measured_by, baseline, target, follow_up under [benefits.realisation])."
        }
        NoMethodGiven => "no method given",
        Method2 => "Method",
        PlannedHarvestPerStakeholderAndYear => "Planned harvest per stakeholder and year",
        Total2 => "total",
        NoPlannedHarvestSoNoStakeholder => "No stakeholder has any planned harvest.",
        BudgetConsequencePlannedHarvestSavingsDemand => {
            "Budget consequence: the planned harvest each stakeholder must carry, per year and method. Only a budget reduction (besparingskrav) cuts a budget; redeployed time, revenue, avoided costs and quality are taken home in other ways."
        }
        EffekthemtagningCalculationHasNoInvestmentTo => {
            "Effekthemtagning: the calculation has no investment to set the harvest against."
        }
        CumulativeInvestment => "Cumulative\ninvestment",
        CumulativeHarvest => "Cumulative\nharvest",
        HarvestInvestment => "Harvest /\ninvestment",
        HarvestAgainstInvestmentPerYearEffekthemtagning => "Harvest against investment per year (effekthemtagning)",
        EffekthemtagningHarvestAgainstInvestmentPlannedHarvest => {
            "Effekthemtagning (harvest against investment): the planned harvest to date as a share of the investment to date."
        }
        QualitativeBenefits => "Qualitative benefits",
        Indicator => "Indicator",
        NoQualitativeBenefits => "No qualitative benefits.",
        NoLineHasRangeSoThere => "No line has a range, so there is no low or high case.",
        LowFactor => "Low\nfactor",
        HighFactor => "High\nfactor",
        NpvAtLowFactor => "NPV at\nlow factor",
        NpvAtHighFactor => "NPV at\nhigh factor",
        Spread => "Spread",
        RangePerLineTornado => "Range per line (tornado)",
        Case => "Case",
        LowAndHighCase => "Low and high case",
        LowCaseEveryRangeUnfavourable => "Low case (every range unfavourable)",
        AsPlanned => "As planned",
        Assumptions => "Assumptions",
        Assumption => "Assumption",
        PriceLevel => "Price level",
        HourlyCostWithOverhead => "Hourly cost",
        OverheadPo => "Personnel overhead",
        CurrencyLabel => "Currency",
        Rounding => "Rounding",
        NotStated => "not stated",
        RealRate => "real (fixed prices)",
        NominalRate => "nominal (current prices)",
        RealOrNominalNotStated => "real or nominal not stated",
        DiscountRateCap => "Discount rate",
        NotPlannedForHarvest => "Not planned\nfor harvest",
        HarvestedAfterHorizon => "Harvested after\nthe horizon",
        WholeProject => "the project as a whole",
        StakeholdersPlace => "stakeholders",
        CostLines => "cost lines",
        BenefitLines => "benefit lines",
        MoreThanTenfold => "more than tenfold",
        BenefitUnreachableNote => "* The NPV stays positive even without this benefit.",
        CostUnreachableNote => "* The NPV stays negative even if this cost were gone.",
        ScenariosSideBySide => "Scenarios side by side",
        BaseCase => "base case",
        HighCaseEveryRangeFavourable => "High case (every range favourable)",
        Type => "Type",
        SwitchingFactor => "Switching\nfactor",
        ChangeToNpv0 => "Change to\nNPV = 0",
        SwitchingFactors => "Switching factors",
        NoMonetisedLines => "No monetised lines.",
        SwitchingFactorIsWhatLineMust => {
            "The switching factor is what a line must be multiplied by to bring the NPV to 0."
        }
        Sensitivity => "Sensitivity",
        Source => "Source",
        Note => "Note",
        SourcesAndNotes => "Sources and notes",
        FindingsNyttaCheck => "Findings (nytta check)",
        NoFindings => "No findings.",
        Code => "Code",
        Where => "Where",
        Finding => "Finding",
        Hint => "Hint",
        ActualsUpToAndIncluding => "Actuals up to and including",
        Cost => "cost",
        Benefit2 => "benefit",
        Harvest => "harvest",
        Planned => "Planned",
        Actual => "Actual",
        Variance => "Variance",
        ActualsAgainstPlan => "Actuals against plan",
        VarianceActualPlannedYearWithNo => {
            "Variance = actual − planned. A year with no actual reported shows –; the total's variance counts only years with an actual."
        }
        Kind => "Kind",
        MissingActuals => "Missing\nactuals",
        PlannedReported => "Planned, items\nwith actuals",
        TotalsUpToFollowUpYear => "Totals up to the follow-up year",
        Benefits2 => "Benefits",
        Harvest2 => "Harvest",
        RealisationRateHarvestedPlannedHarvest => "Realisation rate (harvested / planned harvest)",
        RowsWithNoActualReported => "Rows with no actual reported",
        Totals => "Totals",
        Plan => "Plan",
        ReForecast => "Re-forecast",
        Difference => "Difference",
        CostsPlanned => "Costs\nplanned",
        CostsReForecast => "Costs\nre-forecast",
        BenefitsPlanned => "Benefits\nplanned",
        BenefitsReForecast => "Benefits\nre-forecast",
        NetPlanned => "Net\nplanned",
        NetReForecast => "Net\nre-forecast",
        PlanAndReForecastPerYear => "Plan and re-forecast per year",
        ReForecastAgainstPlan => "Re-forecast against plan",
        Flags => "Flags",
        NoFlags => "No flags.",
        Flag => "Flag",
        Name => "Name",
        Codes => "Codes",
        Payback2 => "Payback month",
        Group => "Group",
        NpvOptimismBiasUpper => "NPV, optimism bias (upper)",
        NpvOptimismBiasLower => "NPV, optimism bias (lower)",
        PortfolioFollowUp => "Portfolio follow-up",
        NpvPlan => "NPV\nplan",
        NpvReForecast => "NPV\nre-forecast",
        FlagsPerProject => "Flags per project",
        SheetGroups => "Groups",
        PortfolioTotal => "Whole portfolio",
        BenefitPlanned => "Benefit, planned",
        BenefitActual => "Benefit, actual",
    }
}

/// The English wording of a sentence with figures.
pub(super) fn phrase(p: &Phrase) -> String {
    let pays_off = |pays: bool| if pays { "pays off" } else { "does not pay off" };
    match *p {
        Phrase::NpvAll { pays } => format!("Counting every monetised benefit, the case {}.", pays_off(pays)),
        Phrase::NpvFinancial { pays } => format!(
            "Counting only benefits that show in a budget (not freed time), the case {}.",
            pays_off(pays)
        ),
        Phrase::NpvWithoutLowConfidence { pays } => {
            format!("Without the least certain benefits, the case {}.", pays_off(pays))
        }
        Phrase::IrrAt { irr, rate } => format!("The case breaks even at a discount rate of {irr} (now {rate})."),
        Phrase::IrrNegative { irr } => format!(
            "The case breaks even only at a negative discount rate ({irr}): it does not earn back what it costs, even without interest."
        ),
        Phrase::NoIrr => "No internal rate of return: no discount rate makes the NPV zero.".to_string(),
        Phrase::NoIrrAlwaysPays => {
            "No internal rate of return: the net is positive every year, so the case pays off at any discount rate."
                .to_string()
        }
        Phrase::NoIrrNeverPays => {
            "No internal rate of return: the net is negative every year, so the case pays off at no discount rate."
                .to_string()
        }
        Phrase::NoMonetisedBenefit => "The case has no monetised benefit.".to_string(),
        Phrase::NoBreakEvenEvenIfAll { share } => {
            format!("The case does not break even even if every benefit comes true: it would take {share} of them.")
        }
        Phrase::BreaksEvenIf { share } => format!("The case breaks even if {share} of the benefit comes true."),
        Phrase::StopsPayingOffAfter { months } => format!(
            "The case stops paying off if the benefits come {months} month{} late.",
            if months == 1 { "" } else { "s" }
        ),
        Phrase::AlreadyNegative => "The case does not pay off already.".to_string(),
        Phrase::KeepsPayingOff { months } => {
            format!("The case keeps paying off even if the benefits come {months} months late.")
        }
        Phrase::OptimismBias {
            factor,
            delay,
            upper,
            written,
            pays,
        } => {
            let what = match delay {
                0 => format!("investment × {factor}"),
                1 => format!("investment × {factor} and benefits 1 month later"),
                d => format!("investment × {factor} and benefits {d} months later"),
            };
            if written {
                return format!(
                    "With {what}, as the file's own scenario `{}` says, the case {}.",
                    if upper { "optimism-upper" } else { "optimism-lower" },
                    pays_off(pays)
                );
            }
            format!(
                "With {what}, as experience of IT projects shows ({}), the case {}.",
                if upper {
                    "the UK Treasury's Green Book, upper adjustment"
                } else {
                    "the UK Treasury's Green Book, lower adjustment"
                },
                pays_off(pays)
            )
        }
        Phrase::CouldNotCompute => "Could not be computed: the amounts grow too large.".to_string(),
        Phrase::SimulationCaption { draws, seed } => format!("Simulation over the ranges ({draws} draws, seed {seed})"),
        Phrase::SimulationSummary { p10, p90, negative } => format!(
            "In nine cases out of ten the NPV is at least {p10}, and in nine out of ten at most {p90}. The chance that the case does not pay off is {negative}."
        ),
        Phrase::NothingPlannedUpTo { as_of } => format!("Nothing planned and no actuals up to and including {as_of}."),
        Phrase::HourlyFromSalary {
            salary,
            hours,
            overhead,
            hourly,
        } => format!("{salary} a month / {hours} hours × (1 + {overhead}) = {hourly} an hour"),
        Phrase::HourlyWithOverhead { base, overhead, hourly } => {
            format!("{base} an hour × (1 + {overhead}) = {hourly} an hour")
        }
        Phrase::PricesOf { year } => format!("prices of {year}"),
        Phrase::RoundingRule { unit } => format!(
            "Everything is computed exactly, month by month, and rounded only when shown, to whole {unit}. Totals are rounded as usual (half away from zero) and their parts so that they add up to the total (largest remainder method), so every table adds up as shown; net is benefits less costs as shown. A single item may therefore show 1 more or less than its own rounded amount. The exact amounts are in JSON and CSV."
        ),
        Phrase::ReforecastBasis { as_of } => format!(
            "The re-forecast takes the actuals up to and including {as_of} (the plan where none was reported) and, \
             for the years after, the plan or the trend (see below)."
        ),
        Phrase::Entry { section, number, name } => format!("[[{section}]] #{number} \"{name}\""),
    }
}

/// A column of a CSV (`--excel`) or spreadsheet for people, by its key in the plain CSV.
pub(super) fn column(key: &str) -> Option<&'static str> {
    Some(match key {
        "year" => "Year",
        "costs" => "Costs",
        "investment_costs" => "Investment costs",
        "operations_costs" => "Operations costs",
        "other_costs" => "Other costs",
        "benefits" => "Benefits",
        "financial_benefits" => "Financial benefits",
        "reallocation_benefits" => "Reallocation benefits",
        "net" => "Net",
        "cumulative_net" => "Cumulative net",
        "discount_factor" => "Discount factor",
        "planned_harvest" => "Planned harvest",
        "id" => "Id",
        "name" => "Name",
        "npv" => "NPV",
        "kind" => "Kind",
        "category" => "Category",
        "class" => "Class",
        "confidence" => "Confidence",
        "total" => "Total",
        "pv" => "Present value",
        "switching_factor" => "Switching factor",
        "benefit" => "Benefit",
        "line" => "Line",
        "method" => "Method",
        "owner" => "Owner",
        "share" => "Share",
        "lag_months" => "Lag (months)",
        "planned" => "Planned",
        "actual" => "Actual",
        "variance" => "Variance",
        "variance_share" => "Variance (share)",
        "source" => "Source",
        "organisation" => "Organisation",
        "portfolio" => "Portfolio",
        "status" => "Status",
        "errors" => "Errors",
        "warnings" => "Warnings",
        "codes" => "Codes",
        "total_costs" => "Total costs",
        "total_benefits" => "Total benefits",
        "bcr" => "BCR",
        "irr" => "IRR",
        "payback_month" => "Payback month",
        "harvest_share" => "Harvest share",
        "message" => "Message",
        "benefit_breakeven" => "Benefit break-even",
        "delay_breakeven_months" => "Delay break-even (months)",
        "optimism_upper_npv" => "NPV, optimism bias (upper)",
        "probability_negative" => "Probability of negative NPV",
        "group" => "Group",
        "as_of" => "Followed up to",
        "planned_costs" => "Costs, planned",
        "actual_costs" => "Costs, actual",
        "planned_benefits" => "Benefits, planned",
        "actual_benefits" => "Benefits, actual",
        "actual_harvest" => "Harvest, actual",
        "realisation_rate" => "Realisation rate",
        "missing" => "Missing actuals",
        "flags" => "Flags",
        "overdue" => "Overdue (W204)",
        "error" => "Error",
        "projects" => "Projects",
        "planned_npv" => "NPV, planned",
        "forecast_npv" => "NPV, re-forecast",
        "rank" => "Rank",
        "code" => "Code",
        "severity" => "Severity",
        "scenario" => "Scenario",
        "npv_financial" => "NPV, financial benefits only",
        "key" => "Assumption",
        "value" => "Value",
        "comment" => "Comment",
        "amount" => "Amount",
        "stakeholder_id" => "Stakeholder id",
        "stakeholder" => "Stakeholder",
        "ids" => "Ids in the files",
        "besparingskrav" => "Savings demand (besparingskrav)",
        "measure" => "Measure",
        _ => return None,
    })
}
