//! The words of the human-readable documents (table and Markdown reports, follow-up,
//! batch tables), one catalogue per language: `sv.rs` and `en.rs`. A builder names a
//! label by its id ([`Label`]) and never writes the text itself, so a translation is
//! one file and the compiler finds a label missing in either language.
//!
//! Ids are named after the English text; each variant's doc is that text. Where two
//! labels share their English text (a word in running text and a column header, say),
//! the later one is numbered.
//!
//! Sentences that carry figures are [`Phrase`]s: the builder formats the figures and
//! decides the case, each language's file words it.

mod en;
mod sv;

use crate::fmt::Lang;

/// A label of the human-readable documents, named after its English text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// Benefit realisation plan
    BenefitRealisationPlan,
    /// Benefit calculation
    BenefitCalculation,
    /// of the monetised benefits
    OfMonetisedBenefits,
    /// Monetised benefits
    MonetisedBenefits,
    /// Planned harvest
    PlannedHarvest,
    /// investment
    Investment,
    /// operations
    Operations,
    /// other
    Other,
    /// financial
    Financial,
    /// reallocation
    Reallocation,
    /// qualitative
    Qualitative,
    /// high
    High,
    /// medium
    Medium,
    /// low
    Low,
    /// budget reduction
    BudgetReduction,
    /// redeployment
    Redeployment,
    /// revenue
    Revenue,
    /// cost avoidance
    CostAvoidance,
    /// quality
    Quality,
    /// Project id
    ProjectId,
    /// Organisation
    Organisation,
    /// Portfolio
    Portfolio,
    /// Overdue\n(W204)
    Overdue,
    /// yes (a yes/no cell for people: `--excel` CSV)
    Yes,
    /// no (a yes/no cell for people: `--excel` CSV)
    No,
    /// Portfolio follow-up, worst first (plan against actuals to date)
    PortfolioFollowUpWorstFirst,
    /// Per group
    PortfolioFollowUpPerGroup,
    /// Deviations per line and year (actual − planned; * a comment below)
    DeviationsPerLineAndYear,
    /// Comments
    Comments,
    /// Comment
    Comment,
    /// Realisation\nso far
    RealisationSoFar,
    /// Forecast: trend. Each line's years after the follow-up year are its plan × its realisation so far (Σ actual / Σ planned over the years with an actual); a line with no actual keeps its plan. The plan is shown beside it.
    ForecastTrend,
    /// Forecast: plan. The years after the follow-up year keep the plan.
    ForecastPlan,
    /// Forecast per line
    ForecastPerLine,
    /// Changes
    DiffOf,
    /// Assumptions changed
    AssumptionsChanged,
    /// Lines added, removed and changed
    LinesAddedRemovedChanged,
    /// NPV bridge: from the old NPV to the new, one step per change
    NpvBridge,
    /// Order: assumptions (horizon, go-live, hourly cost, discount rate), then removed lines, then changed and added lines in the new file's order; each step's effect is the NPV after it minus the NPV before it, so the steps sum to the difference.
    NpvBridgeOrder,
    /// Old
    Old,
    /// New
    New,
    /// Change
    Change,
    /// added
    Added,
    /// removed
    Removed,
    /// changed
    Changed,
    /// Keys changed
    KeysChanged,
    /// Step
    Step,
    /// Effect on\nNPV
    EffectOnNpv,
    /// NPV\nafter
    NpvAfter,
    /// Other changes
    OtherChanges,
    /// combined with the next step; alone the file does not validate:
    CombinedWithNextStep,
    /// Hourly cost
    HourlyCost,
    /// Old NPV
    OldNpv,
    /// New NPV
    NewNpv,
    /// The files do not differ (comments and layout aside).
    NoDifferences,
    /// No assumption changed.
    NoAssumptionChanged,
    /// No line added, removed or changed.
    NoLineChanged,
    /// matched by name
    MatchedByName,
    /// renamed from
    RenamedFrom,
    /// overhead
    Overhead,
    /// Projects
    Projects2,
    /// Ids
    Ids,
    /// Besparings-\nkrav
    Besparingskrav2,
    /// Per stakeholder, summed over the portfolio (each project split by its stakeholder shares)
    PerStakeholderOverPortfolio,
    /// Costs per stakeholder and year
    CostsPerStakeholderAndYear,
    /// Besparingskrav (planned harvest by budget reduction) per stakeholder and year
    BesparingskravPerStakeholderAndYear,
    /// year
    Year,
    /// years
    Years,
    /// Horizon
    Horizon,
    /// Go-live
    GoLive,
    /// Scenario
    Scenario,
    /// kronor (SEK), whole kronor
    KronorSekWholeKronor,
    /// whole units
    WholeUnits,
    /// Amounts
    Amounts,
    /// Overridden on the command line
    OverriddenOnCommandLine,
    /// costs
    Costs,
    /// operations
    Operations2,
    /// benefits
    Benefits,
    /// benefits delayed
    BenefitsDelayed,
    /// months
    Months,
    /// discount rate
    DiscountRate,
    /// default
    Default,
    /// Item
    Item,
    /// Amount
    Amount,
    /// Costs and benefits over the horizon
    CostsAndBenefitsOverHorizon,
    /// Investment
    Investment2,
    /// Operations
    Operations3,
    /// Other costs
    OtherCosts,
    /// Total costs
    TotalCosts,
    /// Financial benefits
    FinancialBenefits,
    /// Reallocation benefits
    ReallocationBenefits,
    /// Total benefits
    TotalBenefits,
    /// Of which high confidence
    OfWhichHighConfidence,
    /// Of which medium confidence
    OfWhichMediumConfidence,
    /// Of which low confidence
    OfWhichLowConfidence,
    /// Net (benefits − costs)
    NetBenefitsCosts,
    /// Key figure
    KeyFigure,
    /// Value
    Value,
    /// Key figures
    KeyFigures,
    /// Discount rate
    DiscountRate2,
    /// PV costs
    PvCosts,
    /// PV benefits
    PvBenefits,
    /// Net present value (NPV)
    NetPresentValueNpv,
    /// NPV, financial benefits only
    NpvFinancialBenefitsOnly,
    /// NPV, high-confidence benefits only
    NpvHighConfidenceBenefitsOnly,
    /// Benefit-cost ratio (BCR)
    BenefitCostRatioBcr,
    /// Internal rate of return (IRR)
    InternalRateOfReturnIrr,
    /// Payback
    Payback,
    /// Harvest share (of benefits)
    HarvestShareOfBenefits,
    /// Summary
    Summary,
    /// Worse than planned
    WorseThanPlanned,
    /// Better than planned
    BetterThanPlanned,
    /// Costs and benefits per year
    ChartCostsAndBenefitsPerYear,
    /// Bars per year: benefits above zero by class, costs below zero by category; the line is the year's net.
    ChartCostsAndBenefitsPerYearDesc,
    /// Cumulative net and payback
    ChartCumulativeNet,
    /// The net added up from the start, at the end of each year; the dashed line marks the month the investment is paid back.
    ChartCumulativeNetDesc,
    /// The net added up from the start, at the end of each year; the investment is not paid back within the horizon.
    ChartCumulativeNetNoPaybackDesc,
    /// Planned harvest against benefit per year
    ChartHarvestAgainstBenefit,
    /// Two bars per year: the monetised benefit and the part of it planned to be taken home.
    ChartHarvestAgainstBenefitDesc,
    /// Savings demand (budget reductions) per stakeholder
    ChartSavingsDemandPerStakeholder,
    /// One bar per stakeholder: the planned harvest taken out of its budget over the horizon.
    ChartSavingsDemandPerStakeholderDesc,
    /// Savings demand (a stakeholder's budget reductions over the horizon)
    SavingsDemandTotal,
    /// Net present value per stakeholder
    ChartNpvPerStakeholder,
    /// One bar per stakeholder: above zero the stakeholder gains, below zero it pays.
    ChartNpvPerStakeholderDesc,
    /// One bar per line with a range, widest first: the NPV with the line at its low and at its high factor; the vertical line is the NPV as planned.
    ChartTornadoDesc,
    /// Distribution of the net present value (simulation)
    ChartMonteCarlo,
    /// Histogram of the simulated NPVs; the dashed lines mark P10, the median and P90, the solid line zero.
    ChartMonteCarloDesc,
    /// Planned against actual cost and harvest per year
    ChartPlannedAgainstActual,
    /// Four bars per year: cost planned and actual, harvest planned and actual; a year with no actual has no actual bar.
    ChartPlannedAgainstActualDesc,
    /// Net present value per project
    ChartNpvPerProject,
    /// One bar per computed project, in the table's order: above zero it pays off, below zero it does not.
    ChartNpvPerProjectDesc,
    /// The chart shows the first projects of the table:
    ChartFirstProjects,
    /// Amount
    AmountIn,
    /// Number of draws
    NumberOfDraws,
    /// Draws
    Draws,
    /// From
    From,
    /// To
    To,
    /// Paid back
    PaidBack,
    /// The built-in scenario `optimism-upper`, for people
    ScenarioOptimismUpper,
    /// The built-in scenario `optimism-lower`, for people
    ScenarioOptimismLower,
    /// A batch row's status: computed, no finding
    StatusOk,
    /// A batch row's status: computed, with warnings
    StatusWarnings,
    /// A batch row's status: not computed, the file has errors
    StatusError,
    /// Median
    Median,
    /// NPV as planned
    NpvAsPlanned,
    /// Costs, planned
    CostPlanned,
    /// Costs, actual
    CostActual,
    /// Harvest, planned
    HarvestPlanned,
    /// Harvest, actual
    HarvestActual,
    /// Contents
    Contents,
    /// Projects
    Projects,
    /// Sums per group and year
    SumsPerGroup,
    /// A group for the projects that name none (no `portfolio`)
    NoGroup,
    /// Rank
    Rank,
    /// Status
    Status,
    /// Figures
    DataTable,
    /// Summary
    SheetSummary,
    /// Assumptions
    SheetAssumptions,
    /// Years
    SheetYears,
    /// Lines
    SheetLines,
    /// Stakeholders
    SheetStakeholders,
    /// Benefit realisation
    SheetRealisation,
    /// Sensitivity
    SheetSensitivity,
    /// Findings
    SheetFindings,
    /// Severity
    Severity,
    /// Total costs
    TotalCostsPlain,
    /// Total benefits
    TotalBenefitsPlain,
    /// Net
    NetPlain,
    /// Cumulative net
    CumulativeNetPlain,
    /// Discount factor
    DiscountFactorPlain,
    /// Present value
    PresentValuePlain,
    /// Low factor
    LowFactorPlain,
    /// High factor
    HighFactorPlain,
    /// NPV at low factor
    NpvAtLowFactorPlain,
    /// NPV at high factor
    NpvAtHighFactorPlain,
    /// Switching factor
    SwitchingFactorPlain,
    /// Figure
    Figure,
    /// What it means
    WhatItMeans,
    /// NPV without low-confidence benefits
    NpvWithoutLowConfidenceBenefits,
    /// Benefit that must come true
    BenefitThatMustComeTrue,
    /// Delay that turns the case
    DelayThatTurnsCase,
    /// Simulation
    Simulation,
    /// NPV, P10
    NpvP10,
    /// NPV, median (P50)
    NpvMedianP50,
    /// NPV, P90
    NpvP90,
    /// Probability of a negative NPV
    ProbabilityOfNegativeNpv,
    /// No line has a range (`range`), so no simulation was run.
    NoLineHasRangeRangeSo,
    /// How robust is the case?
    HowRobustIsCase,
    /// Year
    Year2,
    /// Operations
    Operations4,
    /// Other\ncosts
    OtherCosts2,
    /// Total\ncosts
    TotalCosts2,
    /// Financial\nbenefits
    FinancialBenefits2,
    /// Reallocation\nbenefits
    ReallocationBenefits2,
    /// Total\nbenefits
    TotalBenefits2,
    /// Net
    Net,
    /// Cumulative\nnet
    CumulativeNet,
    /// Discount\nfactor
    DiscountFactor,
    /// Planned\nharvest
    PlannedHarvest2,
    /// Total
    Total,
    /// Year by year
    YearByYear,
    /// Costs
    Costs2,
    /// Monetised benefits
    MonetisedBenefits2,
    /// No costs.
    NoCosts,
    /// No monetised benefits.
    NoMonetisedBenefits,
    /// Line
    Line,
    /// Category
    Category,
    /// Class
    Class,
    /// Confidence
    Confidence,
    /// Present\nvalue
    PresentValue,
    /// Lines
    Lines,
    /// Stakeholder
    Stakeholder,
    /// NPV
    Npv,
    /// By stakeholder
    ByStakeholder,
    /// NPV
    Npv2,
    /// Realisation plan
    RealisationPlan,
    /// No monetised benefits to realise.
    NoMonetisedBenefitsToRealise,
    /// Benefit
    Benefit,
    /// Owner
    Owner,
    /// Method
    Method,
    /// Share
    Share,
    /// Lag
    Lag,
    /// Total\nbenefit
    TotalBenefit,
    /// Benefit not\nharvested
    BenefitNotHarvested,
    /// Plan per benefit
    PlanPerBenefit,
    /// Planned harvest per year
    PlannedHarvestPerYear,
    /// Measured by
    MeasuredBy,
    /// Baseline
    Baseline,
    /// Baseline date
    BaselineDate,
    /// Target
    Target,
    /// Target date
    TargetDate,
    /// Follow-up
    FollowUp,
    /// Following up the realisation
    FollowingUpRealisation,
    /// schedule
    Schedule,
    /// mo
    Mo,
    /// missing
    Missing,
    /// Follow-up: no benefit states yet who measures, the baseline, the target or when the realisation is followed up (measured_by, baseline, target, follow_up under [benefits.realisation]).
    FollowUpNoBenefitStatesYet,
    /// no method given
    NoMethodGiven,
    /// Method
    Method2,
    /// Planned harvest per stakeholder and year
    PlannedHarvestPerStakeholderAndYear,
    /// total
    Total2,
    /// No planned harvest, so no stakeholder carries a savings demand.
    NoPlannedHarvestSoNoStakeholder,
    /// Budget consequence: the planned harvest (savings demand) each stakeholder must carry in its budget, per year and method.
    BudgetConsequencePlannedHarvestSavingsDemand,
    /// Effekthemtagning: the calculation has no investment to set the harvest against.
    EffekthemtagningCalculationHasNoInvestmentTo,
    /// Cumulative\ninvestment
    CumulativeInvestment,
    /// Cumulative\nharvest
    CumulativeHarvest,
    /// Harvest /\ninvestment
    HarvestInvestment,
    /// Harvest against investment per year (effekthemtagning)
    HarvestAgainstInvestmentPerYearEffekthemtagning,
    /// Effekthemtagning (harvest against investment): the planned harvest to date as a share of the investment to date.
    EffekthemtagningHarvestAgainstInvestmentPlannedHarvest,
    /// Qualitative benefits
    QualitativeBenefits,
    /// Indicator
    Indicator,
    /// No qualitative benefits.
    NoQualitativeBenefits,
    /// No line has a range, so there is no low or high case.
    NoLineHasRangeSoThere,
    /// Low\nfactor
    LowFactor,
    /// High\nfactor
    HighFactor,
    /// NPV at\nlow factor
    NpvAtLowFactor,
    /// NPV at\nhigh factor
    NpvAtHighFactor,
    /// Spread
    Spread,
    /// Range per line (tornado)
    RangePerLineTornado,
    /// Case
    Case,
    /// Low and high case
    LowAndHighCase,
    /// Low case (every range unfavourable)
    LowCaseEveryRangeUnfavourable,
    /// As planned
    AsPlanned,
    /// base case (the scenario `base`, the plain file)
    BaseCase,
    /// Scenarios side by side
    ScenariosSideBySide,
    /// more than tenfold
    MoreThanTenfold,
    /// * The NPV stays positive even without this benefit.
    BenefitUnreachableNote,
    /// * The NPV stays negative even if this cost were gone.
    CostUnreachableNote,
    /// the project as a whole
    WholeProject,
    /// stakeholders
    StakeholdersPlace,
    /// cost lines
    CostLines,
    /// benefit lines
    BenefitLines,
    /// Not planned for harvest
    NotPlannedForHarvest,
    /// Harvested after the horizon
    HarvestedAfterHorizon,
    /// Assumptions
    Assumptions,
    /// Assumption
    Assumption,
    /// Price level
    PriceLevel,
    /// Hourly cost
    HourlyCostWithOverhead,
    /// Personnel overhead
    OverheadPo,
    /// Currency
    CurrencyLabel,
    /// Rounding
    Rounding,
    /// not stated
    NotStated,
    /// real (fixed prices)
    RealRate,
    /// nominal (current prices)
    NominalRate,
    /// real or nominal not stated
    RealOrNominalNotStated,
    /// Discount rate
    DiscountRateCap,
    /// High case (every range favourable)
    HighCaseEveryRangeFavourable,
    /// Type
    Type,
    /// Switching\nfactor
    SwitchingFactor,
    /// Change to\nNPV = 0
    ChangeToNpv0,
    /// Switching factors
    SwitchingFactors,
    /// No monetised lines.
    NoMonetisedLines,
    /// The switching factor is what a line must be multiplied by to bring the NPV to 0.
    SwitchingFactorIsWhatLineMust,
    /// Sensitivity
    Sensitivity,
    /// Source
    Source,
    /// Note
    Note,
    /// Sources and notes
    SourcesAndNotes,
    /// Findings (nytta check)
    FindingsNyttaCheck,
    /// No findings.
    NoFindings,
    /// Code
    Code,
    /// Where
    Where,
    /// Finding
    Finding,
    /// Hint
    Hint,
    /// Actuals up to and including
    ActualsUpToAndIncluding,
    /// cost
    Cost,
    /// benefit
    Benefit2,
    /// harvest
    Harvest,
    /// Planned
    Planned,
    /// Actual
    Actual,
    /// Variance
    Variance,
    /// Actuals against plan
    ActualsAgainstPlan,
    /// Variance = actual − planned. A year with no actual reported shows –; the total's variance counts only years with an actual.
    VarianceActualPlannedYearWithNo,
    /// Kind
    Kind,
    /// Missing\nactuals
    MissingActuals,
    /// Planned,\nwith actuals
    PlannedReported,
    /// Totals up to the follow-up year
    TotalsUpToFollowUpYear,
    /// Benefits
    Benefits2,
    /// Harvest
    Harvest2,
    /// Realisation rate (harvested / planned harvest)
    RealisationRateHarvestedPlannedHarvest,
    /// Rows with no actual reported
    RowsWithNoActualReported,
    /// Totals
    Totals,
    /// Plan
    Plan,
    /// Re-forecast
    ReForecast,
    /// Difference
    Difference,
    /// Costs\nplanned
    CostsPlanned,
    /// Costs\nre-forecast
    CostsReForecast,
    /// Benefits\nplanned
    BenefitsPlanned,
    /// Benefits\nre-forecast
    BenefitsReForecast,
    /// Net\nplanned
    NetPlanned,
    /// Net\nre-forecast
    NetReForecast,
    /// Plan and re-forecast per year
    PlanAndReForecastPerYear,
    /// Re-forecast against plan
    ReForecastAgainstPlan,
    /// Flags
    Flags,
    /// No flags.
    NoFlags,
    /// Flag
    Flag,
    /// Name
    Name,
    /// Codes
    Codes,
    /// Payback
    Payback2,
    /// Group
    Group,
    /// NPV, optimism bias (upper)
    NpvOptimismBiasUpper,
    /// NPV, optimism bias (lower)
    NpvOptimismBiasLower,
    /// Portfolio follow-up
    PortfolioFollowUp,
    /// NPV\nplan
    NpvPlan,
    /// NPV\nre-forecast
    NpvReForecast,
    /// Flags per project
    FlagsPerProject,
    /// Groups
    SheetGroups,
    /// Whole portfolio
    PortfolioTotal,
    /// Benefit, planned
    BenefitPlanned,
    /// Benefit, actual
    BenefitActual,
}

impl Label {
    /// Every label, in declaration order (kept complete by a test).
    pub const ALL: &'static [Label] = &[
        Label::BenefitRealisationPlan,
        Label::BenefitCalculation,
        Label::OfMonetisedBenefits,
        Label::MonetisedBenefits,
        Label::PlannedHarvest,
        Label::Investment,
        Label::Operations,
        Label::Other,
        Label::Financial,
        Label::Reallocation,
        Label::Qualitative,
        Label::High,
        Label::Medium,
        Label::Low,
        Label::BudgetReduction,
        Label::Redeployment,
        Label::Revenue,
        Label::CostAvoidance,
        Label::Quality,
        Label::ProjectId,
        Label::Organisation,
        Label::Portfolio,
        Label::Overdue,
        Label::Yes,
        Label::No,
        Label::PortfolioFollowUpWorstFirst,
        Label::PortfolioFollowUpPerGroup,
        Label::DeviationsPerLineAndYear,
        Label::Comments,
        Label::Comment,
        Label::RealisationSoFar,
        Label::ForecastTrend,
        Label::ForecastPlan,
        Label::ForecastPerLine,
        Label::DiffOf,
        Label::AssumptionsChanged,
        Label::LinesAddedRemovedChanged,
        Label::NpvBridge,
        Label::NpvBridgeOrder,
        Label::Old,
        Label::New,
        Label::Change,
        Label::Added,
        Label::Removed,
        Label::Changed,
        Label::KeysChanged,
        Label::Step,
        Label::EffectOnNpv,
        Label::NpvAfter,
        Label::OtherChanges,
        Label::CombinedWithNextStep,
        Label::HourlyCost,
        Label::OldNpv,
        Label::NewNpv,
        Label::NoDifferences,
        Label::NoAssumptionChanged,
        Label::NoLineChanged,
        Label::MatchedByName,
        Label::RenamedFrom,
        Label::Overhead,
        Label::Projects2,
        Label::Ids,
        Label::Besparingskrav2,
        Label::PerStakeholderOverPortfolio,
        Label::CostsPerStakeholderAndYear,
        Label::BesparingskravPerStakeholderAndYear,
        Label::Year,
        Label::Years,
        Label::Horizon,
        Label::GoLive,
        Label::Scenario,
        Label::KronorSekWholeKronor,
        Label::WholeUnits,
        Label::Amounts,
        Label::OverriddenOnCommandLine,
        Label::Costs,
        Label::Operations2,
        Label::Benefits,
        Label::BenefitsDelayed,
        Label::Months,
        Label::DiscountRate,
        Label::Default,
        Label::Item,
        Label::Amount,
        Label::CostsAndBenefitsOverHorizon,
        Label::Investment2,
        Label::Operations3,
        Label::OtherCosts,
        Label::TotalCosts,
        Label::FinancialBenefits,
        Label::ReallocationBenefits,
        Label::TotalBenefits,
        Label::OfWhichHighConfidence,
        Label::OfWhichMediumConfidence,
        Label::OfWhichLowConfidence,
        Label::NetBenefitsCosts,
        Label::KeyFigure,
        Label::Value,
        Label::KeyFigures,
        Label::DiscountRate2,
        Label::PvCosts,
        Label::PvBenefits,
        Label::NetPresentValueNpv,
        Label::NpvFinancialBenefitsOnly,
        Label::NpvHighConfidenceBenefitsOnly,
        Label::BenefitCostRatioBcr,
        Label::InternalRateOfReturnIrr,
        Label::Payback,
        Label::HarvestShareOfBenefits,
        Label::Summary,
        Label::WorseThanPlanned,
        Label::BetterThanPlanned,
        Label::ChartCostsAndBenefitsPerYear,
        Label::ChartCostsAndBenefitsPerYearDesc,
        Label::ChartCumulativeNet,
        Label::ChartCumulativeNetDesc,
        Label::ChartCumulativeNetNoPaybackDesc,
        Label::ChartHarvestAgainstBenefit,
        Label::ChartHarvestAgainstBenefitDesc,
        Label::ChartSavingsDemandPerStakeholder,
        Label::ChartSavingsDemandPerStakeholderDesc,
        Label::SavingsDemandTotal,
        Label::ChartNpvPerStakeholder,
        Label::ChartNpvPerStakeholderDesc,
        Label::ChartTornadoDesc,
        Label::ChartMonteCarlo,
        Label::ChartMonteCarloDesc,
        Label::ChartPlannedAgainstActual,
        Label::ChartPlannedAgainstActualDesc,
        Label::ChartNpvPerProject,
        Label::ChartNpvPerProjectDesc,
        Label::ChartFirstProjects,
        Label::AmountIn,
        Label::NumberOfDraws,
        Label::Draws,
        Label::From,
        Label::To,
        Label::PaidBack,
        Label::ScenarioOptimismUpper,
        Label::ScenarioOptimismLower,
        Label::StatusOk,
        Label::StatusWarnings,
        Label::StatusError,
        Label::Median,
        Label::NpvAsPlanned,
        Label::CostPlanned,
        Label::CostActual,
        Label::HarvestPlanned,
        Label::HarvestActual,
        Label::Contents,
        Label::Projects,
        Label::SumsPerGroup,
        Label::NoGroup,
        Label::Rank,
        Label::Status,
        Label::DataTable,
        Label::SheetSummary,
        Label::SheetAssumptions,
        Label::SheetYears,
        Label::SheetLines,
        Label::SheetStakeholders,
        Label::SheetRealisation,
        Label::SheetSensitivity,
        Label::SheetFindings,
        Label::Severity,
        Label::TotalCostsPlain,
        Label::TotalBenefitsPlain,
        Label::NetPlain,
        Label::CumulativeNetPlain,
        Label::DiscountFactorPlain,
        Label::PresentValuePlain,
        Label::LowFactorPlain,
        Label::HighFactorPlain,
        Label::NpvAtLowFactorPlain,
        Label::NpvAtHighFactorPlain,
        Label::SwitchingFactorPlain,
        Label::Figure,
        Label::WhatItMeans,
        Label::NpvWithoutLowConfidenceBenefits,
        Label::BenefitThatMustComeTrue,
        Label::DelayThatTurnsCase,
        Label::Simulation,
        Label::NpvP10,
        Label::NpvMedianP50,
        Label::NpvP90,
        Label::ProbabilityOfNegativeNpv,
        Label::NoLineHasRangeRangeSo,
        Label::HowRobustIsCase,
        Label::Year2,
        Label::Operations4,
        Label::OtherCosts2,
        Label::TotalCosts2,
        Label::FinancialBenefits2,
        Label::ReallocationBenefits2,
        Label::TotalBenefits2,
        Label::Net,
        Label::CumulativeNet,
        Label::DiscountFactor,
        Label::PlannedHarvest2,
        Label::Total,
        Label::YearByYear,
        Label::Costs2,
        Label::MonetisedBenefits2,
        Label::NoCosts,
        Label::NoMonetisedBenefits,
        Label::Line,
        Label::Category,
        Label::Class,
        Label::Confidence,
        Label::PresentValue,
        Label::Lines,
        Label::Stakeholder,
        Label::Npv,
        Label::ByStakeholder,
        Label::Npv2,
        Label::RealisationPlan,
        Label::NoMonetisedBenefitsToRealise,
        Label::Benefit,
        Label::Owner,
        Label::Method,
        Label::Share,
        Label::Lag,
        Label::TotalBenefit,
        Label::BenefitNotHarvested,
        Label::PlanPerBenefit,
        Label::PlannedHarvestPerYear,
        Label::MeasuredBy,
        Label::Baseline,
        Label::BaselineDate,
        Label::Target,
        Label::TargetDate,
        Label::FollowUp,
        Label::FollowingUpRealisation,
        Label::Schedule,
        Label::Mo,
        Label::Missing,
        Label::FollowUpNoBenefitStatesYet,
        Label::NoMethodGiven,
        Label::Method2,
        Label::PlannedHarvestPerStakeholderAndYear,
        Label::Total2,
        Label::NoPlannedHarvestSoNoStakeholder,
        Label::BudgetConsequencePlannedHarvestSavingsDemand,
        Label::EffekthemtagningCalculationHasNoInvestmentTo,
        Label::CumulativeInvestment,
        Label::CumulativeHarvest,
        Label::HarvestInvestment,
        Label::HarvestAgainstInvestmentPerYearEffekthemtagning,
        Label::EffekthemtagningHarvestAgainstInvestmentPlannedHarvest,
        Label::QualitativeBenefits,
        Label::Indicator,
        Label::NoQualitativeBenefits,
        Label::NoLineHasRangeSoThere,
        Label::LowFactor,
        Label::HighFactor,
        Label::NpvAtLowFactor,
        Label::NpvAtHighFactor,
        Label::Spread,
        Label::RangePerLineTornado,
        Label::Case,
        Label::LowAndHighCase,
        Label::LowCaseEveryRangeUnfavourable,
        Label::AsPlanned,
        Label::BaseCase,
        Label::ScenariosSideBySide,
        Label::MoreThanTenfold,
        Label::BenefitUnreachableNote,
        Label::CostUnreachableNote,
        Label::WholeProject,
        Label::StakeholdersPlace,
        Label::CostLines,
        Label::BenefitLines,
        Label::NotPlannedForHarvest,
        Label::HarvestedAfterHorizon,
        Label::Assumptions,
        Label::Assumption,
        Label::PriceLevel,
        Label::HourlyCostWithOverhead,
        Label::OverheadPo,
        Label::CurrencyLabel,
        Label::Rounding,
        Label::NotStated,
        Label::RealRate,
        Label::NominalRate,
        Label::RealOrNominalNotStated,
        Label::DiscountRateCap,
        Label::HighCaseEveryRangeFavourable,
        Label::Type,
        Label::SwitchingFactor,
        Label::ChangeToNpv0,
        Label::SwitchingFactors,
        Label::NoMonetisedLines,
        Label::SwitchingFactorIsWhatLineMust,
        Label::Sensitivity,
        Label::Source,
        Label::Note,
        Label::SourcesAndNotes,
        Label::FindingsNyttaCheck,
        Label::NoFindings,
        Label::Code,
        Label::Where,
        Label::Finding,
        Label::Hint,
        Label::ActualsUpToAndIncluding,
        Label::Cost,
        Label::Benefit2,
        Label::Harvest,
        Label::Planned,
        Label::Actual,
        Label::Variance,
        Label::ActualsAgainstPlan,
        Label::VarianceActualPlannedYearWithNo,
        Label::Kind,
        Label::MissingActuals,
        Label::PlannedReported,
        Label::TotalsUpToFollowUpYear,
        Label::Benefits2,
        Label::Harvest2,
        Label::RealisationRateHarvestedPlannedHarvest,
        Label::RowsWithNoActualReported,
        Label::Totals,
        Label::Plan,
        Label::ReForecast,
        Label::Difference,
        Label::CostsPlanned,
        Label::CostsReForecast,
        Label::BenefitsPlanned,
        Label::BenefitsReForecast,
        Label::NetPlanned,
        Label::NetReForecast,
        Label::PlanAndReForecastPerYear,
        Label::ReForecastAgainstPlan,
        Label::Flags,
        Label::NoFlags,
        Label::Flag,
        Label::Name,
        Label::Codes,
        Label::Payback2,
        Label::Group,
        Label::NpvOptimismBiasUpper,
        Label::NpvOptimismBiasLower,
        Label::PortfolioFollowUp,
        Label::NpvPlan,
        Label::NpvReForecast,
        Label::FlagsPerProject,
        Label::SheetGroups,
        Label::PortfolioTotal,
        Label::BenefitPlanned,
        Label::BenefitActual,
    ];
}

/// A sentence with figures in it. The builder passes the figures already formatted
/// (by [`crate::fmt`]) and the facts the wording depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrase<'a> {
    /// "Counting every monetised benefit, the case pays off."
    NpvAll {
        /// NPV ≥ 0.
        pays: bool,
    },
    /// "Counting only benefits that show in a budget (not freed time), the case pays off."
    NpvFinancial {
        /// NPV ≥ 0.
        pays: bool,
    },
    /// "Without the least certain benefits, the case pays off."
    NpvWithoutLowConfidence {
        /// NPV ≥ 0.
        pays: bool,
    },
    /// "The case breaks even at a discount rate of {irr} (now {rate})."
    IrrAt {
        /// The IRR.
        irr: &'a str,
        /// The discount rate used.
        rate: &'a str,
    },
    /// "The case breaks even only at a negative discount rate ({irr}): it does not earn back what it spends, even without interest."
    IrrNegative {
        /// The IRR.
        irr: &'a str,
    },
    /// "No internal rate of return: no discount rate makes the NPV zero."
    NoIrr,
    /// "No internal rate of return: the net is positive every year, so the case pays off at any discount rate."
    NoIrrAlwaysPays,
    /// "No internal rate of return: the net is negative every year, so the case pays off at no discount rate."
    NoIrrNeverPays,
    /// "The case has no monetised benefit."
    NoMonetisedBenefit,
    /// "The case does not break even even if every benefit comes true: it would take {share} of them."
    NoBreakEvenEvenIfAll {
        /// The share of the benefit needed.
        share: &'a str,
    },
    /// "The case breaks even if {share} of the benefit comes true."
    BreaksEvenIf {
        /// The share of the benefit needed.
        share: &'a str,
    },
    /// "The case stops paying off if the benefits come {months} months late."
    StopsPayingOffAfter {
        /// Months of delay.
        months: u32,
    },
    /// "The case does not pay off already."
    AlreadyNegative,
    /// "The case keeps paying off even if the benefits come {months} months late."
    KeepsPayingOff {
        /// The horizon in months.
        months: usize,
    },
    /// "With investment × {factor} and benefits {delay} months later, as experience of IT
    /// projects shows (Green Book, upper value), the case pays off."
    OptimismBias {
        /// The investment factor.
        factor: &'a str,
        /// Months of delay.
        delay: u32,
        /// The upper (else the lower) Green Book value.
        upper: bool,
        /// The file writes its own scenario of that name (so it is not the Green Book's).
        written: bool,
        /// NPV ≥ 0.
        pays: bool,
    },
    /// "Could not be computed: the amounts grow too large."
    CouldNotCompute,
    /// "Simulation over the ranges ({draws} draws, seed {seed})"
    SimulationCaption {
        /// The number of draws.
        draws: &'a str,
        /// The seed.
        seed: u64,
    },
    /// "In nine cases out of ten the NPV is at least {p10}, … at most {p90}. The chance
    /// that the case does not pay off is {negative}."
    SimulationSummary {
        /// The 10th percentile of the NPV.
        p10: &'a str,
        /// The 90th percentile of the NPV.
        p90: &'a str,
        /// The chance of a negative NPV.
        negative: &'a str,
    },
    /// "38 500 kr a month / 142 hours × (1 + 40,15 %) = 379,98 kr an hour"
    HourlyFromSalary {
        /// The monthly salary.
        salary: &'a str,
        /// Hours a month.
        hours: &'a str,
        /// The overhead.
        overhead: &'a str,
        /// The hourly cost with overhead.
        hourly: &'a str,
    },
    /// "450 kr an hour × (1 + 40,15 %) = 630,68 kr an hour"
    HourlyWithOverhead {
        /// The hourly cost before overhead.
        base: &'a str,
        /// The overhead.
        overhead: &'a str,
        /// The hourly cost with overhead.
        hourly: &'a str,
    },
    /// "prices of {year}"
    PricesOf {
        /// The price year.
        year: i32,
    },
    /// How figures are rounded: exactly computed, rounded at output to whole {unit}.
    RoundingRule {
        /// The currency unit (`kr`).
        unit: &'a str,
    },
    /// "Nothing planned and no actuals up to and including {as_of}."
    NothingPlannedUpTo {
        /// The last year followed up.
        as_of: i32,
    },
    /// "The re-forecast takes the actuals up to and including {as_of} … and, for the years
    /// after, the plan or the trend (see below)."
    ReforecastBasis {
        /// The last year followed up.
        as_of: i32,
    },
    /// A line or stakeholder as the file shows it: `[[benefits]] #2 "Name"` (the
    /// wording of the parser's messages).
    Entry {
        /// The array of tables: `costs`, `benefits` or `stakeholders`.
        section: &'a str,
        /// Its place in the file, from 1.
        number: usize,
        /// Its name.
        name: &'a str,
    },
}

impl Phrase<'_> {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Sv => sv::phrase(self),
            Lang::En => en::phrase(self),
        }
    }
}

/// A scenario's name for people: the base case and the built-in optimism presets in
/// words ("grundkalkyl", "optimism (övre)"); a scenario the file names keeps its name.
pub fn scenario_name(name: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    use crate::model::{OptimismBias, Scenario};
    if name == Scenario::base().name {
        Label::BaseCase.text(lang).into()
    } else if name == OptimismBias::Upper.scenario_name() {
        Label::ScenarioOptimismUpper.text(lang).into()
    } else if name == OptimismBias::Lower.scenario_name() {
        Label::ScenarioOptimismLower.text(lang).into()
    } else {
        name.into()
    }
}

/// The heading of a column for people (`--excel` CSV, spreadsheets) in `lang`, by the
/// column's key in the plain CSV (`planned_harvest` → "Planerad hemtagning"); `None` for
/// a key the catalogue does not know (a year, say), which is shown as it is.
pub fn column(key: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::Sv => sv::column(key),
        Lang::En => en::column(key),
    }
}

/// Every column key [`column()`] knows, for the test that each is worded in both languages.
pub const COLUMN_KEYS: &[&str] = &[
    "scenario",
    "npv_financial",
    "key",
    "value",
    "year",
    "costs",
    "investment_costs",
    "operations_costs",
    "other_costs",
    "benefits",
    "financial_benefits",
    "reallocation_benefits",
    "net",
    "cumulative_net",
    "discount_factor",
    "planned_harvest",
    "id",
    "name",
    "npv",
    "kind",
    "category",
    "class",
    "confidence",
    "total",
    "pv",
    "switching_factor",
    "benefit",
    "line",
    "method",
    "owner",
    "share",
    "lag_months",
    "planned",
    "actual",
    "variance",
    "variance_share",
    "source",
    "organisation",
    "portfolio",
    "status",
    "errors",
    "warnings",
    "codes",
    "total_costs",
    "total_benefits",
    "bcr",
    "irr",
    "payback_month",
    "harvest_share",
    "message",
    "benefit_breakeven",
    "delay_breakeven_months",
    "optimism_upper_npv",
    "probability_negative",
    "group",
    "as_of",
    "planned_costs",
    "actual_costs",
    "planned_benefits",
    "actual_benefits",
    "actual_harvest",
    "realisation_rate",
    "missing",
    "flags",
    "overdue",
    "error",
    "projects",
    "planned_npv",
    "forecast_npv",
    "rank",
    "code",
    "severity",
    "comment",
    "amount",
    "stakeholder_id",
    "stakeholder",
    "ids",
    "projects",
    "besparingskrav",
    "measure",
];

impl Label {
    /// The label's text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => sv::text(self),
            Lang::En => en::text(self),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels that read the same in both languages: abbreviations, codes and loanwords.
    const SAME_IN_BOTH: &[&str] = &["Organisation", "Scenario", "Plan", "Id", "Status", "Median", "ok"];

    #[test]
    fn every_column_is_worded_in_both_languages() {
        for key in COLUMN_KEYS {
            let (sv, en) = (column(key, Lang::Sv), column(key, Lang::En));
            assert!(sv.is_some() && en.is_some(), "{key}");
            assert!(
                sv != en || SAME_IN_BOTH.contains(&sv.unwrap_or_default()),
                "{key}: {sv:?}"
            );
        }
    }

    #[test]
    fn all_lists_every_label() {
        let source = include_str!("mod.rs");
        let start = source.find("pub enum Label {").unwrap();
        let end = start + source[start..].find("\n}\n").unwrap();
        let declared = source[start..end]
            .lines()
            .filter(|l| l.starts_with("    ") && !l.trim_start().starts_with("//") && l.trim_end().ends_with(','))
            .count();
        assert_eq!(Label::ALL.len(), declared, "add the new label to Label::ALL");
    }

    #[test]
    fn every_label_is_worded_in_both_languages() {
        let same: Vec<String> = Label::ALL
            .iter()
            .filter(|l| {
                let (sv, en) = (l.text(Lang::Sv), l.text(Lang::En));
                sv.trim().is_empty() || en.trim().is_empty() || (sv == en && !SAME_IN_BOTH.contains(&sv))
            })
            .map(|l| format!("{l:?}: {:?}", l.text(Lang::Sv)))
            .collect();
        assert!(same.is_empty(), "labels not translated:\n{}", same.join("\n"));
    }
}
